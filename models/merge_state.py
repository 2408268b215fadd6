"""Which observation rows a field-package merge wrote, and which versions still wait.

A merge writes an observation row only while the master has not made it its own: the
row is then "live" in `merge_row` with the digest of the version the merge put there.
The moment the master edits such a row (a field, its status, a deletion, an attachment),
`touch` makes it the master's own: the version it showed is settled, and from then on
merges never change the row again; versions that arrive later wait as conflicts.
Rows the master created itself never appear in `merge_row`.

Kept dependency-free (observations and attachments call `touch` inside their edits).
"""

from __future__ import annotations

import sqlite3


def touch(conn: sqlite3.Connection, uuid: str) -> None:
    """The master changed observation `uuid` itself: a merge-written row becomes its own."""
    row = conn.execute("SELECT state, digest FROM merge_row WHERE uuid = ?", (uuid,)).fetchone()
    if row is None or row[0] != "live":
        return
    # the version the row showed is settled; when it was only implied by the row, it is
    # recorded without its content (settled versions are only compared by digest)
    conn.execute(
        "INSERT OR IGNORE INTO merge_version (uuid, digest, campaign_id, city_id, indicator_id,"
        " snapshot, updated_at, created_at, dup_key, package_id, state)"
        " SELECT uuid, digest, campaign_id, city_id, indicator_id, 'null', '', '', dup_key,"
        " package_id, 'settled' FROM merge_row WHERE uuid = ?",
        (uuid,),
    )
    conn.execute(
        "UPDATE merge_version SET state = 'settled' WHERE uuid = ? AND digest = ?", (uuid, row[1])
    )
    conn.execute("DELETE FROM merge_row WHERE uuid = ?", (uuid,))
