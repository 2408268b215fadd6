"""The report's annex: one page per city, in rank order — its profile chart (radar of
the first level, bars of the second against the sample mean), its scores and ranks at
every aggregate level, and its strengths and weaknesses (Qt-free)."""

from __future__ import annotations

import math
from collections.abc import Callable

from models.analysis import Analysis
from models.analysis_tables import CityProfile, Comparison, city_profile, ranking_order
from models.chart_data import ChartSpec, profile_chart
from models.report_blocks import Block, Figure, Heading, PageBreak, Paragraph, Table
from models.report_phrases import phrase
from models.report_text import score_text, text

PROFILE_ASPECT = 0.4  # height / width of the profile image
INDENT = "\u3000"  # a full-width space before second-level names


def annex_blocks(analysis: Analysis, lang: str, step: Callable[[], None]) -> list[Block]:
    blocks: list[Block] = [
        PageBreak(),
        Heading(phrase("h_annex", lang), 2),
        Paragraph(phrase("annex_intro", lang)),
    ]
    for position in ranking_order(analysis):
        blocks += city_blocks(analysis, position, lang)
        step()
    return blocks


def city_blocks(analysis: Analysis, position: int, lang: str) -> list[Block]:
    profile = city_profile(analysis, position)
    chart = profile_chart(analysis, position, lang)
    city = analysis.city_name(position, lang)
    rank = "–" if math.isnan(profile.rank) else f"{profile.rank:.0f}"
    return [
        PageBreak(),
        Heading(phrase("h_city", lang, rank=rank, city=city), 3),
        Paragraph(chart.summary),
        Figure(
            "",
            phrase("annex_figure", lang, city=city),
            ChartSpec(chart),
            width_cm=16.0,
            aspect=PROFILE_ASPECT,
        ),
        score_table(analysis, profile, lang),
        Paragraph(_names_line(analysis, "strengths", profile.strengths, lang), "small"),
        Paragraph(_names_line(analysis, "weaknesses", profile.weaknesses, lang), "small"),
    ]


def _names_line(analysis: Analysis, key: str, nodes: tuple[Comparison, ...], lang: str) -> str:
    """ "优势指标：技术支撑度、网络基础" (the numbers are in the table above)."""
    names = [analysis.node_name(c.code, lang) for c in nodes]
    body = phrase("list_sep", lang).join(names) if names else text("none", lang)
    colon = ": " if lang == "en" else "："
    return f"{text(key, lang)}{colon}{body}"


def score_table(analysis: Analysis, profile: CityProfile, lang: str) -> Table:
    """The city's index, first- and second-level scores with the sample mean and its rank."""
    city = analysis.city_name(profile.position, lang)
    index_row = (
        phrase("index_row", lang),
        score_text(profile.index, 3),
        score_text(analysis.mean(analysis.root), 3),
        _rank(analysis, profile.position, analysis.root),
        "",
    )
    rows: list[tuple[str, ...]] = [index_row]
    seconds = {c.code: c for c in profile.second}
    for first in profile.first:
        rows.append(_row(analysis, profile.position, first, "", lang))
        for code in analysis.second[first.code]:
            rows.append(_row(analysis, profile.position, seconds[code], INDENT, lang))
    keys = ("col_indicator", "col_score", "col_sample_mean", "col_rank", "col_assessment")
    return Table(
        "",
        phrase("annex_table", lang, city=city),
        tuple(phrase(k, lang) for k in keys),
        tuple(rows),
        widths=(5, 1.6, 1.8, 1.4, 1.6),
        numeric=(False, True, True, True, False),
    )


def _row(
    analysis: Analysis, position: int, c: Comparison, indent: str, lang: str
) -> tuple[str, ...]:
    flag = {1: phrase("strength", lang), -1: phrase("weakness", lang)}.get(c.flag, "")
    return (
        indent + analysis.node_name(c.code, lang),
        score_text(c.value, 3),
        score_text(c.mean, 3),
        _rank(analysis, position, c.code),
        flag,
    )


def _rank(analysis: Analysis, position: int, code: str) -> str:
    result = analysis.scored.result
    column = result.hierarchy.index[code] - result.hierarchy.n_leaves
    rank = float(result.ranks[position, column])
    return "–" if math.isnan(rank) else f"{rank:.0f}/{len(analysis.cities)}"
