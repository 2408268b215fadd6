"""Second-evaluator checks: a seeded sample of cells entered again, blind, and how well the
two entries agree (per indicator and per evaluator, like CSPro's CSDiff).

- `create_check` samples `size` of the campaign's filled cells (city × indicator with a
  usable observation) with `random.Random(seed)`; the same seed gives the same sample.
- `enter_value` stores the second evaluator's value of a cell (validated like an
  observation). The second evaluator must be someone who entered no observation of that
  cell; the values entered first are never shown by the entry screen. Every entry is
  audited (table 'check').
- `report` compares, per cell and first evaluator, the mean of that evaluator's usable
  observations with the second value: the share of exact agreement, the mean absolute
  difference relative to the indicator's range (goalposts; else the range of the values
  compared), and Cohen's kappa for rating and yes/no indicators. Evaluator and overall
  rows pool the rating/yes-no pairs with (indicator, value) as the categories.
"""

from __future__ import annotations

import math
import random
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from models import audit, campaigns
from models.audit import Actor, Change
from models.observations import validate_value
from models.store import rowid
from models.tables import Cell, write_table

CATEGORICAL = ("rating", "yesno")


@dataclass(frozen=True)
class CheckCell:
    city_id: int
    indicator_id: int
    position: int
    value: float | None
    evaluator: str | None
    entered_at: str | None


@dataclass(frozen=True)
class AgreementCheck:
    check_id: int
    campaign_id: int
    name: str
    seed: int
    created: str
    created_by: str
    cells: tuple[CheckCell, ...]

    @property
    def entered(self) -> int:
        return sum(1 for c in self.cells if c.value is not None)


def sample_cells(filled: Iterable[tuple[int, int]], size: int, seed: int) -> list[tuple[int, int]]:
    """`size` of the cells (all when fewer), chosen by `random.Random(seed)` from their
    sorted list: the same cells and seed always give the same sample, in that order."""
    cells = sorted(set(filled))
    return random.Random(seed).sample(cells, min(max(size, 0), len(cells)))


_FILLED = (
    "SELECT DISTINCT city_id, indicator_id FROM observation WHERE campaign_id = ?"
    " AND deleted_at IS NULL AND status <> 'rejected'"
)


def create_check(
    conn: sqlite3.Connection,
    campaign_id: int,
    name: str,
    size: int,
    seed: int,
    actor: Actor,
    now: str,
) -> int:
    """Store a new check of `size` sampled cells; returns its id."""
    if not name.strip():
        raise ValueError("give the check a name")
    filled = [(int(c), int(i)) for c, i in conn.execute(_FILLED, (campaign_id,))]
    cells = sample_cells(filled, size, seed)
    if not cells:
        raise ValueError("the campaign has no entered cells to check yet")
    check_id = rowid(
        conn.execute(
            "INSERT INTO agreement_check (campaign_id, name, seed, created, created_by)"
            " VALUES (?, ?, ?, ?, ?)",
            (campaign_id, name.strip(), seed, now, actor.evaluator),
        )
    )
    conn.executemany(
        "INSERT INTO agreement_cell (check_id, city_id, indicator_id, position)"
        " VALUES (?, ?, ?, ?)",
        [(check_id, c, i, n) for n, (c, i) in enumerate(cells)],
    )
    snapshot = {"name": name.strip(), "seed": seed, "cells": len(cells)}
    audit.record(conn, actor, now, [Change("check", check_id, "create", new=snapshot)])
    return check_id


def load_checks(
    conn: sqlite3.Connection, campaign_id: int, check_id: int | None = None
) -> list[AgreementCheck]:
    rows = conn.execute(
        "SELECT id, campaign_id, name, seed, created, created_by FROM agreement_check"
        " WHERE campaign_id = ? AND (? IS NULL OR id = ?) ORDER BY id",
        (campaign_id, check_id, check_id),
    ).fetchall()
    found = []
    for row in rows:
        cells = conn.execute(
            "SELECT city_id, indicator_id, position, value, evaluator, entered_at"
            " FROM agreement_cell WHERE check_id = ? ORDER BY position",
            (row[0],),
        )
        found.append(
            AgreementCheck(
                int(row[0]),
                int(row[1]),
                str(row[2]),
                int(row[3]),
                str(row[4]),
                str(row[5]),
                tuple(CheckCell(*c) for c in cells),
            )
        )
    return found


def enter_value(
    conn: sqlite3.Connection,
    check_id: int,
    city_id: int,
    indicator_id: int,
    value: object,
    actor: Actor,
    now: str,
) -> bool:
    """Store (or change, or clear with None) the second value of a sampled cell; False if
    unchanged. Refused for the evaluators who entered the cell's observations."""
    cell = conn.execute(
        "SELECT c.value, k.campaign_id FROM agreement_cell c"
        " JOIN agreement_check k ON k.id = c.check_id"
        " WHERE c.check_id = ? AND c.city_id = ? AND c.indicator_id = ?",
        (check_id, city_id, indicator_id),
    ).fetchone()
    if cell is None:
        raise LookupError(f"cell {city_id}/{indicator_id} is not in check {check_id}")
    if actor.evaluator in first_evaluators(conn, int(cell[1]), city_id, indicator_id):
        raise ValueError("you entered this cell's observations; another evaluator must check it")
    new = None if value is None or value == "" else _checked(conn, indicator_id, value)
    if new == cell[0]:
        return False
    conn.execute(
        "UPDATE agreement_cell SET value = ?, evaluator = ?, device = ?, entered_at = ?"
        " WHERE check_id = ? AND city_id = ? AND indicator_id = ?",
        (new, actor.evaluator, actor.device, now, check_id, city_id, indicator_id),
    )
    change = Change("check", check_id, "update", f"{city_id}/{indicator_id}", cell[0], new)
    audit.record(conn, actor, now, [change])
    return True


