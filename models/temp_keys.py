"""Temporary tables of keys to join against (instead of long `IN (?, ?, …)` lists)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

_SQL: dict[str, tuple[str, str, str]] = {
    "pkg_uuid": (
        "CREATE TEMP TABLE IF NOT EXISTS pkg_uuid (k TEXT NOT NULL)",
        "DELETE FROM temp.pkg_uuid",
        "INSERT INTO temp.pkg_uuid (k) VALUES (?)",
    ),
    "pkg_key": (
        "CREATE TEMP TABLE IF NOT EXISTS pkg_key (k TEXT NOT NULL)",
        "DELETE FROM temp.pkg_key",
        "INSERT INTO temp.pkg_key (k) VALUES (?)",
    ),
}


def fill(conn: sqlite3.Connection, table: str, keys: Iterable[str]) -> None:
    """(Re)fill `temp.<table>(k)` with the distinct `keys`; table: pkg_uuid or pkg_key.

    No index: queries scan it and look each key up in the indexed main table."""
    create, clear, insert = _SQL[table]
    conn.execute(create)
    conn.execute(clear)
    conn.executemany(insert, ((k,) for k in set(keys)))
