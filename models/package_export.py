"""Exporting a field package: a campaign's observations for chosen cities, with their full
history and attachments — all of them, or those changed since the last export.

"Since the last export" is kept per city: each export records the highest audit row id it
covered (`package_export.watermark`) and the cities it was for; the next one takes the
observations of a city that have an audit row (of their own or of an attachment) above the
highest watermark of the exports that included that city. An observation taken is taken
whole (current state, every audit row, every attachment), so a merge never needs an
earlier package to make sense of a later one. Deleted observations are included: their
deletion is part of what the coordinator must receive.
"""

from __future__ import annotations

import json
import sqlite3
import uuid as uuidlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models import attachments, audit, campaigns, temp_keys
from models.audit import Actor, Change
from models.framework_version import describe, version_of
from models.package_zip import write_zip
from models.packages import AUDIT_KEYS, FORMAT, FORMAT_VERSION, OBSERVATION_KEYS


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    path: Path
    package_id: str
    mode: str  # "all" or "since"
    cities: tuple[str, ...]
    observations: int
    audit_rows: int
    attachments: int


@dataclass(frozen=True)
class _Scope:
    campaign_id: int
    campaign: str
    framework_id: int
    city_ids: tuple[int, ...]
    city_codes: dict[int, str]


def _scope(conn: sqlite3.Connection, campaign_id: int, city_ids: Sequence[int]) -> _Scope:
    row = conn.execute("SELECT name, framework_id FROM campaign WHERE id = ?", (campaign_id,))
    found = row.fetchone()
    if found is None:
        raise LookupError(f"no campaign with id {campaign_id}")
    ordered = [
        int(r[0])
        for r in conn.execute(
            "SELECT city_id FROM campaign_city WHERE campaign_id = ? ORDER BY position",
            (campaign_id,),
        )
    ]
    chosen = tuple(city_ids) if city_ids else tuple(ordered)
    if outside := [c for c in chosen if c not in ordered]:
        raise ValueError(f"city {outside[0]} is not in campaign {found[0]}")
    codes = {int(r[0]): str(r[1]) for r in conn.execute("SELECT id, code FROM city")}
    return _Scope(campaign_id, str(found[0]), int(found[1]), chosen, codes)


_SINCE_UUIDS = (
    "SELECT o.uuid FROM observation o WHERE o.campaign_id = :campaign AND o.city_id = :city"
    " AND (:mark = 0"
    " OR EXISTS (SELECT 1 FROM audit a WHERE a.table_name = 'observation'"
    "   AND a.row_key = o.uuid AND a.id > :mark)"
    " OR EXISTS (SELECT 1 FROM attachment t JOIN audit a ON a.table_name = 'attachment'"
    "   AND a.row_key = CAST(t.id AS TEXT) WHERE t.observation_uuid = o.uuid AND a.id > :mark))"
    " ORDER BY o.rowid"
)
_WATERMARK = (
    "SELECT coalesce(max(e.watermark), 0), max(e.created) FROM package_export e"
    " JOIN package_export_city c ON c.package_id = e.package_id"
    " WHERE e.campaign_id = ? AND c.city_id = ?"
)


def _selected(
    conn: sqlite3.Connection, scope: _Scope, since_last: bool
) -> tuple[list[str], str | None]:
    """The uuids to export, and the time of the oldest previous export they follow."""
    uuids: list[str] = []
    since: list[str] = []
    for city_id in scope.city_ids:
        mark, created = 0, None
        if since_last:
            mark, created = conn.execute(_WATERMARK, (scope.campaign_id, city_id)).fetchone()
        if created is not None:
            since.append(str(created))
        params = {"campaign": scope.campaign_id, "city": city_id, "mark": int(mark)}
        uuids.extend(str(r[0]) for r in conn.execute(_SINCE_UUIDS, params))
    return uuids, (min(since) if since else None)


_OBSERVATIONS = (
    "SELECT o.uuid, c.code, i.code, o.value, o.channel, o.observed_on, o.source, o.note,"
    " o.detail, o.status, o.evaluator, o.device, o.created_at, o.updated_at, o.deleted_at"
    " FROM temp.pkg_uuid k CROSS JOIN observation o ON o.uuid = k.k"
    " JOIN city c ON c.id = o.city_id JOIN indicator i ON i.id = o.indicator_id ORDER BY o.rowid"
)
_AUDIT = (
    "SELECT a.at, a.who, a.device, a.row_key, a.action, a.field, a.old, a.new, a.reason"
    " FROM temp.pkg_uuid k CROSS JOIN audit a"
    " ON a.table_name = 'observation' AND a.row_key = k.k ORDER BY a.id"
)
_ATTACHMENTS = (
    "SELECT t.id, t.observation_uuid, t.sha256, t.file_name, t.size, t.added_at, t.evaluator,"
    " t.device FROM temp.pkg_uuid k CROSS JOIN attachment t ON t.observation_uuid = k.k"
    " ORDER BY t.id"
)


