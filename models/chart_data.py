"""What each analysis chart shows, as plain data (Qt-free): the charts in ui/charts draw
these, the report renders them to images, the tests check them against scoring/.

Charts, in the report's order (`report_figure` = the 2021 report's figure numbers):
tiers (图 3-3); second-level means with sd bars per first-level indicator (图 3-4, 3-5,
3-6, 3-11, 3-12, 3-14, 3-15); index and first-level scores by GDP band (图 3-7, 3-8);
economic circles against the whole sample (图 3-9); first-level means (图 3-10); the index
against GDP with the fitted line and r; a city's profile (radar and bars).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from models.analysis import Analysis, Group
from models.analysis_tables import Comparison, city_profile, tier_counts
from models.report_text import score_text, text, tier_name


@dataclass(frozen=True)
class Series:
    """One series of a chart: a value per category, optional sd bars and hover notes."""

    name: str
    values: tuple[float, ...]
    errors: tuple[float, ...] = ()
    notes: tuple[str, ...] = ()  # shown on hover, one per value


@dataclass(frozen=True)
class BarChart:
    key: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    y_label: str
    x_label: str = ""
    reference: tuple[tuple[str, float], ...] = ()  # dashed horizontal lines
    percent: bool = False  # values are shares: labels as 16 %
    y_max: float | None = 1.0  # None: fit the data


@dataclass(frozen=True)
class ScatterChart:
    key: str
    title: str
    x_label: str
    y_label: str
    x: tuple[float, ...]
    y: tuple[float, ...]
    labels: tuple[str, ...]  # a name per point
    slope: float
    intercept: float
    r: float
    fit_label: str


@dataclass(frozen=True)
class RadarChart:
    key: str
    title: str
    axes: tuple[str, ...]
    series: tuple[Series, ...]
    maximum: float = 1.0


@dataclass(frozen=True)
class ProfileChart:
    """A city's profile: the radar of the first level and the bars of the second."""

    key: str
    title: str
    radar: RadarChart
    bars: BarChart
    summary: str  # rank, tier and index
    strengths: tuple[str, ...]  # one line per indicator at least one sd above the mean
    weaknesses: tuple[str, ...]


Chart = BarChart | ScatterChart | RadarChart | ProfileChart


@dataclass(frozen=True)
class ChartSpec:
    """A chart with its place in the report: the 2021 report's figure numbers it mirrors."""

    chart: Chart
    report_figure: str = ""

    @property
    def key(self) -> str:
        return self.chart.key

    @property
    def title(self) -> str:
        return self.chart.title


def _floats(values: object) -> tuple[float, ...]:
    return tuple(float(v) for v in np.asarray(values, dtype=np.float64).tolist())


# ---------------------------------------------------------------- the sample's charts


def tier_chart(analysis: Analysis, lang: str) -> BarChart:
    counts = tier_counts(analysis)
    cities = text("cities", lang)
    return BarChart(
        key="tiers",
        title=text("chart_tiers", lang),
        categories=tuple(tier_name(label, lang) for label, _n, _s in counts),
        series=(
            Series(
                text("share", lang),
                tuple(share for _l, _n, share in counts),
                notes=tuple(f"{cities}: {n}" for _l, n, _s in counts),
            ),
        ),
        y_label=text("share", lang),
        percent=True,
        y_max=None,
    )


def _node_series(analysis: Analysis, codes: tuple[str, ...], lang: str) -> Series:
    return Series(
        text("mean", lang),
        tuple(analysis.mean(c) for c in codes),
        tuple(analysis.sd(c) for c in codes),
        tuple(f"{text('sd', lang)} {score_text(analysis.sd(c), 3)}" for c in codes),
    )


def first_level_chart(analysis: Analysis, lang: str) -> BarChart:
    codes = analysis.first
    root = analysis.root
    return BarChart(
        key="first",
        title=text("chart_first", lang),
        categories=tuple(analysis.node_name(c, lang) for c in codes),
        series=(_node_series(analysis, codes, lang),),
        y_label=text("mean", lang),
        reference=((text("sample_mean", lang), analysis.mean(root)),),
    )


def second_level_chart(analysis: Analysis, first: str, lang: str) -> BarChart:
    codes = analysis.second[first]
    name = analysis.node_name(first, lang)
    return BarChart(
        key=f"second-{first}",
        title=text("chart_second", lang, name=name),
        categories=tuple(analysis.node_name(c, lang) for c in codes),
        series=(_node_series(analysis, codes, lang),),
        y_label=text("mean", lang),
        reference=((text("overall_mean", lang, name=name), analysis.mean(first)),),
    )


def _group_series(analysis: Analysis, group: Group, codes: tuple[str, ...], name: str) -> Series:
    columns = [analysis.column(c) for c in codes]
    n = int(group.stats.n[columns[0]]) if columns else 0
    return Series(
        name,
        _floats(group.stats.mean[columns]),
        _floats(group.stats.sd[columns]),
        tuple(f"n = {n}" for _ in codes),
    )


def band_index_chart(analysis: Analysis, lang: str) -> BarChart:
    root = analysis.root
    j = analysis.column(root)
    groups = analysis.groups["band"]
    return BarChart(
        key="band-index",
        title=text("chart_band_index", lang),
        categories=tuple(analysis.group_name("band", g.key, lang) for g in groups),
        series=(
            Series(
                text("mean", lang),
                tuple(float(g.stats.mean[j]) for g in groups),
                tuple(float(g.stats.sd[j]) for g in groups),
                tuple(f"n = {int(g.stats.n[j])}" for g in groups),
            ),
        ),
        y_label=text("index", lang),
        x_label=text("gdp_axis_plain", lang),
        reference=((text("sample_mean", lang), analysis.mean(root)),),
    )


