"""The report's findings as numbers (Qt-free): what chapter 3 says in words — the mean
and sd of the index, the tier shares, the leaders, the strongest and weakest indicators,
the circle and GDP-band means — computed from an Analysis."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from models.analysis import Analysis, Sources
from models.analysis_tables import (
    NodeRow,
    first_level_rows,
    ranking_order,
    table_3_2,
    table_3_13,
    tier_counts,
)
from scoring.groups import LineFit

TOP_CITIES = 6  # the report names about six leading cities per first-level indicator


@dataclass(frozen=True)
class GroupMean:
    """A group's index statistics: key (stored label or band number), count, mean, sd."""

    key: str
    n: int
    mean: float
    sd: float


@dataclass(frozen=True)
class Findings:
    n_cities: int
    n_scored: int
    index_mean: float
    index_sd: float
    index_min: float
    index_max: float
    tiers: tuple[tuple[str, int, float], ...]  # label, count, share
    leaders: tuple[int, ...]  # the first tier's cities, in 表 3-2 order
    first: tuple[NodeRow, ...]
    second: tuple[NodeRow, ...]
    strongest_first: NodeRow | None
    weakest_first: NodeRow | None
    strongest_second: NodeRow | None
    weakest_second: NodeRow | None
    most_even_second: NodeRow | None  # smallest sd
    least_even_second: NodeRow | None  # largest sd
    spread: dict[str, float]  # first-level code → max − min of its second-level means
    top_cities: dict[str, tuple[int, ...]]  # first-level code → best cities on it
    circles: tuple[GroupMean, ...]
    bands: tuple[GroupMean, ...]
    gdp_fit: LineFit
    sources: Sources


def findings(analysis: Analysis) -> Findings:
    index = analysis.scores(analysis.root)
    present = index[~np.isnan(index)]
    first = first_level_rows(analysis)
    second = table_3_13(analysis)
    tiers = table_3_2(analysis)
    return Findings(
        n_cities=len(analysis.cities),
        n_scored=int(present.size),
        index_mean=analysis.mean(analysis.root),
        index_sd=analysis.sd(analysis.root),
        index_min=float(present.min()) if present.size else math.nan,
        index_max=float(present.max()) if present.size else math.nan,
        tiers=tuple(tier_counts(analysis)),
        leaders=tiers[0].cities if tiers else (),
        first=first,
        second=second,
        strongest_first=_extreme(first, "mean", True),
        weakest_first=_extreme(first, "mean", False),
        strongest_second=_extreme(second, "mean", True),
        weakest_second=_extreme(second, "mean", False),
        most_even_second=_extreme(second, "sd", False),
        least_even_second=_extreme(second, "sd", True),
        spread={code: _spread(analysis, code) for code in analysis.first},
        top_cities={code: _top(analysis, code) for code in analysis.first},
        circles=_group_means(analysis, "circle"),
        bands=_group_means(analysis, "band"),
        gdp_fit=analysis.gdp_fit,
        sources=analysis.sources,
    )


def _extreme(rows: Sequence[NodeRow], attr: str, largest: bool) -> NodeRow | None:
    """The row with the largest (or smallest) `attr`; the first one on ties."""
    usable = [r for r in rows if not math.isnan(getattr(r, attr))]
    if not usable:
        return None
    sign = -1.0 if largest else 1.0
    return min(usable, key=lambda r: sign * float(getattr(r, attr)))


def _spread(analysis: Analysis, first: str) -> float:
    means = [analysis.mean(code) for code in analysis.second[first]]
    means = [m for m in means if not math.isnan(m)]
    return max(means) - min(means) if len(means) >= 2 else math.nan


def _top(analysis: Analysis, code: str) -> tuple[int, ...]:
    scores = analysis.scores(code)
    order = [i for i in ranking_order(analysis) if not math.isnan(scores[i])]
    order.sort(key=lambda i: -scores[i])  # stable: ties keep the index ranking's order
    return tuple(order[:TOP_CITIES])


def _group_means(analysis: Analysis, kind: str) -> tuple[GroupMean, ...]:
    j = analysis.column(analysis.root)
    return tuple(
        GroupMean(g.key, int(g.stats.n[j]), float(g.stats.mean[j]), float(g.stats.sd[j]))
        for g in analysis.groups.get(kind, ())
    )
