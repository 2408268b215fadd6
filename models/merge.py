"""Merging field packages into the master workspace: checks first, then one transaction.

`inspect` opens a package and says whether it fits this workspace (campaign, framework
version or the mapping of its indicators, cities, every value valid here) without
changing anything. `merge` checks every package the same way — a refused one raises
PackageError (FrameworkMismatchError, MappingNeedsConfirmationError) and nothing is
changed — then merges them all in one transaction (models.merge_apply has the rules):
cancelled (the progress callback returns False) or killed midway, the master keeps
exactly what it held before.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models import campaigns, observation_values, observations
from models.audit import Actor
from models.framework_version import FrameworkMapping, map_framework
from models.merge_apply import Incoming, apply_package
from models.merge_history import DamagedHistoryError, record_package
from models.merge_rows import MergeContext, OwnKeys, version
from models.observations import NewObservation
from models.package_zip import DEFAULT_LIMITS, Limits, PackageError
from models.packages import FieldPackage, Manifest

Progress = Callable[[int, int, str], bool]  # (done, total, what) → False to cancel


class FrameworkMismatchError(PackageError):
    """The package was made for another framework whose indicators do not all map here."""

    def __init__(self, path: Path, mapping: FrameworkMapping) -> None:
        self.mapping = mapping
        problems = "; ".join(mapping.problems[:5])
        super().__init__(
            path,
            "the package was made for another version of the indicator system, and not every "
            f"indicator maps onto this one: {problems}",
        )


class MappingNeedsConfirmationError(PackageError):
    """The package's framework differs but every indicator maps: confirm the mapping first."""

    def __init__(self, path: Path, mapping: FrameworkMapping) -> None:
        self.mapping = mapping
        super().__init__(
            path,
            "the package was made for another version of the indicator system; every indicator "
            "maps onto this one by its code — check the mapping, then merge with it confirmed",
        )


class MergeCancelledError(Exception):
    """The merge was cancelled; the workspace is unchanged."""


@dataclass(frozen=True)
class PackageCheck:
    """A package that fits this workspace: its manifest and how its framework maps."""

    path: Path
    manifest: Manifest
    campaign_id: int
    mapping: FrameworkMapping
    observations: int
    foreign_workspace: bool  # made from another workspace (not a copy of this one)


@dataclass(frozen=True)
class MergeReport:
    """What merging one package did (counts per observation of the package)."""

    path: Path
    manifest: Manifest
    added: int
    updated: int
    skipped: int
    conflicts: int
    duplicates: int
    attachments: int
    audit_rows: int
    already_merged: bool

    def line(self) -> str:
        m = self.manifest
        who = f"{m.evaluator}{f' ({m.team})' if m.team else ''}, device {m.device}"
        again = " (merged before)" if self.already_merged else ""
        return (
            f"{self.path.name}: added {self.added}, updated {self.updated}, skipped "
            f"{self.skipped}, in conflict "
            f"{self.conflicts}, duplicates {self.duplicates} — {who}{again}"
        )


# ---------------------------------------------------------------- checking


def _campaign(conn: sqlite3.Connection, package: FieldPackage) -> tuple[int, int]:
    row = conn.execute(
        "SELECT id, framework_id FROM campaign WHERE name = ?", (package.manifest.campaign,)
    ).fetchone()
    if row is None:
        raise PackageError(
            package.path,
            f"the package is for the campaign {package.manifest.campaign!r}, which this "
            "workspace does not have",
        )
    return int(row[0]), int(row[1])


def check(
    conn: sqlite3.Connection, package: FieldPackage, workspace_id: str, *, accept_mapping: bool
) -> PackageCheck:
    campaign_id, framework_id = _campaign(conn, package)
    mapping = map_framework(package.framework, campaigns.load_framework(conn, framework_id))
    if not mapping.identical:
        if not mapping.maps:
            raise FrameworkMismatchError(package.path, mapping)
        if not accept_mapping:
            raise MappingNeedsConfirmationError(package.path, mapping)
    return PackageCheck(
        package.path,
        package.manifest,
        campaign_id,
        mapping,
        len(package.observations),
        package.manifest.workspace_id != workspace_id,
    )


def _ids(
    conn: sqlite3.Connection, campaign_id: int, framework_id: int
) -> tuple[dict[str, int], dict[str, int]]:
    cities = {
        str(code): int(i)
        for code, i in conn.execute(
            "SELECT c.code, c.id FROM city c JOIN campaign_city cc ON cc.city_id = c.id"
            " WHERE cc.campaign_id = ?",
            (campaign_id,),
        )
    }
    leaves = {
        str(code): int(i)
        for code, i in conn.execute(
            "SELECT code, id FROM indicator WHERE framework_id = ? AND kind IS NOT NULL",
            (framework_id,),
        )
    }
    return cities, leaves


