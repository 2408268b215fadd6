"""Display labels shared by the entry tab's views (statuses, channels, circles, values).

UI words go through `QCoreApplication.translate("entry", ...)` (spelt out so that lupdate
finds them); data labels (channels, rating levels, checklist items) follow the session
language like indicator and city names do.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from models.cities import CHANNELS_EN
from models.framework import MeasurementSpec

STATUSES: tuple[str, ...] = ("draft", "submitted", "verified", "rejected")
CIRCLES_EN: dict[str, str] = {
    "长三角": "Yangtze River Delta",
    "珠三角": "Pearl River Delta",
    "京津冀": "Beijing–Tianjin–Hebei",
}


def status_label(status: str) -> str:
    labels = {
        "draft": QCoreApplication.translate("entry", "Draft"),
        "submitted": QCoreApplication.translate("entry", "Submitted"),
        "verified": QCoreApplication.translate("entry", "Verified"),
        "rejected": QCoreApplication.translate("entry", "Rejected"),
    }
    return labels.get(status, status)


def channel_label(channel: str, language: str) -> str:
    return CHANNELS_EN.get(channel, channel) if language == "en" else channel


def circle_label(circle: str, language: str) -> str:
    return CIRCLES_EN.get(circle, circle) if language == "en" else circle


def bilingual(text: str, language: str) -> str:
    """One side of a "中文/English" data label (checklist items); the whole text otherwise."""
    if "/" not in text:
        return text
    zh, en = (part.strip() for part in text.split("/", 1))
    return (en or zh) if language == "en" else (zh or en)


def number_text(x: float) -> str:
    """A value for reading: whole numbers without decimals, else at most 2 decimals."""
    if not math.isfinite(x):
        return "—"
    if float(x).is_integer():
        return f"{int(x)}"
    if abs(x) >= 0.01:
        return f"{x:.2f}".rstrip("0").rstrip(".")
    return f"{x:.3g}"


def editable_text(x: float) -> str:
    """A value for an editor: exact (round-trips through float()), no trailing '.0'."""
    return f"{int(x)}" if float(x).is_integer() else repr(float(x))


def value_text(spec: MeasurementSpec | None, value: float, language: str) -> str:
    """A cell value as the user reads it: the rating level's label, yes/no, count, unit."""
    if spec is None or not math.isfinite(value):
        return number_text(value)
    if spec.kind == "rating":
        for level in spec.levels:
            if math.isclose(level.value, value, abs_tol=1e-9):
                label = level.label_en if language == "en" else level.label_zh
                return f"{number_text(value)} · {label or level.label_zh}"
    if spec.kind == "yesno" and value in (0.0, 1.0):
        yes = QCoreApplication.translate("entry", "Yes")
        no = QCoreApplication.translate("entry", "No")
        return yes if value == 1.0 else no
    if spec.kind == "checklist" and spec.items:
        return f"{number_text(value)}/{len(spec.items)}"
    unit = f" {spec.unit}" if spec.unit else ""
    return f"{number_text(value)}{unit}"


def range_text(spec: MeasurementSpec) -> str:
    """ "0–100 %" for a numeric spec (an open end shows as …)."""
    low = number_text(spec.low) if math.isfinite(spec.low) else "…"
    high = number_text(spec.high) if math.isfinite(spec.high) else "…"
    unit = f" {spec.unit}" if spec.unit else ""
    return f"{low}–{high}{unit}"