def _checked(conn: sqlite3.Connection, indicator_id: int, value: object) -> float:
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    row = cursor.execute("SELECT * FROM indicator WHERE id = ?", (indicator_id,)).fetchone()
    spec = campaigns.spec_from_row(row) if row is not None else None
    if spec is None:
        raise ValueError(f"indicator {indicator_id} is not a leaf")
    return validate_value(spec, value)


def first_evaluators(
    conn: sqlite3.Connection, campaign_id: int, city_id: int, indicator_id: int
) -> set[str]:
    rows = conn.execute(
        "SELECT DISTINCT evaluator FROM observation WHERE campaign_id = ? AND city_id = ?"
        " AND indicator_id = ? AND deleted_at IS NULL",
        (campaign_id, city_id, indicator_id),
    )
    return {str(r[0]) for r in rows}


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class Pair:
    """One compared cell: the first evaluator's value and the second one's."""

    code: str  # indicator code
    kind: str
    low: float
    high: float
    evaluator: str  # who entered it first
    first: float
    second: float


@dataclass(frozen=True)
class AgreementRow:
    group: str  # "indicator", "evaluator" or "all"
    key: str  # the indicator code, the evaluator's name, or ""
    pairs: int
    exact: float  # share of pairs that agree exactly, 0–1
    mad_range: float  # mean |first − second| / range (NaN without a range)
    kappa: float | None  # None when not computed (no rating/yes-no pairs)


def pairs_of(conn: sqlite3.Connection, check: AgreementCheck) -> list[Pair]:
    """The entered cells of a check, one pair per first evaluator of the cell."""
    framework_id = int(
        conn.execute(
            "SELECT framework_id FROM campaign WHERE id = ?", (check.campaign_id,)
        ).fetchone()[0]
    )
    leaves = {n.node_id: n for n in campaigns.load_framework(conn, framework_id).leaves()}
    found = []
    for cell in check.cells:
        node = leaves.get(cell.indicator_id)
        if cell.value is None or node is None or node.spec is None:
            continue
        means = conn.execute(
            "SELECT evaluator, avg(value) FROM observation WHERE campaign_id = ? AND city_id = ?"
            " AND indicator_id = ? AND deleted_at IS NULL AND status <> 'rejected'"
            " GROUP BY evaluator ORDER BY evaluator",
            (check.campaign_id, cell.city_id, cell.indicator_id),
        )
        spec = node.spec
        found += [
            Pair(node.code, spec.kind, spec.low, spec.high, str(e), float(m), cell.value)
            for e, m in means
        ]
    return found


def _agree(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def cohen_kappa(pairs: Sequence[tuple[object, object]]) -> float:
    """Cohen's kappa of two raters' categories; NaN when undefined (chance agreement 1)."""
    n = len(pairs)
    if n == 0:
        return math.nan
    observed = sum(1 for a, b in pairs if a == b) / n
    first, second = Counter(a for a, _b in pairs), Counter(b for _a, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    return math.nan if expected >= 1.0 else (observed - expected) / (1.0 - expected)


def _row(group: str, key: str, pairs: Sequence[Pair], spans: dict[str, float]) -> AgreementRow:
    exact = sum(_agree(p.first, p.second) for p in pairs) / len(pairs)
    differences = []
    for p in pairs:
        span = spans[p.code]
        differences.append(abs(p.first - p.second) / span if span > 0 else math.nan)
    categorical = [p for p in pairs if p.kind in CATEGORICAL]
    kappa = (
        cohen_kappa([((p.code, _category(p.first)), (p.code, p.second)) for p in categorical])
        if categorical
        else None
    )
    mad = sum(differences) / len(differences)
    return AgreementRow(group, key, len(pairs), exact, mad, kappa)


def _category(value: float) -> float:
    """A first value as a category: a mean of several ratings rounds to a level's value."""
    return float(round(value, 9))


def _spans(pairs: Sequence[Pair]) -> dict[str, float]:
    """Each indicator's range: its goalposts, else the range of all values compared."""
    spans: dict[str, float] = {}
    for p in pairs:
        if math.isfinite(p.high - p.low):
            spans[p.code] = p.high - p.low
    for code in {p.code for p in pairs} - set(spans):
        values = [v for p in pairs if p.code == code for v in (p.first, p.second)]
        spans[code] = max(values) - min(values)
    return spans


def report(pairs: Sequence[Pair]) -> list[AgreementRow]:
    """One row per indicator, one per first evaluator, then the overall row."""
    rows, spans = [], _spans(pairs)
    for group, key_of in (("indicator", _by_code), ("evaluator", _by_evaluator)):
        keys: dict[str, list[Pair]] = {}
        for p in pairs:
            keys.setdefault(key_of(p), []).append(p)
        rows += [_row(group, key, keys[key], spans) for key in sorted(keys)]
    if pairs:
        rows.append(_row("all", "", pairs, spans))
    return rows


def _by_code(p: Pair) -> str:
    return p.code


def _by_evaluator(p: Pair) -> str:
    return p.evaluator


def export_report(path: Path, rows: Sequence[AgreementRow], header: Sequence[str]) -> None:
    """Write the report as .xlsx or .csv (text cells never read as formulas)."""
    cells: list[list[Cell]] = [
        [
            r.group,
            r.key,
            float(r.pairs),
            r.exact,
            r.mad_range,
            math.nan if r.kappa is None else r.kappa,
        ]
        for r in rows
    ]
    write_table(path, header, cells, "agreement")