def prepare(
    conn: sqlite3.Connection, package: FieldPackage, workspace_id: str, *, accept_mapping: bool
) -> tuple[PackageCheck, Incoming]:
    """Check the package against this workspace and resolve it to the master's ids."""
    checked = check(conn, package, workspace_id, accept_mapping=accept_mapping)
    framework_id = _campaign(conn, package)[1]
    cities, leaves = _ids(conn, checked.campaign_id, framework_id)
    news, deleted = [], []
    for number, obs in enumerate(package.observations, start=1):
        if obs["city"] not in cities or obs["indicator"] not in leaves:
            what = f"city {obs['city']}" if obs["city"] not in cities else "indicator"
            what = what if obs["city"] not in cities else f"indicator {obs['indicator']}"
            raise PackageError(
                package.path,
                f"observations.jsonl, observation {number}: {what} is not in the campaign",
            )
        news.append(_new(obs, checked.campaign_id, cities, leaves))
        deleted.append(obs["deleted_at"])
    actor = Actor(package.manifest.evaluator, package.manifest.device)
    try:
        rows = observations.validated_rows(conn, news, actor, package.manifest.created)
        stamps = [None if d is None else observation_values.as_timestamp(d, "") for d in deleted]
        history = tuple(_audit_row(r) for r in package.audit)
    except ValueError as exc:
        raise PackageError(package.path, f"observations.jsonl: {exc}") from exc
    versions = tuple(version((*row, stamp)) for row, stamp in zip(rows, stamps, strict=True))
    incoming = Incoming(
        package.manifest.package_id,
        checked.campaign_id,
        versions,
        history,
        tuple(
            (a.observation, a.sha256, a.file_name, a.size, a.added_at, a.evaluator, a.device)
            for a in package.attachments
        ),
        package.attachment_bytes,
    )
    return checked, incoming


def _new(
    obs: dict[str, Any], campaign_id: int, cities: dict[str, int], leaves: dict[str, int]
) -> NewObservation:
    return NewObservation(
        campaign_id,
        cities[obs["city"]],
        leaves[obs["indicator"]],
        obs["value"],
        obs["channel"],
        obs["observed_on"],
        obs["source"],
        obs["note"],
        obs["detail"],
        obs["status"],
        uuid=obs["uuid"],
        evaluator=obs["evaluator"],
        device=obs["device"],
        created_at=obs["created_at"],
        updated_at=obs["updated_at"],
    )


def _audit_row(row: dict[str, Any]) -> tuple[object, ...]:
    return (
        row["at"],
        row["who"],
        row["device"],
        "observation",
        row["row_key"],
        row["action"],
        row["field"],
        row["old"],
        row["new"],
        row["reason"],
    )


# ---------------------------------------------------------------- merging


@contextlib.contextmanager
def large_cache(conn: sqlite3.Connection, kib: int = 131072) -> Iterator[None]:
    """A larger page cache while merging (random uuid keys touch pages all over the file)."""
    before = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute(f"PRAGMA cache_size = {-abs(int(kib)):d}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {before:d}")


@contextlib.contextmanager
def opened(paths: Sequence[Path], limits: Limits = DEFAULT_LIMITS) -> Iterator[list[FieldPackage]]:
    """Open (and verify) every package; all are closed on leaving."""
    packages: list[FieldPackage] = []
    try:
        for path in paths:
            packages.append(FieldPackage(Path(path), limits))
        yield packages
    finally:
        for package in packages:
            package.close()


def merge_prepared(
    conn: sqlite3.Connection,
    prepared: Sequence[tuple[PackageCheck, Incoming, FieldPackage]],
    actor: Actor,
    now: str,
    progress: Progress | None = None,
) -> list[MergeReport]:
    """Merge checked packages inside the caller's transaction (raise to roll back)."""
    reports, owners = [], OwnKeys(conn)
    for number, (checked, incoming, package) in enumerate(prepared):
        if progress is not None and not progress(number, len(prepared), package.path.name):
            raise MergeCancelledError("the merge was cancelled; nothing was changed")
        ctx = MergeContext(conn, actor, now, incoming.package_id)
        already = conn.execute(
            "SELECT 1 FROM merged_package WHERE package_id = ?", (incoming.package_id,)
        ).fetchone()
        try:
            applied = apply_package(ctx, incoming, owners)
        except DamagedHistoryError as exc:
            raise PackageError(package.path, f"audit.jsonl: {exc}") from exc
        counts = applied.outcomes
        if already is None:
            summary: dict[str, object] = {
                "file": package.path.name,
                "added": counts["added"],
                "updated": counts["updated"],
                "skipped": counts["skipped"],
                "conflicts": counts["conflict"],
                "duplicates": counts["duplicate"],
            }
            m = checked.manifest
            columns: tuple[object, ...] = (m.package_id, m.sha256, checked.campaign_id)
            columns += (m.workspace_id, m.evaluator, m.device, m.team, m.created)
            record_package(ctx, summary, columns)
            for member in package.teams:
                conn.execute(
                    "INSERT OR IGNORE INTO team_member (evaluator, device, team, first_seen)"
                    " VALUES (?, ?, ?, ?)",
                    (member.evaluator, member.device, member.team, m.created),
                )
        reports.append(
            MergeReport(
                package.path,
                checked.manifest,
                counts["added"],
                counts["updated"],
                counts["skipped"],
                counts["conflict"],
                counts["duplicate"],
                applied.attachments,
                applied.audit_rows,
                already is not None,
            )
        )
    if progress is not None and not progress(len(prepared), len(prepared), ""):
        raise MergeCancelledError("the merge was cancelled; nothing was changed")
    return reports
