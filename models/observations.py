"""Observations: what an evaluator saw for one city × leaf indicator, with validation.

Functions here run inside a transaction opened by the Workspace and write their audit
rows in it. They raise ValueError for bad input and LookupError for unknown ids.
Deletion is soft (`deleted_at` set, row kept), so history and field-package merges
never lose a record; deleted observations are left out of queries unless asked for.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from models import audit, merge_state, verification
from models.audit import Actor, Change
from models.campaigns import as_text, spec_from_row
from models.framework import MeasurementSpec
from models.observation_values import (
    Status,
    as_channel,
    as_date,
    as_detail,
    as_status,
    as_timestamp,
    as_uuid,
    validate_value,
)
from models.store import DamagedRowError, fetch_row

__all__ = ["NewObservation", "Observation", "Status", "validate_value"]


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
        as_uuid(new.uuid),
        new.campaign_id,
        new.city_id,
        new.indicator_id,
        validate_value(spec, new.value),
        as_channel(new.channel),
        as_date(new.observed_on),
        as_text(new.source),
        as_text(new.note),
        as_detail(new.detail),
        as_status(new.status),
        actor.evaluator if new.evaluator is None else as_text(new.evaluator),
        actor.device if new.device is None else as_text(new.device),
        as_timestamp(new.created_at, now),
        as_timestamp(new.updated_at, now),
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


def validated_rows(
    conn: sqlite3.Connection, news: Sequence[NewObservation], actor: Actor, now: str
) -> list[tuple[Any, ...]]:
    """The rows `insert` would store (columns as in `ROW_COLUMNS`); ValueError naming the
    first bad observation. Writes nothing."""
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
    return rows


ROW_COLUMNS: tuple[str, ...] = ("uuid", *_SNAPSHOT_FIELDS)
INSERT_ROW = _INSERT  # parameters: a row of `validated_rows`


def insert(
    conn: sqlite3.Connection,
    news: Sequence[NewObservation],
    actor: Actor,
    now: str,
    reason: str = "",
) -> list[str]:
    """Validate and store observations with one 'create' audit row each; returns uuids."""
    rows = validated_rows(conn, news, actor, now)
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
        "channel": as_channel,
        "observed_on": as_date,
        "source": as_text,
        "note": as_text,
        "detail": as_detail,
        "status": as_status,
    }
    return coercers[field](value)


def _write(
    conn: sqlite3.Connection, uuid: str, change: Change, actor: Actor, now: str, reason: str
) -> None:
    conn.execute(_UPDATES[change.field], (change.new, now, uuid))
    audit.record(conn, actor, now, [change], reason)
    merge_state.touch(conn, uuid)


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
    if field == "status":
        verification.check_transition(row["status"], str(new), row["evaluator"], actor, reason)
    change = Change("observation", uuid, "update", field, row[field], new)
    _write(conn, uuid, change, actor, now, reason)
    if field in verification.REVIEWED_FIELDS and row["status"] == "verified":
        # the reviewer verified the old content, not this one: it needs a review again
        reopen = Change("observation", uuid, "update", "status", "verified", "submitted")
        _write(conn, uuid, reopen, actor, now, f"{field} changed after verification")
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
