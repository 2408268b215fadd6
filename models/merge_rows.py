"""Observation versions for merging: content digests, duplicate keys, and the row operations
a merge performs (each one audited in the merge's transaction).

A version is one state of an observation (a row of `ROW_COLUMNS` plus `deleted_at`). Its
*content digest* covers everything but `updated_at` (two copies that differ only in when
they were last saved are the same content). Its *duplicate key* — campaign, city,
indicator, evaluator, channel, date, value — is what makes two observations with different
uuids the same record entered twice; deleted versions have none. `OwnKeys` holds the
duplicate keys of the master's own rows during a merge.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from models import audit
from models.audit import Actor, Change
from models.observations import ROW_COLUMNS

COLUMNS: tuple[str, ...] = (*ROW_COLUMNS, "deleted_at")  # a version: a row, deleted or not
_UPDATED, _DELETED = COLUMNS.index("updated_at"), COLUMNS.index("deleted_at")
_CREATED = COLUMNS.index("created_at")
_KEY_FIELDS = ("campaign_id", "city_id", "indicator_id", "evaluator", "channel", "observed_on")
_KEY_AT = tuple(COLUMNS.index(f) for f in _KEY_FIELDS)
_VALUE = COLUMNS.index("value")
SELECT_ROWS = (
    "SELECT o.uuid, o.campaign_id, o.city_id, o.indicator_id, o.value, o.channel, o.observed_on,"
    " o.source, o.note, o.detail, o.status, o.evaluator, o.device, o.created_at, o.updated_at,"
    " o.deleted_at FROM observation o"
)
SELECT_ROW = (
    "SELECT o.uuid, o.campaign_id, o.city_id, o.indicator_id, o.value, o.channel, o.observed_on,"
    " o.source, o.note, o.detail, o.status, o.evaluator, o.device, o.created_at, o.updated_at,"
    " o.deleted_at FROM observation o WHERE o.uuid = ?"
)
MERGE_REASON = "merge package {package}: "


@dataclass(frozen=True)
class Version:
    """One state of an observation: its row (COLUMNS order), digest and duplicate key."""

    row: tuple[Any, ...]
    digest: str
    dup_key: str | None
    key: tuple[Any, ...] = field(default=(), compare=False)  # key_parts(row), live only
    uuid: str = field(init=False, compare=False)
    created_at: str = field(init=False, compare=False)
    updated_at: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "uuid", str(self.row[0]))
        object.__setattr__(self, "created_at", str(self.row[_CREATED]))
        object.__setattr__(self, "updated_at", str(self.row[_UPDATED]))

    @property
    def live(self) -> bool:
        return self.row[_DELETED] is None

    def snapshot(self) -> str:
        """The row as a JSON array in COLUMNS order (what merge_version stores)."""
        return json.dumps(self.row, ensure_ascii=False)

    def as_dict(self) -> dict[str, Any]:
        return dict(zip(COLUMNS, self.row, strict=True))

    def rank(self) -> tuple[str, str]:
        """Among versions of one uuid the greatest rank is shown while they conflict."""
        return (self.updated_at, self.digest)


def content_digest(row: Sequence[Any]) -> str:
    """SHA-256 of every column but the uuid and updated_at (text, numbers and None, whose
    repr is stable; the value always as a float)."""
    content = (*row[1:4], float(row[4]), *row[5:_UPDATED], row[_DELETED])
    return hashlib.sha256(repr(content).encode("utf-8")).hexdigest()


def dup_key(row: Sequence[Any]) -> str | None:
    """A short hash of the duplicate key (None for a deleted version)."""
    if row[_DELETED] is not None:
        return None
    return _hash_key(key_parts(row))


def _hash_key(parts: tuple[Any, ...]) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=12).hexdigest()


def key_parts(row: Sequence[Any]) -> tuple[Any, ...]:
    """(campaign, city, indicator, evaluator, channel, date, value) of a row."""
    return (row[1], row[2], row[3], row[11], row[5], row[6], float(row[4]))


def version(row: Sequence[Any]) -> Version:
    values = tuple(row)
    if values[_DELETED] is not None:
        return Version(values, content_digest(values), None)
    parts = key_parts(values)
    return Version(values, content_digest(values), _hash_key(parts), parts)


def from_snapshot(text: str) -> Version:
    return version(tuple(json.loads(text)))


_MATERIALIZE = (
    "INSERT OR IGNORE INTO merge_version (uuid, digest, campaign_id, city_id, indicator_id,"
    " snapshot, updated_at, created_at, dup_key, package_id, state)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def materialize(conn: sqlite3.Connection, v: Version, package_id: str, state: str) -> None:
    """Store a version in merge_version (if not there yet).

    The version a merge-written ("live") row shows is *implied* by the row and its
    merge_row entry, and only stored here once it stops being the row (another version
    replaces it, it is held back, the master edits the row) or is superseded.
    """
    conn.execute(
        _MATERIALIZE,
        (v.uuid, v.digest, v.row[1], v.row[2], v.row[3], v.snapshot(), v.updated_at,
         v.created_at, v.dup_key, package_id, state),
    )  # fmt: skip


# ---------------------------------------------------------------- row operations


_INSERT = (
    "INSERT INTO observation (uuid, campaign_id, city_id, indicator_id, value, channel,"
    " observed_on, source, note, detail, status, evaluator, device, created_at, updated_at,"
    " deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_UPDATE = (
    "UPDATE observation SET campaign_id = ?, city_id = ?, indicator_id = ?, value = ?,"
    " channel = ?, observed_on = ?, source = ?, note = ?, detail = ?, status = ?, evaluator = ?,"
    " device = ?, created_at = ?, updated_at = ?, deleted_at = ? WHERE uuid = ?"
)
_ATTACHMENTS_OF = (
    "SELECT id, observation_uuid, sha256, file_name, size, data, added_at, evaluator, device"
    " FROM attachment WHERE observation_uuid = ?"
)
_WAITING_OF = (
    "SELECT observation_uuid, sha256, file_name, size, data, added_at, evaluator, device"
    " FROM merge_attachment WHERE observation_uuid = ?"
)
_STASH = (
    "INSERT OR IGNORE INTO merge_attachment (observation_uuid, sha256, file_name, size, data,"
    " added_at, evaluator, device) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_ADD_ATTACHMENT = (
    "INSERT INTO attachment (observation_uuid, sha256, file_name, size, data, added_at,"
    " evaluator, device) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True)
class MergeContext:
    """Who merges which package, and when: every merge-written audit row names them."""

    conn: sqlite3.Connection
    actor: Actor
    now: str
    package_id: str

    def reason(self, text: str) -> str:
        return MERGE_REASON.format(package=self.package_id) + text

    def record(self, changes: list[Change], text: str) -> None:
        audit.record(self.conn, self.actor, self.now, changes, self.reason(text))


def insert_rows(ctx: MergeContext, versions: Sequence[Version]) -> None:
    ctx.conn.executemany(_INSERT, [v.row for v in versions])


def update_row(ctx: MergeContext, old: Version, new: Version, why: str, old_package: str) -> None:
    """Replace a merge-written row by another version of it; one audit row per field."""
    materialize(ctx.conn, old, old_package, "open")
    ctx.conn.execute(_UPDATE, (*new.row[1:], new.uuid))
    changes = [
        Change("observation", new.uuid, "update", field, old.row[i], new.row[i])
        for i, field in enumerate(COLUMNS)
        if i and old.row[i] != new.row[i]
    ]
    ctx.record(changes, why)


def take_out(ctx: MergeContext, current: Version, why: str, package: str) -> None:
    """Move a merge-written row out of the observations (held back): its attachments wait in
    merge_attachment, the row's content stays in merge_version."""
    conn = ctx.conn
    materialize(conn, current, package, "open")
    moved = conn.execute(_ATTACHMENTS_OF, (current.uuid,)).fetchall()
    conn.executemany(_STASH, [tuple(r[1:]) for r in moved])
    conn.execute("DELETE FROM attachment WHERE observation_uuid = ?", (current.uuid,))
    conn.execute("DELETE FROM observation WHERE uuid = ?", (current.uuid,))
    changes = [Change("attachment", r[0], "delete", "merge", {"sha256": r[2]}, None) for r in moved]
    changes.append(Change("observation", current.uuid, "delete", "merge", current.as_dict()))
    ctx.record(changes, why)


