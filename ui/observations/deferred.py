"""Coalesced, pausable refreshes for item models that follow the session's signals."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class DeferredRefresh(QObject):
    """Calls `refresh` once for any number of `request()`s made in one event-loop turn.

    While paused (its view hidden) requests are only remembered; `set_paused(False)`
    then refreshes once. An undo of ten edits or an import thus costs one reload.
    """

    def __init__(self, refresh: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._refresh = refresh
        self._paused = self._stale = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run)

    @property
    def pending(self) -> bool:
        return self._stale or self._timer.isActive()

    def request(self, *_args: object) -> None:
        """Ask for a refresh (slot for any signal)."""
        if self._paused:
            self._stale = True
        else:
            self._timer.start()

    def set_paused(self, paused: bool) -> None:
        self._paused = paused
        if paused and self._timer.isActive():
            self._timer.stop()
            self._stale = True
        elif not paused and self._stale:
            self._run()

    def flush(self) -> None:
        """Refresh now if a refresh is due (paused or not)."""
        if self.pending:
            self._run()

    def _run(self) -> None:
        self._timer.stop()
        self._stale = False
        self._refresh()
