"""Structural edits of a stored framework: add, remove, restore, move, re-weight, re-specify.

The functions run inside the Workspace's write transaction (the `FrameworkEditing` mixin
gives the Workspace the matching methods) and write an audit row for every row they
change. After each change the framework is read back and checked with
`validate_framework`; a change that would leave it invalid raises ValueError and the
transaction rolls back, changing nothing.

Removal loses nothing. The removed subtree's rows stay in the indicator table with their
ids, codes and values; its top row is *detached*: stored as its own parent (`parent_id =
id`, which the foreign key allows), so `load_framework`, which walks from the root, no
longer reaches it. The subtree's live observations are soft-deleted (hidden from scoring
and lists, kept with their history and attachments, still attached by node id);
`restore_indicator` re-attaches the subtree where it was and restores exactly those
observations. Codes of removed indicators stay reserved, so a restore never collides.
Every removed row gets a 'delete' audit row holding its snapshot, every restored row a
'restore' row.

A leaf that receives a sub-indicator becomes an aggregate and loses its measurement spec
(audited); refused while it has live observations (they would no longer be scored).
Taking away the last sub-indicator of a node is refused (an aggregate needs children),
unless the call names the spec the node gets back as a leaf (`leaf_spec`: how undoing
"add a sub-indicator to a leaf" restores it).
"""

from __future__ import annotations

import contextlib
import json
import math
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from models import audit, campaigns, observations
from models.audit import Actor, Change
from models.campaigns import (
    _INDICATOR_COLUMNS,
    _INSERT_INDICATOR,
    _indicator_params,
    _spec_columns,
    load_framework,
    spec_from_row,
)
from models.framework import FrameworkError, Indicator, MeasurementSpec
from models.framework_validate import (
    node_problem,
    observation_problem,
    spec_problem,
    validate_framework,
)
from models.store import fetch_row, rowid


@dataclass(frozen=True)
class Removal:
    """What `remove_indicator` did, so that `restore_indicator` can undo it exactly."""

    node_id: int
    parent_id: int
    index: int  # the place among its siblings
    subtree: tuple[int, ...]  # the node and its descendants
    observations: tuple[str, ...]  # uuids of the observations soft-deleted by the removal


_SPEC_FIELDS = ("kind", "unit", "low", "high", "target", "levels", "items", "bounded")
_SPEC_COLUMNS = (*_SPEC_FIELDS, "denominator")
_SET_SPEC = (
    "UPDATE indicator SET kind = ?, unit = ?, low = ?, high = ?, target = ?, levels = ?,"
    " items = ?, bounded = ?, denominator = ? WHERE id = ?"
)
_CHILDREN = "SELECT id FROM indicator WHERE parent_id = ? AND id <> ? ORDER BY position, id"
_SUBTREE = (
    "WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT i.id FROM indicator i"
    " JOIN sub ON i.parent_id = sub.id AND i.id <> sub.id) SELECT id FROM sub"
)
_SUBTREE_OBSERVATIONS = (
    "WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT i.id FROM indicator i"
    " JOIN sub ON i.parent_id = sub.id AND i.id <> sub.id)"
    " SELECT uuid FROM observation WHERE indicator_id IN (SELECT id FROM sub)"
    " AND deleted_at IS NULL ORDER BY rowid"
)
_NODE_OBSERVATIONS = (
    "SELECT uuid, value FROM observation WHERE indicator_id = ? AND deleted_at IS NULL"
    " ORDER BY rowid"
)


# ---------------------------------------------------------------- reading


def node_row(conn: sqlite3.Connection, node_id: int) -> Any:
    """The indicator row (columns by name); LookupError if there is none."""
    row = fetch_row(conn, "SELECT * FROM indicator WHERE id = ?", (node_id,))
    if row is None:
        raise LookupError(f"no indicator with id {node_id}")
    return row


def tree_row(conn: sqlite3.Connection, node_id: int) -> Any:
    """The row of a node in its framework's tree; ValueError if it was removed."""
    row = node = node_row(conn, node_id)
    while node["parent_id"] is not None:
        if node["parent_id"] == node["id"]:
            raise ValueError(f"indicator {row['code']} was removed from the framework")
        node = node_row(conn, node["parent_id"])
    return row


def children(conn: sqlite3.Connection, parent_id: int) -> list[int]:
    """The ids of a node's children in position order."""
    return [r[0] for r in conn.execute(_CHILDREN, (parent_id, parent_id))]