def bring_in_attachments(ctx: MergeContext, uuid: str) -> int:
    """Move the waiting attachments of `uuid` (now a row) into the attachment table."""
    conn = ctx.conn
    waiting = conn.execute(_WAITING_OF, (uuid,)).fetchall()
    for row in waiting:
        add_attachment(ctx, tuple(row))
    conn.execute("DELETE FROM merge_attachment WHERE observation_uuid = ?", (uuid,))
    return len(waiting)


def add_attachment(ctx: MergeContext, row: tuple[Any, ...]) -> bool:
    """Insert one attachment row (columns as _ATTACHMENT_COLUMNS) unless already there."""
    conn = ctx.conn
    if conn.execute(
        "SELECT 1 FROM attachment WHERE observation_uuid = ? AND sha256 = ?", (row[0], row[1])
    ).fetchone():
        return False
    cursor = conn.execute(_ADD_ATTACHMENT, row)
    snapshot = {"observation": row[0], "file_name": row[2], "sha256": row[1], "size": row[3]}
    ctx.record([Change("attachment", cursor.lastrowid or 0, "create", new=snapshot)], "attachment")
    return True


def stash_attachment(ctx: MergeContext, row: tuple[Any, ...]) -> None:
    ctx.conn.execute(_STASH, row)


def load_rows(conn: sqlite3.Connection, join_temp: bool) -> dict[str, Version]:
    """The current rows of the uuids in temp.pkg_uuid (join_temp) as versions."""
    sql = _ROWS_OF_TEMP if join_temp else SELECT_ROWS
    return {str(r[0]): version(r) for r in conn.execute(sql)}


