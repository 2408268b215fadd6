"""The sections of the report's chapter 3 as blocks (Qt-free): the sample and its sources,
then the results — overall level and tiers, each first-level indicator, unevenness by
GDP band and economic circle, the first and second levels compared."""

from __future__ import annotations

import math
from collections.abc import Sequence

from models.analysis import Analysis
from models.analysis_tables import NodeRow, table_3_2, table_3_13
from models.chart_data import ChartSpec, second_order
from models.findings import Findings, GroupMean
from models.regions import admin_level_name, circle_name, province_name
from models.report_blocks import Block, Counter, Figure, Heading, Paragraph, Table
from models.report_phrases import join_names, phrase
from models.report_text import channel_name, percent_text, score_text, tier_name

Cell = str


def _s(value: float) -> str:
    return score_text(value, 2)


def _names(analysis: Analysis, positions: Sequence[int], lang: str) -> str:
    return join_names([analysis.city_name(i, lang) for i in positions], lang)


def _year_text(analysis: Analysis, lang: str) -> str:
    return phrase("year_text", lang, year=analysis.gdp_year) if analysis.gdp_year else ""


def figure(spec: ChartSpec, lang: str, counter: Counter) -> Figure:
    number = counter.next()
    return Figure(number, phrase("figure", lang, number=number, caption=spec.title), spec)


# ---------------------------------------------------------------- 3.1 the sample


def sampling_blocks(
    analysis: Analysis, found: Findings, lang: str, counter: Counter
) -> list[Block]:
    gdp = [g for g in analysis.gdp.tolist() if not math.isnan(g)]
    circles = {g.key: g.n for g in found.circles}
    table = sample_table(analysis, lang, counter)
    objects = phrase(
        "objects",
        lang,
        n=found.n_cities,
        year_text=_year_text(analysis, lang),
        total=f"{sum(gdp):,.0f}",
        high=f"{max(gdp, default=math.nan):,.0f}",
        low=f"{min(gdp, default=math.nan):,.0f}",
        yrd=circles.get("长三角", 0),
        prd=circles.get("珠三角", 0),
        jjj=circles.get("京津冀", 0),
        table=table.number,
    )
    sources = found.sources
    sampling = phrase(
        "sampling",
        lang,
        k=len(sources.channels_used),
        observations=sources.observations,
        rejected=sources.rejected,
        filled=sources.cells_filled,
        total=sources.cells_total,
    )
    blocks: list[Block] = [
        Heading(phrase("h_conduct", lang), 2),
        Heading(phrase("h_objects", lang), 3),
        Paragraph(objects),
        table,
        Heading(phrase("h_sampling", lang), 3),
        Paragraph(sampling),
    ]
    for channel, count in sources.channels:
        share = count / sources.observations if sources.observations else math.nan
        line = phrase(
            "channel_line",
            lang,
            channel=channel_name(channel, lang),
            count=count,
            share=percent_text(share),
        )
        blocks.append(Paragraph(line, "bullet"))
    return blocks


def sample_table(analysis: Analysis, lang: str, counter: Counter) -> Table:
    """The cities evaluated, by GDP (largest first)."""

    def key(i: int) -> tuple[bool, float, str]:
        gdp = float(analysis.gdp[i])
        return (math.isnan(gdp), 0.0 if math.isnan(gdp) else -gdp, analysis.cities[i].code)

    rows = []
    for i in sorted(range(len(analysis.cities)), key=key):
        city = analysis.cities[i]
        gdp = float(analysis.gdp[i])
        band = int(analysis.band[i])
        rows.append(
            (
                analysis.city_name(i, lang),
                province_name(city.province, lang) or "–",
                admin_level_name(city.admin_level, lang) or "–",
                circle_name(city.economic_circle, lang) or "–",
                "–" if math.isnan(gdp) else f"{gdp:,.2f}",
                analysis.group_name("band", str(band), lang) if band >= 0 else "–",
            )
        )
    number = counter.next()
    keys = ("col_city", "col_province", "col_level", "col_circle", "col_gdp", "col_band")
    return Table(
        number,
        phrase("table", lang, number=number, caption=phrase("cap_cities", lang)),
        tuple(phrase(k, lang) for k in keys),
        tuple(rows),
        widths=(2, 2, 2.4, 2.4, 2, 2.2),
        numeric=(False, False, False, False, True, False),
    )


