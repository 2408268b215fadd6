"""Who did what: the actor passed into every edit and the append-only audit trail.

Audit rows are written by the same transaction as the edit they record. `old` and `new`
hold JSON text (NULL for "nothing"), so numbers, strings and snapshots stay unambiguous.
The table itself refuses UPDATE and DELETE (triggers), so history cannot be rewritten.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Literal

Action = Literal["create", "update", "delete", "restore"]
AUDITED_TABLES: tuple[str, ...] = (
    "meta",
    "framework",
    "indicator",
    "city",
    "campaign",
    "observation",
    "attachment",
    "package",  # field packages exported and merged (models.packages, models.merge)
    "conflict",  # merge conflicts decided by the coordinator (models.conflicts)
    "duplicate",  # duplicate candidates held back by a merge, and their decisions
    "check",  # second-evaluator checks and their blind entries (models.agreement)
)


@dataclass(frozen=True)
class Actor:
    """The person and machine making an edit; passed into every mutating call.

    `team` is the evaluation team the person works in ("" for none). It is not a column
    of the observation and audit rows: every audit row written for an actor with a team
    records the (evaluator, device, team) triple once in `team_member`, so each row's
    team follows from its evaluator and device (see `teams_of`).
    """

    evaluator: str
    device: str
    team: str = ""

    def __post_init__(self) -> None:
        if not self.evaluator.strip() or not self.device.strip():
            raise ValueError("an actor needs a non-empty evaluator name and device name")


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit trail. `old`/`new` are JSON text or None."""

    entry_id: int
    at: str
    who: str
    device: str
    table: str
    row_key: str
    action: Action
    field: str
    old: str | None
    new: str | None
    reason: str

    @property
    def old_value(self) -> object:
        return None if self.old is None else json.loads(self.old)

    @property
    def new_value(self) -> object:
        return None if self.new is None else json.loads(self.new)


@dataclass(frozen=True)
class Change:
    """One audit row to write: a created/deleted row, or one field's old → new."""

    table: str
    row_key: str | int
    action: Action
    field: str = ""
    old: object = None
    new: object = None


def to_json(value: object) -> str | None:
    """JSON text for an audit cell; None stays SQL NULL."""
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


_INSERT = (
    "INSERT INTO audit (at, who, device, table_name, row_key, action, field, old, new, reason)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def record(
    conn: sqlite3.Connection, actor: Actor, at: str, changes: list[Change], reason: str = ""
) -> None:
    """Append the audit rows for one edit (inside the edit's transaction)."""
    rows = [
        (
            at,
            actor.evaluator,
            actor.device,
            c.table,
            str(c.row_key),
            c.action,
            c.field,
            to_json(c.old),
            to_json(c.new),
            reason,
        )
        for c in changes
    ]
    conn.executemany(_INSERT, rows)
    if actor.team.strip() and rows:
        remember_team(conn, actor.evaluator, actor.device, actor.team.strip(), at)


def remember_team(
    conn: sqlite3.Connection, evaluator: str, device: str, team: str, at: str
) -> None:
    """Record that `evaluator` on `device` works in `team` (once; the first time is kept)."""
    conn.execute(
        "INSERT OR IGNORE INTO team_member (evaluator, device, team, first_seen)"
        " VALUES (?, ?, ?, ?)",
        (evaluator, device, team, at),
    )


def teams_of(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[str, ...]]:
    """Every known (evaluator, device) pair with its team(s), sorted."""
    found: dict[tuple[str, str], list[str]] = {}
    for evaluator, device, team in conn.execute(
        "SELECT evaluator, device, team FROM team_member ORDER BY team"
    ):
        found.setdefault((str(evaluator), str(device)), []).append(str(team))
    return {pair: tuple(teams) for pair, teams in found.items()}


_SELECT = (
    "SELECT id, at, who, device, table_name, row_key, action, field, old, new, reason"
    " FROM audit WHERE (:table IS NULL OR table_name = :table)"
    " AND (:row_key IS NULL OR row_key = :row_key) ORDER BY id"
)


def trail(
    conn: sqlite3.Connection, table: str | None = None, row_key: str | int | None = None
) -> list[AuditEntry]:
    """The audit rows, oldest first, optionally for one table and/or one row."""
    if table is not None and table not in AUDITED_TABLES:
        raise ValueError(f"unknown audited table {table!r}; one of {', '.join(AUDITED_TABLES)}")
    key = None if row_key is None else str(row_key)
    rows = conn.execute(_SELECT, {"table": table, "row_key": key})
    return [AuditEntry(*row) for row in rows]
