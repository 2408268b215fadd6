"""Pieces the Methods pages share: the node picker, labels, refreshing when shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtWidgets import QComboBox, QWidget

from ui.session import Session


def node_label(session: Session, code: str) -> str:
    """ "CODE name" in the session's language (the code alone if the node is unknown)."""
    framework = session.framework
    return f"{code} {session.name(framework[code])}" if code in framework else code


class NodePicker(QComboBox):
    """The framework's aggregates (with at least `min_children` children), indented by
    depth; keeps the chosen node across framework and language changes."""

    node_changed = QtSignal(str)

    def __init__(self, session: Session, parent: QWidget | None = None, min_children: int = 1):
        super().__init__(parent)
        self._session, self._min_children = session, min_children
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMaxVisibleItems(24)
        self.refresh()
        self.currentIndexChanged.connect(self._changed)
        session.framework_changed.connect(self.refresh)
        session.language_changed.connect(lambda _language: self.refresh())

    def current_code(self) -> str | None:
        code = self.currentData()
        return code if isinstance(code, str) else None

    def set_current_code(self, code: str) -> bool:
        at = self.findData(code)
        if at >= 0:
            self.setCurrentIndex(at)
        return at >= 0

    def refresh(self) -> None:
        framework = self._session.framework
        keep = self.current_code()
        self.blockSignals(True)
        self.clear()
        for node in framework.walk():
            kids = framework.children(node.code)
            if len(kids) >= max(self._min_children, 1):
                indent = "\u3000" * framework.depth(node.code)
                label = f"{indent}{node.code} {self._session.name(node)}"
                self.addItem(label, node.code)
                self.setItemData(self.count() - 1, len(kids), Qt.ItemDataRole.UserRole + 1)
        at = self.findData(keep) if keep is not None else -1
        self.setCurrentIndex(at if at >= 0 else 0)
        self.blockSignals(False)
        if self.current_code() != keep:
            self._changed()

    def _changed(self, _index: int = 0) -> None:
        code = self.current_code()
        if code is not None:
            self.node_changed.emit(code)


def refill_combo(combo: QComboBox, items: list[tuple[str, str]]) -> None:
    """Replace the texts, keeping the chosen data."""
    keep = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    at = combo.findData(keep)
    combo.setCurrentIndex(at if at >= 0 else 0)
    combo.blockSignals(False)


class WhenShown(QObject):
    """Runs `refresh` at once while `widget` is visible, else the next time it is shown
    (pages hidden in a tab cost nothing when the scores change)."""

    def __init__(self, widget: QWidget, refresh: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget, self._refresh = widget, refresh
        self.stale = True
        widget.installEventFilter(self)

    def request(self) -> None:
        if self._widget.isVisible():
            self.stale = False
            self._refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self._refresh()
        return False
