"""SMART City Evaluator: entry point.

No argument (or only window options such as --workspace, --lang, --screenshot) starts the
program; a sub-command runs on the command line (`python main.py --help`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from models.cli import run


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if not args or args[0].split("=")[0] in GUI_OPTIONS:
        from ui.launch import launch  # Qt is loaded only for the window

        return launch(args)
    return run(args)


GUI_OPTIONS = ("--workspace", "--screenshot", "--lang", "--tab", "--size")

if __name__ == "__main__":
    sys.exit(main())
