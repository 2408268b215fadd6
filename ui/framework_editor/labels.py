"""Texts shared by the framework editor's views: kinds, directions, numbers, levels.

UI words go through `QCoreApplication.translate("FrameworkEditor", ...)` (spelt out so
that lupdate finds them).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from models.framework import MEASUREMENT_KINDS, RatingLevel


def kind_label(kind: str | None) -> str:
    labels = {
        "numeric": QCoreApplication.translate("FrameworkEditor", "Numeric"),
        "rating": QCoreApplication.translate("FrameworkEditor", "Rating"),
        "yesno": QCoreApplication.translate("FrameworkEditor", "Yes/No"),
        "checklist": QCoreApplication.translate("FrameworkEditor", "Checklist"),
    }
    if kind is None:
        return QCoreApplication.translate("FrameworkEditor", "Aggregate")
    return labels.get(kind, kind)


def kinds() -> list[tuple[str, str]]:
    """(kind, label) for every measurement kind, in the usual order."""
    return [(kind, kind_label(kind)) for kind in MEASUREMENT_KINDS]


def direction_label(direction: int) -> str:
    return "+1" if direction >= 0 else "−1"


def direction_choices() -> list[tuple[int, str]]:
    return [
        (1, QCoreApplication.translate("FrameworkEditor", "+1 (higher is better)")),
        (-1, QCoreApplication.translate("FrameworkEditor", "−1 (lower is better)")),
    ]


def number_text(x: float | None) -> str:
    """Whole numbers without decimals, else at most 4 significant decimals; '' for none."""
    if x is None or not math.isfinite(x):
        return ""
    if float(x).is_integer():
        return f"{int(x)}"
    return f"{x:.4f}".rstrip("0").rstrip(".")


def percent_text(x: float) -> str:
    """A weight or share as a percentage with at most 2 decimals, e.g. '33.33 %'."""
    return f"{x:.2f}".rstrip("0").rstrip(".") + " %"


def parse_number(text: str) -> float | None:
    """A number typed by the user ('' → None); ValueError naming the text otherwise."""
    cleaned = text.strip().replace(",", ".").replace("−", "-")
    if not cleaned:
        return None
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a finite number")
    return value


def levels_text(levels: tuple[RatingLevel, ...]) -> str:
    """Rating levels one per line: '50 = 部分 / Partial'."""
    return "\n".join(f"{number_text(x.value)} = {x.label_zh} / {x.label_en}" for x in levels)


def parse_levels(text: str) -> tuple[RatingLevel, ...]:
    """The inverse of `levels_text`, sorted by value; ValueError naming a line that
    cannot be read."""
    levels = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        value, sep, labels = line.partition("=")
        zh, _slash, en = labels.partition("/")
        try:
            parsed = parse_number(value)
        except ValueError:
            parsed = None
        if not sep or parsed is None:
            message = QCoreApplication.translate(
                "FrameworkEditor", "Line {line}: write a level as 'value = 中文 / English'"
            )
            raise ValueError(message.format(line=number))
        levels.append(RatingLevel(parsed, zh.strip(), en.strip()))
    return tuple(sorted(levels, key=lambda level: level.value))


def items_text(items: tuple[str, ...]) -> str:
    return "\n".join(items)


def parse_items(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())
