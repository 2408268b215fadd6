"""Automatic backups: a rolling set of consistent copies of a workspace in a folder (Qt-free).

Layout (the folder is passed in; the GUI uses `backups_dir(<user data folder>)`)::

    <folder>/<workspace_id>/<UTC time>_<source key>.smartcity        the copy
    <folder>/<workspace_id>/<UTC time>_<source key>.smartcity.json   {"source": "<path>"}

* A copy is written with SQLite's online backup (`Workspace.save_copy`) to a hidden
  temporary name, switched to a single-file journal, checked (`quick_check`) and only then
  renamed into place, so a crash never leaves a half-written file that looks like a backup.
* Rolling: the newest `keep` copies of each source file are kept (the `source key` is a
  short hash of the file's full path, so copies of one workspace with the same identity
  do not push each other's backups out). A copy identical to the newest one (same schema
  version and the same append-only audit trail, i.e. no edit since) is not kept twice.
* `restore_backup` never overwrites anything: it writes a new workspace file at a path
  that must not exist yet (suggested by `suggest_restore_path`) and the caller opens it.
  So neither the open workspace nor any other file can be lost by a restore.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from models.schema import SCHEMA_VERSION
from models.store import (
    StoreError,
    WorkspaceExistsError,
    check_header,
    connect_ro,
    inspect,
    translated,
)
from models.workspace import Workspace

DEFAULT_KEEP = 10
BACKUP_SUFFIX = ".smartcity"
SIDECAR_SUFFIX = ".json"
_TIME_FORMAT = "%Y%m%dT%H%M%S.%fZ"
_STALE_PARTIAL_S = 3600.0


@dataclass(frozen=True)
class BackupInfo:
    """One backup copy. `observations` is None (and `problem` says why) if it is unreadable."""

    path: Path
    workspace_id: str
    created: datetime  # UTC
    size: int
    observations: int | None
    source: Path | None  # the workspace file it was copied from, when recorded
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


@dataclass(frozen=True)
class _Contents:
    workspace_id: str
    observations: int
    marker: tuple[int, int, int]  # schema version, audit rows, last audit id


def backups_dir(data_dir: Path) -> Path:
    """The backup folder inside the user's data folder."""
    return data_dir / "backups"


def source_key(path: Path) -> str:
    """A short, stable key for a workspace file's location (8 hex digits)."""
    return hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:8]


# ---------------------------------------------------------------- making backups


def make_backup(workspace: Workspace, folder: Path, keep: int = DEFAULT_KEEP) -> Path:
    """Copy the open workspace into `folder`, keep its newest `keep` copies; returns the copy.

    When nothing changed since the newest copy of this file, that copy is returned and no
    new one is kept. Raises a StoreError naming the file when the copy cannot be written.
    """
    if keep < 1:
        raise ValueError(f"keep must be at least 1, got {keep}")
    target_dir = folder / workspace.workspace_id
    _make_dir(target_dir)
    _remove_stale_partials(target_dir)
    key = source_key(workspace.path)
    partial = target_dir / f".{uuid.uuid4().hex}.partial"
    try:
        workspace.save_copy(partial)
        contents = _finish_copy(partial)
        previous = _own_backups(target_dir, key)
        if previous and _same_contents(previous[-1], contents):
            return previous[-1]
        final = _free_name(target_dir, key)
        _rename(partial, final)
    finally:
        _remove_quietly(partial)
    _write_sidecar(final, workspace.path)
    # the copy just made is kept even if a clock set back makes its name sort first
    _prune([p for p in _own_backups(target_dir, key) if p != final], keep - 1)
    return final


def _make_dir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(folder, f"cannot create the backup folder ({exc.strerror})") from exc


def _finish_copy(path: Path) -> _Contents:
    """Make the copy a single self-contained file and check it; returns what it holds."""
    with translated(path):
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
    return _read_contents(path)


def _read_contents(path: Path) -> _Contents:
    check_header(path)
    conn = connect_ro(path, immutable=True)
    try:
        version = inspect(conn, path, SCHEMA_VERSION)
        with translated(path):
            row = conn.execute("SELECT workspace_id FROM meta WHERE id = 1").fetchone()
            live = "SELECT count(*) FROM observation WHERE deleted_at IS NULL"
            count = int(conn.execute(live).fetchone()[0])
            rows, last = conn.execute("SELECT count(*), coalesce(max(id), 0) FROM audit").fetchone()
    finally:
        conn.close()
    if row is None:
        raise StoreError(path, "the copy has no workspace identity (meta row)")
    return _Contents(str(row[0]), count, (version, int(rows), int(last)))


def _same_contents(backup: Path, contents: _Contents) -> bool:
    try:
        return _read_contents(backup).marker == contents.marker
    except (StoreError, OSError):
        return False  # a damaged newest copy is never a reason to skip a good one


