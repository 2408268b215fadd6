"""Command-line commands for field teams: `package export` and `merge`.

    python main.py package export --workspace FILE [--campaign C] [--cities SH,SZ]
                                  [--since-last] --out PKG
    python main.py merge --workspace FILE [--accept-mapping] PKG...

Each returns the exit status; a refused package (tampered, truncated, another framework,
unknown campaign or city) raises CommandError with one clear message and exit status 2,
and nothing is merged.
"""

from __future__ import annotations

import argparse
import getpass
import socket
from pathlib import Path
from typing import Any

from models.audit import Actor
from models.commands import CommandError, pick_campaign
from models.merge import FrameworkMismatchError, MappingNeedsConfirmationError, MergeReport
from models.package_zip import PackageError
from models.packages import SUFFIX
from models.store import StoreError
from models.workspace import Workspace

COMMANDS = ("package", "merge")


def add_parsers(sub: Any) -> None:  # argparse's _SubParsersAction is private
    """Register `package export` and `merge` on the main parser's sub-parsers."""
    package = sub.add_parser("package", help="field packages: export one for the coordinator")
    actions = package.add_subparsers(dest="package_command", metavar="ACTION", required=True)
    p = actions.add_parser("export", help="write a field package (observations, history, files)")
    p.add_argument("--workspace", type=Path, required=True)
    p.add_argument("--campaign", help="campaign name (may be left out if there is only one)")
    p.add_argument("--cities", help="comma-separated city codes (default: all)")
    p.add_argument(
        "--since-last", action="store_true", help="only what changed since the last export"
    )
    _identity(p)
    p.add_argument("--out", type=Path, required=True, help=f"package file ({SUFFIX})")
    p = sub.add_parser("merge", help="merge field packages into the master workspace")
    p.add_argument("--workspace", type=Path, required=True, help="the master workspace")
    p.add_argument(
        "--accept-mapping",
        action="store_true",
        help="merge a package made for another framework version whose indicators all map",
    )
    _identity(p)
    p.add_argument("packages", type=Path, nargs="+", metavar="PKG")


def _identity(p: argparse.ArgumentParser) -> None:
    p.add_argument("--evaluator", help="who does it (default: the login name)")
    p.add_argument("--team", default="", help="the team of the evaluator")


def _actor(args: argparse.Namespace) -> Actor:
    name = args.evaluator or getpass.getuser() or "unknown"
    return Actor(name, f"cli-{socket.gethostname() or 'pc'}", args.team or "")


def run(args: argparse.Namespace) -> int:
    try:
        if args.command == "package":
            return export(args)
        return merge(args)
    except StoreError as error:
        raise CommandError(str(error)) from error


def export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists():
        raise CommandError(f"{out}: the file exists; choose another name")
    if not out.parent.is_dir():
        raise CommandError(f"{out}: the folder {out.parent} does not exist")
    with Workspace.open(args.workspace) as ws:
        campaign = pick_campaign(ws.campaigns(), args.campaign, args.workspace)
        codes = {c.code: c.city_id for c in ws.cities()}
        wanted = [c.strip() for c in (args.cities or "").split(",") if c.strip()]
        if unknown := [c for c in wanted if c not in codes]:
            raise CommandError(f"unknown city code {unknown[0]!r}")
        try:
            summary = ws.export_package(
                campaign.campaign_id,
                out,
                _actor(args),
                city_ids=[codes[c] or 0 for c in wanted],
                since_last=args.since_last,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
    print(
        f"exported {summary.observations} observations, {summary.audit_rows} history rows, "
        f"{summary.attachments} attachments ({summary.mode}) → {out}"
    )
    return 0


def merge(args: argparse.Namespace) -> int:
    with Workspace.open(args.workspace) as ws:
        try:
            reports = ws.merge_packages(
                args.packages, _actor(args), accept_mapping=args.accept_mapping
            )
        except (FrameworkMismatchError, MappingNeedsConfirmationError) as error:
            lines = "\n  ".join(error.mapping.describe())
            hint = (
                "\nre-run with --accept-mapping to merge it with this mapping"
                if isinstance(error, MappingNeedsConfirmationError)
                else ""
            )
            raise CommandError(f"{error}\n  {lines}{hint}\nnothing was merged") from error
        except PackageError as error:
            raise CommandError(f"{error}\nnothing was merged") from error
        conflicts = len(ws.conflicts(_campaign_of(reports, ws)))
    for report in reports:
        print(report.line())
    total = _totals(reports)
    print(
        f"total: added {total[0]}, updated {total[1]}, skipped {total[2]}, in conflict "
        f"{total[3]}, duplicates {total[4]}; {conflicts} observation(s) wait for a decision"
    )
    return 0


def _campaign_of(reports: list[MergeReport], ws: Workspace) -> int:
    found = ws.campaign_by_name(reports[0].manifest.campaign) if reports else None
    return found.campaign_id if found else 0


def _totals(reports: list[MergeReport]) -> tuple[int, int, int, int, int]:
    return (
        sum(r.added for r in reports),
        sum(r.updated for r in reports),
        sum(r.skipped for r in reports),
        sum(r.conflicts for r in reports),
        sum(r.duplicates for r in reports),
    )
