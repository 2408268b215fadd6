"""File → Field teams → Export field package: chosen cities, all or only what changed since
the last export, one file for the coordinator."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models.package_export import ExportSummary
from models.packages import SUFFIX
from models.store import StoreError
from ui.session import Session

PACKAGE_FILTER = f"SMART City field package (*{SUFFIX});;All files (*)"


class ExportDialog(QDialog):
    """Exports on OK; `summary` holds what was written (None until then)."""

    def __init__(self, session: Session, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.summary: ExportSummary | None = None
        self.cities = QListWidget(self)
        for city in session.cities:
            item = QListWidgetItem(session.name(city), self.cities)
            item.setData(Qt.ItemDataRole.UserRole, city.city_id)
            item.setCheckState(Qt.CheckState.Checked)
        self.all_button, self.none_button = QPushButton(self), QPushButton(self)
        self.all_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        self.none_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        self.everything, self.since_last = QRadioButton(self), QRadioButton(self)
        self.since_last.setChecked(True)
        name = _file_name(f"{session.actor.evaluator}-{session.campaign.name}")
        self.path = QLineEdit(str(folder / f"{name}{SUFFIX}"), self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._browse)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.heading, self.where = QLabel(self), QLabel(self)
        self._layout()
        self.retranslate()
        self.resize(520, 560)

    def _layout(self) -> None:
        picks = QHBoxLayout()
        picks.addWidget(self.all_button)
        picks.addWidget(self.none_button)
        picks.addStretch(1)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.cities, 1)
        layout.addLayout(picks)
        layout.addWidget(self.since_last)
        layout.addWidget(self.everything)
        layout.addWidget(self.where)
        layout.addLayout(file_row)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def chosen_city_ids(self) -> list[int]:
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.cities.item(n) for n in range(self.cities.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _check_all(self, state: Qt.CheckState) -> None:
        for n in range(self.cities.count()):
            self.cities.item(n).setCheckState(state)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export field package"), self.path.text(), PACKAGE_FILTER
        )
        if name:
            self.path.setText(name if name.endswith(SUFFIX) else name + SUFFIX)

    def accept(self) -> None:
        chosen = self.chosen_city_ids()
        target = Path(self.path.text().strip())
        if not chosen:
            self.problem.setText(self.tr("Choose at least one city."))
            return
        if target.exists():
            self.problem.setText(self.tr("A file with this name exists; choose another name."))
            return
        try:
            self.summary = self._session.workspace.export_package(
                self._session.campaign.campaign_id,
                target,
                self._session.actor,
                city_ids=chosen,
                since_last=self.since_last.isChecked(),
            )
        except (StoreError, ValueError, OSError) as error:
            self.problem.setText(str(error))
            return
        super().accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export field package"))
        self.heading.setText(self.tr("Cities whose observations go into the package:"))
        self.all_button.setText(self.tr("All"))
        self.none_button.setText(self.tr("None"))
        self.since_last.setText(self.tr("Only what changed since the last export of each city"))
        self.everything.setText(self.tr("All observations of these cities"))
        self.where.setText(self.tr("Package file (give it to the coordinator):"))
        self.browse.setText(self.tr("Browse…"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(self.tr("&Export"))


def _file_name(text: str) -> str:
    """`text` usable as a file name everywhere (no / \\ : * ? " < > |, no spaces at the ends)."""
    cleaned = re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("._")
    return cleaned or "package"
