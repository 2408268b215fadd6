"""Merging one prepared field package into the master, inside the caller's transaction.

The rule, which makes merging idempotent and independent of the order of packages:

- Every distinct version of an observation that ever arrived is kept in `merge_version`
  ('open' while it still matters, 'settled' once the master has decided about it).
- A row the master made or edited itself ("own") is never changed by a merge: a different
  version that arrives waits as an open conflict; the same content is skipped. The one
  exception is a fast-forward: when the own row's state is an earlier state of the
  version in the observation's history (the master has not changed it since the laptop's
  copy), the row becomes a derived one (below) and shows that version.
- Rows that only merges wrote ("derived", tracked in `merge_row`) are a function of the
  open versions: the row shows the version of greatest (updated_at, digest); the others
  wait as conflicts until the coordinator decides.
- Duplicate candidates: new uuids whose version has the duplicate key (campaign, city,
  indicator, evaluator, channel, date, value) of another live observation. If the master
  owns such a row, the package's observations are held back (not added); among merge-
  derived ones only, the earliest created (then smallest uuid) is a row and the others are
  held back. Held observations keep their versions and attachments in the merge tables
  until the coordinator keeps or dismisses them (models.conflicts).

Since the own rows and the set of versions do not depend on the order in which packages
arrive, neither does the result. Merge-written audit rows carry the reason prefix
"merge package <id>: ".
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from models import merge_state, temp_keys
from models.audit import Change
from models.merge_history import import_history, take_attachments
from models.merge_lineage import behind, lineages, superseded
from models.merge_rows import (
    SELECT_ROW,
    MergeContext,
    OwnKeys,
    Version,
    bring_in_attachments,
    from_snapshot,
    insert_rows,
    load_rows,
    materialize,
    take_out,
    update_row,
    version,
)

Outcome = str  # "added", "updated", "skipped", "conflict", "duplicate"


@dataclass(frozen=True)
class Incoming:
    """What a package brings, resolved to the master's ids (see models.merge.prepare)."""

    package_id: str
    campaign_id: int
    versions: tuple[Version, ...]
    audit_rows: tuple[tuple[object, ...], ...]  # audit table columns, table 'observation'
    attachments: tuple[tuple[str, str, str, int, str, str, str], ...]  # without the bytes
    attachment_bytes: Callable[[str], bytes]  # sha256 → bytes (verified)


@dataclass
class Applied:
    """What merging one package did."""

    outcomes: Counter[Outcome] = field(default_factory=Counter)
    audit_rows: int = 0
    attachments: int = 0
    changed: bool = False


@dataclass
class _Tracked:
    state: str  # live, held, dismissed
    digest: str
    dup_key: str | None
    duplicate_of: str | None
    package_id: str


def _tracked(conn: sqlite3.Connection) -> dict[str, _Tracked]:
    rows = conn.execute(
        "SELECT r.uuid, r.state, r.digest, r.dup_key, r.duplicate_of, r.package_id"
        " FROM temp.pkg_uuid k CROSS JOIN merge_row r ON r.uuid = k.k"
    )
    return {str(r[0]): _Tracked(str(r[1]), str(r[2]), r[3], r[4], str(r[5])) for r in rows}


# The versions of the uuids in temp.pkg_key: those stored, and those only implied by a
# merge-written row (the last column says which: 1 = implied, read from the row).
_VERSIONS_OF_KEYS = (
    "SELECT v.uuid, v.digest, v.updated_at, v.state, v.package_id, 0 FROM temp.pkg_key k"
    " CROSS JOIN merge_version v ON v.uuid = k.k"
    " UNION ALL SELECT r.uuid, r.digest, o.updated_at, 'open', r.package_id, 1"
    " FROM temp.pkg_key k CROSS JOIN merge_row r ON r.uuid = k.k"
    " JOIN observation o ON o.uuid = r.uuid WHERE r.state = 'live'"
    " AND NOT EXISTS (SELECT 1 FROM merge_version v WHERE v.uuid = r.uuid AND v.digest = r.digest)"
)


