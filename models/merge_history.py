"""What a merge brings besides observation rows: their history (audit rows, appended once
whatever the order), their attachments (a union per observation; those of held-back
observations wait in merge_attachment), and the merged package's bookkeeping row."""

from __future__ import annotations

import json
import operator
import sqlite3
from collections.abc import Callable, Container, Sequence

from models import audit, temp_keys
from models.audit import Change
from models.merge_rows import MergeContext, add_attachment, stash_attachment

Attachment = tuple[str, str, str, int, str, str, str]  # uuid, sha, name, size, at, who, device


def take_attachments(
    ctx: MergeContext, attachments: Sequence[Attachment], read: Callable[[str], bytes]
) -> int:
    """Attachments are a union per observation: rows get them, held ones keep them waiting."""
    conn, added = ctx.conn, 0
    for uuid, sha, name, size, added_at, evaluator, device in attachments:
        present = conn.execute(
            "SELECT 1 FROM attachment WHERE observation_uuid = ? AND sha256 = ?"
            " UNION ALL SELECT 1 FROM merge_attachment WHERE observation_uuid = ? AND sha256 = ?",
            (uuid, sha, uuid, sha),
        ).fetchone()
        if present:
            continue
        row = (uuid, sha, name, size, read(sha), added_at, evaluator, device)
        if _is_row(conn, uuid):
            added += add_attachment(ctx, row)
        else:
            stash_attachment(ctx, row)
            added += 1
    return added


def _is_row(conn: sqlite3.Connection, uuid: str) -> bool:
    return conn.execute("SELECT 1 FROM observation WHERE uuid = ?", (uuid,)).fetchone() is not None


_BY_ROW = operator.itemgetter(4, 0, 5, 6)  # row_key, at, action, field


def import_history(
    conn: sqlite3.Connection, rows: tuple[tuple[object, ...], ...], new_uuids: Container[str]
) -> int:
    """Append the package's audit rows the master does not hold yet (same content = same
    row). Observations first seen in this merge have no rows here to compare with."""
    if not rows:
        return 0
    temp_keys.fill(conn, "pkg_key", {str(r[4]) for r in rows if r[4] not in new_uuids})
    existing = set(
        conn.execute(
            "SELECT a.at, a.who, a.device, a.table_name, a.row_key, a.action, a.field, a.old,"
            " a.new, a.reason FROM temp.pkg_key k CROSS JOIN audit a"
            " ON a.table_name = 'observation' AND a.row_key = k.k",
        )
    )
    new = sorted({r for r in rows if r not in existing} if existing else set(rows), key=_BY_ROW)
    last = int(conn.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0])
    conn.executemany(
        "INSERT INTO audit (at, who, device, table_name, row_key, action, field, old, new,"
        " reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        new,
    )
    damaged = conn.execute(
        "SELECT row_key FROM audit WHERE id > ? AND NOT (json_valid(coalesce(old, 'null'))"
        " AND json_valid(coalesce(new, 'null'))) LIMIT 1",
        (last,),
    ).fetchone()
    if damaged is not None:  # rolled back with the whole merge
        raise DamagedHistoryError(f"the history of observation {damaged[0]} is damaged")
    return len(new)


class DamagedHistoryError(ValueError):
    """An audit row of a package holds old/new text that is not JSON."""


def record_package(
    ctx: MergeContext, summary: dict[str, object], columns: tuple[object, ...]
) -> None:
    """The bookkeeping row of a merged package, and its audit row."""
    ctx.conn.execute(
        "INSERT INTO merged_package (package_id, manifest_sha256, campaign_id, source_workspace,"
        " evaluator, device, team, created, merged_at, merged_by, summary)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*columns, ctx.now, ctx.actor.evaluator, json.dumps(summary, sort_keys=True)),
    )
    change = Change("package", ctx.package_id, "create", "merge", None, summary)
    audit.record(ctx.conn, ctx.actor, ctx.now, [change], ctx.reason("merged"))
