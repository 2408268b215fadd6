"""The result table of a scoring run: one row per unit, aggregates top-down, rank and tier."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from models.tables import Cell, write_table
from scoring.hierarchy import Hierarchy
from scoring.pipeline import ScoreResult


def aggregates_top_down(h: Hierarchy) -> list[str]:
    """Aggregate codes from the root down, level by level, in tree order within a level."""
    order: list[str] = []
    level = [h.root]
    while level:
        order.extend(h.codes[i] for i in level)
        level = [int(c) for p in level for c in h.children(p) if c >= h.n_leaves]
    return order


def result_rows(
    result: ScoreResult, names: Sequence[str] | None = None
) -> tuple[list[str], list[list[Cell]]]:
    """Header and rows: uCode, [uName], one column per aggregate, Rank, Tier."""
    h = result.hierarchy
    codes = aggregates_top_down(h)
    columns = [h.index[c] for c in codes]
    header = ["uCode", *(["uName"] if names is not None else []), *codes, "Rank", "Tier"]
    tiers = result.tier_labels()
    rows: list[list[Cell]] = []
    for i, unit in enumerate(result.unit_codes):
        rank = float(result.rank[i])
        row: list[Cell] = [unit, *([names[i]] if names is not None else [])]
        row.extend(float(result.scores[i, j]) for j in columns)
        row.extend([None if math.isnan(rank) else rank, tiers[i]])
        rows.append(row)
    return header, rows


def write_results(path: Path, result: ScoreResult, names: Sequence[str] | None = None) -> None:
    """Write the result table as .csv or .xlsx (replacing `path` only when complete)."""
    header, rows = result_rows(result, names)
    write_table(path, header, rows, "Scores")