_ROWS_OF_TEMP = (
    "SELECT o.uuid, o.campaign_id, o.city_id, o.indicator_id, o.value, o.channel, o.observed_on,"
    " o.source, o.note, o.detail, o.status, o.evaluator, o.device, o.created_at, o.updated_at,"
    " o.deleted_at FROM temp.pkg_uuid k CROSS JOIN observation o ON o.uuid = k.k"
)


_OWN_LIVE_ROWS = (
    "SELECT o.uuid, o.campaign_id, o.city_id, o.indicator_id, o.value, o.channel, o.observed_on,"
    " o.source, o.note, o.detail, o.status, o.evaluator, o.device, o.created_at, o.updated_at,"
    " o.deleted_at FROM observation o WHERE o.deleted_at IS NULL"
    " AND NOT EXISTS (SELECT 1 FROM merge_row r WHERE r.uuid = o.uuid)"
)


class OwnKeys:
    """The duplicate keys of the master's own live rows → their uuids (sorted), read once
    per merge: merges never make rows the master's own (but see `add`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._keys: dict[str, list[str]] = {}
        rows = conn.execute(_OWN_LIVE_ROWS)
        for row in rows:
            self.add(version(row))

    def add(self, v: Version) -> None:
        """A row that became the master's own during the merge (a stale derived row)."""
        if v.dup_key is not None and v.live:
            found = self._keys.setdefault(v.dup_key, [])
            found.append(v.uuid)
            found.sort()

    def discard(self, v: Version) -> None:
        """A row the merge has taken over (fast-forwarded): no longer the master's own."""
        if v.dup_key is not None and v.uuid in self._keys.get(v.dup_key, []):
            self._keys[v.dup_key].remove(v.uuid)

    def get(self, key: str) -> list[str]:
        return self._keys.get(key, [])
