"""The report's tables and a city's profile, computed from an Analysis (Qt-free).

- 表 3-2: the cities of each tier, "同一梯队城市按照行政级别和行政区划序列综合排序":
  by administrative level (municipality, sub-provincial capital, other sub-provincial city,
  provincial capital, prefecture-level city), then by province in GB/T 2260 order, then —
  the data holds no city division codes — by GDP, largest first.
- 表 3-13: every second-level indicator's mean and standard deviation.
- The ranking: cities by rank (unranked last).
- A city profile: its first- and second-level scores against the sample's mean and sd,
  with its strengths and weaknesses (at least one sd above or below the mean).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from models.analysis import Analysis
from models.regions import admin_rank, region_rank
from scoring.groups import deviations

STRENGTH_SD = 1.0  # a strength or weakness is at least this many sds from the mean


@dataclass(frozen=True)
class TierRow:
    """One row of 表 3-2: the tier's label and its cities (positions), in the report's order."""

    tier: int
    label: str
    cities: tuple[int, ...]


@dataclass(frozen=True)
class NodeRow:
    """A node's statistics across the sample (a row of 表 3-13)."""

    parent: str
    code: str
    n: int
    mean: float
    sd: float
    min: float
    max: float


@dataclass(frozen=True)
class Comparison:
    """One node of a city profile: the city's score, the sample's mean and sd, and +1
    strength / −1 weakness / 0."""

    code: str
    value: float
    mean: float
    sd: float
    flag: int


@dataclass(frozen=True)
class CityProfile:
    position: int
    rank: float
    tier: str | None
    index: float
    first: tuple[Comparison, ...]
    second: tuple[Comparison, ...]

    @property
    def strengths(self) -> tuple[Comparison, ...]:
        return tuple(c for c in (*self.first, *self.second) if c.flag > 0)

    @property
    def weaknesses(self) -> tuple[Comparison, ...]:
        return tuple(c for c in (*self.first, *self.second) if c.flag < 0)


def report_order_key(analysis: Analysis, position: int) -> tuple[int, int, float, str]:
    city = analysis.cities[position]
    gdp = float(analysis.gdp[position])
    return (admin_rank(city), region_rank(city), -gdp if not math.isnan(gdp) else 0.0, city.code)


def table_3_2(analysis: Analysis) -> tuple[TierRow, ...]:
    """The cities of each tier (the tier rule's labels in order), in the report's order."""
    result = analysis.scored.result
    rows = []
    for tier, label in enumerate(result.settings.tiers.labels):
        members = [i for i, t in enumerate(result.tier.tolist()) if t == tier]
        members.sort(key=lambda i: report_order_key(analysis, i))
        rows.append(TierRow(tier, label, tuple(members)))
    return tuple(rows)


def table_3_13(analysis: Analysis) -> tuple[NodeRow, ...]:
    """Every second-level indicator under its first-level one, with its statistics."""
    return tuple(
        node_row(analysis, first, code)
        for first in analysis.first
        for code in analysis.second[first]
    )


def first_level_rows(analysis: Analysis) -> tuple[NodeRow, ...]:
    return tuple(node_row(analysis, analysis.root, code) for code in analysis.first)


def node_row(analysis: Analysis, parent: str, code: str) -> NodeRow:
    stats, j = analysis.stats, analysis.column(code)
    return NodeRow(
        parent,
        code,
        int(stats.n[j]),
        float(stats.mean[j]),
        float(stats.sd[j]),
        float(stats.min[j]),
        float(stats.max[j]),
    )


def ranking_order(analysis: Analysis) -> list[int]:
    """City positions by rank, best first; unranked cities last, by code."""
    rank = analysis.scored.result.rank
    return sorted(
        range(len(analysis.cities)),
        key=lambda i: (math.isnan(rank[i]), 0.0 if math.isnan(rank[i]) else rank[i],
                       analysis.cities[i].code),
    )  # fmt: skip


def tier_counts(analysis: Analysis) -> list[tuple[str, int, float]]:
    """(label, number of cities, share of the ranked cities) per tier."""
    result = analysis.scored.result
    tiers = result.tier
    ranked = int(np.count_nonzero(tiers >= 0))
    out = []
    for k, label in enumerate(result.settings.tiers.labels):
        count = int(np.count_nonzero(tiers == k))
        out.append((label, count, count / ranked if ranked else math.nan))
    return out


def city_profile(analysis: Analysis, position: int) -> CityProfile:
    result = analysis.scored.result
    labels = result.tier_labels()
    return CityProfile(
        position=position,
        rank=float(result.rank[position]),
        tier=labels[position],
        index=float(result.index[position]),
        first=_compare(analysis, position, analysis.first),
        second=_compare(analysis, position, analysis.second_codes),
    )


def _compare(analysis: Analysis, position: int, codes: tuple[str, ...]) -> tuple[Comparison, ...]:
    columns = [analysis.column(c) for c in codes]
    values = analysis.scored.result.scores[position, columns]
    mean, sd = analysis.stats.mean[columns], analysis.stats.sd[columns]
    flags = deviations(values, mean, sd, STRENGTH_SD)
    return tuple(
        Comparison(code, float(values[k]), float(mean[k]), float(sd[k]), int(flags[k]))
        for k, code in enumerate(codes)
    )
