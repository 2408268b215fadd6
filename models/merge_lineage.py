"""Which versions of an observation are merely earlier states of another (superseded).

The audit trail of an observation, replayed in time order from its creation row, gives
the states it went through, each with the time it was saved (the creation snapshot's
updated_at, then the time of each edit's audit row). A version whose
(content, updated_at) is one of those states *before* the state of another version (or
of the master's own row) is an earlier state of the same record — not a divergent edit —
and is marked 'superseded' instead of waiting as a conflict: e.g. the laptop re-sends an
observation the master has edited since, or a second edit of one it sent before.

Divergent edits never both appear in one replay: each edit's old value must be the
replayed state's (else the replay stops), and a version matches a replayed state only
with its own time, so interleaved branches (whose mixed states match no version) stop
matching. Rows written by merges themselves are left out, and a second creation row stops
the replay. A history that cannot be
replayed (no creation snapshot, ids from another workspace) supersedes nothing: the safe
side is a conflict. Superseding is recomputed from the whole history at every merge that
touches the observation, so the outcome does not depend on the order packages arrive in.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from models import temp_keys
from models.merge_rows import COLUMNS, content_digest

State = tuple[str, str]  # (content digest, time it was saved)
_REPLAYED = frozenset(COLUMNS[1:]) - {"updated_at"}
_HISTORY = (
    "SELECT a.row_key, a.at, a.action, a.field, a.old, a.new FROM temp.pkg_key k"
    " CROSS JOIN audit a ON a.table_name = 'observation' AND a.row_key = k.k"
    " WHERE a.reason NOT LIKE 'merge package %'"
    " ORDER BY a.row_key, a.at, a.id"
)


def lineages(conn: sqlite3.Connection, uuids: Iterable[str]) -> dict[str, dict[State, int]]:
    """For each uuid: (state digest, time) → its position in the replayed history."""
    temp_keys.fill(conn, "pkg_key", uuids)
    found: dict[str, dict[State, int]] = {}
    state: dict[str, object] | None = None
    current, step, saved, created = "", 0, "", False
    for uuid, at, action, field, old, new in conn.execute(_HISTORY):
        if uuid != current:
            current, state, created = str(uuid), None, False
        if action == "create":
            # a second creation (the same uuid made in two workspaces, e.g. two copies of
            # the sample): which came first says nothing, so nothing is superseded
            state = None if created else _created(current, new)
            created = True
            saved = str(state["updated_at"] or at) if state is not None else ""
        elif state is not None and field in _REPLAYED:
            if state[field] != (None if old is None else json.loads(old)):
                state = None  # two branches interleaved: no more states to trust
                continue
            state[field] = None if new is None else json.loads(new)
            saved = str(at)  # an edit saves the row at the time of its audit row
        else:
            continue
        if state is not None:
            step += 1
            found.setdefault(current, {})[(_digest(state), saved)] = step
    return found


def _created(uuid: str, new: str | None) -> dict[str, object] | None:
    snapshot = json.loads(new) if new else None
    if not isinstance(snapshot, dict) or not _REPLAYED - {"deleted_at"} <= snapshot.keys():
        return None
    state: dict[str, object] = {c: snapshot.get(c) for c in COLUMNS}
    state["uuid"] = uuid
    return state


def _digest(state: dict[str, object]) -> str:
    return content_digest([state[c] for c in COLUMNS])


def superseded(
    positions: dict[State, int], versions: Iterable[State], others: Iterable[State]
) -> set[State]:
    """The versions whose state appears in the replay before another version's or other's."""
    versions = list(versions)
    latest = max((positions[s] for s in [*versions, *others] if s in positions), default=-1)
    return {s for s in versions if s in positions and positions[s] < latest}


def behind(positions: dict[State, int], own: State, versions: Iterable[State]) -> bool:
    """Whether the own row's state appears in the replay before one of the versions: the
    laptop edited it from this very state, so taking the version loses nothing."""
    start = positions.get(own)
    return start is not None and any(positions.get(s, -1) > start for s in versions)