def band_first_chart(analysis: Analysis, lang: str) -> BarChart:
    codes = analysis.first
    return BarChart(
        key="band-first",
        title=text("chart_band_first", lang),
        categories=tuple(analysis.node_name(c, lang) for c in codes),
        series=tuple(
            _group_series(
                analysis,
                g,
                codes,
                text("band_name", lang, label=analysis.group_name("band", g.key, lang)),
            )
            for g in analysis.groups["band"]
        ),
        y_label=text("mean", lang),
    )


def circle_chart(analysis: Analysis, lang: str) -> BarChart:
    codes = (analysis.root, *analysis.first)
    stats = analysis.stats
    columns = [analysis.column(c) for c in codes]
    whole = Series(
        text("sample", lang),
        _floats(stats.mean[columns]),
        _floats(stats.sd[columns]),
        tuple(f"n = {int(stats.n[columns[0]])}" for _ in codes),
    )
    circles = tuple(
        _group_series(analysis, g, codes, analysis.group_name("circle", g.key, lang))
        for g in analysis.groups["circle"]
    )
    return BarChart(
        key="circles",
        title=text("chart_circle", lang),
        categories=(text("index", lang), *(analysis.node_name(c, lang) for c in analysis.first)),
        series=(whole, *circles),
        y_label=text("mean", lang),
    )


def gdp_chart(analysis: Analysis, lang: str) -> ScatterChart:
    index = analysis.scores(analysis.root)
    keep = [i for i in range(len(analysis.cities)) if not math.isnan(analysis.gdp[i])]
    fit = analysis.gdp_fit
    per = score_text(fit.slope * 10_000, 3)  # the index's rise per 10 000 亿元 of GDP
    year = analysis.gdp_year
    axis = text("gdp_axis", lang, year=year) if year else text("gdp_axis_plain", lang)
    return ScatterChart(
        key="gdp",
        title=text("chart_gdp", lang),
        x_label=axis,
        y_label=text("index", lang),
        x=tuple(float(analysis.gdp[i]) for i in keep),
        y=tuple(float(index[i]) for i in keep),
        labels=tuple(analysis.city_name(i, lang) for i in keep),
        slope=fit.slope,
        intercept=fit.intercept,
        r=fit.r,
        fit_label=text("fit", lang, per=per, r=score_text(fit.r, 3)),
    )


def analysis_charts(analysis: Analysis, lang: str) -> list[ChartSpec]:
    """Every chart of the sample, in the order the report discusses them."""
    second_figures = {"M": "3-4", "T": "3-5, 3-11", "A": "3-6, 3-15", "S": "3-12", "R": "3-14"}
    specs = [ChartSpec(tier_chart(analysis, lang), "3-3")]
    specs += [
        ChartSpec(second_level_chart(analysis, code, lang), second_figures.get(code, ""))
        for code in second_order(analysis)
        if analysis.second[code]
    ]
    specs += [
        ChartSpec(band_index_chart(analysis, lang), "3-7"),
        ChartSpec(band_first_chart(analysis, lang), "3-8"),
        ChartSpec(gdp_chart(analysis, lang)),
        ChartSpec(circle_chart(analysis, lang), "3-9"),
        ChartSpec(first_level_chart(analysis, lang), "3-10"),
    ]
    return specs


def second_order(analysis: Analysis) -> list[str]:
    """First-level codes in the order the report shows their second-level charts
    (M, T, A, S, R for the SMART framework; other frameworks in tree order)."""
    preferred = [c for c in ("M", "T", "A", "S", "R") if c in analysis.first]
    return preferred + [c for c in analysis.first if c not in preferred]


# ---------------------------------------------------------------- a city's profile


def profile_chart(analysis: Analysis, position: int, lang: str) -> ProfileChart:
    profile = city_profile(analysis, position)
    city = analysis.city_name(position, lang)
    mean_name = text("sample_mean", lang)
    radar = RadarChart(
        key=f"radar-{analysis.cities[position].code}",
        title=text("chart_radar", lang),
        axes=tuple(analysis.node_name(c.code, lang) for c in profile.first),
        series=(
            Series(city, tuple(c.value for c in profile.first)),
            Series(mean_name, tuple(c.mean for c in profile.first)),
        ),
    )
    bars = BarChart(
        key=f"bars-{analysis.cities[position].code}",
        title=text("chart_profile_bars", lang),
        categories=tuple(analysis.node_name(c.code, lang) for c in profile.second),
        series=(
            Series(city, tuple(c.value for c in profile.second)),
            Series(
                mean_name,
                tuple(c.mean for c in profile.second),
                tuple(c.sd for c in profile.second),
            ),
        ),
        y_label=text("index", lang),
    )
    return ProfileChart(
        key=f"profile-{analysis.cities[position].code}",
        title=text("chart_profile", lang, city=city),
        radar=radar,
        bars=bars,
        summary=text(
            "profile_summary",
            lang,
            rank="–" if math.isnan(profile.rank) else f"{profile.rank:.0f}",
            n=len(analysis.cities),
            tier=tier_name(profile.tier, lang),
            index=score_text(profile.index, 3),
        ),
        strengths=tuple(_deviation_line(analysis, c, lang) for c in profile.strengths),
        weaknesses=tuple(_deviation_line(analysis, c, lang) for c in profile.weaknesses),
    )


def _deviation_line(analysis: Analysis, c: Comparison, lang: str) -> str:
    distance = (c.value - c.mean) / c.sd if c.sd > 0 else math.nan
    return text(
        "deviation",
        lang,
        name=analysis.node_name(c.code, lang),
        value=score_text(c.value, 3),
        mean=score_text(c.mean, 3),
        sds=f"{distance:+.1f}",
    )
