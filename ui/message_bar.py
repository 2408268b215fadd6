"""The inline message bar: a recoverable problem or a note above a page's content."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

STYLES = {
    "error": ("#fbe4e2", "#d9837b", "#8c1d18"),
    "warning": ("#fde7c8", "#e0a84f", "#6b4100"),
    "info": ("#e3eefb", "#8fb3e0", "#163e6b"),
}


class MessageBar(QFrame):
    """A recoverable problem or a note, shown inline above the content; × hides it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MessageBar")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._close = QToolButton(self)
        self._close.setText("×")
        self._close.setAutoRaise(True)
        self._close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 2, 2)
        layout.addWidget(self.text, 1)
        layout.addWidget(self._close)
        self.kind = ""
        self.retranslate()
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._close.setToolTip(self.tr("Dismiss"))

    def show_message(self, text: str, kind: str = "error") -> None:
        back, border, fore = STYLES.get(kind, STYLES["error"])
        self.kind = kind
        self.setStyleSheet(
            f"#MessageBar {{ background: {back}; border: 1px solid {border}; border-radius: 3px; }}"
            f" #MessageBar QLabel {{ color: {fore}; }}"
        )
        self.text.setText(text)
        self.show()

    def clear(self) -> None:
        self.text.clear()
        self.kind = ""
        self.hide()
