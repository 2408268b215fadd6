"""Conflicts and duplicate candidates left by merges, and the coordinator's decisions.

A *conflict* is an observation row with at least one open version (from a package) whose
content differs from the row. Decisions (each needs a reason and is audited twice: the
row's own field changes, and one 'conflict' audit row naming the decision and versions):

- keep the row as it is (`keep_current`),
- keep one of the package's versions instead (`keep_version`),
- keep both: the package's version becomes an observation of its own with a new uuid
  (`keep_both`; the row stays, other versions still wait),
- edit the row to what is right (`resolve_by_edit`).

A *duplicate candidate* is an observation a merge held back because another live one has
the same city, indicator, evaluator, channel, date and value; the coordinator keeps it as
an observation of its own (`keep_duplicate`) or dismisses it (`dismiss_duplicate`).
After any decision the rows involved are the master's own: merges never change them again.
"""

from __future__ import annotations

import json
import sqlite3
import uuid as uuidlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from models import audit, merge_state, observations, temp_keys
from models.audit import Actor, Change
from models.merge_rows import (
    COLUMNS,
    SELECT_ROW,
    MergeContext,
    Version,
    bring_in_attachments,
    from_snapshot,
    insert_rows,
    version,
)


@dataclass(frozen=True)
class Source:
    """Where a version came from: the package that first brought it."""

    package_id: str
    evaluator: str
    device: str
    team: str
    created: str
    file: str


@dataclass(frozen=True)
class Alternative:
    version: Version
    source: Source


@dataclass(frozen=True)
class Conflict:
    """An observation row and the package versions that differ from it."""

    uuid: str
    current: Version
    alternatives: tuple[Alternative, ...]
    derived: bool  # the row itself was written by a merge (no master edit yet)

    @property
    def city_id(self) -> int:
        return int(self.current.row[2])

    @property
    def indicator_id(self) -> int:
        return int(self.current.row[3])


@dataclass(frozen=True)
class Duplicate:
    """An observation held back by a merge as a duplicate of `duplicate_of`."""

    uuid: str
    held: Alternative
    duplicate_of: str
    other: Version | None  # the observation it duplicates, as it is now


_UNKNOWN = Source("", "", "", "", "", "")


def _sources(conn: sqlite3.Connection) -> dict[str, Source]:
    rows = conn.execute(
        "SELECT package_id, evaluator, device, team, created, summary FROM merged_package"
    )
    return {
        str(r[0]): Source(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), _file(r[5]))
        for r in rows
    }


def _file(summary: str) -> str:
    value = json.loads(summary)
    return str(value.get("file", "")) if isinstance(value, dict) else ""


def _row(conn: sqlite3.Connection, uuid: str) -> Version | None:
    found = conn.execute(SELECT_ROW, (uuid,)).fetchone()
    return None if found is None else version(found)


_CANDIDATES = (  # uuids with an open version that is not the one their live row shows
    "SELECT DISTINCT v.uuid FROM merge_version v"
    " LEFT JOIN merge_row r ON r.uuid = v.uuid AND r.state = 'live'"
    " WHERE v.state = 'open' AND (r.digest IS NULL OR r.digest <> v.digest)"
)
_OPEN = (
    "SELECT v.uuid, v.digest, v.snapshot, v.package_id FROM temp.pkg_uuid k"
    " CROSS JOIN merge_version v ON v.uuid = k.k"
    " JOIN observation o ON o.uuid = v.uuid"
    " WHERE v.state = 'open' AND o.campaign_id = ?"
    " AND NOT EXISTS (SELECT 1 FROM merge_row r WHERE r.uuid = v.uuid AND r.state = 'live'"
    " AND r.digest = v.digest) ORDER BY v.uuid, v.updated_at, v.digest"
)


