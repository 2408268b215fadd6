"""SMART City Evaluator: entry point.

No argument starts the program on the last workspace (the sample workspace on first
start); a sub-command runs on the command line (`python main.py --help`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from models.cli import run


def main(argv: Sequence[str] | None = None) -> int:
    return run(sys.argv[1:] if argv is None else list(argv))


if __name__ == "__main__":
    sys.exit(main())
