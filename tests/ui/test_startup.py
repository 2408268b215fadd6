"""Start-up: the Chinese font check, the first-paint probe (benchmarks), --self-test, and
a first start that keeps everything in the user's own folders."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from ui import fonts
from ui.first_paint import EXIT_VARIABLE, LAUNCHED_VARIABLE, FirstPaintProbe
from ui.self_test import run_self_test

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    texts: list[str] = []

    def fake_warning(_parent: QWidget, _title: str, text: str) -> QMessageBox.StandardButton:
        texts.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", fake_warning)
    return texts


def test_no_chinese_font_is_said_at_start(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, shown: list[str]
) -> None:
    monkeypatch.setattr(QFontDatabase, "families", lambda *_args: ["DejaVu Sans"] * 0)
    window = QWidget()
    qtbot.addWidget(window)
    assert fonts.chinese_font_families() == []
    assert fonts.warn_if_no_chinese_font(window)
    assert len(shown) == 1
    assert "fonts-noto-cjk" in shown[0] and "未找到中文字体" in shown[0]


def test_a_chinese_font_means_no_message(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, shown: list[str]
) -> None:
    monkeypatch.setattr(QFontDatabase, "families", lambda *_args: ["Noto Sans CJK SC"])
    window = QWidget()
    qtbot.addWidget(window)
    assert fonts.missing_chinese_font_message() is None
    assert not fonts.warn_if_no_chinese_font(window)
    assert shown == []


def test_first_paint_probe_reports_once_then_finishes(qtbot: QtBot, tmp_path: Path) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setWindowTitle("probe")
    finished: list[int] = []
    out = tmp_path / "paint.json"
    started = time.time()
    probe = FirstPaintProbe(window, str(out), started, "launch", lambda: finished.append(1))
    window.resize(400, 300)
    window.show()
    qtbot.waitUntil(lambda: out.exists() and finished == [1])
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["since"] == "launch" and record["workspace"] == "probe"
    assert 0 < record["first_paint_ms"] <= (time.time() - started) * 1000 + 1
    assert probe.elapsed_ms is not None and not window.isVisible()
    window.show()
    window.repaint()
    qtbot.wait(20)
    assert finished == [1]  # later paints change nothing


def test_self_test_enters_saves_and_rescores(qtbot: QtBot) -> None:
    out = io.StringIO()
    assert run_self_test(out) == 0
    text = out.getvalue()
    for step in ("first start: sample workspace written", "entered", "saved:", "rescored:"):
        assert step in text
    assert text.rstrip().endswith("self-test passed")


@pytest.mark.skipif(sys.platform != "linux", reason="the user's folders are set by XDG here")
def test_first_start_keeps_everything_in_the_users_folders(tmp_path: Path) -> None:
    """`python main.py` as on a first start: the sample, the settings and the log land in
    the user's data and config folders, and the program exits after its first paint."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"))
    env.update({f"XDG_{k}_HOME": str(tmp_path / k.lower()) for k in ("CONFIG", "DATA", "CACHE")})
    env[EXIT_VARIABLE] = str(tmp_path / "paint.json")
    env[LAUNCHED_VARIABLE] = repr(time.time())
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py")], env=env, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    record = json.loads((tmp_path / "paint.json").read_text(encoding="utf-8"))
    assert record["since"] == "launch" and "sample.smartcity" in record["workspace"]
    data = tmp_path / "data" / "SMART City Evaluator" / "SMART City Evaluator"
    assert (data / "sample.smartcity").is_file()
    assert (data / "logs" / "smartcity.log").is_file()
    settings = tmp_path / "config" / "SMART City Evaluator" / "SMART City Evaluator.conf"
    assert "sample.smartcity" in settings.read_text(encoding="utf-8")


def test_about_shows_the_version(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    from models.version import VERSION
    from ui.about import show_about

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: shown.append(text))
    window = QWidget()
    qtbot.addWidget(window)
    show_about(window)
    assert len(shown) == 1 and f"Version {VERSION}" in shown[0]