def list_conflicts(conn: sqlite3.Connection, campaign_id: int) -> list[Conflict]:
    sources = _sources(conn)
    temp_keys.fill(conn, "pkg_uuid", [str(r[0]) for r in conn.execute(_CANDIDATES)])
    grouped: dict[str, list[Alternative]] = {}
    for uuid, _digest, snapshot, package in conn.execute(_OPEN, (campaign_id,)).fetchall():
        alt = Alternative(from_snapshot(str(snapshot)), sources.get(str(package), _UNKNOWN))
        grouped.setdefault(str(uuid), []).append(alt)
    found = []
    for uuid, alts in grouped.items():
        current = _row(conn, uuid)
        if current is None:
            continue
        differing = tuple(a for a in alts if a.version.digest != current.digest)
        if differing:
            derived = conn.execute(
                "SELECT 1 FROM merge_row WHERE uuid = ? AND state = 'live'", (uuid,)
            ).fetchone()
            found.append(Conflict(uuid, current, differing, derived is not None))
    return found


def conflict(conn: sqlite3.Connection, campaign_id: int, uuid: str) -> Conflict:
    for item in list_conflicts(conn, campaign_id):
        if item.uuid == uuid:
            return item
    raise ValueError(f"observation {uuid} has no open conflict")


def list_duplicates(conn: sqlite3.Connection, campaign_id: int) -> list[Duplicate]:
    sources = _sources(conn)
    rows = conn.execute(
        "SELECT r.uuid, r.duplicate_of, v.digest, v.snapshot, v.package_id FROM merge_row r"
        " JOIN merge_version v ON v.uuid = r.uuid AND v.digest = r.digest"
        " WHERE r.state = 'held' AND r.campaign_id = ? ORDER BY r.duplicate_of, r.uuid",
        (campaign_id,),
    ).fetchall()
    found = []
    for uuid, of, _digest, snap, pkg in rows:
        held = Alternative(from_snapshot(str(snap)), sources.get(str(pkg), _UNKNOWN))
        found.append(Duplicate(str(uuid), held, str(of), _row(conn, str(of))))
    return found


# ---------------------------------------------------------------- decisions


def _reason(reason: str) -> str:
    if not reason.strip():
        raise ValueError("give a reason for the decision; it is kept in the audit trail")
    return reason.strip()


def _settle(conn: sqlite3.Connection, uuid: str, digests: Sequence[str] | None = None) -> None:
    if digests is None:
        conn.execute("UPDATE merge_version SET state = 'settled' WHERE uuid = ?", (uuid,))
    else:
        conn.executemany(
            "UPDATE merge_version SET state = 'settled' WHERE uuid = ? AND digest = ?",
            [(uuid, d) for d in digests],
        )
    merge_state.touch(conn, uuid)  # a derived row becomes the master's own
    conn.execute("DELETE FROM merge_row WHERE uuid = ? AND state = 'live'", (uuid,))


def _decision(
    conn: sqlite3.Connection,
    actor: Actor,
    now: str,
    item: Conflict,
    decision: Mapping[str, object],
    reason: str,
) -> None:
    old = {
        "current": item.current.digest,
        "versions": [a.version.digest for a in item.alternatives],
    }
    change = Change("conflict", item.uuid, "update", "decision", old, decision)
    audit.record(conn, actor, now, [change], reason)


def keep_current(
    conn: sqlite3.Connection, campaign_id: int, uuid: str, actor: Actor, now: str, reason: str
) -> None:
    """Keep the row as it is; every waiting version is settled."""
    why, item = _reason(reason), conflict(conn, campaign_id, uuid)
    _settle(conn, uuid)
    _decision(conn, actor, now, item, {"decision": "keep current"}, why)


def _alternative(item: Conflict, digest: str) -> Alternative:
    for alt in item.alternatives:
        if alt.version.digest == digest:
            return alt
    raise ValueError(f"observation {item.uuid} has no waiting version {digest[:12]}")


def keep_version(
    conn: sqlite3.Connection,
    campaign_id: int,
    uuid: str,
    digest: str,
    actor: Actor,
    now: str,
    reason: str,
) -> None:
    """Replace the row's content by one of the package's versions; all versions settled."""
    why, item = _reason(reason), conflict(conn, campaign_id, uuid)
    chosen = _alternative(item, digest).version
    row = (*chosen.row[:14], now, chosen.row[15])
    conn.execute(
        "UPDATE observation SET value = ?, channel = ?, observed_on = ?, source = ?, note = ?,"
        " detail = ?, status = ?, updated_at = ?, deleted_at = ? WHERE uuid = ?",
        (*row[4:11], now, row[15], uuid),
    )
    changes = [
        Change("observation", uuid, "update", field, item.current.row[i], row[i])
        for i, field in enumerate(COLUMNS)
        if 4 <= i <= 10 or i == 15
        if item.current.row[i] != row[i]
    ]
    audit.record(conn, actor, now, changes, why)
    _settle(conn, uuid)
    _decision(conn, actor, now, item, {"decision": "keep version", "kept": digest}, why)