def apply_package(ctx: MergeContext, incoming: Incoming, owners: OwnKeys) -> Applied:
    conn, result = ctx.conn, Applied()
    temp_keys.fill(conn, "pkg_uuid", [v.uuid for v in incoming.versions])
    current = load_rows(conn, join_temp=True)
    tracked = _tracked(conn)
    for uuid, row in current.items():  # a derived row changed behind the merge's back
        entry = tracked.get(uuid)
        if entry is not None and entry.state == "live" and entry.digest != row.digest:
            merge_state.touch(conn, uuid)
            del tracked[uuid]
            owners.add(row)
    own = {u for u in current if u not in tracked}
    known = {
        (str(u), str(d)): (str(at), str(state))
        for u, d, at, state in conn.execute(
            "SELECT v.uuid, v.digest, v.updated_at, v.state FROM temp.pkg_uuid k"
            " CROSS JOIN merge_version v ON v.uuid = k.k"
        )
    }
    for uuid, entry in tracked.items():  # a live row's version is implied by the row
        if entry.state == "live" and uuid in current and (uuid, entry.digest) not in known:
            known[(uuid, entry.digest)] = (current[uuid].updated_at, "open")
    known_uuids = {u for u, _d in known}
    fresh: list[tuple[Version, str]] = []
    reopened: list[Version] = []
    for v in incoming.versions:
        seen = known.get((v.uuid, v.digest))
        if seen is not None and v.updated_at > seen[0]:  # the same content, saved again later
            _later_copy(conn, v, tracked.get(v.uuid), reopen=v.uuid not in own)
            if v.uuid not in own and seen[1] == "settled":
                reopened.append(v)  # e.g. restored after a deletion: it counts again
                continue
        if seen is not None:
            result.outcomes["skipped"] += 1
        elif v.uuid in own and current[v.uuid].digest == v.digest:
            fresh.append((v, "settled"))
            result.outcomes["skipped"] += 1
        else:
            fresh.append((v, "open"))
    waiting = [v for v, state in fresh if state == "open"] + reopened
    fresh_only = {
        v.uuid: v
        for v in waiting
        if v.uuid not in tracked and v.uuid not in known_uuids and v.uuid not in current
    }  # first seen now: one version, no history here yet
    stored = [(v, state) for v, state in fresh if v.uuid not in fresh_only]  # rows imply them
    _record_versions(conn, stored, incoming.package_id)
    result.audit_rows = import_history(conn, incoming.audit_rows, fresh_only)
    candidates = {v.uuid for v in incoming.versions} - set(fresh_only)
    stale, changed, forwarded = _reconsider(conn, candidates, current, own)
    if forwarded:
        for uuid in sorted(forwarded):
            tracked[uuid] = _forward(conn, current[uuid], incoming.package_id)
            own.discard(uuid)
            owners.discard(current[uuid])
        # weigh their versions again as for any derived row, whatever came before
        again, more, _none = _reconsider(conn, forwarded, current, own)
        stale = {s for s in stale if s[0] not in forwarded} | again
        changed |= more
    seeds = {v.uuid for v in waiting if v.uuid not in own} | (changed - own)
    desired = _recompute(conn, seeds, tracked, fresh_only, owners)
    for uuid, wish in desired.items():
        if wish.held_of is not None and uuid in fresh_only:  # held: no row implies it
            materialize(conn, wish.version, incoming.package_id, "open")
    open_count = _open_counts(conn, seeds - set(fresh_only))
    for v in waiting:
        if (v.uuid, v.digest) in stale:
            result.outcomes["skipped"] += 1
        elif v.uuid in own:
            result.outcomes["conflict"] += 1
        else:
            result.outcomes[_outcome(v.uuid, desired, tracked, open_count)] += 1
    _apply(ctx, desired, seeds, _rows_of(current, seeds), _tracked_of(tracked, seeds))
    result.attachments = take_attachments(ctx, incoming.attachments, incoming.attachment_bytes)
    result.changed = bool(fresh) or result.attachments > 0 or result.audit_rows > 0
    return result


