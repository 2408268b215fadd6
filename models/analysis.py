"""The analysis of a scored campaign, as the report's chapter 3 presents it (Qt-free).

`analyse(scored, sources)` groups the cities by GDP band, economic circle, province and
administrative level, computes each group's statistics on every node, fits the index
against GDP, and names the first- and second-level indicators. Everything shown in the
results tab, the charts, the report and the results workbook is read from here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from models.campaign_scoring import CampaignScores
from models.cities import CHANNELS, City
from models.framework import Framework
from models.regions import ECONOMIC_CIRCLES, admin_level_name, circle_name, province_name
from models.workspace import Workspace
from scoring.groups import GdpBands, LineFit, fit_line, group_order
from scoring.hierarchy import FloatArray, IntArray
from scoring.stats import NodeStats, group_stats, node_stats

GroupKind = str  # "band", "circle", "province", "admin_level"
GROUP_KINDS: tuple[GroupKind, ...] = ("band", "circle", "province", "admin_level")


@dataclass(frozen=True)
class Sources:
    """Where the campaign's data came from: live observations per channel (rejected ones
    counted apart), and how many city × indicator cells have a value."""

    channels: tuple[tuple[str, int], ...]
    observations: int
    rejected: int
    cells_filled: int
    cells_total: int

    @property
    def channels_used(self) -> tuple[str, ...]:
        return tuple(name for name, count in self.channels if count > 0)


@dataclass(frozen=True, eq=False)  # holds arrays
class Group:
    """One group of cities: its key (a label as stored, or the band number), its member
    positions in campaign order and its statistics on every node."""

    kind: GroupKind
    key: str
    members: tuple[int, ...]
    stats: NodeStats


@dataclass(frozen=True, eq=False)  # holds arrays
class Analysis:
    """A scored campaign with its groups, GDP fit and source counts."""

    scored: CampaignScores
    sources: Sources
    bands: GdpBands
    gdp_year: int | None
    gdp: FloatArray  # per city, NaN when unknown for gdp_year
    band: IntArray  # per city, −1 when GDP is unknown
    first: tuple[str, ...]  # first-level codes, in tree order
    second: dict[str, tuple[str, ...]]  # first-level code → its second-level codes
    groups: dict[GroupKind, tuple[Group, ...]]
    gdp_fit: LineFit

    # ---------------------------------------------------------------- shortcuts

    @property
    def cities(self) -> tuple[City, ...]:
        return self.scored.cities

    @property
    def framework(self) -> Framework:
        return self.scored.framework

    @property
    def stats(self) -> NodeStats:
        return self.scored.result.stats

    @property
    def root(self) -> str:
        h = self.scored.result.hierarchy
        return h.codes[h.root]

    @property
    def second_codes(self) -> tuple[str, ...]:
        return tuple(code for first in self.first for code in self.second[first])

    def column(self, code: str) -> int:
        return self.scored.result.hierarchy.index[code]

    def scores(self, code: str) -> FloatArray:
        """The scores of every city on node `code`."""
        return self.scored.result.scores[:, self.column(code)]

    def mean(self, code: str) -> float:
        return float(self.stats.mean[self.column(code)])

    def sd(self, code: str) -> float:
        return float(self.stats.sd[self.column(code)])

    def group(self, kind: GroupKind, key: str) -> Group | None:
        return next((g for g in self.groups.get(kind, ()) if g.key == key), None)

    # ---------------------------------------------------------------- names

    def node_name(self, code: str, lang: str) -> str:
        if code not in self.framework:
            return code
        node = self.framework[code]
        return (node.name_en or node.name_zh) if lang == "en" else node.name_zh

    def city_name(self, position: int, lang: str) -> str:
        city = self.cities[position]
        return (city.name_en or city.name_zh) if lang == "en" else city.name_zh

    def group_name(self, kind: GroupKind, key: str, lang: str) -> str:
        """A group's label: the band's GDP range, or the stored label in `lang`."""
        if kind == "band":
            return band_label(self.bands, int(key), lang)
        if kind == "circle":
            return circle_name(key, lang)
        if kind == "province":
            return province_name(key, lang)
        return admin_level_name(key, lang)


def band_label(bands: GdpBands, band: int, lang: str) -> str:
    """ "≥ 20 000", "10 000–20 000", "< 5 000" (亿元 / 100 million CNY added by callers)."""
    lower, upper = bands.bounds(band)
    if upper is None and lower is not None:
        return f"≥ {_thousands(lower)}"
    if lower is None and upper is not None:
        return f"< {_thousands(upper)}"
    return f"{_thousands(lower or 0.0)}–{_thousands(upper or 0.0)}"


def _thousands(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def analyse(
    scored: CampaignScores,
    sources: Sources,
    bands: GdpBands | None = None,
    gdp_year: int | None = None,
) -> Analysis:
    """Group and summarise `scored`. `gdp_year` defaults to the latest year any city has."""
    bands = bands or GdpBands()
    year = gdp_year if gdp_year is not None else latest_gdp_year(scored.cities)
    gdp = np.array([c.gdp.get(year, math.nan) if year else math.nan for c in scored.cities])
    band = bands.assign(gdp)
    first, second = _levels(scored)
    scores = scored.result.scores
    labels: dict[GroupKind, list[str | None]] = {
        "band": [str(b) if b >= 0 else None for b in band.tolist()],
        "circle": [c.economic_circle or None for c in scored.cities],
        "province": [c.province or None for c in scored.cities],
        "admin_level": [c.admin_level or None for c in scored.cities],
    }
    preferred: dict[GroupKind, Sequence[str]] = {
        "band": [str(b) for b in range(bands.count)],
        "circle": list(ECONOMIC_CIRCLES),
        "province": [],
        "admin_level": ["直辖市", "副省级", "省会", "地级市"],
    }
    groups = {kind: _groups(kind, scores, labels[kind], preferred[kind]) for kind in GROUP_KINDS}
    index = scores[:, scored.result.hierarchy.root]
    fit = fit_line(gdp, index)
    return Analysis(scored, sources, bands, year, gdp, band, first, second, groups, fit)


def _groups(
    kind: GroupKind, scores: FloatArray, labels: list[str | None], preferred: Sequence[str]
) -> tuple[Group, ...]:
    by_key = group_stats(scores, labels)
    out = []
    for key in group_order(labels, preferred):
        members = tuple(i for i, label in enumerate(labels) if label == key)
        out.append(Group(kind, key, members, by_key[key]))
    return tuple(out)


def _levels(scored: CampaignScores) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """First-level codes and, for each, its aggregate children (the second level)."""
    h = scored.result.hierarchy
    first = tuple(h.codes[int(i)] for i in h.children(h.root) if int(i) >= h.n_leaves)
    second = {
        code: tuple(h.codes[int(i)] for i in h.children(h.index[code]) if int(i) >= h.n_leaves)
        for code in first
    }
    return first, second


def latest_gdp_year(cities: Sequence[City]) -> int | None:
    years = {year for city in cities for year in city.gdp}
    return max(years) if years else None


def subset_stats(analysis: Analysis, keep: Callable[[int], bool]) -> NodeStats:
    """Statistics over the cities for which `keep(position)` is true."""
    rows = [i for i in range(len(analysis.cities)) if keep(i)]
    return node_stats(analysis.scored.result.scores[rows])


# ---------------------------------------------------------------- sources


def observation_sources(ws: Workspace, scored: CampaignScores) -> Sources:
    """Count the campaign's live observations by channel (the five standard channels
    first, in the report's order, then any other) and the filled cells."""
    stored = ws.observation_arrays(scored.campaign.campaign_id)
    return sources_from_arrays(
        stored.channels, stored.channel, stored.rejected, scored.cells.values
    )


def sources_from_arrays(
    channels: Sequence[str], channel: IntArray, rejected: np.ndarray, cells: FloatArray
) -> Sources:
    used = np.asarray(channel)[~np.asarray(rejected, dtype=bool)]
    counts = np.bincount(used, minlength=len(channels)) if used.size else np.zeros(len(channels))
    by_name = {name: int(counts[k]) for k, name in enumerate(channels)}
    names = [*CHANNELS, *(c for c in channels if c not in CHANNELS)]
    return Sources(
        channels=tuple((name, by_name.get(name, 0)) for name in names),
        observations=int(used.size),
        rejected=int(np.count_nonzero(rejected)),
        cells_filled=int(np.count_nonzero(~np.isnan(cells))),
        cells_total=int(cells.size),
    )
