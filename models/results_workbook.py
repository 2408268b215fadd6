"""The results workbook (.xlsx; Qt-free): ranking and tiers, scores at every level,
statistics per node and by group, the report's tables 3-2 and 3-13, the weights and
every scoring setting used, and the observations by channel.

Written with models.xlsx_write (formula-safe: text is never evaluated). Numbers are
written in full precision; the workbook is what the report's numbers are read from.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from models.analysis import GROUP_KINDS, Analysis
from models.analysis_tables import ranking_order, table_3_2, table_3_13
from models.excel_export import scores_sheets
from models.regions import admin_level_name, circle_name, province_name
from models.report_phrases import phrase
from models.report_text import channel_name, tier_name
from models.weight_sets import active_name
from models.xlsx_write import SheetData, XValue, write_workbook
from scoring.progress import CancelFn, ProgressFn, Ticker

GROUP_KIND_NAMES = {
    "band": ("GDP 分组", "GDP band"),
    "circle": ("经济圈", "Economic circle"),
    "province": ("省份", "Province"),
    "admin_level": ("行政级别", "Administrative level"),
}


def _l(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _n(value: float) -> float | None:
    number = float(value)
    return None if math.isnan(number) else number


def write_results_workbook(
    analysis: Analysis,
    path: Path,
    lang: str = "zh",
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    today: date | None = None,
) -> None:
    ticker = Ticker(3, progress, cancelled)
    sheets = results_sheets(analysis, lang, today)
    ticker.step()
    write_workbook(path, sheets)
    ticker.finish()


def results_sheets(analysis: Analysis, lang: str, today: date | None = None) -> list[SheetData]:
    return [
        ranking_sheet(analysis, lang),
        *scores_sheets(analysis.scored, "en" if lang == "en" else "zh"),
        node_stats_sheet(analysis, lang),
        group_stats_sheet(analysis, lang),
        tiers_sheet(analysis, lang),
        second_level_sheet(analysis, lang),
        weights_sheet(analysis, lang),
        settings_sheet(analysis, lang, today or date.today()),
        channels_sheet(analysis, lang),
    ]


def ranking_sheet(analysis: Analysis, lang: str) -> SheetData:
    result = analysis.scored.result
    tiers = result.tier_labels()
    rows: list[list[XValue]] = []
    for i in ranking_order(analysis):
        city = analysis.cities[i]
        rank = float(result.rank[i])
        band = int(analysis.band[i])
        rows.append(
            [
                None if math.isnan(rank) else int(rank),
                city.code,
                analysis.city_name(i, lang),
                province_name(city.province, lang),
                admin_level_name(city.admin_level, lang),
                circle_name(city.economic_circle, lang),
                _n(analysis.gdp[i]),
                analysis.group_name("band", str(band), lang) if band >= 0 else None,
                _n(result.index[i]),
                tier_name(tiers[i], lang) if tiers[i] else None,
                *(_n(analysis.scores(code)[i]) for code in analysis.first),
            ]
        )
    header = [
        _l(("排名", "Rank"), lang),
        _l(("城市代码", "City code"), lang),
        phrase("col_city", lang),
        phrase("col_province", lang),
        phrase("col_level", lang),
        phrase("col_circle", lang),
        phrase("col_gdp", lang),
        phrase("col_band", lang),
        phrase("index_row", lang),
        phrase("col_tier", lang),
        *(f"{c} {analysis.node_name(c, lang)}" for c in analysis.first),
    ]
    return SheetData(_l(("排名", "Ranking"), lang), header, rows, (6, 14, 12), frozen_columns=3)


def _stats_cells(stats_n: int, mean: float, sd: float, low: float, high: float) -> list[XValue]:
    return [stats_n, _n(mean), _n(sd), _n(low), _n(high)]


def _stats_header(lang: str) -> list[str]:
    return [
        _l(("城市数", "n"), lang),
        phrase("col_mean", lang),
        phrase("col_sd", lang),
        _l(("最小值", "Min"), lang),
        _l(("最大值", "Max"), lang),
    ]


def _node_rows(analysis: Analysis) -> list[tuple[int, str]]:
    """(level, code) of the index, the first level and the second level, top-down."""
    rows = [(0, analysis.root)]
    for first in analysis.first:
        rows.append((1, first))
        rows += [(2, code) for code in analysis.second[first]]
    return rows


def node_stats_sheet(analysis: Analysis, lang: str) -> SheetData:
    """Every node of the tree (leaves too): n, mean, sd, min, max across the cities."""
    h = analysis.scored.result.hierarchy
    stats = analysis.stats
    rows: list[list[XValue]] = []
    for node in analysis.framework.walk():
        j = h.index.get(node.code)
        if j is None:
            continue
        cells = _stats_cells(
            int(stats.n[j]), stats.mean[j], stats.sd[j], stats.min[j], stats.max[j]
        )
        parent = node.parent or ""
        rows.append([node.code, analysis.node_name(node.code, lang), parent, *cells])
    header = [
        _l(("指标代码", "Code"), lang),
        phrase("col_indicator", lang),
        _l(("上级", "Parent"), lang),
        *_stats_header(lang),
    ]
    name = _l(("各指标统计", "Node statistics"), lang)
    return SheetData(name, header, rows, (10, 28, 10), frozen_columns=2)


def group_stats_sheet(analysis: Analysis, lang: str) -> SheetData:
    """By GDP band, economic circle, province and administrative level: the index, the
    first and the second level."""
    rows: list[list[XValue]] = []
    nodes = _node_rows(analysis)
    for kind in GROUP_KINDS:
        for group in analysis.groups.get(kind, ()):
            label = analysis.group_name(kind, group.key, lang)
            for _level, code in nodes:
                j = analysis.column(code)
                s = group.stats
                rows.append(
                    [
                        _l(GROUP_KIND_NAMES[kind], lang),
                        label,
                        code,
                        analysis.node_name(code, lang),
                        *_stats_cells(int(s.n[j]), s.mean[j], s.sd[j], s.min[j], s.max[j]),
                    ]
                )
    header = [
        _l(("分组方式", "Grouping"), lang),
        _l(("分组", "Group"), lang),
        _l(("指标代码", "Code"), lang),
        phrase("col_indicator", lang),
        *_stats_header(lang),
    ]
    name = _l(("分组统计", "Group statistics"), lang)
    return SheetData(name, header, rows, (12, 18, 8, 28), frozen_columns=2)


def tiers_sheet(analysis: Analysis, lang: str) -> SheetData:
    rows: list[list[XValue]] = []
    for row in table_3_2(analysis):
        for order, i in enumerate(row.cities, start=1):
            rank = float(analysis.scored.result.rank[i])
            rows.append(
                [
                    tier_name(row.label, lang),
                    order,
                    analysis.city_name(i, lang),
                    None if math.isnan(rank) else int(rank),
                    _n(analysis.scored.result.index[i]),
                ]
            )
    header = [
        phrase("col_tier", lang),
        _l(("表中顺序", "Order in table"), lang),
        phrase("col_city", lang),
        _l(("排名", "Rank"), lang),
        phrase("index_row", lang),
    ]
    return SheetData(_l(("表3-2 梯队", "Table 3-2 tiers"), lang), header, rows, (8, 10, 14))


def second_level_sheet(analysis: Analysis, lang: str) -> SheetData:
    rows: list[list[XValue]] = [
        [
            analysis.node_name(row.parent, lang),
            row.code,
            analysis.node_name(row.code, lang),
            *_stats_cells(row.n, row.mean, row.sd, row.min, row.max),
        ]
        for row in table_3_13(analysis)
    ]
    header = [
        phrase("col_first", lang),
        _l(("指标代码", "Code"), lang),
        phrase("col_second", lang),
        *_stats_header(lang),
    ]
    name = _l(("表3-13 二级指标", "Table 3-13 second level"), lang)
    return SheetData(name, header, rows, (14, 8, 28))


def weights_sheet(analysis: Analysis, lang: str) -> SheetData:
    """The weights used (the active weight set's where one is chosen): as stored
    (relative to siblings), normalised among siblings, and the node's share of the index."""
    h = analysis.scored.result.hierarchy
    rows: list[list[XValue]] = []
    for node in analysis.framework.walk():
        j = h.index.get(node.code)
        if j is None:
            continue
        parent = int(h.parent[j])
        siblings = [k for k in range(len(h.codes)) if int(h.parent[k]) == parent]
        total = float(sum(h.weight[k] for k in siblings)) if parent >= 0 else 1.0
        share = _index_share(h.parent.tolist(), h.weight.tolist(), j)
        normalised = float(h.weight[j]) / total if total > 0 else math.nan
        rows.append(
            [
                node.code,
                analysis.node_name(node.code, lang),
                node.parent or "",
                float(h.weight[j]),
                _n(normalised),
                _n(share),
                int(h.direction[j]) if j < h.n_leaves else None,
            ]
        )
    header = [
        _l(("指标代码", "Code"), lang),
        phrase("col_indicator", lang),
        _l(("上级", "Parent"), lang),
        _l(("权重（相对同级）", "Weight (relative to siblings)"), lang),
        _l(("同级归一化权重", "Normalised among siblings"), lang),
        _l(("占总指数比重", "Share of the index"), lang),
        _l(("方向", "Direction"), lang),
    ]
    return SheetData(_l(("权重", "Weights"), lang), header, rows, (10, 28, 10, 14, 14, 14))


def _index_share(parent: Sequence[int], weight: Sequence[float], node: int) -> float:
    share = 1.0
    while parent[node] >= 0:
        p = parent[node]
        total = sum(w for k, w in enumerate(weight) if parent[k] == p)
        share *= weight[node] / total if total > 0 else math.nan
        node = p
    return share


def settings_sheet(analysis: Analysis, lang: str, today: date) -> SheetData:
    scored = analysis.scored
    settings = scored.settings.to_dict()
    rows: list[list[XValue]] = [
        [_l(("评估批次", "Campaign"), lang), scored.campaign.name],
        [_l(("指标体系", "Framework"), lang), scored.framework.name],
        [
            _l(("权重方案", "Weight set"), lang),
            active_name(scored.campaign.settings)
            or _l(("指标体系权重", "framework weights"), lang),
        ],
        [_l(("GDP 年份", "GDP year"), lang), analysis.gdp_year or "–"],
        [_l(("GDP 分组下限（亿元）", "GDP band floors"), lang), json.dumps(analysis.bands.floors)],
        [_l(("生成日期", "Generated"), lang), today.isoformat()],
    ]
    for key, value in settings.items():
        shown = (
            value if isinstance(value, str | int | float) else json.dumps(value, ensure_ascii=False)
        )
        rows.append([key, shown])
    header = [_l(("设置", "Setting"), lang), _l(("取值", "Value"), lang)]
    return SheetData(_l(("评分设置", "Scoring settings"), lang), header, rows, (24, 60))


def channels_sheet(analysis: Analysis, lang: str) -> SheetData:
    sources = analysis.sources
    rows: list[list[XValue]] = []
    for channel, count in sources.channels:
        share = count / sources.observations if sources.observations else None
        rows.append([channel_name(channel, lang), count, share])
    rows.append([_l(("合计（有效）", "Total used"), lang), sources.observations, 1.0])
    rows.append([_l(("退回（未计入）", "Rejected (not used)"), lang), sources.rejected, None])
    rows.append([_l(("有数据的单元", "Cells with data"), lang), sources.cells_filled, None])
    rows.append([_l(("单元总数", "Cells"), lang), sources.cells_total, None])
    header = [
        _l(("调查渠道", "Channel"), lang),
        _l(("观测数", "Observations"), lang),
        _l(("占比", "Share"), lang),
    ]
    return SheetData(
        _l(("渠道观测数", "Observations by channel"), lang), header, rows, (18, 12, 10)
    )