def _jsonl(rows: Sequence[dict[str, Any]]) -> bytes:
    lines = (json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)
    return "".join(lines).encode("utf-8")


def _contents(conn: sqlite3.Connection, uuids: list[str], workspace: Path) -> dict[str, bytes]:
    temp_keys.fill(conn, "pkg_uuid", uuids)
    obs = [dict(zip(OBSERVATION_KEYS, r, strict=True)) for r in conn.execute(_OBSERVATIONS)]
    history = [dict(zip(AUDIT_KEYS, r, strict=True)) for r in conn.execute(_AUDIT)]
    parts: dict[str, bytes] = {}
    records = []
    for row in conn.execute(_ATTACHMENTS).fetchall():
        data = attachments.load_bytes(conn, int(row[0]), workspace)
        parts[f"attachments/{row[2]}"] = data
        keys = ("observation", "sha256", "file_name", "size", "added_at", "evaluator", "device")
        records.append(dict(zip(keys, row[1:], strict=True)))
    parts["observations.jsonl"] = _jsonl(obs)
    parts["audit.jsonl"] = _jsonl(history)
    parts["attachments.jsonl"] = _jsonl(records)
    return parts


def _teams(conn: sqlite3.Connection, parts: dict[str, bytes], actor: Actor) -> bytes:
    pairs = {(actor.evaluator, actor.device)}
    for name, who, device in (
        ("observations.jsonl", "evaluator", "device"),
        ("audit.jsonl", "who", "device"),
    ):
        for line in parts[name].decode("utf-8").splitlines():
            row = json.loads(line)
            pairs.add((row[who], row[device]))
    members = [
        {"evaluator": e, "device": d, "team": t}
        for (e, d), teams in sorted(audit.teams_of(conn).items())
        if (e, d) in pairs
        for t in teams
    ]
    if actor.team.strip() and not any(
        m["evaluator"] == actor.evaluator and m["device"] == actor.device for m in members
    ):
        members.append({"evaluator": actor.evaluator, "device": actor.device, "team": actor.team})
    return json.dumps(members, ensure_ascii=False, sort_keys=True).encode("utf-8")


def export(
    conn: sqlite3.Connection,
    workspace: Path,
    workspace_id: str,
    campaign_id: int,
    city_ids: Sequence[int],
    out: Path,
    actor: Actor,
    now: str,
    *,
    since_last: bool = False,
) -> ExportSummary:
    """Write the package to `out` and record the export (inside the caller's transaction).

    `city_ids` empty means every city of the campaign.
    """
    scope = _scope(conn, campaign_id, city_ids)
    uuids, since = _selected(conn, scope, since_last)
    framework = campaigns.load_framework(conn, scope.framework_id)
    nodes = describe(framework)
    parts = _contents(conn, uuids, workspace)
    parts["framework.json"] = json.dumps(
        {"name": framework.name, "nodes": [n.to_json() for n in nodes]}, ensure_ascii=False
    ).encode("utf-8")
    parts["teams.json"] = _teams(conn, parts, actor)
    package_id = str(uuidlib.uuid4())
    mode = "since" if since_last else "all"
    codes = tuple(scope.city_codes[c] for c in scope.city_ids)
    counts = {name: parts[name].count(b"\n") for name in ("observations.jsonl", "audit.jsonl")}
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "package_id": package_id,
        "workspace_id": workspace_id,
        "campaign": scope.campaign,
        "framework_version": version_of(nodes),
        "device": actor.device,
        "evaluator": actor.evaluator,
        "team": actor.team,
        "created": now,
        "mode": mode,
        "cities": list(codes),
        "since": since,
        "counts": counts,
    }
    watermark = int(conn.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0])
    write_zip(out, manifest, parts)
    summary = ExportSummary(
        out,
        package_id,
        mode,
        codes,
        counts["observations.jsonl"],
        counts["audit.jsonl"],
        sum(1 for name in parts if name.startswith("attachments/")),
    )
    _record(conn, summary, scope, watermark, actor, now)
    return summary


def _record(
    conn: sqlite3.Connection,
    summary: ExportSummary,
    scope: _Scope,
    watermark: int,
    actor: Actor,
    now: str,
) -> None:
    conn.execute(
        "INSERT INTO package_export (package_id, campaign_id, created, watermark, mode,"
        " observations, file_name) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            summary.package_id,
            scope.campaign_id,
            now,
            watermark,
            summary.mode,
            summary.observations,
            summary.path.name,
        ),
    )
    conn.executemany(
        "INSERT INTO package_export_city (package_id, city_id) VALUES (?, ?)",
        [(summary.package_id, c) for c in scope.city_ids],
    )
    snapshot = {
        "file": summary.path.name,
        "mode": summary.mode,
        "cities": list(summary.cities),
        "observations": summary.observations,
    }
    change = Change("package", summary.package_id, "create", "export", None, snapshot)
    audit.record(conn, actor, now, [change])