def _rows_of(current: dict[str, Version], uuids: set[str]) -> dict[str, Version]:
    """The rows as read at the start, for uuids whose row this merge has not changed yet."""
    return {u: current[u] for u in uuids if u in current}


def _tracked_of(tracked: dict[str, _Tracked], uuids: set[str]) -> dict[str, _Tracked]:
    return {u: tracked[u] for u in uuids if u in tracked}


def _later_copy(
    conn: sqlite3.Connection, v: Version, entry: _Tracked | None, *, reopen: bool
) -> None:
    """The same content saved later (e.g. deleted and restored): keep the latest time, in
    the stored version and in the row when the merge wrote it, whatever the order; for a
    row the master does not own, the version waits again (its time ranks it anew)."""
    conn.execute(
        "UPDATE merge_version SET snapshot = ?, updated_at = ?,"
        " state = CASE WHEN ? AND state = 'settled' THEN 'open' ELSE state END"
        " WHERE uuid = ? AND digest = ?",
        (v.snapshot(), v.updated_at, reopen, v.uuid, v.digest),
    )
    if entry is not None and entry.state == "live" and entry.digest == v.digest:
        conn.execute("UPDATE observation SET updated_at = ? WHERE uuid = ?", (v.updated_at, v.uuid))


def _reconsider(
    conn: sqlite3.Connection, uuids: set[str], current: dict[str, Version], own: set[str]
) -> tuple[set[tuple[str, str]], set[str], set[str]]:
    """Mark as 'superseded' the versions that are earlier states of another version or of
    an own row, and as 'open' again those that no longer are (models.merge_lineage);
    returns the (uuid, digest) pairs now superseded, the uuids whose states changed, and
    the own rows that are themselves an earlier state of a version (to fast-forward)."""
    if not uuids:
        return set(), set(), set()
    temp_keys.fill(conn, "pkg_key", uuids)
    versions: dict[str, dict[tuple[str, str], str]] = {}
    implied: dict[str, str] = {}  # uuid → package of its implied version
    for uuid, digest, updated_at, state, package, is_implied in conn.execute(_VERSIONS_OF_KEYS):
        if state != "settled":
            versions.setdefault(str(uuid), {})[(str(digest), str(updated_at))] = str(state)
        if is_implied:
            implied[str(uuid)] = str(package)
    in_play = {u for u, vs in versions.items() if len(vs) > 1 or u in own}
    marked: set[tuple[str, str]] = set()
    forwarded: set[str] = set()
    changes: list[tuple[str, str, str]] = []
    for uuid, positions in lineages(conn, in_play).items():
        row = current.get(uuid)
        others = [(row.digest, row.updated_at)] if uuid in own and row is not None else []
        if others and behind(positions, others[0], versions[uuid]):
            forwarded.add(uuid)
        gone = superseded(positions, versions[uuid], others)
        for key, state in versions[uuid].items():
            wanted = "superseded" if key in gone else "open"
            if wanted == state:
                continue
            if uuid in implied and row is not None and key[0] == row.digest:
                materialize(conn, row, implied[uuid], wanted)  # the row's own version
            changes.append((wanted, uuid, key[0]))
        marked |= {(uuid, digest) for digest, _at in gone}
    conn.executemany("UPDATE merge_version SET state = ? WHERE uuid = ? AND digest = ?", changes)
    return marked, {uuid for _state, uuid, _digest in changes}, forwarded


def _forward(conn: sqlite3.Connection, row: Version, package: str) -> _Tracked:
    """Hand an own row that a package's version descends from over to the merge rules (the
    master has not changed it since the laptop's copy): its state is kept as a superseded
    version, and the row becomes one merges write, showing the latest open version."""
    _record_versions(conn, [(row, "superseded")], "")
    conn.execute(  # also when a package brought this state before: the same in any order
        "UPDATE merge_version SET state = 'superseded' WHERE uuid = ? AND digest = ?",
        (row.uuid, row.digest),
    )
    conn.execute(
        "INSERT INTO merge_row (uuid, state, digest, dup_key, duplicate_of, campaign_id,"
        " city_id, indicator_id, package_id) VALUES (?, 'live', ?, ?, NULL, ?, ?, ?, ?)",
        (row.uuid, row.digest, row.dup_key, row.row[1], row.row[2], row.row[3], package),
    )
    return _Tracked("live", row.digest, row.dup_key, None, package)


