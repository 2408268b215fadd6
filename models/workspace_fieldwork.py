"""The Workspace's field-team operations (packages, merging, conflicts, reviews), as a mixin.

`Workspace` inherits these methods; like its own edits, each one runs as one committed,
audited transaction in the Workspace's `_writing()` (they live here because
models/workspace.py is at its size limit). The rules are in models.merge_apply,
models.conflicts and models.verification.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path

from models import audit, conflicts, merge, observations, package_export
from models.audit import Actor
from models.conflicts import Conflict, Duplicate
from models.merge import MergeReport, PackageCheck, Progress
from models.observations import Status
from models.package_export import ExportSummary
from models.package_zip import DEFAULT_LIMITS, Limits
from models.packages import FieldPackage


class FieldWork:
    """Export and merge field packages, decide conflicts and duplicates, review statuses."""

    def _reading(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _writing(self) -> AbstractContextManager[tuple[sqlite3.Connection, str]]:
        raise NotImplementedError

    @property
    def path(self) -> Path:
        raise NotImplementedError

    @property
    def workspace_id(self) -> str:
        raise NotImplementedError

    # ------------------------------------------------------------ packages

    def export_package(
        self,
        campaign_id: int,
        out: str | os.PathLike[str],
        actor: Actor,
        *,
        city_ids: Sequence[int] = (),
        since_last: bool = False,
    ) -> ExportSummary:
        """Write a field package of the campaign's observations (of `city_ids`, default all)
        with their history and attachments; `since_last`: only those changed since the last
        export of each city. The export is recorded (and audited) in this workspace."""
        with self._writing() as (conn, now):
            return package_export.export(
                conn,
                self.path,
                self.workspace_id,
                campaign_id,
                city_ids,
                Path(out),
                actor,
                now,
                since_last=since_last,
            )

    def check_package(
        self,
        path: str | os.PathLike[str],
        *,
        accept_mapping: bool = False,
        limits: Limits = DEFAULT_LIMITS,
    ) -> PackageCheck:
        """Verify a package and check that it fits this workspace (nothing is changed).

        Raises PackageError (or its FrameworkMismatchError / MappingNeedsConfirmationError,
        which carry the mapping to show) when it cannot be merged as asked.
        """
        with FieldPackage(Path(path), limits) as package, self._reading() as conn:
            return merge.prepare(conn, package, self.workspace_id, accept_mapping=accept_mapping)[0]

    def merge_packages(
        self,
        paths: Sequence[str | os.PathLike[str]],
        actor: Actor,
        *,
        accept_mapping: bool = False,
        progress: Progress | None = None,
        limits: Limits = DEFAULT_LIMITS,
    ) -> list[MergeReport]:
        """Merge packages into this workspace in one transaction: all of them or, when one
        is refused (PackageError) or the merge is cancelled (MergeCancelled), none."""
        with merge.opened([Path(p) for p in paths], limits) as packages:
            with self._reading() as conn:
                conn.execute("PRAGMA temp_store = MEMORY")  # the merge's key tables
                prepared = [
                    (*merge.prepare(conn, p, self.workspace_id, accept_mapping=accept_mapping), p)
                    for p in packages
                ]
            with self._writing() as (conn, now), merge.large_cache(conn):
                return merge.merge_prepared(conn, prepared, actor, now, progress)

    def teams(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """Every known (evaluator, device) with its team(s)."""
        with self._reading() as conn:
            return audit.teams_of(conn)

    # ------------------------------------------------------------ conflicts and duplicates

    def conflicts(self, campaign_id: int) -> list[Conflict]:
        """Observations with package versions that differ from the row, waiting for a decision."""
        with self._reading() as conn:
            return conflicts.list_conflicts(conn, campaign_id)

    def duplicates(self, campaign_id: int) -> list[Duplicate]:
        """Observations a merge held back as duplicate candidates."""
        with self._reading() as conn:
            return conflicts.list_duplicates(conn, campaign_id)

    def keep_current(self, campaign_id: int, uuid: str, actor: Actor, reason: str) -> None:
        with self._writing() as (conn, now):
            conflicts.keep_current(conn, campaign_id, uuid, actor, now, reason)

    def keep_version(
        self, campaign_id: int, uuid: str, digest: str, actor: Actor, reason: str
    ) -> None:
        with self._writing() as (conn, now):
            conflicts.keep_version(conn, campaign_id, uuid, digest, actor, now, reason)

    def keep_both(self, campaign_id: int, uuid: str, digest: str, actor: Actor, reason: str) -> str:
        with self._writing() as (conn, now):
            return conflicts.keep_both(conn, campaign_id, uuid, digest, actor, now, reason)

    def resolve_by_edit(
        self,
        campaign_id: int,
        uuid: str,
        values: dict[str, object],
        actor: Actor,
        reason: str,
    ) -> None:
        with self._writing() as (conn, now):
            conflicts.resolve_by_edit(conn, campaign_id, uuid, values, actor, now, reason)

    def keep_duplicate(self, campaign_id: int, uuid: str, actor: Actor, reason: str) -> None:
        with self._writing() as (conn, now):
            conflicts.keep_duplicate(conn, campaign_id, uuid, actor, now, reason)

    def dismiss_duplicate(self, campaign_id: int, uuid: str, actor: Actor, reason: str) -> None:
        with self._writing() as (conn, now):
            conflicts.dismiss_duplicate(conn, campaign_id, uuid, actor, now, reason)

    # ------------------------------------------------------------ verification

    def review(self, uuids: Sequence[str], status: Status, actor: Actor, reason: str = "") -> int:
        """Set the status of several observations in one transaction (models.verification
        rules; all or none); returns how many changed (those already there are left)."""
        with self._writing() as (conn, now):
            changed = 0
            for number, uuid in enumerate(uuids, start=1):
                try:
                    changed += observations.update(conn, uuid, "status", status, actor, now, reason)
                except ValueError as exc:
                    where = f"observation {number} of {len(uuids)}: " if len(uuids) > 1 else ""
                    raise ValueError(f"{where}{exc}") from exc
            return changed
