"""Who is working: the evaluator's name and team (asked on first start, changeable later).

The device id is created once per installation (AppSettings.device) and only shown here.
Every observation and audit row records the evaluator and device; the team is recorded
once per (evaluator, device) in the workspace (models.audit.Actor).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models.audit import Actor
from ui.settings import AppSettings


class IdentityDialog(QDialog):
    """Name (required) and team; OK stores them in the settings."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.name = QLineEdit(settings.evaluator if settings.identity_set else "", self)
        self.team = QLineEdit(settings.team, self)
        self.device = QLabel(settings.device, self)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._form = QFormLayout()
        for field in (self.name, self.team, self.device):
            label = QLabel(self)
            label.setBuddy(field)  # Alt + the underlined letter moves there
            self._form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self._form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.name.textChanged.connect(lambda _t: self.problem.clear())
        self.retranslate()

    def accept(self) -> None:
        if not self.name.text().strip():
            self.problem.setText(self.tr("Please give your name: it is recorded with your work."))
            self.name.setFocus()
            return
        self._settings.evaluator = self.name.text()
        self._settings.team = self.team.text()
        super().accept()

    def actor(self) -> Actor:
        return Actor(self._settings.evaluator, self._settings.device, self._settings.team)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Evaluator and team"))
        self.intro.setText(
            self.tr(
                "Your name and team are recorded with every observation and change you make, "
                "so that the coordinator can tell the teams' work apart when merging."
            )
        )
        self.name.setPlaceholderText(self.tr("e.g. 张伟"))
        self.team.setPlaceholderText(self.tr("e.g. 第二评估组"))
        for row, text in enumerate(
            (self.tr("Your &name:"), self.tr("&Team:"), self.tr("This computer:"))
        ):
            label = self._form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = label.widget() if label is not None else None
            if isinstance(widget, QLabel):
                widget.setText(text)
