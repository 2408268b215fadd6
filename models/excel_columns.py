"""The columns of an entry workbook and the words in them, shared by the template writer
and the importer: headers in zh and en, measurement kinds, channels, statuses and the
drop-down options of rating and yes/no indicators.

A header is recognised by its column id (`value`), its Chinese or English label
(`数值`, `Value`) or the two-line label the template writes ("数值\\nValue"), ignoring
case and surrounding spaces, so any workbook with those columns can be imported.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from models.cities import CHANNELS, CHANNELS_EN
from models.framework import MeasurementKind, MeasurementSpec
from models.observations import Status
from models.schema import STATUSES
from models.tables import format_number


@dataclass(frozen=True)
class Column:
    """One column of the entry sheet. `fill` columns are the ones evaluators type in."""

    id: str
    zh: str
    en: str
    width: float
    fill: bool = False

    @property
    def header(self) -> str:
        return f"{self.zh}\n{self.en}"


KEY = Column("key", "行键", "Row key", 10)
INFO_COLUMNS: tuple[Column, ...] = (
    Column("city_code", "城市代码", "City code", 14),
    Column("city", "城市", "City", 16),
    Column("indicator_code", "指标代码", "Indicator code", 10),
    Column("indicator_zh", "指标名称", "Indicator (Chinese)", 28),
    Column("indicator_en", "指标英文名称", "Indicator (English)", 30),
    Column("kind", "计量方式", "Measurement", 12),
    Column("unit", "单位", "Unit", 9),
    Column("allowed", "取值范围", "Allowed values", 30),
)
EXISTING = Column("existing", "已有数值", "Existing values", 30)
FILL_COLUMNS: tuple[Column, ...] = (
    Column("value", "数值", "Value", 16, fill=True),
    Column("channel", "调查渠道", "Channel", 12, fill=True),
    Column("observed_on", "调查日期", "Date observed", 13, fill=True),
    Column("evaluator", "评估员", "Evaluator", 12, fill=True),
    Column("source", "数据来源", "Source", 30, fill=True),
    Column("note", "备注", "Note", 30, fill=True),
    Column("status", "状态", "Status", 11, fill=True),
)
ALL_COLUMNS: tuple[Column, ...] = (KEY, *INFO_COLUMNS, EXISTING, *FILL_COLUMNS)
REQUIRED_IDS: tuple[str, ...] = ("city_code", "indicator_code", "value", "channel", "observed_on")
FILL_IDS: frozenset[str] = frozenset(c.id for c in FILL_COLUMNS)
USED_IDS: frozenset[str] = FILL_IDS | {"key", "city_code", "indicator_code"}  # read on import
BY_ID: dict[str, Column] = {c.id: c for c in ALL_COLUMNS}

KIND_LABELS: dict[MeasurementKind, tuple[str, str]] = {
    "numeric": ("数值", "numeric"),
    "rating": ("评级", "rating"),
    "yesno": ("是否", "yes/no"),
    "checklist": ("清单计数", "checklist count"),
}
STATUS_LABELS: dict[str, str] = {
    "draft": "草稿",
    "submitted": "已提交",
    "verified": "已核实",
    "rejected": "已退回",
}
DEFAULT_STATUS: Status = "submitted"  # a handed-in workbook is a submission
YESNO_OPTIONS: tuple[tuple[float, str], ...] = ((1.0, "1 是 / Yes"), (0.0, "0 否 / No"))
_YES_WORDS = frozenset({"是", "有", "yes", "y", "true", "1"})
_NO_WORDS = frozenset({"否", "无", "没有", "no", "n", "false", "0"})


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


_HEADER_ALIASES: dict[str, str] = {}
for _column in ALL_COLUMNS:
    for _alias in (
        _column.id,
        _column.zh,
        _column.en,
        _column.header,
        f"{_column.zh} / {_column.en}",
        f"{_column.zh} {_column.en}",
    ):
        _HEADER_ALIASES[_norm(_alias)] = _column.id


def column_of(header: str) -> str | None:
    """The column id a header names, or None for a column the importer does not use."""
    return _HEADER_ALIASES.get(_norm(header))


# ---------------------------------------------------------------- channels and statuses

_CHANNEL_ALIASES: dict[str, str] = {_norm(c): c for c in CHANNELS}
for _zh, _en in CHANNELS_EN.items():
    _CHANNEL_ALIASES[_norm(_en)] = _CHANNEL_ALIASES[_norm(f"{_zh} {_en}")] = _zh


def channel_of(text: str) -> str | None:
    """The stored channel (Chinese name) for its Chinese or English name, or None."""
    found = _CHANNEL_ALIASES.get(text)  # the usual case: exactly a stored channel
    return found if found is not None else _CHANNEL_ALIASES.get(_norm(text))


def channel_label(channel: str, lang: str) -> str:
    return CHANNELS_EN.get(channel, channel) if lang == "en" else channel


_STATUS_ALIASES: dict[str, Status] = {}
for _status in ("draft", "submitted", "verified", "rejected"):
    _STATUS_ALIASES[_status] = _status
    _STATUS_ALIASES[_norm(STATUS_LABELS[_status])] = _status
    _STATUS_ALIASES[_norm(f"{STATUS_LABELS[_status]} {_status}")] = _status


def status_of(text: str) -> Status | None:
    """The status for its code (draft …) or Chinese label (草稿 …), or None."""
    return _STATUS_ALIASES.get(_norm(text))


def status_label(status: str, lang: str) -> str:
    return status if lang == "en" else STATUS_LABELS.get(status, status)


assert tuple(STATUS_LABELS) == STATUSES


# ---------------------------------------------------------------- values


def options(spec: MeasurementSpec) -> tuple[tuple[float, str], ...]:
    """The drop-down options (value, text) of a rating or yes/no indicator; () otherwise."""
    if spec.kind == "yesno":
        return YESNO_OPTIONS
    if spec.kind == "rating" and spec.levels:
        return tuple(
            (level.value, f"{format_number(level.value)} {level.label_zh} / {level.label_en}")
            for level in spec.levels
        )
    return ()


def option_value(spec: MeasurementSpec, text: str) -> float | None:
    """The value a drop-down option or label stands for ("25 起步 / Initial", "起步",
    "是", "yes"); None when the text is not one of them (it may still be a number)."""
    wanted = _norm(text)
    if spec.kind == "yesno":
        if wanted in _YES_WORDS:
            return 1.0
        if wanted in _NO_WORDS:
            return 0.0
    for value, option in options(spec):
        if wanted == _norm(option):
            return value
    for level in spec.levels:
        if wanted in (_norm(level.label_zh), _norm(level.label_en)):
            return level.value
    return None


def allowed_text(spec: MeasurementSpec) -> str:
    """What the value cell accepts, for people: a range, the levels or the items."""
    unit = f" {spec.unit}" if spec.unit else ""
    if spec.kind in ("rating", "yesno") and options(spec):
        return "; ".join(text for _, text in options(spec))
    if spec.kind == "checklist":
        most = len(spec.items) if spec.items else spec.high
        items = f": {'、'.join(spec.items)}" if spec.items else ""
        return f"0–{format_number(most)} 项 items (whole number){items}"
    low, high = _bound(spec.low), _bound(spec.high)
    if not spec.bounded:
        return f"{low}–{high}{unit} (goalposts; values outside allowed)"
    return f"{low}–{high}{unit}"


def _bound(value: float) -> str:
    return format_number(value) if math.isfinite(value) else "…"


def kind_label(kind: MeasurementKind) -> str:
    zh, en = KIND_LABELS[kind]
    return f"{zh} {en}"
