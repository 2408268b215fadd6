"""What the Methods pages share while the tab is open: the latest AHP result per node
(the Entropy page combines it with the entropy weights)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal as QtSignal

from scoring.ahp import AHPResult


class MethodsState(QObject):
    ahp_changed = QtSignal(str)  # node code

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ahp: dict[str, AHPResult] = {}

    def ahp(self, node: str) -> AHPResult | None:
        """The AHP weights of `node`'s children (the experts combined), if computed."""
        return self._ahp.get(node)

    def set_ahp(self, node: str, result: AHPResult | None) -> None:
        if result is None:
            if self._ahp.pop(node, None) is None:
                return
        else:
            self._ahp[node] = result
        self.ahp_changed.emit(node)
