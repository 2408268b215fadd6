"""The audit trail as a filtered, lazily read table (the audit viewer; 100 000+ rows).

`audit_ids` runs one query and returns the ids of the matching rows, oldest first, as a
numpy array; `audit_rows` reads the rows of a range of those ids (a page). Each row comes
with the city and indicator it concerns (for observations, their attachments, conflicts
and duplicate decisions) and the team(s) of its evaluator on its device (team_member).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

import numpy as np
import numpy.typing as npt

from models.audit import AuditEntry, teams_of

IdArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class AuditFilter:
    """What to show; None (or "") means any. Dates are inclusive days in `zone` (the
    viewer's time zone; the trail stores UTC)."""

    evaluator: str | None = None
    team: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    city_id: int | None = None
    indicator_id: int | None = None
    zone: tzinfo = UTC


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    city_id: int | None
    indicator_id: int | None
    teams: tuple[str, ...]


_IDS = (
    "SELECT a.id FROM audit a"
    " LEFT JOIN observation o ON a.table_name IN ('observation', 'conflict', 'duplicate')"
    "   AND o.uuid = a.row_key"
    " LEFT JOIN merge_row r ON a.table_name IN ('observation', 'conflict', 'duplicate')"
    "   AND o.uuid IS NULL AND r.uuid = a.row_key"
    " LEFT JOIN attachment t ON a.table_name = 'attachment'"
    "   AND t.id = CAST(a.row_key AS INTEGER)"
    " LEFT JOIN observation ot ON ot.uuid = t.observation_uuid"
    " WHERE (:who IS NULL OR a.who = :who)"
    " AND (:team IS NULL OR EXISTS (SELECT 1 FROM team_member m WHERE m.evaluator = a.who"
    "   AND m.device = a.device AND m.team = :team))"
    " AND (:start IS NULL OR a.at >= :start) AND (:stop IS NULL OR a.at < :stop)"
    " AND (:city IS NULL OR coalesce(o.city_id, r.city_id, ot.city_id) = :city)"
    " AND (:indicator IS NULL"
    "   OR coalesce(o.indicator_id, r.indicator_id, ot.indicator_id) = :indicator)"
    " ORDER BY a.id"
)
_ROWS = (
    "SELECT a.id, a.at, a.who, a.device, a.table_name, a.row_key, a.action, a.field, a.old,"
    " a.new, a.reason, coalesce(o.city_id, r.city_id, ot.city_id),"
    " coalesce(o.indicator_id, r.indicator_id, ot.indicator_id) FROM audit a"
    " LEFT JOIN observation o ON a.table_name IN ('observation', 'conflict', 'duplicate')"
    "   AND o.uuid = a.row_key"
    " LEFT JOIN merge_row r ON a.table_name IN ('observation', 'conflict', 'duplicate')"
    "   AND o.uuid IS NULL AND r.uuid = a.row_key"
    " LEFT JOIN attachment t ON a.table_name = 'attachment'"
    "   AND t.id = CAST(a.row_key AS INTEGER)"
    " LEFT JOIN observation ot ON ot.uuid = t.observation_uuid"
    " WHERE a.id BETWEEN ? AND ? ORDER BY a.id"
)


def audit_ids(conn: sqlite3.Connection, flt: AuditFilter) -> IdArray:
    params = {
        "who": flt.evaluator or None,
        "team": flt.team or None,
        "start": _utc_start(flt.date_from, flt.zone),
        "stop": _utc_start(flt.date_to + timedelta(days=1), flt.zone) if flt.date_to else None,
        "city": flt.city_id,
        "indicator": flt.indicator_id,
    }
    return np.fromiter((r[0] for r in conn.execute(_IDS, params)), dtype=np.int64)


def _utc_start(day: date | None, zone: tzinfo) -> str | None:
    """When `day` begins in `zone`, as the trail stores times ("…T16:00:00.000Z")."""
    if day is None:
        return None
    start = datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)
    return start.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def audit_rows(conn: sqlite3.Connection, ids: Sequence[int] | IdArray) -> list[AuditRow]:
    """The rows with these ids (ascending), in their order."""
    if len(ids) == 0:
        return []
    wanted = {int(i) for i in ids}
    teams = teams_of(conn)
    found = {}
    for row in conn.execute(_ROWS, (int(ids[0]), int(ids[-1]))):
        if row[0] in wanted:
            entry = AuditEntry(*row[:11])
            found[row[0]] = AuditRow(
                entry, row[11], row[12], teams.get((entry.who, entry.device), ())
            )
    return [found[int(i)] for i in ids if int(i) in found]


def audit_evaluators(conn: sqlite3.Connection) -> list[str]:
    return [str(r[0]) for r in conn.execute("SELECT DISTINCT who FROM audit ORDER BY who")]


def audit_teams(conn: sqlite3.Connection) -> list[str]:
    return [str(r[0]) for r in conn.execute("SELECT DISTINCT team FROM team_member ORDER BY team")]
