"""The pinned Qt binding must survive many signal emissions from Python.

PySide6 6.12.0 lost a reference to `True` on every `Signal.emit()` from Python and
aborted the interpreter after a few thousand (a field day of edits); 6.11.3 does not.
Run in a child process, since the failure is an abort, not an exception.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Emitter(QObject):
    plain = Signal()
    with_args = Signal(int, str)
emitter = Emitter()
emitter.plain.connect(lambda: None)
emitter.with_args.connect(lambda number, text: None)
before = sys.getrefcount(True)
for number in range(20000):
    emitter.plain.emit()
    emitter.with_args.emit(number, "x")
print(sys.getrefcount(True) - before)
"""


def test_signal_emission_keeps_reference_counts() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert abs(int(done.stdout.strip())) < 100
