"""The background runner: results, failures and cancellation arrive as signals on the GUI
thread; the task runs on another thread."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from scoring.progress import CancelFn, CancelledError, ProgressFn
from ui.tasks import TaskRunner


def test_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    threads: list[QThread | None] = []
    shares: list[float] = []
    runner.progressed.connect(shares.append)

    def task(progress: ProgressFn, cancelled: CancelFn) -> int:
        threads.append(QThread.currentThread())
        for k in range(1, 5):
            progress(k / 4)
        return 42

    with qtbot.waitSignal(runner.finished, timeout=10_000) as blocker:
        assert runner.start(task)
        assert runner.running
    assert blocker.args == [42]
    assert threads and threads[0] is not QThread.currentThread()
    assert not runner.running
    qtbot.waitUntil(lambda: shares == [0.25, 0.5, 0.75, 1.0])


def test_failure_is_reported_with_its_message(qtbot: QtBot) -> None:
    runner = TaskRunner()

    def task(progress: ProgressFn, cancelled: CancelFn) -> None:
        raise ValueError("node 'T': weights must be >= 0")

    with qtbot.waitSignal(runner.failed, timeout=10_000) as blocker:
        runner.start(task)
    assert blocker.args == ["node 'T': weights must be >= 0"]

    def crash(progress: ProgressFn, cancelled: CancelFn) -> None:
        raise ZeroDivisionError("division by zero")

    with qtbot.waitSignal(runner.failed, timeout=10_000) as blocker:
        runner.start(crash)
    assert blocker.args[0].startswith("ZeroDivisionError: division by zero")


def test_cancel_from_the_progress_dialog(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(parent)
    started = threading.Event()

    def task(progress: ProgressFn, cancelled: CancelFn) -> None:
        started.set()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if cancelled():
                raise CancelledError("cancelled")
            time.sleep(0.005)
        raise AssertionError("never cancelled")

    finished: list[object] = []
    runner.finished.connect(finished.append)
    assert runner.start(task, "Long work", parent)
    assert not runner.start(task)  # one at a time
    assert started.wait(5)
    dialog = runner.dialog
    assert dialog is not None and dialog.labelText() == "Long work"
    button = dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    with qtbot.waitSignal(runner.cancelled, timeout=10_000):
        button.click()  # the user presses Cancel
    assert runner.dialog is None and not runner.running and finished == []
    assert runner.wait(5000)
