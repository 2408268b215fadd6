"""The command-line commands (Qt-free). Each returns the process exit status; bad input
raises CommandError with one message naming the file, row and column."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import TextIO

import numpy as np

from models.campaign_scoring import CampaignScores, score_campaign
from models.campaigns import Campaign
from models.framework import SourceError
from models.idata import read_idata
from models.imeta import read_imeta
from models.results_table import write_results
from models.sample_workspace import write_sample_workspace
from models.store import StoreError
from models.workspace import Workspace
from scoring.hierarchy import ScoringError
from scoring.pipeline import ScoringSettings
from scoring.pipeline import score as score_values


class CommandError(Exception):
    """Bad input or a refused file; the message is shown as is."""


def score(args: argparse.Namespace) -> int:
    if args.workspace is not None:
        if args.framework or args.data:
            raise CommandError("give either --workspace or --framework with --data, not both")
        if _treatment_requested(args):
            raise CommandError("data-treatment options need --framework and --data")
        return _score_workspace(args.workspace, args.campaign, args.out)
    if args.framework is None or args.data is None:
        raise CommandError("score needs --framework META and --data DATA (or --workspace FILE)")
    return _score_tables(args)


def _treatment_requested(args: argparse.Namespace) -> bool:
    return bool(args.denominate or args.impute or args.screen is not None or args.treat == "coinr")


def _score_tables(args: argparse.Namespace) -> int:
    from models.commands_methods import prepared_values  # it imports this module

    _check_output(args.out)
    try:
        meta = read_imeta(args.framework)
        units = read_idata(args.data, meta)
        settings = _settings(args)
        codes, values = prepared_values(args, meta, units)
        result = score_values(meta.framework.to_hierarchy(), values, settings, codes)
    except SourceError as error:
        raise CommandError(str(error)) from error
    except ScoringError as error:
        raise CommandError(_locate(error, args.data, units.codes)) from error
    write_results(args.out, result, None)
    print(f"scored {len(codes)} units → {args.out}")
    return 0


def _locate(error: ScoringError, data: Path, unit_codes: tuple[str, ...]) -> str:
    """Point at the iData cell behind an engine error: row (header = 1) and column."""
    where = str(data)
    if error.unit is not None and error.unit in unit_codes:
        where += f", row {unit_codes.index(error.unit) + 2} (uCode {error.unit})"
    column = error.child or error.node
    if column is not None:
        where += f", column {column}"
    reason = str(error)
    if "geometric" in reason:
        reason += "; normalise to a range above 0, e.g. --range 1,100"
    return f"{where}: {reason}"


def _settings(args: argparse.Namespace) -> ScoringSettings:
    chosen: dict[str, object] = {}
    if args.normalise:
        chosen["normalise"] = args.normalise
    if args.range is not None:
        chosen["out_range"] = list(args.range)
    if args.aggregate:
        chosen["aggregate"] = args.aggregate
    if args.min_coverage is not None:
        chosen["min_coverage"] = args.min_coverage
    try:
        return ScoringSettings.from_dict(chosen)
    except ValueError as error:
        raise CommandError(f"bad scoring option: {error}") from error


def _score_workspace(path: Path, campaign_name: str | None, out: Path) -> int:
    _check_output(out)
    scored = _scored_campaign(path, campaign_name)
    names = [c.name_zh for c in scored.cities]
    write_results(out, scored.result, names)
    print(f"scored {len(names)} cities of {scored.campaign.name!r} → {out}")
    return 0


def _scored_campaign(path: Path, campaign_name: str | None) -> CampaignScores:
    try:
        with Workspace.open(path, read_only=True) as ws:
            return score_campaign(ws, pick_campaign(ws.campaigns(), campaign_name, path))
    except StoreError as error:
        raise CommandError(str(error)) from error
    except (ScoringError, ValueError) as error:
        raise CommandError(f"{path}: {error}") from error


def pick_campaign(campaigns: list[Campaign], name: str | None, path: Path) -> Campaign:
    if name is not None:
        for campaign in campaigns:
            if campaign.name == name:
                return campaign
        known = ", ".join(repr(c.name) for c in campaigns) or "none"
        raise CommandError(f"{path}: no campaign named {name!r} (campaigns: {known})")
    if len(campaigns) != 1:
        known = ", ".join(repr(c.name) for c in campaigns) or "none"
        raise CommandError(f"{path}: choose a campaign with --campaign (campaigns: {known})")
    return campaigns[0]


def _check_output(out: Path) -> None:
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise CommandError(f"{out}: the output must end in .csv or .xlsx")
    if not out.parent.is_dir():
        raise CommandError(f"{out}: the folder {out.parent} does not exist")


def sample(out: Path) -> int:
    if out.exists():
        raise CommandError(f"{out}: already exists; the sample is written to a new file only")
    try:
        write_sample_workspace(out)
    except StoreError as error:
        raise CommandError(str(error)) from error
    print(f"sample workspace (synthetic data) → {out}")
    return 0


def show(path: Path, campaign_name: str | None, stream: TextIO | None = None) -> int:
    scored = _scored_campaign(path, campaign_name)
    print_ranking(scored, stream or sys.stdout)
    return 0


def print_ranking(scored: CampaignScores, stream: TextIO) -> None:
    result = scored.result
    h = result.hierarchy
    firsts = [h.codes[int(i)] for i in h.children(h.root)]
    print(f"{scored.campaign.name} — {scored.framework.name}", file=stream)
    print(_line("#", "城市 City", "Index", "Tier", firsts), file=stream)
    order = sorted(range(len(scored.cities)), key=lambda i: _sort_key(float(result.rank[i])))
    tiers = result.tier_labels()
    for i in order:
        city = scored.cities[i]
        values = [_fmt(float(result.scores[i, h.index[c]])) for c in firsts]
        rank = float(result.rank[i])
        print(
            _line(
                "-" if math.isnan(rank) else f"{rank:.0f}",
                f"{city.name_zh} {city.name_en}",
                _fmt(float(result.index[i])),
                tiers[i] or "-",
                values,
            ),
            file=stream,
        )
    index = result.index[~np.isnan(result.index)]
    print(f"n = {len(index)}, mean {index.mean():.3f}, sd {index.std(ddof=1):.3f}", file=stream)


def _sort_key(rank: float) -> float:
    return math.inf if math.isnan(rank) else rank


def _fmt(value: float) -> str:
    return "  -  " if math.isnan(value) else f"{value:.3f}"


def _line(rank: str, city: str, index: str, tier: str, values: list[str]) -> str:
    return f"{rank:>3}  {city:<26}{index:>7}  {tier:<4}" + "".join(f"{v:>7}" for v in values)
