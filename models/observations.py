"""Observations: what an evaluator saw for one city × leaf indicator, with validation.

Functions here run inside a transaction opened by the Workspace and write their audit
rows in it. They raise ValueError for bad input and LookupError for unknown ids.
Deletion is soft (`deleted_at` set, row kept), so history and field-package merges
never lose a record; deleted observations are left out of queries unless asked for.
"""

from __future__ import annotations

import json
import math
import sqlite3
import uuid as uuidlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from models import audit
from models.audit import Actor, Change
from models.campaigns import as_text, spec_from_row
from models.cities import CHANNELS
from models.framework import MeasurementSpec
from models.schema import STATUSES
from models.store import DamagedRowError, fetch_row

Status = Literal["draft", "submitted", "verified", "rejected"]


@dataclass(frozen=True)
class NewObservation:
    """An observation to add. Evaluator/device default to the actor's; timestamps to now.

    `uuid`, `evaluator`, `device`, `created_at` and `updated_at` are given only when
    taking over records made elsewhere (a field package), so their identity survives.
    """

    campaign_id: int
    city_id: int
    indicator_id: int
    value: object
    channel: str
    observed_on: date | str
    source: str = ""
    note: str = ""
    detail: str = ""  # JSON text, e.g. the ticked checklist items; "" for none
    status: Status = "draft"
    uuid: str | None = None
    evaluator: str | None = None
    device: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


@dataclass(frozen=True)
class Observation:
    """A stored observation; `deleted_at` is set when it was (soft-)deleted."""

    uuid: str
    campaign_id: int
    city_id: int
    indicator_id: int
    value: float
    channel: str
    observed_on: date
    source: str
    note: str
    detail: str
    status: Status
    evaluator: str
    device: str
    created_at: str
    updated_at: str
    deleted_at: str | None = None


# ---------------------------------------------------------------- validation


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


def _as_channel(value: object) -> str:
    if value not in CHANNELS:
        raise ValueError(f"unknown channel {value!r}; one of {', '.join(CHANNELS)}")
    return str(value)


def _as_date(value: object) -> str:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise ValueError(f"the observation date must be a date (YYYY-MM-DD), got {value!r}")


def _as_detail(value: object) -> str:
    text = as_text(value)
    if text:
        try:
            json.loads(text)
        except ValueError:
            raise ValueError(f"detail must be JSON text or empty, got {text!r}") from None
    return text


def _as_status(value: object) -> Status:
    for status in ("draft", "submitted", "verified", "rejected"):
        if value == status:
            return status
    raise ValueError(f"unknown status {value!r}; one of {', '.join(STATUSES)}")


def _as_uuid(value: str | None) -> str:
    if value is None:
        return str(uuidlib.uuid4())
    try:
        return str(uuidlib.UUID(value))
    except ValueError:
        raise ValueError(f"{value!r} is not a UUID") from None


def _as_timestamp(value: str | None, now: str) -> str:
    if value is None:
        return now
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO timestamp") from None
    if stamp.tzinfo is None:
        raise ValueError(f"timestamp {value!r} needs a time zone (UTC)")
    utc = stamp.astimezone(UTC).isoformat(timespec="milliseconds")
    return utc.replace("+00:00", "Z")


# ---------------------------------------------------------------- adding


@dataclass(frozen=True)
class _CampaignScope:
    specs: dict[int, MeasurementSpec]
    city_ids: frozenset[int]


_SELECT_LEAVES = (
    "SELECT i.* FROM indicator i JOIN campaign c ON c.framework_id = i.framework_id"
    " WHERE c.id = ? AND i.kind IS NOT NULL"
)


def _scope(conn: sqlite3.Connection, campaign_id: int) -> _CampaignScope:
    if not conn.execute("SELECT 1 FROM campaign WHERE id = ?", (campaign_id,)).fetchone():
        raise LookupError(f"no campaign with id {campaign_id}")
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    specs = {
        row["id"]: spec_from_row(row) for row in cursor.execute(_SELECT_LEAVES, (campaign_id,))
    }
    cities = conn.execute("SELECT city_id FROM campaign_city WHERE campaign_id = ?", (campaign_id,))
    return _CampaignScope(
        {k: v for k, v in specs.items() if v is not None}, frozenset(r[0] for r in cities)
    )


