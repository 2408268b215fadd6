"""Resolve a conflict by editing: the master's values, or the package's, as a start."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.cities import CHANNELS
from models.merge_rows import COLUMNS, Version
from ui.merge.texts import names
from ui.observations.labels import channel_label
from ui.observations.table_model import format_value
from ui.session import Session

EDITED = ("value", "channel", "observed_on", "source", "note")


class ResolutionEditDialog(QDialog):
    """`values()`: the fields whose new value differs from the master's row."""

    def __init__(
        self, session: Session, ours: Version, theirs: Version, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session, self._ours, self._theirs = session, ours, theirs
        self.value, self.date = QLineEdit(self), QLineEdit(self)
        self.source, self.note = QLineEdit(self), QLineEdit(self)
        self.channel = QComboBox(self)
        for channel in CHANNELS:
            self.channel.addItem(channel_label(channel, session.language), channel)
        self.from_theirs, self.from_ours = QPushButton(self), QPushButton(self)
        self.from_theirs.clicked.connect(lambda: self._fill(self._theirs))
        self.from_ours.clicked.connect(lambda: self._fill(self._ours))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        for widget in (self.value, self.channel, self.date, self.source, self.note):
            self.form.addRow(QLabel(self), widget)
        self.hint, self.what = QLabel(self), QLabel(self)
        self.hint.setWordWrap(True)
        self.what.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addWidget(self.hint)
        layout.addLayout(self.form)
        layout.addWidget(self.from_ours)
        layout.addWidget(self.from_theirs)
        layout.addWidget(self.buttons)
        self._fill(ours)
        self.retranslate()
        self.setMinimumWidth(480)

    def _fill(self, version: Version) -> None:
        row = dict(zip(COLUMNS, version.row, strict=True))
        self.value.setText(format_value(float(row["value"])))
        self.channel.setCurrentIndex(max(self.channel.findData(row["channel"]), 0))
        self.date.setText(str(row["observed_on"]))
        self.source.setText(str(row["source"]))
        self.note.setText(str(row["note"]))

    def values(self) -> dict[str, object]:
        current = dict(zip(COLUMNS, self._ours.row, strict=True))
        edited: dict[str, object] = {
            "value": self.value.text().strip(),
            "channel": self.channel.currentData(),
            "observed_on": self.date.text().strip(),
            "source": self.source.text().strip(),
            "note": self.note.text().strip(),
        }
        if edited["value"] == format_value(float(current["value"])):
            edited["value"] = current["value"]
        return {k: v for k, v in edited.items() if v != current[k]}

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Edit the observation"))
        self.hint.setText(self.tr("Enter what is right; the other version is settled."))
        city, leaf, unit = names(self._session, int(self._ours.row[2]), int(self._ours.row[3]))
        self.what.setText(f"<b>{html.escape(city)} · {html.escape(leaf)}</b>")
        value_label = self.tr("Value ({unit}):").format(unit=unit) if unit else self.tr("Value:")
        texts = (value_label, self.tr("Channel:"), self.tr("Date (YYYY-MM-DD):"),
                 self.tr("Source:"), self.tr("Note:"))  # fmt: skip
        for row, text in enumerate(texts):
            item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setText(text)
        self.from_ours.setText(self.tr("Start from the master's version"))
        self.from_theirs.setText(self.tr("Start from the package's version"))
