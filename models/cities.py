"""Cities (the evaluated units) and the shipped city list."""

from __future__ import annotations

from dataclasses import dataclass, field

CHANNELS: tuple[str, ...] = ("实地调研", "电话访谈", "网络采样", "统计数据", "问卷调查")
CHANNELS_EN: dict[str, str] = {
    "实地调研": "Field visit",
    "电话访谈": "Phone interview",
    "网络采样": "Web sampling",
    "统计数据": "Statistics",
    "问卷调查": "Questionnaire",
}


@dataclass(frozen=True)
class City:
    """An evaluated unit. `groups` holds any further grouping columns (name → value)."""

    code: str
    name_zh: str
    name_en: str = ""
    province: str = ""
    admin_level: str = ""
    economic_circle: str = ""
    gdp: dict[int, float] = field(default_factory=dict)  # year → GDP in 亿元
    groups: dict[str, str] = field(default_factory=dict)
    city_id: int | None = None  # stable id in a workspace store; None outside one
