"""Checks and normal forms of the fields of an observation: its value under the
indicator's measurement spec, channel, date, detail, status, UUID and timestamps.

Each function returns the form that is stored, or raises ValueError naming what is
wrong with the value given.
"""

from __future__ import annotations

import json
import math
import re
import uuid as uuidlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Literal

from models.campaigns import as_text
from models.cities import CHANNELS
from models.framework import MeasurementSpec
from models.schema import STATUSES

Status = Literal["draft", "submitted", "verified", "rejected"]


def _number(spec: MeasurementSpec, value: object) -> float:
    if isinstance(value, bool) and spec.kind == "yesno":
        return float(value)
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a number") from None
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        raise ValueError(f"{value!r} is not a number")
    if not math.isfinite(number):
        raise ValueError(f"{value!r} is not a finite number")
    return number


def _check_range(spec: MeasurementSpec, x: float) -> float:
    """Bounded specs refuse values outside [low, high]; unknown (NaN) goalposts check nothing."""
    low_ok = not math.isfinite(spec.low) or spec.low <= x
    high_ok = not math.isfinite(spec.high) or x <= spec.high
    if spec.bounded and not (low_ok and high_ok):
        unit = f" {spec.unit}" if spec.unit else ""
        raise ValueError(f"{x:g} is outside the allowed range [{spec.low:g}, {spec.high:g}]{unit}")
    return x


def _check_rating(spec: MeasurementSpec, x: float) -> float:
    if not spec.levels:
        return _check_range(spec, x)
    for level in spec.levels:
        if math.isclose(x, level.value, rel_tol=1e-9, abs_tol=1e-9):
            return float(level.value)
    allowed = ", ".join(f"{level.value:g}" for level in spec.levels)
    raise ValueError(f"{x:g} is not one of the rating levels ({allowed})")


def _check_yesno(spec: MeasurementSpec, x: float) -> float:
    if x not in (0.0, 1.0):
        raise ValueError(f"a yes/no value must be 0 or 1, got {x:g}")
    return x


def _check_checklist(spec: MeasurementSpec, x: float) -> float:
    most = float(len(spec.items)) if spec.items else spec.high
    if not x.is_integer() or x < 0 or (math.isfinite(most) and x > most):
        limit = f"from 0 to {most:g}" if math.isfinite(most) else "of 0 or more"
        raise ValueError(f"a checklist count must be a whole number {limit}, got {x:g}")
    return x


_CHECKS: dict[str, Callable[[MeasurementSpec, float], float]] = {
    "numeric": _check_range,
    "rating": _check_rating,
    "yesno": _check_yesno,
    "checklist": _check_checklist,
}


def validate_value(spec: MeasurementSpec, value: object) -> float:
    """The value to store for `value` under `spec`; ValueError with the reason otherwise."""
    return _CHECKS[spec.kind](spec, _number(spec, value))


def as_channel(value: object) -> str:
    if value not in CHANNELS:
        raise ValueError(f"unknown channel {value!r}; one of {', '.join(CHANNELS)}")
    return str(value)


def as_date(value: object) -> str:
    if type(value) is str and len(value) == 10 and value[4] == value[7] == "-":
        try:  # YYYY-MM-DD already: check that it is a real day
            date.fromisoformat(value)
            return value
        except ValueError:
            pass
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise ValueError(f"the observation date must be a date (YYYY-MM-DD), got {value!r}")


def as_detail(value: object) -> str:
    text = as_text(value)
    if text:
        try:
            json.loads(text)
        except ValueError:
            raise ValueError(f"detail must be JSON text or empty, got {text!r}") from None
    return text


_STATUS_OF: dict[str, Status] = {
    "draft": "draft",
    "submitted": "submitted",
    "verified": "verified",
    "rejected": "rejected",
}


def as_status(value: object) -> Status:
    found = _STATUS_OF.get(value) if isinstance(value, str) else None
    if found is not None:
        return found
    raise ValueError(f"unknown status {value!r}; one of {', '.join(STATUSES)}")


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def as_uuid(value: str | None) -> str:
    if value is None:
        return str(uuidlib.uuid4())
    if isinstance(value, str) and _CANONICAL_UUID.fullmatch(value):
        return value
    try:
        return str(uuidlib.UUID(value))
    except ValueError:
        raise ValueError(f"{value!r} is not a UUID") from None


_CANONICAL_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


def as_timestamp(value: str | None, now: str) -> str:
    if value is None:
        return now
    if _CANONICAL_STAMP.fullmatch(value):  # already as stored (e.g. from a field package)
        try:
            datetime.fromisoformat(value[:-1])
            return value
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO timestamp") from None
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO timestamp") from None
    if stamp.tzinfo is None:
        raise ValueError(f"timestamp {value!r} needs a time zone (UTC)")
    utc = stamp.astimezone(UTC).isoformat(timespec="milliseconds")
    return utc.replace("+00:00", "Z")
