"""validate_value: what may be stored for each measurement kind, and why not."""

from __future__ import annotations

import math

import pytest

from models.framework import MeasurementSpec, RatingLevel
from models.observations import validate_value

NUMERIC = MeasurementSpec("numeric", 0.0, 100.0, unit="%")
OPEN = MeasurementSpec("numeric", math.nan, math.nan, bounded=False)
UNBOUNDED = MeasurementSpec("numeric", 0.0, 100.0, bounded=False)
RATING = MeasurementSpec(
    "rating", 0.0, 100.0, levels=(RatingLevel(0, "无", "None"), RatingLevel(50, "有", "Some"))
)
YESNO = MeasurementSpec("yesno", 0.0, 1.0)
CHECKLIST = MeasurementSpec("checklist", 0.0, 3.0, items=("甲", "乙", "丙"))
OPEN_CHECKLIST = MeasurementSpec("checklist", 0.0, math.nan, bounded=False)

ACCEPTED: list[tuple[MeasurementSpec, object, float]] = [
    (NUMERIC, 0, 0.0),
    (NUMERIC, 100, 100.0),
    (NUMERIC, 42.5, 42.5),
    (NUMERIC, " 42.5 ", 42.5),
    (UNBOUNDED, 250, 250.0),
    (OPEN, -1e9, -1e9),
    (RATING, 50, 50.0),
    (RATING, "0", 0.0),
    (YESNO, True, 1.0),
    (YESNO, False, 0.0),
    (YESNO, 1, 1.0),
    (CHECKLIST, 3, 3.0),
    (CHECKLIST, 0.0, 0.0),
    (OPEN_CHECKLIST, 12, 12.0),
]


@pytest.mark.parametrize(("spec", "value", "stored"), ACCEPTED)
def test_accepted(spec: MeasurementSpec, value: object, stored: float) -> None:
    result = validate_value(spec, value)
    assert result == stored and isinstance(result, float)


REFUSED: list[tuple[MeasurementSpec, object, str]] = [
    (NUMERIC, "abc", "not a number"),
    (NUMERIC, None, "not a number"),
    (NUMERIC, [1], "not a number"),
    (NUMERIC, True, "not a number"),
    (NUMERIC, math.nan, "not a finite number"),
    (NUMERIC, "inf", "not a finite number"),
    (NUMERIC, 100.5, r"outside the allowed range \[0, 100\] %"),
    (NUMERIC, -1, "outside"),
    (RATING, 25, r"not one of the rating levels \(0, 50\)"),
    (YESNO, 0.5, "0 or 1"),
    (YESNO, 2, "0 or 1"),
    (CHECKLIST, 1.5, "whole number from 0 to 3"),
    (CHECKLIST, 4, "whole number from 0 to 3"),
    (CHECKLIST, -1, "whole number"),
    (OPEN_CHECKLIST, -1, "0 or more"),
]


@pytest.mark.parametrize(("spec", "value", "reason"), REFUSED)
def test_refused_with_a_reason(spec: MeasurementSpec, value: object, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        validate_value(spec, value)
