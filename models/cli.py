"""The command line: argument parsing and dispatch; each command lives in models.commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from models import commands, commands_excel, commands_fieldwork, commands_methods, commands_report
from models.commands import CommandError
from models.version import VERSION

NORMALISE_METHODS = ("goalposts", "minmax", "zscore", "rank", "percentile", "target")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="SMART City Evaluator · 智慧城市发展水平评估. Without a command the "
        "program's window opens (options: --workspace FILE, --lang zh|en, --tab NAME, "
        "--screenshot PATH [--size WxH]). --self-test checks that the program works here.",
    )
    parser.add_argument("--version", action="version", version=f"SMART City Evaluator {VERSION}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_score(sub.add_parser("score", help="score a framework + data table, or a workspace"))
    sample = sub.add_parser("sample", help="write the sample workspace (synthetic data)")
    sample.add_argument("--out", type=Path, required=True, help="new workspace file")
    show = sub.add_parser("show", help="print a campaign's ranking")
    show.add_argument("--workspace", type=Path, required=True)
    show.add_argument("--campaign")
    commands_methods.add_uncertainty_parser(sub)
    commands_excel.add_parsers(sub)
    commands_report.add_parser(sub)
    commands_fieldwork.add_parsers(sub)
    return parser


def _add_score(p: argparse.ArgumentParser) -> None:
    p.add_argument("--framework", type=Path, help="iMeta table (CSV or XLSX)")
    p.add_argument("--data", type=Path, help="iData table (CSV or XLSX)")
    p.add_argument("--workspace", type=Path, help="workspace file (instead of the two tables)")
    p.add_argument("--campaign", help="campaign name (may be left out if there is only one)")
    p.add_argument("--normalise", choices=NORMALISE_METHODS, help="default: goalposts")
    p.add_argument("--range", type=_range, metavar="LO,HI", help="output range, default 0,1")
    p.add_argument("--aggregate", choices=("arithmetic", "geometric"))
    p.add_argument("--min-coverage", type=float, metavar="F", help="minimum weight share, 0–1")
    commands_methods.add_treatment_arguments(p)
    p.add_argument("--out", type=Path, required=True, help="result table (.csv or .xlsx)")


def _range(text: str) -> tuple[float, float]:
    try:
        lo, hi = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LO,HI (two numbers), got {text!r}") from None
    return lo, hi


def run(argv: Sequence[str]) -> int:
    """Run one command; bad input → one message on stderr and exit status 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "score":
            return commands.score(args)
        if args.command == "sample":
            return commands.sample(args.out)
        if args.command == "show":
            return commands.show(args.workspace, args.campaign)
        if args.command == "uncertainty":
            return commands_methods.uncertainty(args)
        if args.command == "report":
            return commands_report.report(args)  # .xlsx only; main.py adds the charts
        if args.command in commands_excel.COMMANDS:
            return commands_excel.run(args)
        if args.command in commands_fieldwork.COMMANDS:
            return commands_fieldwork.run(args)
        parser.print_help()
        return 0
    except CommandError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
