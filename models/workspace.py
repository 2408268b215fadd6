"""The evaluation workspace: one SQLite file, opened by one writer, every edit audited.

`Workspace` is the Qt-free API the GUI, the command line and the tests call. Every
mutating call takes the `Actor` making it, runs as its own committed transaction and
writes its audit row(s) in that transaction. Reads never write.

Errors: bad input raises ValueError; an unknown id raises RecordNotFoundError (a
LookupError); storage problems raise the named StoreError subclasses of models.store.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType

from models import (
    attachments,
    audit,
    campaigns,
    coverage,
    framework_edit,
    observation_arrays,
    observation_table,
    observations,
)
from models.attachments import MAX_ATTACHMENT_BYTES, Attachment
from models.audit import Actor, AuditEntry, Change
from models.campaigns import Campaign, FrameworkRef
from models.cities import City
from models.coverage import CellObservations
from models.framework import Framework
from models.observation_arrays import ObservationArrays
from models.observation_table import ObservationColumns
from models.observations import NewObservation, Observation, Status
from models.schema import SCHEMA_VERSION, migrate
from models.store import (
    CorruptWorkspaceError,
    DamagedRowError,
    NewerSchemaError,
    NotAWorkspaceError,
    ReadOnlyWorkspaceError,
    RecordNotFoundError,
    StoreError,
    WorkspaceExistsError,
    WorkspaceLock,
    WorkspaceNotFoundError,
    check_header,
    connect_ro,
    connect_rw,
    enable_wal,
    inspect,
    inspect_file,
    is_write_protected,
    transaction,
    translated,
    utc_now,
    wal_path,
)
from models.workspace_checks import Checks
from models.workspace_fieldwork import FieldWork
from models.workspace_framework import FrameworkEditing

__all__ = ["Actor", "Workspace"]


class Workspace(FrameworkEditing, FieldWork, Checks):
    """An open workspace file. Use `Workspace.create` / `Workspace.open`, then `close()`."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        lock: WorkspaceLock | None,
        *,
        upgraded_from: int | None = None,
    ) -> None:
        self._path, self._conn, self._lock = path, conn, lock
        self._upgraded_from = upgraded_from
        with translated(path):
            row = conn.execute("SELECT workspace_id, created FROM meta WHERE id = 1").fetchone()
        if row is None:
            raise CorruptWorkspaceError(path, "the workspace has no identity row (meta)")
        self._workspace_id, self._created = str(row[0]), str(row[1])
        self._closed = False

    # ------------------------------------------------------------ opening and closing

    @classmethod
    def create(cls, path: str | os.PathLike[str], actor: Actor) -> Workspace:
        """Create a new workspace file; refuses (WorkspaceExistsError) if the path exists."""
        target = Path(path)
        _reserve(target)
        try:
            lock = WorkspaceLock.acquire(target)
        except BaseException:
            target.unlink()
            raise
        try:
            workspace = cls._build(target, lock, actor)
        except BaseException:
            lock.release()
            _remove_new_file(target)
            raise
        return workspace

    @classmethod
    def _build(cls, target: Path, lock: WorkspaceLock, actor: Actor) -> Workspace:
        conn = connect_rw(target)
        try:
            migrate(conn, target)
            enable_wal(conn, target)
            with transaction(conn, target):
                row = conn.execute("SELECT workspace_id FROM meta").fetchone()
                change = Change("meta", 1, "create", new={"workspace_id": row[0]})
                audit.record(conn, actor, utc_now(), [change])
            return cls(target, conn, lock)
        except BaseException:
            conn.close()
            raise

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False) -> Workspace:
        """Open a workspace, upgrading an older schema; foreign or damaged files are refused.

        Such files are left byte-identical: they are refused from their header or from a
        read-only inspection before anything opens them for writing.
        """
        target = Path(path)
        if not target.is_file():
            raise WorkspaceNotFoundError(target, "no such workspace file")
        check_header(target)
        if read_only:
            return cls._open_read_only(target)
        if is_write_protected(target):
            raise ReadOnlyWorkspaceError(
                target, "the file is read-only; open it read-only, or make it writable"
            )
        lock = WorkspaceLock.acquire(target)
        try:
            return cls._open_locked(target, lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_locked(cls, target: Path, lock: WorkspaceLock) -> Workspace:
        inspect_file(target, SCHEMA_VERSION, immutable=not wal_path(target).exists())
        conn = connect_rw(target)
        try:
            found = migrate(conn, target)
            enable_wal(conn, target)
            upgraded = found if found < SCHEMA_VERSION else None
            return cls(target, conn, lock, upgraded_from=upgraded)
        except BaseException:
            conn.close()
            raise

    @classmethod
    def _open_read_only(cls, target: Path) -> Workspace:
        try:
            return cls._read_only_connection(target, immutable=False)
        except (NotAWorkspaceError, CorruptWorkspaceError, NewerSchemaError):
            raise
        except StoreError:
            if wal_path(target).exists():
                raise
            # a read-only folder without the WAL index: read the (complete) file as immutable
            return cls._read_only_connection(target, immutable=True)

    @classmethod
    def _read_only_connection(cls, target: Path, *, immutable: bool) -> Workspace:
        conn = connect_ro(target, immutable=immutable)
        try:
            found = inspect(conn, target, SCHEMA_VERSION)
            if found < SCHEMA_VERSION:
                conn = _upgraded_copy(conn, target)
            return cls(target, conn, None, upgraded_from=found if found < SCHEMA_VERSION else None)
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        """Close the file and release the writer lock; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        if self._lock is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA optimize")
        self._conn.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------ properties

    @property
    def path(self) -> Path:
        return self._path

    @property
    def workspace_id(self) -> str:
        """The UUID given to the workspace when it was created; survives copies and renames."""
        return self._workspace_id

    @property
    def created(self) -> str:
        return self._created

    @property
    def read_only(self) -> bool:
        return self._lock is None

    @property
    def upgraded_from(self) -> int | None:
        """The schema version found when opening, if the workspace was upgraded; else None."""
        return self._upgraded_from

    def save_copy(self, target: str | os.PathLike[str]) -> None:
        """Write a consistent copy to a new file (SQLite's online backup); refuses an
        existing path. The copy is a workspace of its own, with the same identity."""
        dest = Path(target)
        _reserve(dest)
        try:
            with self._reading() as conn:
                copy = sqlite3.connect(dest)
                try:
                    conn.backup(copy)
                finally:
                    copy.close()
        except BaseException:
            _remove_new_file(dest)
            raise

    # ------------------------------------------------------------ plumbing

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        if self._closed:
            raise StoreError(self._path, "the workspace is closed")
        try:
            with self._named(), translated(self._path):
                yield self._conn
        except (DamagedRowError, UnicodeDecodeError) as exc:
            # Stored rows that do not decode (a date "2021-05-0p") mean damage that
            # quick_check does not see: say so, naming the file, instead of a bare error.
            raise CorruptWorkspaceError(self._path, f"a stored row is damaged ({exc})") from exc

    @contextlib.contextmanager
    def _writing(self) -> Iterator[tuple[sqlite3.Connection, str]]:
        if self._closed:
            raise StoreError(self._path, "the workspace is closed")
        if self.read_only:
            raise ReadOnlyWorkspaceError(self._path, "the workspace was opened read-only")
        with self._named(), transaction(self._conn, self._path) as conn:
            yield conn, utc_now()

    @contextlib.contextmanager
    def _named(self) -> Iterator[None]:
        """Unknown ids (plain LookupError from the sub-modules) become RecordNotFoundError."""
        try:
            yield
        except LookupError as exc:
            if type(exc) is not LookupError:
                raise
            raise RecordNotFoundError(self._path, str(exc)) from exc

    # ------------------------------------------------------------ frameworks

    def add_framework(self, fw: Framework, actor: Actor) -> int:
        """Store a framework tree; returns its id. Node ids are given to every indicator."""
        with self._writing() as (conn, now):
            return campaigns.insert_framework(conn, fw, actor, now)

    def framework(self, framework_id: int) -> Framework:
        """The stored tree, node_id filled, nodes depth-first with children in position order."""
        with self._reading() as conn:
            return campaigns.load_framework(conn, framework_id)

    def frameworks(self) -> list[FrameworkRef]:
        with self._reading() as conn:
            return campaigns.list_frameworks(conn)

    def update_indicator(
        self, node_id: int, field: str, value: object, actor: Actor, reason: str = ""
    ) -> bool:
        """Edit one field of `campaigns.EDITABLE_INDICATOR_FIELDS`; False if unchanged.
        Refused if the framework would become invalid (framework_edit.update_indicator)."""
        with self._writing() as (conn, now):
            return framework_edit.update_indicator(conn, node_id, field, value, actor, now, reason)

    # ------------------------------------------------------------ cities

    def add_cities(self, cities: Sequence[City], actor: Actor) -> list[int]:
        with self._writing() as (conn, now):
            return campaigns.insert_cities(conn, cities, actor, now)

    def cities(self) -> list[City]:
        with self._reading() as conn:
            return campaigns.load_cities(conn)

    # ------------------------------------------------------------ campaigns

    def add_campaign(
        self,
        name: str,
        framework_id: int,
        city_ids: Sequence[int],
        settings: Mapping[str, object],
        actor: Actor,
    ) -> int:
        with self._writing() as (conn, now):
            return campaigns.insert_campaign(
                conn, name, framework_id, city_ids, settings, actor, now
            )

    def campaigns(self) -> list[Campaign]:
        with self._reading() as conn:
            return campaigns.load_campaigns(conn)

    def campaign(self, campaign_id: int) -> Campaign:
        with self._reading() as conn:
            found = campaigns.load_campaigns(conn, campaign_id=campaign_id)
        if not found:
            raise RecordNotFoundError(self._path, f"no campaign with id {campaign_id}")
        return found[0]

    def campaign_by_name(self, name: str) -> Campaign | None:
        with self._reading() as conn:
            found = campaigns.load_campaigns(conn, name=name)
        return found[0] if found else None

    def set_campaign_settings(
        self, campaign_id: int, settings: Mapping[str, object], actor: Actor, reason: str = ""
    ) -> bool:
        """Replace the campaign's scoring settings (JSON data); False if unchanged."""
        with self._writing() as (conn, now):
            return campaigns.update_settings(conn, campaign_id, settings, actor, now, reason)

    # ------------------------------------------------------------ observations

    def add_observation(self, new: NewObservation, actor: Actor) -> str:
        """Validate and store one observation; returns its uuid."""
        return self.add_observations([new], actor)[0]

    def add_observations(
        self, news: Sequence[NewObservation], actor: Actor, reason: str = ""
    ) -> list[str]:
        """Store many observations in one transaction (all or none), one audit row each
        (with `reason`, e.g. which workbook they were imported from)."""
        with self._writing() as (conn, now):
            return observations.insert(conn, news, actor, now, reason)

    def update_observation(
        self, uuid: str, field: str, value: object, actor: Actor, reason: str = ""
    ) -> bool:
        """Edit one of `observations.EDITABLE_OBSERVATION_FIELDS`; False if unchanged."""
        if field == "status":
            raise ValueError("change the status with set_status")
        with self._writing() as (conn, now):
            return observations.update(conn, uuid, field, value, actor, now, reason)

    def update_observation_fields(
        self, uuid: str, values: Sequence[tuple[str, object]], actor: Actor, reason: str = ""
    ) -> bool:
        """Edit several fields (status included) in one transaction: all or none, one
        audit row per changed field; False if nothing changed."""
        with self._writing() as (conn, now):
            changed = [
                observations.update(conn, uuid, field, value, actor, now, reason)
                for field, value in values
            ]
        return any(changed)

    def set_status(self, uuid: str, status: Status, actor: Actor, reason: str) -> bool:
        with self._writing() as (conn, now):
            return observations.update(conn, uuid, "status", status, actor, now, reason)

    def delete_observation(self, uuid: str, actor: Actor, reason: str) -> None:
        """Soft-delete: hidden from queries and scoring; the row and its history are kept."""
        with self._writing() as (conn, now):
            observations.delete(conn, uuid, actor, now, reason)

    def restore_observation(self, uuid: str, actor: Actor, reason: str) -> None:
        with self._writing() as (conn, now):
            observations.restore(conn, uuid, actor, now, reason)

    def observation(self, uuid: str) -> Observation:
        """One observation by uuid, deleted or not."""
        with self._reading() as conn:
            return observations.load_one(conn, uuid)

    def observations(
        self,
        campaign_id: int,
        city_id: int | None = None,
        indicator_id: int | None = None,
        *,
        include_deleted: bool = False,
    ) -> list[Observation]:
        with self._reading() as conn:
            return observations.load_many(
                conn, campaign_id, city_id, indicator_id, include_deleted=include_deleted
            )

    def observation_arrays(self, campaign_id: int) -> ObservationArrays:
        """The campaign's live observations as plain numpy arrays for the scoring engine."""
        with self._reading() as conn:
            return observation_arrays.load_arrays(conn, campaign_id)

    def observation_columns(self, campaign_id: int) -> ObservationColumns:
        """The campaign's live observations as table columns (one query; observation table)."""
        with self._reading() as conn:
            return observation_table.load_columns(conn, campaign_id)

    def cell_observations(self, campaign_id: int) -> CellObservations:
        """The campaign's live observations with their status, sorted by cell (coverage)."""
        with self._reading() as conn:
            return coverage.load_cell_observations(conn, campaign_id)

    # ------------------------------------------------------------ attachments

    def attach_file(
        self,
        uuid: str,
        path: str | os.PathLike[str],
        actor: Actor,
        *,
        max_bytes: int = MAX_ATTACHMENT_BYTES,
    ) -> str:
        """Copy a file into the workspace for observation `uuid`; returns its SHA-256."""
        source = Path(path)
        data = attachments.read_source(source, max_bytes)
        with self._writing() as (conn, now):
            return attachments.insert(conn, uuid, source.name, data, actor, now)

    def attachments(self, uuid: str) -> list[Attachment]:
        with self._reading() as conn:
            return attachments.list_for(conn, uuid)

    def attachment_bytes(self, attachment_id: int) -> bytes:
        with self._reading() as conn:
            return attachments.load_bytes(conn, attachment_id, self._path)

    # ------------------------------------------------------------ audit

    def audit_trail(
        self, table: str | None = None, row_key: str | int | None = None
    ) -> list[AuditEntry]:
        """The audit rows, oldest first, optionally for one table and/or one row."""
        with self._reading() as conn:
            return audit.trail(conn, table, row_key)


def _reserve(target: Path) -> None:
    """Create the empty file atomically, refusing an existing path."""
    try:
        with target.open("xb"):
            pass
    except FileExistsError:
        raise WorkspaceExistsError(target, "a file with this name already exists") from None
    except OSError as exc:
        raise StoreError(target, f"cannot create the workspace ({exc.strerror})") from exc


def _remove_new_file(target: Path) -> None:
    for leftover in (target, wal_path(target), target.with_name(target.name + "-shm")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _upgraded_copy(conn: sqlite3.Connection, target: Path) -> sqlite3.Connection:
    """An in-memory copy of an older read-only workspace, migrated to the current schema."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        with translated(target):
            conn.backup(memory)
        migrate(memory, target)
        memory.execute("PRAGMA query_only = ON")
    except BaseException:
        memory.close()
        raise
    conn.close()
    return memory
