"""Progress and cancellation for long pure computations run off the GUI thread.

A long function takes `progress: Callable[[float], None] | None` (called with the done share,
0…1, from the computing thread) and `cancelled: Callable[[], bool] | None` (polled between
chunks of work); when `cancelled()` turns true it raises `CancelledError` and returns nothing.
"""

from __future__ import annotations

from collections.abc import Callable

ProgressFn = Callable[[float], None]
CancelFn = Callable[[], bool]


class CancelledError(Exception):
    """The caller cancelled a long computation (not a failure: nothing is returned)."""


class Ticker:
    """Reports `done/total` to `progress` and checks `cancelled` at each step."""

    def __init__(self, total: float, progress: ProgressFn | None, cancelled: CancelFn | None):
        self.total = max(float(total), 1.0)
        self.done = 0.0
        self._progress, self._cancelled = progress, cancelled

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise CancelledError("cancelled")

    def step(self, amount: float = 1.0) -> None:
        """Count `amount` of work done, report it, then honour a cancellation."""
        self.done = min(self.done + amount, self.total)
        if self._progress is not None:
            self._progress(self.done / self.total)
        self.check()

    def finish(self) -> None:
        self.done = self.total
        if self._progress is not None:
            self._progress(1.0)