# ---------------------------------------------------------------- 3.2 results


def results_blocks(
    analysis: Analysis,
    found: Findings,
    charts: dict[str, ChartSpec],
    lang: str,
    counter: Counter,
) -> list[Block]:
    blocks: list[Block] = [Heading(phrase("h_results", lang), 2)]
    blocks += _overall(analysis, found, charts, lang, counter)
    blocks.append(Heading(phrase("h_first", lang), 3))
    for code in second_order(analysis):
        spec = charts.get(f"second-{code}")
        if spec is not None:
            blocks += [
                figure(spec, lang, counter),
                Paragraph(_first_para(analysis, found, code, lang)),
            ]
    blocks += _uneven(analysis, found, charts, lang, counter)
    blocks += _compare(analysis, found, charts, lang, counter)
    return blocks


def _overall(
    analysis: Analysis, found: Findings, charts: dict[str, ChartSpec], lang: str, counter: Counter
) -> list[Block]:
    overall = phrase(
        "overall",
        lang,
        n=found.n_scored,
        mean=_s(found.index_mean),
        sd=_s(found.index_sd),
        high=_s(found.index_max),
        low=_s(found.index_min),
        k=len(found.tiers),
        leaders=_names(analysis, found.leaders, lang),
    )
    number = counter.next()
    header = (phrase("col_tier", lang), phrase("col_cities", lang))
    tiers = Table(
        number,
        phrase("table", lang, number=number, caption=phrase("cap_tiers", lang)),
        header,
        tier_rows(analysis, lang),
        note=phrase("tiers_note", lang),
        widths=(1, 6),
    )
    sep = phrase("list_sep", lang)
    shares = phrase(
        "tier_shares",
        lang,
        names=sep.join(tier_name(label, lang) for label, _n, _s in found.tiers),
        k=len(found.tiers),
        shares=join_names([percent_text(share) for _l, _n, share in found.tiers], lang),
        counts=sep.join(str(n) for _l, n, _s in found.tiers),
    )
    return [
        Heading(phrase("h_overall", lang), 3),
        Paragraph(overall),
        tiers,
        Paragraph(shares),
        figure(charts["tiers"], lang, counter),
    ]


def tier_rows(analysis: Analysis, lang: str) -> tuple[tuple[Cell, ...], ...]:
    """表 3-2's rows: tier, its cities in the report's order."""
    sep = phrase("list_sep", lang)
    return tuple(
        (tier_name(row.label, lang), sep.join(analysis.city_name(i, lang) for i in row.cities))
        for row in table_3_2(analysis)
    )


def _first_para(analysis: Analysis, found: Findings, code: str, lang: str) -> str:
    rows = [r for r in found.second if r.parent == code and not math.isnan(r.mean)]
    name = analysis.node_name(code, lang)
    top = _names(analysis, found.top_cities[code], lang)
    if len(rows) < 2:
        return phrase(
            "first_para_short", lang, name=name, mean=_s(analysis.mean(code)),
            sd=_s(analysis.sd(code)), top=top,
        )  # fmt: skip
    best, worst = _pick(rows, "mean", True), _pick(rows, "mean", False)
    even, uneven = _pick(rows, "sd", False), _pick(rows, "sd", True)
    return phrase(
        "first_para",
        lang,
        name=name,
        mean=_s(analysis.mean(code)),
        sd=_s(analysis.sd(code)),
        best=analysis.node_name(best.code, lang),
        best_mean=_s(best.mean),
        worst=analysis.node_name(worst.code, lang),
        worst_mean=_s(worst.mean),
        spread=_s(found.spread[code]),
        even=analysis.node_name(even.code, lang),
        even_sd=_s(even.sd),
        uneven=analysis.node_name(uneven.code, lang),
        uneven_sd=_s(uneven.sd),
        top=top,
    )


def _pick(rows: Sequence[NodeRow], attr: str, largest: bool) -> NodeRow:
    sign = -1.0 if largest else 1.0
    usable = [r for r in rows if not math.isnan(getattr(r, attr))] or list(rows)
    return min(usable, key=lambda r: sign * float(getattr(r, attr)))