_INSERT = (
    "INSERT INTO observation (uuid, campaign_id, city_id, indicator_id, value, channel,"
    " observed_on, source, note, detail, status, evaluator, device, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _row(new: NewObservation, scope: _CampaignScope, actor: Actor, now: str) -> tuple[Any, ...]:
    spec = scope.specs.get(new.indicator_id)
    if spec is None:
        raise ValueError(
            f"indicator {new.indicator_id} is not a leaf of campaign {new.campaign_id}'s framework"
        )
    if new.city_id not in scope.city_ids:
        raise ValueError(f"city {new.city_id} is not in campaign {new.campaign_id}")
    return (
        _as_uuid(new.uuid),
        new.campaign_id,
        new.city_id,
        new.indicator_id,
        validate_value(spec, new.value),
        _as_channel(new.channel),
        _as_date(new.observed_on),
        as_text(new.source),
        as_text(new.note),
        _as_detail(new.detail),
        _as_status(new.status),
        actor.evaluator if new.evaluator is None else as_text(new.evaluator),
        actor.device if new.device is None else as_text(new.device),
        _as_timestamp(new.created_at, now),
        _as_timestamp(new.updated_at, now),
    )


_SNAPSHOT_FIELDS: tuple[str, ...] = (
    "campaign_id",
    "city_id",
    "indicator_id",
    "value",
    "channel",
    "observed_on",
    "source",
    "note",
    "detail",
    "status",
    "evaluator",
    "device",
    "created_at",
    "updated_at",
)


def insert(
    conn: sqlite3.Connection,
    news: Sequence[NewObservation],
    actor: Actor,
    now: str,
    reason: str = "",
) -> list[str]:
    """Validate and store observations with one 'create' audit row each; returns uuids."""
    scopes: dict[int, _CampaignScope] = {}
    rows = []
    for number, new in enumerate(news, start=1):
        if new.campaign_id not in scopes:
            scopes[new.campaign_id] = _scope(conn, new.campaign_id)
        try:
            rows.append(_row(new, scopes[new.campaign_id], actor, now))
        except ValueError as exc:
            where = f"observation {number} of {len(news)}: " if len(news) > 1 else ""
            raise ValueError(f"{where}{exc}") from exc
    conn.executemany(_INSERT, rows)
    changes = [
        Change(
            "observation", row[0], "create", new=dict(zip(_SNAPSHOT_FIELDS, row[1:], strict=True))
        )
        for row in rows
    ]
    audit.record(conn, actor, now, changes, reason)
    return [row[0] for row in rows]


# ---------------------------------------------------------------- editing

_UPDATES: dict[str, str] = {
    "value": "UPDATE observation SET value = ?, updated_at = ? WHERE uuid = ?",
    "channel": "UPDATE observation SET channel = ?, updated_at = ? WHERE uuid = ?",
    "observed_on": "UPDATE observation SET observed_on = ?, updated_at = ? WHERE uuid = ?",
    "source": "UPDATE observation SET source = ?, updated_at = ? WHERE uuid = ?",
    "note": "UPDATE observation SET note = ?, updated_at = ? WHERE uuid = ?",
    "detail": "UPDATE observation SET detail = ?, updated_at = ? WHERE uuid = ?",
    "status": "UPDATE observation SET status = ?, updated_at = ? WHERE uuid = ?",
    "deleted_at": "UPDATE observation SET deleted_at = ?, updated_at = ? WHERE uuid = ?",
}
EDITABLE_OBSERVATION_FIELDS: tuple[str, ...] = (
    "value",
    "channel",
    "observed_on",
    "source",
    "note",
    "detail",
)


def _live_row(conn: sqlite3.Connection, uuid: str) -> Any:
    row = fetch_row(conn, "SELECT * FROM observation WHERE uuid = ?", (uuid,))
    if row is None:
        raise LookupError(f"no observation with uuid {uuid}")
    if row["deleted_at"] is not None:
        raise ValueError(f"observation {uuid} was deleted; restore it before editing")
    return row


def _coerce(conn: sqlite3.Connection, row: Any, field: str, value: object) -> object:
    if field == "value":
        spec_row = fetch_row(conn, "SELECT * FROM indicator WHERE id = ?", (row["indicator_id"],))
        spec = spec_from_row(spec_row)
        if spec is None:
            raise ValueError(f"indicator {row['indicator_id']} is not a leaf")
        return validate_value(spec, value)
    coercers: dict[str, Callable[[object], object]] = {
        "channel": _as_channel,
        "observed_on": _as_date,
        "source": as_text,
        "note": as_text,
        "detail": _as_detail,
        "status": _as_status,
    }
    return coercers[field](value)


def _write(
    conn: sqlite3.Connection, uuid: str, change: Change, actor: Actor, now: str, reason: str
) -> None:
    conn.execute(_UPDATES[change.field], (change.new, now, uuid))
    audit.record(conn, actor, now, [change], reason)


def update(
    conn: sqlite3.Connection,
    uuid: str,
    field: str,
    value: object,
    actor: Actor,
    now: str,
    reason: str,
) -> bool:
    """Change one field (editable ones, or 'status'); returns False when unchanged."""
    if field not in (*EDITABLE_OBSERVATION_FIELDS, "status"):
        editable = ", ".join(EDITABLE_OBSERVATION_FIELDS)
        raise ValueError(f"observation field {field!r} cannot be edited; editable: {editable}")
    row = _live_row(conn, uuid)
    new = _coerce(conn, row, field, value)
    if row[field] == new:
        return False
    change = Change("observation", uuid, "update", field, row[field], new)
    _write(conn, uuid, change, actor, now, reason)
    return True


def delete(conn: sqlite3.Connection, uuid: str, actor: Actor, now: str, reason: str) -> None:
    """Soft-delete: mark `deleted_at`; the row, its attachments and its history stay."""
    _live_row(conn, uuid)
    change = Change("observation", uuid, "delete", "deleted_at", None, now)
    _write(conn, uuid, change, actor, now, reason)


def restore(conn: sqlite3.Connection, uuid: str, actor: Actor, now: str, reason: str) -> None:
    """Undo a soft delete."""
    row = fetch_row(conn, "SELECT deleted_at FROM observation WHERE uuid = ?", (uuid,))
    if row is None:
        raise LookupError(f"no observation with uuid {uuid}")
    if row["deleted_at"] is None:
        raise ValueError(f"observation {uuid} is not deleted")
    change = Change("observation", uuid, "restore", "deleted_at", row["deleted_at"], None)
    _write(conn, uuid, change, actor, now, reason)


# ---------------------------------------------------------------- reading

_SELECT_ONE = (
    "SELECT uuid, campaign_id, city_id, indicator_id, value, channel, observed_on, source, note,"
    " detail, status, evaluator, device, created_at, updated_at, deleted_at"
    " FROM observation WHERE uuid = ?"
)
_SELECT_MANY = (
    "SELECT uuid, campaign_id, city_id, indicator_id, value, channel, observed_on, source, note,"
    " detail, status, evaluator, device, created_at, updated_at, deleted_at"
    " FROM observation WHERE campaign_id = :campaign"
    " AND (:city IS NULL OR city_id = :city)"
    " AND (:indicator IS NULL OR indicator_id = :indicator)"
    " AND (:deleted OR deleted_at IS NULL) ORDER BY rowid"
)


def _from_row(row: Sequence[Any]) -> Observation:
    values = list(row)
    try:
        values[6] = date.fromisoformat(values[6])
    except (ValueError, TypeError) as exc:
        raise DamagedRowError(f"observation {values[0]}: date {values[6]!r}") from exc
    return Observation(*values)


def load_one(conn: sqlite3.Connection, uuid: str) -> Observation:
    row = conn.execute(_SELECT_ONE, (uuid,)).fetchone()
    if row is None:
        raise LookupError(f"no observation with uuid {uuid}")
    return _from_row(row)


def load_many(
    conn: sqlite3.Connection,
    campaign_id: int,
    city_id: int | None = None,
    indicator_id: int | None = None,
    *,
    include_deleted: bool = False,
) -> list[Observation]:
    """A campaign's observations in the order they were added, optionally filtered."""
    params = {
        "campaign": campaign_id,
        "city": city_id,
        "indicator": indicator_id,
        "deleted": include_deleted,
    }
    return [_from_row(row) for row in conn.execute(_SELECT_MANY, params)]