def subtree(conn: sqlite3.Connection, node_id: int) -> list[int]:
    """The node and all its descendants."""
    return [r[0] for r in conn.execute(_SUBTREE, (node_id,))]


def live_observations(conn: sqlite3.Connection, node_id: int) -> list[str]:
    """Uuids of the live observations of a node and its descendants, in all campaigns."""
    return [r[0] for r in conn.execute(_SUBTREE_OBSERVATIONS, (node_id,))]


def codes(conn: sqlite3.Connection, framework_id: int) -> set[str]:
    """Every code used in a framework, removed indicators' included (they stay reserved)."""
    rows = conn.execute("SELECT code FROM indicator WHERE framework_id = ?", (framework_id,))
    return {r[0] for r in rows}


# ---------------------------------------------------------------- checks and helpers


def _validate(conn: sqlite3.Connection, framework_id: int) -> None:
    try:
        validate_framework(load_framework(conn, framework_id))
    except FrameworkError as exc:
        raise ValueError(f"refused: the framework would become invalid: {exc.message}") from exc


def _check_code(conn: sqlite3.Connection, framework_id: int, code: str) -> None:
    if not code.strip() or code != code.strip():
        raise ValueError(f"an indicator code must be non-empty without spaces around: {code!r}")
    found = fetch_row(
        conn,
        "SELECT id, parent_id FROM indicator WHERE framework_id = ? AND code = ?",
        (framework_id, code),
    )
    if found is not None:
        removed = " (by a removed indicator)" if found["parent_id"] == found["id"] else ""
        raise ValueError(f"the code {code!r} is already used in this framework{removed}")


def _check_observations_fit(conn: sqlite3.Connection, row: Any, spec: MeasurementSpec) -> None:
    misfits = [
        problem
        for _uuid, value in conn.execute(_NODE_OBSERVATIONS, (row["id"],))
        if (problem := observation_problem(spec, value)) is not None
    ]
    if misfits:
        raise ValueError(
            f"refused: {len(misfits)} observation(s) of {row['code']} would not fit the new"
            f" measurement (for example: {misfits[0]})"
        )


def _place(conn: sqlite3.Connection, order: list[int], changes: list[Change]) -> None:
    """Number the siblings `order` 0, 1, 2…; an audit change for every position changed."""
    for position, node_id in enumerate(order):
        old = conn.execute("SELECT position FROM indicator WHERE id = ?", (node_id,)).fetchone()
        if old[0] != position:
            conn.execute("UPDATE indicator SET position = ? WHERE id = ?", (position, node_id))
            changes.append(Change("indicator", node_id, "update", "position", old[0], position))


def _audit_value(column: str, value: object) -> object:
    return json.loads(value) if column in ("levels", "items") and isinstance(value, str) else value


def _write_spec(
    conn: sqlite3.Connection, row: Any, spec: MeasurementSpec | None, changes: list[Change]
) -> None:
    """Replace the measurement columns (None: make it an aggregate); audit what changed."""
    values = dict(zip(_SPEC_COLUMNS, _spec_columns(spec), strict=True))
    conn.execute(_SET_SPEC, (*values.values(), row["id"]))
    changes.extend(
        Change(
            "indicator",
            row["id"],
            "update",
            column,
            _audit_value(column, row[column]),
            _audit_value(column, new),
        )
        for column, new in values.items()
        if row[column] != new
    )


def _make_aggregate(conn: sqlite3.Connection, row: Any, changes: list[Change]) -> None:
    """A leaf that receives a child drops its spec; refused while it has observations."""
    if row["kind"] is None:
        return
    count = len(conn.execute(_NODE_OBSERVATIONS, (row["id"],)).fetchall())
    if count:
        raise ValueError(
            f"refused: {row['code']} is a leaf indicator with {count} observation(s);"
            " it cannot get sub-indicators (they would no longer be scored)"
        )
    _write_spec(conn, row, None, changes)


def _leave(
    conn: sqlite3.Connection,
    parent: Any,
    remaining: list[int],
    leaf_spec: MeasurementSpec | None,
    changes: list[Change],
) -> None:
    """Renumber the siblings left behind; a parent left childless needs `leaf_spec`."""
    _place(conn, remaining, changes)
    if remaining:
        return
    if leaf_spec is None:
        raise ValueError(
            f"refused: {parent['code']} would be left without sub-indicators;"
            f" remove {parent['code']} itself instead"
        )
    _write_spec(conn, node_row(conn, parent["id"]), leaf_spec, changes)


