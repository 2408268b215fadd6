"""The framework editor's bars: the weight banner (a sibling group whose weights do not
sum to 100 %, with its fixes) and the inline error bar (why an edit was refused)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QWidget,
)

from models.framework_weights import WeightGroup
from ui.message_bar import MessageBar

BANNER_STYLE = (
    "WeightBanner { background: #fde7c8; border: 1px solid #e0a84f; border-radius: 3px; }"
)
REFUSED_PREFIX = "refused: "


class WeightBanner(QFrame):
    """Hidden while every group sums to 100 %; else names one group and offers to
    normalise it (or all of them)."""

    normalise = QtSignal()
    normalise_all = QtSignal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(BANNER_STYLE)
        self._icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._icon.setPixmap(icon.pixmap(size, size))
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.normalise_button = QPushButton(self)
        self.normalise_all_button = QPushButton(self)
        self.normalise_button.clicked.connect(lambda: self.normalise.emit())
        self.normalise_all_button.clicked.connect(lambda: self.normalise_all.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self._icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.normalise_button)
        layout.addWidget(self.normalise_all_button)
        self._group: WeightGroup | None = None
        self._message, self._count = "", 0
        self.retranslate()
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.normalise_button.setText(self.tr("Normalise"))
        self.normalise_all_button.setText(self.tr("Normalise all"))
        self.normalise_all_button.setToolTip(
            self.tr("Rescale every sibling group to 100 % (one undo step)")
        )
        self.show_group(self._group, self._message, self._count)

    def show_group(self, group: WeightGroup | None, message: str, count: int) -> None:
        """Show `message` about `group`, one of `count` unbalanced groups; hide if None."""
        self._group, self._message, self._count = group, message, count
        self.setVisible(group is not None)
        if group is None:
            return
        more = ""
        if count > 1:
            more = " " + self.tr("({count} groups in all do not sum to 100 %)").format(count=count)
        self.text.setText(message + more)
        self.normalise_button.setToolTip(
            self.tr("Rescale the weights under {code} to sum to 100 %").format(code=group.parent)
        )
        self.normalise_all_button.setVisible(count > 1)


class ErrorBar(MessageBar):
    """Why the last edit was refused; hidden by the next change, a new selection or ×."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self._reason = ""  # before MessageBar.__init__ calls retranslate()
        super().__init__(parent)

    def retranslate(self) -> None:
        super().retranslate()
        if self._reason:
            self.text.setText(self.tr("Not changed: {reason}").format(reason=self._reason))

    def show_refusal(self, message: str) -> None:
        """Show a refusal (the store's English reason, without its 'refused: ' prefix)."""
        reason = message.removeprefix(REFUSED_PREFIX)
        self._reason = reason[:1].upper() + reason[1:]
        self.show_message(self.tr("Not changed: {reason}").format(reason=self._reason))
