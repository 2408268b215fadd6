"""Output of the Windows window program when it is run from a console.

A Windows program built without a console (SMARTCityEvaluator.exe) has no stdout when
started from cmd or PowerShell, so `--version` or a sub-command would print nothing.
`attach_parent_console()` attaches it to the console it was started from, best effort:
the console does not wait for a window program, so the text may appear after the next
prompt. The console program smartcity-cli.exe (same folder) is the proper way; see
build.spec. Elsewhere, and whenever stdout exists (e.g. redirected), it does nothing.
"""

from __future__ import annotations

import io
import sys

ATTACH_PARENT_PROCESS = -1


def attach_parent_console() -> bool:
    """True when a parent console was attached and stdout/stderr now write to it."""
    if sys.platform != "win32" or sys.stdout is not None:
        return False
    import ctypes

    if not ctypes.windll.kernel32.AttachConsole(ATTACH_PARENT_PROCESS):
        return False
    console = io.FileIO("CONOUT$", "w")
    sys.stdout = io.TextIOWrapper(console, encoding="utf-8", errors="replace", line_buffering=True)
    sys.stderr = sys.stdout
    return True