def _outcome(
    uuid: str,
    desired: dict[str, _Desired],
    tracked: dict[str, _Tracked],
    open_count: dict[str, int],
) -> Outcome:
    wish = desired.get(uuid)
    if wish is not None and wish.held_of is not None:
        return "duplicate"
    if open_count.get(uuid, 1) > 1:
        return "conflict"
    before = tracked.get(uuid)
    return "updated" if before is not None and before.state == "live" else "added"


def _record_versions(
    conn: sqlite3.Connection, fresh: list[tuple[Version, str]], package: str
) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO merge_version (uuid, digest, campaign_id, city_id, indicator_id,"
        " snapshot, updated_at, created_at, dup_key, package_id, state)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                v.uuid,
                v.digest,
                v.row[1],
                v.row[2],
                v.row[3],
                v.snapshot(),
                v.updated_at,
                v.created_at,
                v.dup_key,
                package,
                state,
            )
            for v, state in fresh
        ],
    )


def _open_counts(conn: sqlite3.Connection, uuids: Iterable[str]) -> dict[str, int]:
    wanted = set(uuids)
    if not wanted:
        return {}
    temp_keys.fill(conn, "pkg_key", wanted)
    counts: dict[str, int] = {}
    for uuid, _digest, _at, state, _package, _implied in conn.execute(_VERSIONS_OF_KEYS):
        if state == "open":
            counts[str(uuid)] = counts.get(str(uuid), 0) + 1
    return counts


# ---------------------------------------------------------------- the desired state


@dataclass(frozen=True)
class _Desired:
    version: Version  # the version to show (live) or hold
    held_of: str | None  # held back as a duplicate of this uuid; None: a row


def _candidates(
    conn: sqlite3.Connection, uuids: Iterable[str], fresh_only: dict[str, Version] | None = None
) -> dict[str, Version]:
    """The open version of greatest rank of each uuid (those without one are left out).

    `fresh_only`: uuids whose only version is the one given (first seen in this merge).
    """
    given = fresh_only or {}
    best: dict[str, Version] = {u: given[u] for u in uuids if u in given}
    asked = [u for u in uuids if u not in given]
    if not asked:
        return best
    temp_keys.fill(conn, "pkg_key", asked)
    ranked: dict[str, tuple[str, str, int]] = {}
    for uuid, digest, updated_at, state, _package, implied in conn.execute(_VERSIONS_OF_KEYS):
        rank = (str(updated_at), str(digest), int(implied))
        if state == "open" and rank[:2] > ranked.get(str(uuid), ("", "", 0))[:2]:
            ranked[str(uuid)] = rank
    for uuid, (_updated, digest, implied) in ranked.items():
        if implied:
            found = conn.execute(SELECT_ROW, (uuid,)).fetchone()
            best[uuid] = version(found)
            continue
        snapshot = conn.execute(
            "SELECT snapshot FROM merge_version WHERE uuid = ? AND digest = ?", (uuid, digest)
        ).fetchone()[0]
        best[uuid] = from_snapshot(str(snapshot))
    return best


