"""Unexpected exceptions: logged to a file and shown in a dialog with copyable details.

Whatever the user entered is already committed (every edit is its own transaction), so
the dialog says so and lets the program go on.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

LOG_NAME = "smartcity"
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def configure_logging(log_dir: Path) -> Path:
    """Log to a rotating file in `log_dir`; returns the file's path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "smartcity.log"
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger(LOG_NAME)
    logger.setLevel(logging.INFO)
    if not any(isinstance(h, RotatingFileHandler) for h in logger.handlers):
        logger.addHandler(handler)
    return path


class ExceptionReporter:
    """sys.excepthook replacement: log, then show the details (once at a time)."""

    def __init__(self, log_path: Path, parent: Callable[[], QWidget | None]) -> None:
        self._log_path, self._parent = log_path, parent
        self._showing = False

    def install(self) -> None:
        sys.excepthook = self.handle

    def handle(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        details = "".join(traceback.format_exception(kind, error, tb))
        logging.getLogger(LOG_NAME).error("unexpected error\n%s", details)
        if self._showing or QApplication.instance() is None:
            print(details, file=sys.stderr)
            return
        self._showing = True
        try:
            self._show(details)
        finally:
            self._showing = False

    def _show(self, details: str) -> None:
        box = QMessageBox(self._parent())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("errors", "Unexpected error"))
        box.setText(
            QCoreApplication.translate(
                "errors",
                "Something went wrong. Everything you entered has already been saved.\n"
                "The details below are also written to {log}.",
            ).format(log=self._log_path)
        )
        box.setDetailedText(details)  # selectable and copyable
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()
