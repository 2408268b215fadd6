"""The workspace schema as an ordered migration chain (PRAGMA user_version = last step applied).

Rules for this file: a released step is never edited; a change is a new step appended to
`MIGRATIONS`. Each step runs in its own transaction together with its `user_version` bump,
so a crash leaves the file at the previous version, never half-way.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from models.cities import CHANNELS
from models.framework import MEASUREMENT_KINDS
from models.store import (
    APPLICATION_ID,
    NewerSchemaError,
    StoreError,
    transaction,
    translated,
    utc_now,
)

STATUSES: tuple[str, ...] = ("draft", "submitted", "verified", "rejected")


def _in(values: tuple[str, ...]) -> str:
    """A SQL IN list of fixed program constants (never user input), for CHECK constraints."""
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


_V1_TABLES: tuple[str, ...] = (
    """CREATE TABLE meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        workspace_id TEXT NOT NULL CHECK (length(workspace_id) = 36),
        created TEXT NOT NULL
    ) STRICT""",
    """CREATE TABLE framework (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL CHECK (name <> ''),
        created TEXT NOT NULL
    ) STRICT""",
    f"""CREATE TABLE indicator (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        framework_id INTEGER NOT NULL REFERENCES framework (id),
        parent_id INTEGER,
        code TEXT NOT NULL CHECK (code <> ''),
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL DEFAULT '',
        weight REAL NOT NULL CHECK (weight >= 0),
        direction INTEGER NOT NULL CHECK (direction IN (1, -1)),
        kind TEXT CHECK (kind IS NULL OR kind IN ({_in(MEASUREMENT_KINDS)})),
        unit TEXT NOT NULL DEFAULT '',
        low REAL,
        high REAL,
        target REAL,
        levels TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(levels)),
        items TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(items)),
        bounded INTEGER NOT NULL DEFAULT 1 CHECK (bounded IN (0, 1)),
        denominator TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0,
        UNIQUE (framework_id, code),
        UNIQUE (framework_id, id),
        FOREIGN KEY (framework_id, parent_id) REFERENCES indicator (framework_id, id),
        CHECK (low IS NULL OR high IS NULL OR low < high)
    ) STRICT""",
    """CREATE TABLE city (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT NOT NULL UNIQUE CHECK (code <> ''),
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL DEFAULT '',
        province TEXT NOT NULL DEFAULT '',
        admin_level TEXT NOT NULL DEFAULT '',
        economic_circle TEXT NOT NULL DEFAULT ''
    ) STRICT""",
    """CREATE TABLE city_gdp (
        city_id INTEGER NOT NULL REFERENCES city (id),
        year INTEGER NOT NULL,
        gdp REAL NOT NULL,
        PRIMARY KEY (city_id, year)
    ) STRICT""",
    """CREATE TABLE city_group (
        city_id INTEGER NOT NULL REFERENCES city (id),
        name TEXT NOT NULL CHECK (name <> ''),
        value TEXT NOT NULL,
        PRIMARY KEY (city_id, name)
    ) STRICT""",
    """CREATE TABLE campaign (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE CHECK (name <> ''),
        framework_id INTEGER NOT NULL REFERENCES framework (id),
        settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
        created TEXT NOT NULL
    ) STRICT""",
    """CREATE TABLE campaign_city (
        campaign_id INTEGER NOT NULL REFERENCES campaign (id),
        city_id INTEGER NOT NULL REFERENCES city (id),
        position INTEGER NOT NULL,
        PRIMARY KEY (campaign_id, city_id),
        UNIQUE (campaign_id, position)
    ) STRICT""",
    f"""CREATE TABLE observation (
        uuid TEXT PRIMARY KEY CHECK (length(uuid) = 36),
        campaign_id INTEGER NOT NULL REFERENCES campaign (id),
        city_id INTEGER NOT NULL REFERENCES city (id),
        indicator_id INTEGER NOT NULL REFERENCES indicator (id),
        value REAL NOT NULL,
        detail TEXT NOT NULL DEFAULT '' CHECK (detail = '' OR json_valid(detail)),
        channel TEXT NOT NULL CHECK (channel IN ({_in(CHANNELS)})),
        evaluator TEXT NOT NULL,
        device TEXT NOT NULL,
        observed_on TEXT NOT NULL CHECK (date(observed_on, '+0 days') IS observed_on),
        source TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ({_in(STATUSES)})),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        FOREIGN KEY (campaign_id, city_id) REFERENCES campaign_city (campaign_id, city_id)
    ) STRICT""",
    """CREATE TRIGGER observation_indicator_in_framework
    BEFORE INSERT ON observation
    WHEN NOT EXISTS (
        SELECT 1 FROM indicator i JOIN campaign c ON c.framework_id = i.framework_id
        WHERE i.id = NEW.indicator_id AND c.id = NEW.campaign_id AND i.kind IS NOT NULL)
    BEGIN
        SELECT RAISE(ABORT, 'observation indicator is not a leaf of the campaign framework');
    END""",
    """CREATE TABLE attachment (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        observation_uuid TEXT NOT NULL REFERENCES observation (uuid),
        file_name TEXT NOT NULL CHECK (file_name <> ''),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        size INTEGER NOT NULL CHECK (size = length(data)),
        data BLOB NOT NULL,
        added_at TEXT NOT NULL,
        evaluator TEXT NOT NULL,
        device TEXT NOT NULL,
        UNIQUE (observation_uuid, sha256)
    ) STRICT""",
    """CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        device TEXT NOT NULL,
        table_name TEXT NOT NULL,
        row_key TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
        field TEXT NOT NULL DEFAULT '',
        old TEXT,
        new TEXT,
        reason TEXT NOT NULL DEFAULT ''
    ) STRICT""",
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
    """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
)