def keep_both(
    conn: sqlite3.Connection,
    campaign_id: int,
    uuid: str,
    digest: str,
    actor: Actor,
    now: str,
    reason: str,
) -> str:
    """The package's version becomes an observation of its own (new uuid); returns it."""
    why, item = _reason(reason), conflict(conn, campaign_id, uuid)
    chosen = _alternative(item, digest).version
    new_uuid = str(uuidlib.uuid4())
    copy = version((new_uuid, *chosen.row[1:14], now, chosen.row[15]))
    ctx = MergeContext(conn, actor, now, "")
    insert_rows(ctx, [copy])
    snapshot = copy.as_dict()
    del snapshot["uuid"]
    snapshot["copied_from"] = uuid
    audit.record(conn, actor, now, [Change("observation", new_uuid, "create", new=snapshot)], why)
    _settle(conn, uuid, [digest, item.current.digest])
    decision = {"decision": "keep both", "kept": digest, "new_uuid": new_uuid}
    _decision(conn, actor, now, item, decision, why)
    return new_uuid


def resolve_by_edit(
    conn: sqlite3.Connection,
    campaign_id: int,
    uuid: str,
    values: dict[str, object],
    actor: Actor,
    now: str,
    reason: str,
) -> None:
    """Edit the row (fields of observations.EDITABLE_OBSERVATION_FIELDS); all versions settled."""
    why, item = _reason(reason), conflict(conn, campaign_id, uuid)
    for field, value in values.items():
        observations.update(conn, uuid, field, value, actor, now, why)
    _settle(conn, uuid)
    _decision(conn, actor, now, item, {"decision": "edit", "fields": sorted(values)}, why)


def _held(conn: sqlite3.Connection, campaign_id: int, uuid: str) -> Duplicate:
    for item in list_duplicates(conn, campaign_id):
        if item.uuid == uuid:
            return item
    raise ValueError(f"observation {uuid} is not held back as a duplicate")


def keep_duplicate(
    conn: sqlite3.Connection, campaign_id: int, uuid: str, actor: Actor, now: str, reason: str
) -> None:
    """Not a duplicate after all: the held observation becomes a row of the master's own."""
    why, item = _reason(reason), _held(conn, campaign_id, uuid)
    ctx = MergeContext(conn, actor, now, "")
    insert_rows(ctx, [item.held.version])
    bring_in_attachments(ctx, uuid)
    conn.execute("DELETE FROM merge_row WHERE uuid = ?", (uuid,))
    conn.execute(
        "UPDATE merge_version SET state = 'settled' WHERE uuid = ? AND digest = ?",
        (uuid, item.held.version.digest),
    )
    merge_state.touch(conn, item.duplicate_of)
    snapshot = item.held.version.as_dict()
    changes = [
        Change("observation", uuid, "create", new=snapshot),
        Change("duplicate", uuid, "update", "decision", "held", {"decision": "keep both"}),
    ]
    audit.record(conn, actor, now, changes, why)


def dismiss_duplicate(
    conn: sqlite3.Connection, campaign_id: int, uuid: str, actor: Actor, now: str, reason: str
) -> None:
    """A duplicate indeed: it stays out of the observations (kept in the merge tables)."""
    why, item = _reason(reason), _held(conn, campaign_id, uuid)
    conn.execute("UPDATE merge_row SET state = 'dismissed' WHERE uuid = ?", (uuid,))
    conn.execute("UPDATE merge_version SET state = 'settled' WHERE uuid = ?", (uuid,))
    merge_state.touch(conn, item.duplicate_of)
    decision = {"decision": "dismissed", "duplicate_of": item.duplicate_of}
    change = Change("duplicate", uuid, "update", "decision", "held", decision)
    audit.record(conn, actor, now, [change], why)