def _snapshot(row: Any) -> dict[str, object]:
    return {column: _audit_value(column, row[column]) for column in _INDICATOR_COLUMNS}


def _clamp(index: int | None, size: int) -> int:
    return size if index is None else max(0, min(index, size))


# ---------------------------------------------------------------- edits


def add_indicator(
    conn: sqlite3.Connection,
    framework_id: int,
    parent_id: int,
    node: Indicator,
    actor: Actor,
    now: str,
    index: int | None = None,
    reason: str = "",
) -> int:
    """Store `node` (a leaf: it needs a spec) as a child of `parent_id` at `index` (default
    last); returns its id. `node.parent` and `node.position` are ignored."""
    parent = tree_row(conn, parent_id)
    if parent["framework_id"] != framework_id:
        raise ValueError(f"indicator {parent['code']} is not in framework {framework_id}")
    problem = node_problem(node, is_leaf=True)
    if problem is not None:
        raise ValueError(f"refused: {problem[1]}")
    _check_code(conn, framework_id, node.code)
    changes: list[Change] = []
    _make_aggregate(conn, parent, changes)
    siblings = children(conn, parent_id)
    params = _indicator_params(framework_id, parent_id, replace(node, position=len(siblings)))
    node_id = rowid(conn.execute(_INSERT_INDICATOR, params))
    snapshot = dict(zip(_INDICATOR_COLUMNS, params, strict=True))
    changes.append(Change("indicator", node_id, "create", new=snapshot))
    siblings.insert(_clamp(index, len(siblings)), node_id)
    _place(conn, siblings, changes)
    _validate(conn, framework_id)
    audit.record(conn, actor, now, changes, reason)
    return node_id


def remove_indicator(
    conn: sqlite3.Connection,
    node_id: int,
    actor: Actor,
    now: str,
    reason: str = "",
    leaf_spec: MeasurementSpec | None = None,
) -> Removal:
    """Detach a node and its subtree from the tree and soft-delete their observations."""
    row = tree_row(conn, node_id)
    if row["parent_id"] is None:
        raise ValueError(f"refused: {row['code']} is the root of the framework")
    parent = node_row(conn, row["parent_id"])
    siblings = children(conn, parent["id"])
    index = siblings.index(node_id)
    nodes = subtree(conn, node_id)
    changes = [Change("indicator", i, "delete", old=_snapshot(node_row(conn, i))) for i in nodes]
    conn.execute("UPDATE indicator SET parent_id = id WHERE id = ?", (node_id,))
    _leave(conn, parent, [i for i in siblings if i != node_id], leaf_spec, changes)
    audit.record(conn, actor, now, changes, reason)
    uuids = live_observations(conn, node_id)
    why = reason or f"indicator {row['code']} removed from the framework"
    for uuid in uuids:
        observations.delete(conn, uuid, actor, now, why)
    _validate(conn, row["framework_id"])
    return Removal(node_id, parent["id"], index, tuple(nodes), tuple(uuids))


def restore_indicator(
    conn: sqlite3.Connection, removal: Removal, actor: Actor, now: str, reason: str = ""
) -> None:
    """Re-attach a removed subtree where it was and restore its observations."""
    row = node_row(conn, removal.node_id)
    if row["parent_id"] != row["id"]:
        raise ValueError(f"indicator {row['code']} is not removed")
    parent = tree_row(conn, removal.parent_id)
    changes: list[Change] = []
    _make_aggregate(conn, parent, changes)
    siblings = children(conn, parent["id"])
    siblings.insert(_clamp(removal.index, len(siblings)), removal.node_id)
    conn.execute("UPDATE indicator SET parent_id = ? WHERE id = ?", (parent["id"], row["id"]))
    _place(conn, siblings, changes)
    for i in subtree(conn, removal.node_id):
        changes.append(Change("indicator", i, "restore", new=_snapshot(node_row(conn, i))))
    audit.record(conn, actor, now, changes, reason)
    why = reason or f"indicator {row['code']} restored to the framework"
    for uuid in removal.observations:
        with contextlib.suppress(ValueError):  # restored meanwhile: nothing to do
            observations.restore(conn, uuid, actor, now, why)
    _validate(conn, row["framework_id"])