def _v1_initial(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
    for statement in _V1_TABLES:
        conn.execute(statement)
    conn.execute(
        "INSERT INTO meta (id, workspace_id, created) VALUES (1, ?, ?)",
        (str(uuid.uuid4()), utc_now()),
    )


_V2_INDEXES: tuple[str, ...] = (
    "CREATE INDEX indicator_parent ON indicator (parent_id)",
    "CREATE INDEX observation_cell ON observation (campaign_id, city_id, indicator_id)",
    "CREATE INDEX attachment_observation ON attachment (observation_uuid)",
    "CREATE INDEX audit_row ON audit (table_name, row_key)",
)


def _v2_indexes(conn: sqlite3.Connection) -> None:
    for statement in _V2_INDEXES:
        conn.execute(statement)


_V3_TABLES: tuple[str, ...] = (
    # who works in which team: (evaluator, device) → team, recorded by audit.record
    """CREATE TABLE team_member (
        evaluator TEXT NOT NULL,
        device TEXT NOT NULL,
        team TEXT NOT NULL CHECK (team <> ''),
        first_seen TEXT NOT NULL,
        PRIMARY KEY (evaluator, device, team)
    ) STRICT""",
    # field packages this workspace exported (for "since the last export")
    """CREATE TABLE package_export (
        package_id TEXT PRIMARY KEY CHECK (length(package_id) = 36),
        campaign_id INTEGER NOT NULL REFERENCES campaign (id),
        created TEXT NOT NULL,
        watermark INTEGER NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('all', 'since')),
        observations INTEGER NOT NULL,
        file_name TEXT NOT NULL DEFAULT ''
    ) STRICT""",
    """CREATE TABLE package_export_city (
        package_id TEXT NOT NULL REFERENCES package_export (package_id),
        city_id INTEGER NOT NULL REFERENCES city (id),
        PRIMARY KEY (package_id, city_id)
    ) STRICT""",
    # field packages merged into this workspace
    """CREATE TABLE merged_package (
        package_id TEXT PRIMARY KEY CHECK (length(package_id) = 36),
        manifest_sha256 TEXT NOT NULL CHECK (length(manifest_sha256) = 64),
        campaign_id INTEGER NOT NULL REFERENCES campaign (id),
        source_workspace TEXT NOT NULL,
        evaluator TEXT NOT NULL,
        device TEXT NOT NULL,
        team TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        merged_at TEXT NOT NULL,
        merged_by TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(summary))
    ) STRICT""",
    # every distinct version of an observation that arrived in a package
    """CREATE TABLE merge_version (
        uuid TEXT NOT NULL CHECK (length(uuid) = 36),
        digest TEXT NOT NULL CHECK (length(digest) = 64),
        campaign_id INTEGER NOT NULL REFERENCES campaign (id),
        city_id INTEGER NOT NULL REFERENCES city (id),
        indicator_id INTEGER NOT NULL REFERENCES indicator (id),
        snapshot TEXT NOT NULL CHECK (json_valid(snapshot)),
        updated_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        dup_key TEXT,
        package_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open', 'superseded', 'settled')),
        PRIMARY KEY (uuid, digest)
    ) STRICT, WITHOUT ROWID""",
    # observations whose row a merge wrote and the master has not touched since (live),
    # or that a merge holds back as duplicate candidates (held, dismissed); the version a
    # live row shows needs no merge_version row of its own ("implied": models.merge_rows)
    """CREATE TABLE merge_row (
        uuid TEXT PRIMARY KEY CHECK (length(uuid) = 36),
        state TEXT NOT NULL CHECK (state IN ('live', 'held', 'dismissed')),
        digest TEXT NOT NULL CHECK (length(digest) = 64),
        dup_key TEXT,
        duplicate_of TEXT,
        campaign_id INTEGER NOT NULL REFERENCES campaign (id),
        city_id INTEGER NOT NULL REFERENCES city (id),
        indicator_id INTEGER NOT NULL REFERENCES indicator (id),
        package_id TEXT NOT NULL DEFAULT ''
    ) STRICT, WITHOUT ROWID""",
    "CREATE INDEX merge_row_key ON merge_row (dup_key)",
    # attachments of observations that are not (yet) rows: held duplicates
    """CREATE TABLE merge_attachment (
        observation_uuid TEXT NOT NULL CHECK (length(observation_uuid) = 36),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        file_name TEXT NOT NULL CHECK (file_name <> ''),
        size INTEGER NOT NULL CHECK (size = length(data)),
        data BLOB NOT NULL,
        added_at TEXT NOT NULL,
        evaluator TEXT NOT NULL,
        device TEXT NOT NULL,
        PRIMARY KEY (observation_uuid, sha256)
    ) STRICT""",
    # second-evaluator checks: a seeded sample of cells entered again, blind
    """CREATE TABLE agreement_check (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        campaign_id INTEGER NOT NULL REFERENCES campaign (id),
        name TEXT NOT NULL CHECK (name <> ''),
        seed INTEGER NOT NULL,
        created TEXT NOT NULL,
        created_by TEXT NOT NULL
    ) STRICT""",
    """CREATE TABLE agreement_cell (
        check_id INTEGER NOT NULL REFERENCES agreement_check (id),
        city_id INTEGER NOT NULL REFERENCES city (id),
        indicator_id INTEGER NOT NULL REFERENCES indicator (id),
        position INTEGER NOT NULL,
        value REAL,
        evaluator TEXT,
        device TEXT,
        entered_at TEXT,
        PRIMARY KEY (check_id, city_id, indicator_id)
    ) STRICT""",
)


def _v3_field_teams(conn: sqlite3.Connection) -> None:
    for statement in _V3_TABLES:
        conn.execute(statement)


@dataclass(frozen=True)
class Migration:
    """One step of the chain: brings a workspace from `version - 1` to `version`."""

    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _v1_initial),
    Migration(2, "indexes for cell look-ups, attachments and the audit trail", _v2_indexes),
    Migration(3, "field teams: teams, package export/merge bookkeeping, checks", _v3_field_teams),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: Path, *, target: int = SCHEMA_VERSION) -> int:
    """Apply the pending steps up to `target`, each in its own transaction.

    Returns the version found before migrating. Needs a read-write connection in
    autocommit mode (isolation_level=None) and the caller holding the workspace lock.
    """
    with translated(path):
        found = user_version(conn)
    if found > SCHEMA_VERSION:
        raise NewerSchemaError(path, found, SCHEMA_VERSION)
    for step in MIGRATIONS:
        if found < step.version <= target:
            _apply(conn, path, step)
    return found


def _apply(conn: sqlite3.Connection, path: Path, step: Migration) -> None:
    with transaction(conn, path):
        if user_version(conn) != step.version - 1:
            raise StoreError(path, f"migration to version {step.version} raced another writer")
        step.apply(conn)
        conn.execute(f"PRAGMA user_version = {step.version:d}")
