"""Long pure computations off the GUI thread, with a progress dialog and Cancel.

`TaskRunner.start(task, label)` runs `task(progress, cancelled)` on a worker thread of its
own pool: `progress(share)` reports 0…1, `cancelled()` turns true after Cancel (the task
then raises `scoring.progress.CancelledError`). The outcome arrives on the GUI thread as
exactly one of the signals `finished(result)`, `failed(message)` or `cancelled()`.

The task must not touch the workspace (sqlite connections belong to the thread that made
them) nor any Qt object: give it plain arrays and settings, and let it return plain data.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from scoring.progress import CancelFn, CancelledError, ProgressFn

Task = Callable[[ProgressFn, CancelFn], object]
STEPS = 1000  # resolution of the progress dialog
SHOW_AFTER_MS = 300  # short runs finish without a dialog flashing up


class _Bridge(QObject):
    """Carries the worker's reports to the GUI thread (queued: it lives there)."""

    progressed = Signal(float)
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class _Job(QRunnable):
    def __init__(self, task: Task, bridge: _Bridge, stop: threading.Event) -> None:
        super().__init__()
        self._task, self._bridge, self._stop = task, bridge, stop
        self.setAutoDelete(True)

    def run(self) -> None:
        bridge = self._bridge
        try:
            result = self._task(bridge.progressed.emit, self._stop.is_set)
        except CancelledError:
            bridge.cancelled.emit()
        except BaseException as error:  # reported, never left to die in the worker thread
            bridge.failed.emit(_message(error))
        else:
            bridge.done.emit(result)


def _message(error: BaseException) -> str:
    text = str(error).strip()
    if text and isinstance(error, ValueError):
        return text  # the engine's errors are written for people
    where = traceback.extract_tb(error.__traceback__)[-1:] if error.__traceback__ else []
    place = f" ({where[0].filename}:{where[0].lineno})" if where else ""
    return f"{type(error).__name__}: {text or 'no message'}{place}"


class TaskRunner(QObject):
    """Runs one task at a time; the signals are emitted on the GUI thread."""

    progressed = Signal(float)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._stop = threading.Event()
        self._bridge: _Bridge | None = None
        self._dialog: QProgressDialog | None = None

    @property
    def running(self) -> bool:
        return self._bridge is not None

    @property
    def dialog(self) -> QProgressDialog | None:
        """The progress dialog of the running task (None when idle or not wanted)."""
        return self._dialog

    def start(self, task: Task, label: str = "", dialog_parent: QWidget | None = None) -> bool:
        """Run `task`; False (and nothing started) while another task is running.

        With `dialog_parent` a window-modal progress dialog with Cancel is shown after a
        short delay."""
        if self.running:
            return False
        self._stop.clear()
        bridge = _Bridge(self)  # owned by Qt in the GUI thread, not by the worker
        bridge.progressed.connect(self._on_progress)
        bridge.done.connect(self._on_done)
        bridge.failed.connect(self._on_failed)
        bridge.cancelled.connect(self._on_cancelled)
        self._bridge = bridge
        if dialog_parent is not None:
            self._dialog = self._make_dialog(label, dialog_parent)
        self._pool.start(_Job(task, bridge, self._stop))
        return True

    def cancel(self) -> None:
        """Ask the running task to stop (it stops at its next check)."""
        if self.running:
            self._stop.set()
            if self._dialog is not None:
                self._dialog.setLabelText(self.tr("Cancelling…"))

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (the outcome signal still needs the event loop)."""
        return self._pool.waitForDone(msecs)

    def _make_dialog(self, label: str, parent: QWidget) -> QProgressDialog:
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, STEPS, parent)
        dialog.setWindowTitle(label)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        dialog.canceled.connect(self.cancel)
        return dialog

    def _on_progress(self, share: float) -> None:
        if self._dialog is not None and not self._stop.is_set():
            self._dialog.setValue(round(min(max(share, 0.0), 1.0) * STEPS))
        self.progressed.emit(share)

    def _end(self) -> None:
        if self._bridge is not None:
            self._bridge.deleteLater()
        self._bridge = None
        dialog, self._dialog = self._dialog, None
        if dialog is not None:
            dialog.canceled.disconnect(self.cancel)
            dialog.close()
            dialog.deleteLater()

    def _on_done(self, result: object) -> None:
        self._end()
        self.finished.emit(result)

    def _on_failed(self, message: str) -> None:
        self._end()
        self.failed.emit(message)

    def _on_cancelled(self) -> None:
        self._end()
        self.cancelled.emit()