def move_indicator(
    conn: sqlite3.Connection,
    node_id: int,
    parent_id: int,
    index: int | None,
    actor: Actor,
    now: str,
    reason: str = "",
    leaf_spec: MeasurementSpec | None = None,
) -> bool:
    """Move a node (with its subtree) under `parent_id` at `index` (default last).

    A leaf parent becomes an aggregate (see `add_indicator`); the old parent, if left
    childless, needs `leaf_spec`. Returns False when nothing moved.
    """
    row = tree_row(conn, node_id)
    target = tree_row(conn, parent_id)
    if row["parent_id"] is None:
        raise ValueError(f"refused: {row['code']} is the root of the framework")
    if target["framework_id"] != row["framework_id"]:
        raise ValueError(f"refused: {target['code']} is in another framework")
    if parent_id in subtree(conn, node_id):
        raise ValueError(
            f"refused: {row['code']} cannot move under {target['code']}, which is itself"
            " or one of its sub-indicators"
        )
    changes: list[Change] = []
    old_siblings = children(conn, row["parent_id"])
    if row["parent_id"] != parent_id:
        _make_aggregate(conn, target, changes)
        conn.execute("UPDATE indicator SET parent_id = ? WHERE id = ?", (parent_id, node_id))
        old_parent = row["parent_id"]
        changes.append(Change("indicator", node_id, "update", "parent_id", old_parent, parent_id))
        remaining = [i for i in old_siblings if i != node_id]
        _leave(conn, node_row(conn, row["parent_id"]), remaining, leaf_spec, changes)
    siblings = [i for i in children(conn, parent_id) if i != node_id]
    siblings.insert(_clamp(index, len(siblings)), node_id)
    _place(conn, siblings, changes)
    if not changes:
        return False
    _validate(conn, row["framework_id"])
    audit.record(conn, actor, now, changes, reason)
    return True


def set_sibling_weights(
    conn: sqlite3.Connection, weights: Mapping[int, float], actor: Actor, now: str, reason: str = ""
) -> bool:
    """Set several weights at once (e.g. a normalised sibling group); False if unchanged."""
    changes: list[Change] = []
    frameworks: set[int] = set()
    for node_id, weight in weights.items():
        row = tree_row(conn, node_id)
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise ValueError(f"a weight must be a number, got {weight!r}")
        if not (math.isfinite(weight) and weight >= 0):
            raise ValueError(f"refused: weight {weight!r} of {row['code']} must be a number >= 0")
        frameworks.add(row["framework_id"])
        if row["weight"] != float(weight):
            conn.execute("UPDATE indicator SET weight = ? WHERE id = ?", (float(weight), node_id))
            changes.append(Change("indicator", node_id, "update", "weight", row["weight"], weight))
    if not changes:
        return False
    for framework_id in frameworks:
        _validate(conn, framework_id)
    audit.record(conn, actor, now, changes, reason)
    return True


def set_spec(
    conn: sqlite3.Connection,
    node_id: int,
    spec: MeasurementSpec,
    actor: Actor,
    now: str,
    reason: str = "",
) -> bool:
    """Replace a leaf's measurement spec (kind, goalposts, levels, items…); refused when
    its live observations would not fit the new spec. False if unchanged."""
    row = tree_row(conn, node_id)
    if row["kind"] is None:
        raise ValueError(f"refused: {row['code']} is an aggregate; it has no measurement")
    problem = spec_problem(spec)
    if problem is not None:
        raise ValueError(f"refused: {row['code']}: {problem[1]}")
    _check_observations_fit(conn, row, spec)
    changes: list[Change] = []
    _write_spec(conn, row, spec, changes)
    if not changes:
        return False
    _validate(conn, row["framework_id"])
    audit.record(conn, actor, now, changes, reason)
    return True


def update_indicator(
    conn: sqlite3.Connection,
    node_id: int,
    field: str,
    value: object,
    actor: Actor,
    now: str,
    reason: str = "",
) -> bool:
    """`campaigns.update_indicator`, then refused if the framework would become invalid
    or, for a measurement field, the node's live observations would not fit."""
    if not campaigns.update_indicator(conn, node_id, field, value, actor, now, reason):
        return False
    row = node_row(conn, node_id)
    spec = spec_from_row(row)
    if spec is not None and field in _SPEC_FIELDS:
        _check_observations_fit(conn, row, spec)
    _validate(conn, row["framework_id"])
    return True
