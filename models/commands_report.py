"""`main.py report`: the report (.docx, .pdf) or the results workbook (.xlsx) of a
workspace campaign. The workbook is written here (Qt-free); the report needs Qt for its
charts, so main.py hands the command to ui.report.command, which passes its writer in."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from models.analysis import Analysis, analyse, observation_sources
from models.campaign_scoring import score_campaign
from models.commands import CommandError, pick_campaign
from models.results_workbook import write_results_workbook
from models.store import StoreError
from models.workspace import Workspace
from scoring.groups import GdpBands
from scoring.hierarchy import ScoringError

FORMATS = (".docx", ".pdf", ".xlsx")
# (analysis, language, output) → pages written (0 when not counted)
DocumentWriter = Callable[[Analysis, str, Path], int]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help="the report (.docx or .pdf) or the results workbook (.xlsx) of a campaign",
    )
    p.add_argument("--workspace", type=Path, required=True, help="workspace file")
    p.add_argument("--campaign", help="campaign name (may be left out if there is only one)")
    p.add_argument("--out", type=Path, required=True, help="FILE.docx, FILE.pdf or FILE.xlsx")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language (default zh)")
    p.add_argument(
        "--gdp-bands",
        metavar="A,B,C",
        help="lower bounds of the GDP bands in 亿元, largest first (default 20000,10000,5000)",
    )


def report(args: argparse.Namespace, write_document: DocumentWriter | None = None) -> int:
    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise CommandError(f"{out}: the output must end in .docx, .pdf or .xlsx")
    if not out.parent.is_dir():
        raise CommandError(f"{out}: the folder {out.parent} does not exist")
    bands = _bands(args.gdp_bands)
    if suffix != ".xlsx" and write_document is None:
        raise CommandError(f"{out}: a {suffix} report needs the program's charts; run main.py")
    analysis = load_analysis(args.workspace, args.campaign, bands)
    try:
        if suffix == ".xlsx":
            write_results_workbook(analysis, out, args.lang)
            pages = 0
        else:
            assert write_document is not None
            pages = write_document(analysis, args.lang, out)
    except OSError as error:
        raise CommandError(f"{out}: {error.strerror or error}") from error
    extra = f", {pages} pages" if pages else ""
    print(f"report of {len(analysis.cities)} cities ({args.lang}{extra}) → {out}")
    return 0


def _bands(text: str | None) -> GdpBands:
    if text is None:
        return GdpBands()
    try:
        floors = tuple(sorted((float(p) for p in text.split(",") if p.strip()), reverse=True))
        return GdpBands(floors)
    except ValueError as error:
        raise CommandError(f"--gdp-bands {text!r}: {error}") from error


def load_analysis(path: Path, campaign_name: str | None, bands: GdpBands) -> Analysis:
    if not path.is_file():
        raise CommandError(f"{path}: no such workspace file")
    try:
        with Workspace.open(path, read_only=True) as ws:
            campaign = pick_campaign(ws.campaigns(), campaign_name, path)
            scored = score_campaign(ws, campaign)
            return analyse(scored, observation_sources(ws, scored), bands)
    except StoreError as error:
        raise CommandError(str(error)) from error
    except (ScoringError, ValueError) as error:
        raise CommandError(f"{path}: {error}") from error
