"""An unexpected exception is logged to a file and shown with copyable details."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ui.errors import ExceptionReporter, configure_logging


def test_exception_is_logged_and_shown(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[QMessageBox] = []

    def record(box: QMessageBox) -> int:
        shown.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    log = configure_logging(tmp_path / "logs")
    reporter = ExceptionReporter(log, lambda: None)
    try:
        raise RuntimeError("boom 出错")
    except RuntimeError as error:
        reporter.handle(RuntimeError, error, error.__traceback__)
    assert len(shown) == 1
    assert "boom 出错" in shown[0].detailedText()
    assert "already been saved" in shown[0].text() or "已保存" in shown[0].text()
    for handler in logging.getLogger("smartcity").handlers:
        handler.flush()
    assert "boom 出错" in log.read_text(encoding="utf-8")