def _recompute(
    conn: sqlite3.Connection,
    seeds: set[str],
    tracked: dict[str, _Tracked],
    fresh_only: dict[str, Version],
    owners: OwnKeys,
) -> dict[str, _Desired]:
    """The desired state of the seeds and of every observation sharing a duplicate key
    with them (now, or before this merge)."""
    candidates = _candidates(conn, seeds, fresh_only)
    keys = {c.dup_key for c in candidates.values() if c.dup_key}
    keys |= {t.dup_key for u, t in tracked.items() if u in seeds and t.dup_key}
    temp_keys.fill(conn, "pkg_key", keys)  # old keys too: others there may take the row now
    others = {
        str(r[0])
        for r in conn.execute(
            "SELECT r.uuid FROM temp.pkg_key k CROSS JOIN merge_row r ON r.dup_key = k.k"
            " WHERE r.state IN ('live', 'held')"
        )
    } - set(candidates)
    candidates.update(_candidates(conn, others))
    desired = {u: _Desired(c, None) for u, c in candidates.items() if c.dup_key is None}
    by_key: dict[str, list[str]] = {}
    for uuid, c in candidates.items():
        if c.dup_key is not None:
            by_key.setdefault(c.dup_key, []).append(uuid)
    for key, members in sorted(by_key.items()):
        owned = owners.get(key)
        if owned:
            desired.update({u: _Desired(candidates[u], owned[0]) for u in members})
            continue
        if len(members) == 1:
            desired[members[0]] = _Desired(candidates[members[0]], None)
            continue
        winner = min(members, key=lambda u: (candidates[u].created_at, u))
        for uuid in members:
            desired[uuid] = _Desired(candidates[uuid], None if uuid == winner else winner)
    return desired


# ---------------------------------------------------------------- applying it


def _apply(
    ctx: MergeContext,
    desired: dict[str, _Desired],
    seeds: set[str],
    known_rows: dict[str, Version],
    known_tracked: dict[str, _Tracked],
) -> None:
    """Make the rows what `desired` says. `known_rows` and `known_tracked`: the rows and
    merge_row entries of the `seeds` read at the start (those of the others are read)."""
    conn = ctx.conn
    current, tracked = dict(known_rows), dict(known_tracked)
    others = [u for u in desired if u not in seeds]
    if others:
        temp_keys.fill(conn, "pkg_uuid", others)
        current.update(load_rows(conn, join_temp=True))
        tracked.update(_tracked(conn))
    inserts: list[Version] = []
    tracks: list[tuple[object, ...]] = []
    for uuid in sorted(desired):
        wish, row, entry = desired[uuid], current.get(uuid), tracked.get(uuid)
        if wish.held_of is None:
            if row is None:
                inserts.append(wish.version)
            elif (row.digest, row.updated_at) != (wish.version.digest, wish.version.updated_at):
                package = entry.package_id if entry is not None else ""
                update_row(ctx, row, wish.version, "a newer version from the field", package)
        elif row is not None:
            package = entry.package_id if entry is not None else ""
            take_out(ctx, row, f"held back as a duplicate of {wish.held_of}", package)
        tracks.extend(_track(uuid, wish, entry, ctx.package_id))
    conn.executemany(
        "DELETE FROM merge_row WHERE uuid = ?", [(t[0],) for t in tracks if t[0] in tracked]
    )
    conn.executemany(
        "INSERT INTO merge_row (uuid, state, digest, dup_key, duplicate_of,"
        " campaign_id, city_id, indicator_id, package_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        tracks,
    )
    insert_rows(ctx, inserts)
    waiting = {  # attachments of held observations (few): those now taken in get them
        str(r[0]) for r in conn.execute("SELECT DISTINCT observation_uuid FROM merge_attachment")
    }
    for taken in inserts:
        entry = tracked.get(taken.uuid)
        if entry is not None:  # held before: no longer a duplicate
            ctx.record([Change("observation", taken.uuid, "create", "merge")], "taken in")
        if taken.uuid in waiting:
            bring_in_attachments(ctx, taken.uuid)


def _track(
    uuid: str, wish: _Desired, entry: _Tracked | None, package: str
) -> list[tuple[object, ...]]:
    """The merge_row row to write for `uuid`, if it changes (`package`: this merge's, kept
    as the source of the version a live row implies unless that version stays)."""
    state = "live" if wish.held_of is None else "held"
    v = wish.version
    if entry is not None and (entry.state, entry.digest, entry.dup_key, entry.duplicate_of) == (
        state,
        v.digest,
        v.dup_key,
        wish.held_of,
    ):
        return []
    source = entry.package_id if entry is not None and entry.digest == v.digest else package
    row = (uuid, state, v.digest, v.dup_key, wish.held_of, v.row[1], v.row[2], v.row[3], source)
    return [row]
