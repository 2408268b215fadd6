"""Command-line commands for Excel: `template`, `import`, `export observations|scores`.

Each returns the exit status; bad input raises CommandError with one message naming the
file (and sheet, row and column); a workbook with problems imports nothing.
"""

from __future__ import annotations

import argparse
import getpass
import socket
import sys
from pathlib import Path
from typing import Any

from models.audit import Actor
from models.campaigns import Campaign
from models.commands import CommandError, pick_campaign
from models.excel_export import export_observations, export_scores
from models.excel_import import (
    ImportPlan,
    check_workbook,
    import_workbook,
    save_problems,
    workbook_campaign,
)
from models.excel_template import write_template
from models.framework import SourceError
from models.store import StoreError
from models.workspace import Workspace
from scoring.hierarchy import ScoringError

COMMANDS = ("template", "import", "export")


def add_parsers(sub: Any) -> None:  # argparse's _SubParsersAction is private
    """Register the Excel sub-commands on the main parser's sub-parsers."""
    p = sub.add_parser("template", help="write an Excel entry template for a campaign")
    _common(p)
    p.add_argument("--cities", help="comma-separated city codes (default: all)")
    p.add_argument("--with-values", action="store_true", help="show existing values")
    p.add_argument("--out", type=Path, required=True, help="template file (.xlsx)")
    p = sub.add_parser("import", help="import a filled entry workbook (all or nothing)")
    _common(p)
    p.add_argument("workbook", type=Path, help="the filled workbook (.xlsx)")
    p.add_argument(
        "--valid-rows-only",
        action="store_true",
        help="import the valid rows even if others have problems (audited)",
    )
    p.add_argument("--problems", type=Path, help="also save the problem list (.csv/.xlsx)")
    p.add_argument("--evaluator", help="who imports (default: the login name)")
    p = sub.add_parser("export", help="export observations or scores to Excel")
    p.add_argument("what", choices=("observations", "scores"))
    _common(p)
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--include-deleted", action="store_true", help="observations only")
    p.add_argument("--out", type=Path, required=True, help="workbook (.xlsx)")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workspace", type=Path, required=True)
    p.add_argument("--campaign", help="campaign name (may be left out if there is only one)")


def run(args: argparse.Namespace) -> int:
    if args.command == "template":
        return template(args)
    if args.command == "import":
        return import_(args)
    return export(args)


def _check_xlsx_out(out: Path) -> None:
    if out.suffix.lower() != ".xlsx":
        raise CommandError(f"{out}: the output must end in .xlsx")
    if not out.parent.is_dir():
        raise CommandError(f"{out}: the folder {out.parent} does not exist")


def _open(path: Path, *, read_only: bool) -> Workspace:
    try:
        return Workspace.open(path, read_only=read_only)
    except StoreError as error:
        raise CommandError(str(error)) from error


def template(args: argparse.Namespace) -> int:
    _check_xlsx_out(args.out)
    codes = [c.strip() for c in args.cities.split(",") if c.strip()] if args.cities else None
    with _open(args.workspace, read_only=True) as ws:
        campaign = pick_campaign(ws.campaigns(), args.campaign, args.workspace)
        try:
            info = write_template(
                ws, campaign, args.out, city_codes=codes, with_values=args.with_values
            )
        except ValueError as error:
            raise CommandError(f"{args.workspace}: {error}") from error
    print(
        f"template: {info.rows} rows ({info.cities} cities × {info.indicators} indicators) "
        f"→ {args.out}"
    )
    return 0


def import_(args: argparse.Namespace) -> int:
    actor = Actor(args.evaluator or getpass.getuser() or "unknown", socket.gethostname() or "cli")
    if args.problems is not None and args.problems.suffix.lower() not in (".csv", ".xlsx"):
        raise CommandError(f"{args.problems}: the problem list must end in .csv or .xlsx")
    with _open(args.workspace, read_only=False) as ws:
        campaign = _import_campaign(ws, args)
        try:
            plan = check_workbook(ws, campaign, args.workbook)
        except SourceError as error:
            raise CommandError(str(error)) from error
        if args.problems is not None and plan.problems:
            save_problems(plan.problems, args.problems)
        if plan.problems and not args.valid_rows_only:
            raise CommandError(_problem_message(plan))
        if plan.problems:
            print(_problem_message(plan).replace("nothing imported", "left out"), file=sys.stderr)
        try:
            result = import_workbook(ws, plan, actor, valid_rows_only=args.valid_rows_only)
        except StoreError as error:
            raise CommandError(str(error)) from error
    print(
        f"imported {len(result.added)} observation(s) from {args.workbook}; "
        f"{result.already_imported} already imported; {result.rows_left_out} row(s) left out"
    )
    if plan.reviews_dropped:
        print(f"{plan.reviews_dropped} row(s) marked verified/rejected came in as submitted")
    return 0


def _import_campaign(ws: Workspace, args: argparse.Namespace) -> Campaign:
    campaigns = ws.campaigns()
    name = args.campaign
    if name is None and len(campaigns) > 1:
        try:
            name = workbook_campaign(args.workbook)
        except SourceError as error:
            raise CommandError(str(error)) from error
    return pick_campaign(campaigns, name, args.workspace)


def _problem_message(plan: ImportPlan) -> str:
    lines = [f"{plan.source}, {p}" for p in plan.problems]
    head = (
        f"{plan.source}: {len(plan.problems)} problem(s) in {plan.problem_rows} row(s); "
        "nothing imported"
    )
    return "\n".join([head, *lines])


def export(args: argparse.Namespace) -> int:
    _check_xlsx_out(args.out)
    with _open(args.workspace, read_only=True) as ws:
        campaign = pick_campaign(ws.campaigns(), args.campaign, args.workspace)
        if args.what == "observations":
            count = export_observations(
                ws, campaign, args.out, lang=args.lang, include_deleted=args.include_deleted
            )
            print(f"exported {count} observation(s) → {args.out}")
            return 0
        try:
            count = export_scores(ws, campaign, args.out, lang=args.lang)
        except (ScoringError, ValueError) as error:
            raise CommandError(f"{args.workspace}: {error}") from error
    print(f"exported the scores of {count} cities → {args.out}")
    return 0
