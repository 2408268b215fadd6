"""The words of the analysis charts, the report and the results workbook, in Chinese and
English (Qt-free, so that a report's language does not depend on the window's).

`text(key, lang, **values)` returns the template in `lang` ("zh" or "en"), formatted.
"""

from __future__ import annotations

import math

from models.cities import CHANNELS_EN

TIERS_EN: dict[str, str] = {"领军": "Leader", "先锋": "Pioneer", "探索": "Explorer"}

TEXTS: dict[str, tuple[str, str]] = {
    # --- charts
    "index": ("发展指数", "Index"),
    "mean": ("平均指数", "Mean"),
    "sd": ("标准差", "SD"),
    "share": ("占比", "Share"),
    "cities": ("城市数", "Cities"),
    "sample": ("样本整体", "Whole sample"),
    "sample_mean": ("样本平均", "Sample mean"),
    "overall_mean": ("{name}整体平均", "{name} overall mean"),
    "gdp_axis": ("{year} 年 GDP（亿元）", "GDP {year} (100 million CNY)"),
    "gdp_axis_plain": ("GDP（亿元）", "GDP (100 million CNY)"),
    "band_name": ("GDP {label} 亿元", "GDP {label} (100 million CNY)"),
    "fit": (
        "拟合线：r = {r}，GDP 每增加 1 万亿元，指数提高 {per}",
        "Fitted line: r = {r}; index +{per} per 10 000 of GDP",
    ),
    "city": ("本市", "This city"),
    "chart_tiers": ("智慧城市三个梯队城市数量占比", "Share of cities in each tier"),
    "chart_first": ("样本总体一级指标平均指数", "First-level indicators: sample means"),
    "chart_second": ("{name}总体发展指数分析", "{name}: second-level means"),
    "chart_band_index": (
        "不同经济规模样本城市智慧城市发展水平分析",
        "Index by economic size (GDP band)",
    ),
    "chart_band_first": (
        "不同经济规模样本城市一级指标发展水平分析",
        "First-level indicators by economic size (GDP band)",
    ),
    "chart_circle": (
        "不同经济圈智慧城市一级指标发展水平分析",
        "Economic circles against the whole sample",
    ),
    "chart_gdp": ("智慧城市发展指数与经济规模", "Index against GDP"),
    "chart_profile": ("{city}：一级指标与二级指标画像", "{city}: profile"),
    "chart_radar": ("一级指标", "First-level indicators"),
    "chart_profile_bars": ("二级指标与样本平均", "Second-level scores against the sample mean"),
    "synthetic": ("合成数据", "synthetic data"),
    "profile_summary": (
        "排名 {rank}/{n} · {tier} · 发展指数 {index}",
        "Rank {rank} of {n} · {tier} · index {index}",
    ),
    "deviation": (
        "{name}：{value}（样本平均 {mean}，{sds} 个标准差）",
        "{name}: {value} (sample mean {mean}, {sds} sd)",
    ),
    "strengths": ("优势指标", "Strengths"),
    "weaknesses": ("短板指标", "Weaknesses"),
    "none": ("无", "None"),
    "strength_rule": (
        "（高于或低于样本平均至少一个标准差的一级、二级指标）",
        "(first- and second-level indicators at least one sd above or below the sample mean)",
    ),
}


def text(key: str, lang: str, **values: object) -> str:
    zh, en = TEXTS[key]
    template = en if lang == "en" else zh
    return template.format(**values) if values else template


def tier_name(label: str | None, lang: str) -> str:
    if label is None:
        return "–"
    return TIERS_EN.get(label, label) if lang == "en" else label


def channel_name(channel: str, lang: str) -> str:
    return CHANNELS_EN.get(channel, channel) if lang == "en" else channel


def score_text(value: float, digits: int = 2) -> str:
    """A score as the report writes it (0.70); "–" when missing."""
    return "–" if math.isnan(value) else f"{value:.{digits}f}"


def percent_text(share: float) -> str:
    return "–" if math.isnan(share) else f"{share:.0%}"
