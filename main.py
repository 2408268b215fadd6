"""SMART City Evaluator: entry point.

No argument (or only window options such as --workspace, --lang, --screenshot) starts the
program; a sub-command runs on the command line (`python main.py --help`); --version
prints the version and --self-test checks the program on this computer.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from models.cli import run
from models.console import attach_parent_console


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if args:
        attach_parent_console()  # the Windows window program, run from a console
    if args[:1] == ["--self-test"]:
        from ui.self_test import run_self_test  # offscreen Qt

        return run_self_test()
    if args[:1] == ["report"]:
        from ui.report.command import run as run_report  # the report's charts need Qt

        return run_report(args)
    if not args or args[0].split("=")[0] in GUI_OPTIONS:
        from ui.launch import launch  # Qt is loaded only for the window

        return launch(args)
    return run(args)


GUI_OPTIONS = ("--workspace", "--screenshot", "--lang", "--tab", "--size")

if __name__ == "__main__":
    sys.exit(main())
