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
)


@dataclass(frozen=True)
class Actor:
    """The person and machine making an edit; passed into every mutating call."""

    evaluator: str
    device: str

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
