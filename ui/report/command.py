"""`main.py report` with Qt: parses with models.cli, renders the charts offscreen and
writes the .docx or .pdf (the .xlsx needs no Qt but takes the same road)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from models.analysis import Analysis
from models.cli import build_parser
from models.commands import CommandError
from models.commands_report import report


def _write_document(analysis: Analysis, lang: str, out: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.report.build import generate

    app = QApplication.instance() or QApplication(sys.argv[:1])
    del app  # kept alive by Qt for the process
    return generate(analysis, lang, out)


def run(argv: Sequence[str]) -> int:
    """Run `report …` (argv without the program name); exit 2 with a message on bad input."""
    args = build_parser().parse_args(list(argv))
    try:
        return report(args, _write_document)
    except CommandError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
