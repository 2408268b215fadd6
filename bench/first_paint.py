"""Start to first paint of the main window, measured on a child process: shared by
bench/gui.py (gui-first-paint: `python main.py`) and bench/frozen.py (frozen-first-paint:
the built program).

The child is the ordinary program with SMARTCITY_EXIT_AT_FIRST_PAINT set (see
ui/first_paint.py): it starts as a user's double-click would, paints its window once,
writes the time since SMARTCITY_LAUNCHED_AT (set here just before the start) and quits.
It runs on private user folders (XDG on Linux), so the first run writes the sample
workspace there as on a first start and the following runs are warm starts that reopen it.
On Windows Qt ignores those variables and the runner's own profile is used.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from ui.first_paint import EXIT_VARIABLE, LAUNCHED_VARIABLE

TIMEOUT_S = 120.0


def private_user_env(folder: Path) -> dict[str, str]:
    """The environment with the user's folders (home, config, data, cache) in `folder`."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["HOME"] = str(folder / "home")
    for kind in ("CONFIG", "DATA", "CACHE"):
        env[f"XDG_{kind}_HOME"] = str(folder / kind.lower())
    return env


def first_paint_seconds(command: Sequence[str], env: dict[str, str]) -> float:
    """Start `command` once; the seconds from just before the start to its first paint."""
    with tempfile.TemporaryDirectory(prefix="smartcity-paint-") as folder:
        out = Path(folder) / "first-paint.json"
        child = dict(env)
        child[EXIT_VARIABLE] = str(out)
        child[LAUNCHED_VARIABLE] = repr(time.time())
        done = subprocess.run(
            list(command), env=child, capture_output=True, timeout=TIMEOUT_S, check=False
        )
        if done.returncode != 0 or not out.exists():
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise RuntimeError(f"{command[0]} exited {done.returncode}: {' | '.join(tail)}")
        record = json.loads(out.read_text(encoding="utf-8"))
    return float(record["first_paint_ms"]) / 1000.0


class WarmStarts:
    """Repeated starts of one program on one set of private user folders."""

    def __init__(self, command: Sequence[str]) -> None:
        self._command = list(command)
        self._folder = tempfile.TemporaryDirectory(prefix="smartcity-user-")
        self._env = private_user_env(Path(self._folder.name))

    def start(self) -> float:
        return first_paint_seconds(self._command, self._env)

    def close(self) -> None:
        self._folder.cleanup()
