"""Exports to .xlsx for people: a campaign's observations, and its scores.

Headers and coded words (channels, statuses, kinds, tiers) are labelled in Chinese or
English (`lang` "zh" or "en"); ids and codes stay as stored. Written by
models.xlsx_write: text is always a string cell, never a formula, and text beginning
with = + - @ carries Excel's quote prefix.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal

from models.campaign_scoring import CampaignScores, score_campaign
from models.campaigns import Campaign
from models.cities import City
from models.excel_columns import KIND_LABELS, channel_label, status_label
from models.framework import Framework, Indicator
from models.observations import Observation
from models.results_table import aggregates_top_down
from models.workspace import Workspace
from models.xlsx_write import SheetData, XValue, write_workbook

Lang = Literal["zh", "en"]
TIER_EN: dict[str, str] = {"领军": "Leader", "先锋": "Pioneer", "探索": "Explorer"}

# (zh, en) headers of the observation export, in column order
OBSERVATION_HEADERS: tuple[tuple[str, str], ...] = (
    ("观测编号", "Observation UUID"),
    ("城市代码", "City code"),
    ("城市", "City"),
    ("指标代码", "Indicator code"),
    ("指标", "Indicator"),
    ("计量方式", "Measurement"),
    ("单位", "Unit"),
    ("数值", "Value"),
    ("调查渠道", "Channel"),
    ("调查日期", "Date observed"),
    ("评估员", "Evaluator"),
    ("设备", "Device"),
    ("数据来源", "Source"),
    ("备注", "Note"),
    ("明细", "Detail"),
    ("状态", "Status"),
    ("创建时间 (UTC)", "Created (UTC)"),
    ("修改时间 (UTC)", "Updated (UTC)"),
    ("删除时间 (UTC)", "Deleted (UTC)"),
)
_OBSERVATION_WIDTHS = (38, 14, 12, 10, 28, 10, 8, 10, 10, 12, 10, 14, 30, 30, 14, 9, 24, 24, 24)


def _label(pair: tuple[str, str], lang: Lang) -> str:
    return pair[1] if lang == "en" else pair[0]


def export_observations(
    ws: Workspace,
    campaign: Campaign,
    path: Path,
    *,
    lang: Lang = "zh",
    include_deleted: bool = False,
) -> int:
    """Write the campaign's observations (every column) to `path`; returns the row count."""
    observations = ws.observations(campaign.campaign_id, include_deleted=include_deleted)
    cities = {c.city_id: c for c in ws.cities()}
    framework = ws.framework(campaign.framework_id)
    nodes = {n.node_id: n for n in framework.nodes}
    header = [_label(h, lang) for h in OBSERVATION_HEADERS]
    rows = _observation_rows(observations, cities, nodes, lang)
    sheet = SheetData("观测 Observations", header, rows, _OBSERVATION_WIDTHS, frozen_columns=1)
    write_workbook(path, [sheet])
    return len(observations)


def _observation_rows(
    observations: Sequence[Observation],
    cities: dict[int | None, City],
    nodes: dict[int | None, Indicator],
    lang: Lang,
) -> Iterator[list[XValue]]:
    for o in observations:
        city, node = cities.get(o.city_id), nodes.get(o.indicator_id)
        spec = node.spec if node is not None else None
        yield [
            o.uuid,
            city.code if city else str(o.city_id),
            _city_name(city, lang) if city else "",
            node.code if node else str(o.indicator_id),
            _node_name(node, lang) if node else "",
            _label(KIND_LABELS[spec.kind], lang) if spec else "",
            spec.unit if spec else "",
            o.value,
            channel_label(o.channel, lang),
            o.observed_on,
            o.evaluator,
            o.device,
            o.source,
            o.note,
            o.detail,
            status_label(o.status, lang),
            o.created_at,
            o.updated_at,
            o.deleted_at,
        ]


def _city_name(city: City, lang: Lang) -> str:
    return (city.name_en or city.name_zh) if lang == "en" else city.name_zh


def _node_name(node: Indicator, lang: Lang) -> str:
    return (node.name_en or node.name_zh) if lang == "en" else node.name_zh


# ---------------------------------------------------------------- scores


def export_scores(ws: Workspace, campaign: Campaign, path: Path, *, lang: Lang = "zh") -> int:
    """Score the campaign and write three sheets: the index and every aggregate with rank
    and tier; the leaves' normalised scores; the reconciled indicator values with the
    number of observations used. Returns the number of cities."""
    scored = score_campaign(ws, campaign)
    write_workbook(path, scores_sheets(scored, lang))
    return len(scored.cities)


def scores_sheets(scored: CampaignScores, lang: Lang = "zh") -> list[SheetData]:
    """The score workbook's sheets for an already scored campaign, cities by rank."""
    result, framework = scored.result, scored.framework
    h = result.hierarchy
    aggregates = aggregates_top_down(h)
    leaves = list(h.leaf_codes)
    ranks = [float(r) for r in result.rank]
    order = sorted(range(len(scored.cities)), key=lambda i: (math.isnan(ranks[i]), ranks[i]))
    city_head = [_label(("城市代码", "City code"), lang), _label(("城市", "City"), lang)]
    tiers = result.tier_labels()
    rank_rows: list[list[XValue]] = []
    for i in order:
        city = scored.cities[i]
        row: list[XValue] = [city.code, _city_name(city, lang)]
        row += [_number(result.scores[i, h.index[c]]) for c in aggregates]
        row += [None if math.isnan(ranks[i]) else int(ranks[i]), _tier(tiers[i], lang)]
        rank_rows.append(row)
    scores = SheetData(
        _label(("得分", "Scores"), lang),
        [*city_head, *_headers(framework, aggregates, lang), *_rank_tier(lang)],
        rank_rows,
        (14, 12),
        frozen_columns=2,
    )
    return [scores, *_leaf_sheets(scored, order, leaves, city_head, lang)]


def _leaf_sheets(
    scored: CampaignScores, order: list[int], leaves: list[str], city_head: list[str], lang: Lang
) -> list[SheetData]:
    result, cells = scored.result, scored.cells
    h = result.hierarchy
    columns = range(len(leaves))
    normalised: list[list[XValue]] = []
    values: list[list[XValue]] = []
    counts: list[list[XValue]] = []
    for i in order:
        city = [scored.cities[i].code, _city_name(scored.cities[i], lang)]
        normalised.append([*city, *(_number(result.scores[i, h.index[c]]) for c in leaves)])
        values.append([*city, *(_number(cells.values[i, k]) for k in columns)])
        counts.append([*city, *(int(cells.count[i, k]) for k in columns)])
    header = [*city_head, *_headers(scored.framework, leaves, lang)]
    return [
        SheetData(_label(("指标得分", "Indicator scores"), lang), header, normalised, (14, 12), 2),
        SheetData(_label(("指标数值", "Indicator values"), lang), header, values, (14, 12), 2),
        SheetData(_label(("观测数", "Observations used"), lang), header, counts, (14, 12), 2),
    ]


def _headers(framework: Framework, codes: Sequence[str], lang: Lang) -> list[str]:
    return [
        f"{code} {_node_name(framework[code], lang)}" if code in framework else code
        for code in codes
    ]


def _rank_tier(lang: Lang) -> list[str]:
    return [_label(("排名", "Rank"), lang), _label(("梯队", "Tier"), lang)]


def _tier(tier: str | None, lang: Lang) -> str | None:
    if tier is None:
        return None
    return TIER_EN.get(tier, tier) if lang == "en" else tier


def _number(value: float) -> float | None:
    number = float(value)
    return None if math.isnan(number) else number