def _free_name(folder: Path, key: str) -> Path:
    """A not yet used, time-stamped name; names sort by time."""
    moment = datetime.now(UTC)
    while True:
        candidate = folder / f"{moment.strftime(_TIME_FORMAT)}_{key}{BACKUP_SUFFIX}"
        if not candidate.exists():
            return candidate
        moment += timedelta(microseconds=1)


def _rename(source: Path, target: Path) -> None:
    try:
        source.replace(target)
    except OSError as exc:
        raise StoreError(target, f"cannot store the backup ({exc.strerror})") from exc


def _write_sidecar(backup: Path, source: Path) -> None:
    """Record where the copy came from (only for display; a lost note loses nothing)."""
    with contextlib.suppress(OSError):
        _sidecar(backup).write_text(
            json.dumps({"source": str(source.resolve())}, ensure_ascii=False), encoding="utf-8"
        )


def _sidecar(backup: Path) -> Path:
    return backup.with_name(backup.name + SIDECAR_SUFFIX)


def _own_backups(folder: Path, key: str) -> list[Path]:
    """The backups of one source file, oldest first."""
    return sorted(folder.glob(f"*_{key}{BACKUP_SUFFIX}"))


def _prune(own: list[Path], keep: int) -> None:
    for old in own[: max(0, len(own) - keep)]:
        _remove_quietly(old)
        _remove_quietly(_sidecar(old))


def _remove_stale_partials(folder: Path) -> None:
    """Remove temporary copies left by a crash (old ones only: another instance may be busy)."""
    now = time.time()
    for partial in folder.glob(".*.partial"):
        with contextlib.suppress(OSError):
            if now - partial.stat().st_mtime > _STALE_PARTIAL_S:
                partial.unlink()


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


# ---------------------------------------------------------------- listing


def list_backups(folder: Path, workspace_id: str) -> list[BackupInfo]:
    """Every backup of the workspace with this identity, newest first (any source file).

    Each copy is checked as it is listed; an unreadable one is listed with its `problem`.
    """
    target_dir = folder / workspace_id
    if not target_dir.is_dir():
        return []
    found = [_info(path, workspace_id) for path in target_dir.glob(f"*{BACKUP_SUFFIX}")]
    return sorted(found, key=lambda info: (info.created, info.path.name), reverse=True)


def _info(path: Path, workspace_id: str) -> BackupInfo:
    created = _created(path)
    size = path.stat().st_size
    source = _read_sidecar(path)
    try:
        contents = _read_contents(path)
    except (StoreError, OSError) as exc:
        return BackupInfo(path, workspace_id, created, size, None, source, str(exc))
    if contents.workspace_id != workspace_id:
        problem = f"{path}: the copy belongs to another workspace ({contents.workspace_id})"
        return BackupInfo(path, workspace_id, created, size, None, source, problem)
    return BackupInfo(path, workspace_id, created, size, contents.observations, source)


def _created(path: Path) -> datetime:
    stamp = path.name.split("_", 1)[0]
    try:
        return datetime.strptime(stamp, _TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _read_sidecar(path: Path) -> Path | None:
    try:
        data = json.loads(_sidecar(path).read_text(encoding="utf-8"))
        return Path(str(data["source"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


# ---------------------------------------------------------------- restoring


def suggest_restore_path(backup: BackupInfo, folder: Path) -> Path:
    """A new file name in `folder`, e.g. "城市 (restored 2021-05-01 0830).smartcity"."""
    stem = backup.source.stem if backup.source is not None else "workspace"
    when = backup.created.astimezone().strftime("%Y-%m-%d %H%M")
    candidate = folder / f"{stem} (restored {when}){BACKUP_SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem} (restored {when}) {number}{BACKUP_SUFFIX}"
        number += 1
    return candidate


def restore_backup(backup: BackupInfo | Path, target: Path) -> Path:
    """Write the backup as a new workspace file at `target` (which must not exist).

    The backup is checked first (a damaged one raises its named StoreError) and left as
    it was; the new file appears complete or not at all. Returns `target`.
    """
    source = backup.path if isinstance(backup, BackupInfo) else backup
    if target.exists():
        raise WorkspaceExistsError(
            target, "a file with this name already exists; choose a new name"
        )
    _read_contents(source)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.partial")
    try:
        _copy_database(source, partial)
        _read_contents(partial)
        _place_new(partial, target)
    finally:
        _remove_quietly(partial)
    return target


def _copy_database(source: Path, dest: Path) -> None:
    reader = connect_ro(source, immutable=True)
    try:
        with translated(dest):
            writer = sqlite3.connect(dest)
            try:
                reader.backup(writer)
            finally:
                writer.close()
    finally:
        reader.close()


def _place_new(partial: Path, target: Path) -> None:
    """Move `partial` to `target`, refusing (not replacing) a file that appeared meanwhile."""
    try:
        with target.open("xb"):
            pass
    except FileExistsError:
        raise WorkspaceExistsError(target, "a file with this name already exists") from None
    except OSError as exc:
        raise StoreError(target, f"cannot create the file ({exc.strerror})") from exc
    _rename(partial, target)
