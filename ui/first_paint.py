"""Start-up timing: the time from process start to the main window's first paint.

Set SMARTCITY_EXIT_AT_FIRST_PAINT and start the program normally (`python main.py`, or the
frozen program): once the main window has painted for the first time, the program writes
one JSON line and quits. The value says where: "-" for stdout, anything else is a file
path (a Windows program without a console has no stdout). SMARTCITY_LAUNCHED_AT, if set,
is the launcher's `time.time()` just before it started the process, so the figure
includes the interpreter's (or the frozen bootloader's) start; without it the clock
starts when main.py began to run. bench/gui.py (gui-first-paint) and bench/frozen.py
(frozen-first-paint) use this.

The line: {"first_paint_ms": 812.4, "since": "launch"|"main", "workspace": "..."}
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow

EXIT_VARIABLE = "SMARTCITY_EXIT_AT_FIRST_PAINT"
LAUNCHED_VARIABLE = "SMARTCITY_LAUNCHED_AT"
MAIN_STARTED = time.time()  # the module is imported by ui.launch, early in main.py's run


class FirstPaintProbe(QObject):
    """Watches a window; after its first paint has been delivered, reports and quits."""

    def __init__(
        self,
        window: QMainWindow,
        target: str,
        started: float,
        since: str,
        done: Callable[[], None] = QCoreApplication.quit,
    ) -> None:
        super().__init__(window)
        self._window, self._target = window, target
        self._started, self._since, self._done = started, since, done
        self._fired = False
        self.elapsed_ms: float | None = None
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._fired and watched is self._window and event.type() == QEvent.Type.Paint:
            self._fired = True
            self.elapsed_ms = (time.time() - self._started) * 1000.0
            QTimer.singleShot(0, self._report)  # after this paint pass has finished
        return False

    def _report(self) -> None:
        record = {
            "first_paint_ms": round(self.elapsed_ms or 0.0, 1),
            "since": self._since,
            "workspace": self._window.windowTitle(),
        }
        line = json.dumps(record, ensure_ascii=False) + "\n"
        if self._target == "-":
            if sys.stdout is not None:
                sys.stdout.write(line)
                sys.stdout.flush()
        else:
            Path(self._target).write_text(line, encoding="utf-8")
        self._window.close()
        self._done()


def install_from_environment(window: QMainWindow) -> FirstPaintProbe | None:
    """Install the probe when SMARTCITY_EXIT_AT_FIRST_PAINT is set; else do nothing."""
    target = os.environ.get(EXIT_VARIABLE, "")
    if not target:
        return None
    launched = os.environ.get(LAUNCHED_VARIABLE, "")
    try:
        started, since = float(launched), "launch"
    except ValueError:
        started, since = MAIN_STARTED, "main"
    return FirstPaintProbe(window, target, started, since)