def _uneven(
    analysis: Analysis, found: Findings, charts: dict[str, ChartSpec], lang: str, counter: Counter
) -> list[Block]:
    bands = phrase(
        "bands",
        lang,
        groups=phrase("list_sep", lang).join(_band_item(analysis, g, lang) for g in found.bands),
        sd=_s(found.index_sd),
        low_sd=_s(min((g.sd for g in found.bands if not math.isnan(g.sd)), default=math.nan)),
        high_sd=_s(max((g.sd for g in found.bands if not math.isnan(g.sd)), default=math.nan)),
    )
    fit = found.gdp_fit
    gdp = phrase(
        "gdp_fit",
        lang,
        year_text=_year_text(analysis, lang),
        r=_s(fit.r),
        n=fit.n,
        per=score_text(fit.slope * 10_000, 3),
    )
    circles = phrase(
        "circles",
        lang,
        groups=phrase("list_sep", lang).join(
            phrase("circle_item", lang, circle=circle_name(g.key, lang), mean=_s(g.mean), n=g.n)
            for g in found.circles
        ),
        mean=_s(found.index_mean),
    )
    return [
        Heading(phrase("h_uneven", lang), 3),
        Paragraph(phrase("h_gdp", lang), "lead"),
        figure(charts["band-index"], lang, counter),
        Paragraph(bands),
        figure(charts["band-first"], lang, counter),
        Paragraph(gdp),
        figure(charts["gdp"], lang, counter),
        Paragraph(phrase("h_circles", lang), "lead"),
        Paragraph(circles),
        figure(charts["circles"], lang, counter),
    ]


def _band_item(analysis: Analysis, g: GroupMean, lang: str) -> str:
    band = analysis.group_name("band", g.key, lang)
    return phrase("band_item", lang, band=band, mean=_s(g.mean), n=g.n, sd=_s(g.sd))


def _compare(
    analysis: Analysis, found: Findings, charts: dict[str, ChartSpec], lang: str, counter: Counter
) -> list[Block]:
    blocks: list[Block] = [Heading(phrase("h_compare", lang), 3)]
    best, worst = found.strongest_first, found.weakest_first
    if best is not None and worst is not None:
        compare = phrase(
            "compare",
            lang,
            k=len(found.first),
            best=analysis.node_name(best.code, lang),
            best_mean=_s(best.mean),
            worst=analysis.node_name(worst.code, lang),
            worst_mean=_s(worst.mean),
        )
        blocks.append(Paragraph(compare))
    blocks.append(figure(charts["first"], lang, counter))
    blocks.append(Heading(phrase("h_second", lang), 3))
    picks = (found.strongest_second, found.weakest_second)
    spread = (found.least_even_second, found.most_even_second)
    if None not in picks and None not in spread:
        assert picks[0] and picks[1] and spread[0] and spread[1]
        second = phrase(
            "second",
            lang,
            best=analysis.node_name(picks[0].code, lang),
            best_mean=_s(picks[0].mean),
            worst=analysis.node_name(picks[1].code, lang),
            worst_mean=_s(picks[1].mean),
            uneven=analysis.node_name(spread[0].code, lang),
            uneven_sd=_s(spread[0].sd),
            even=analysis.node_name(spread[1].code, lang),
            even_sd=_s(spread[1].sd),
        )
        blocks.append(Paragraph(second))
    blocks.append(second_level_table(analysis, lang, counter.next()))
    return blocks


def second_level_table(analysis: Analysis, lang: str, number: str) -> Table:
    """表 3-13: each second-level indicator's mean and sd under its first-level one."""
    rows = tuple(
        (
            analysis.node_name(row.parent, lang),
            analysis.node_name(row.code, lang),
            score_text(row.mean, 3),
            score_text(row.sd, 3),
        )
        for row in table_3_13(analysis)
    )
    header = tuple(phrase(k, lang) for k in ("col_first", "col_second", "col_mean", "col_sd"))
    return Table(
        number,
        phrase("table", lang, number=number, caption=phrase("cap_second", lang)),
        header,
        rows,
        widths=(3, 4, 2, 2),
        numeric=(False, False, True, True),
    )
