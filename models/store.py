"""The SQLite layer under a workspace: named errors, file checks, connections, transactions, lock.

Nothing here knows the schema's tables. A file is checked in steps before it is
ever opened for writing, so that a file which is not ours is left byte-identical:

1. `check_header` reads the 100-byte SQLite header with plain file I/O (magic string,
   page size, our `application_id`, truncation against the in-header page count);
2. the caller takes the `WorkspaceLock` (writers only);
3. `inspect` opens it read-only (`immutable=1` when no WAL is pending, else `mode=ro`)
   and checks the schema version and `PRAGMA quick_check`;
4. only then `connect_rw` opens it read-write.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

APPLICATION_ID = 0x534D4345  # "SMCE": SMart City Evaluator; PRAGMA application_id of our files
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 0.25
_HEADER_SIZE = 100


class DamagedRowError(Exception):
    """A stored row that does not decode (damage quick_check cannot see); the Workspace
    reports it as CorruptWorkspaceError naming the file."""


def decoded_json(text: str, what: str) -> Any:
    """json.loads for stored JSON; damaged text raises DamagedRowError naming `what`."""
    try:
        return json.loads(text)
    except (ValueError, TypeError) as exc:
        raise DamagedRowError(f"{what}: {exc}") from exc


class StoreError(Exception):
    """Base of all workspace storage errors; the message names the file."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = Path(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


class WorkspaceNotFoundError(StoreError):
    """The workspace file does not exist."""


class WorkspaceExistsError(StoreError):
    """A new workspace was to be created where a file already exists."""


class NotAWorkspaceError(StoreError):
    """The file is not a SQLite database of this program (empty, another format, another app)."""


class CorruptWorkspaceError(StoreError):
    """The file is one of ours (or claims to be) but is damaged or truncated."""


class NewerSchemaError(StoreError):
    """The workspace was written by a newer program; it is refused and left untouched."""

    def __init__(self, path: Path | str, found: int, supported: int) -> None:
        self.found, self.supported = found, supported
        super().__init__(
            path,
            f"the workspace has schema version {found}, but this program only knows versions "
            f"up to {supported}; open it with a newer version of the program",
        )


class WorkspaceLockedError(StoreError):
    """Another program instance (or connection) is writing to the workspace."""


class ReadOnlyWorkspaceError(StoreError):
    """The workspace cannot be written: a read-only file, folder or medium, or opened read-only."""


class DiskFullError(StoreError):
    """SQLite reported "database or disk is full"; the edit was rolled back."""


class ConstraintError(StoreError):
    """An edit broke a rule of the schema (unknown id, duplicate code, bad value)."""


class RecordNotFoundError(StoreError, LookupError):
    """No row with the given id exists in the workspace."""


# ---------------------------------------------------------------- error translation


_BY_CODE: dict[int, type[StoreError]] = {
    sqlite3.SQLITE_FULL: DiskFullError,
    sqlite3.SQLITE_BUSY: WorkspaceLockedError,
    sqlite3.SQLITE_LOCKED: WorkspaceLockedError,
    sqlite3.SQLITE_READONLY: ReadOnlyWorkspaceError,
    sqlite3.SQLITE_CORRUPT: CorruptWorkspaceError,
    sqlite3.SQLITE_NOTADB: CorruptWorkspaceError,
    sqlite3.SQLITE_CONSTRAINT: ConstraintError,
}


def translate(exc: sqlite3.Error, path: Path) -> StoreError:
    """Map a sqlite3 error to the named StoreError for its primary result code."""
    code = getattr(exc, "sqlite_errorcode", None)
    kind = _BY_CODE.get(code & 0xFF, StoreError) if isinstance(code, int) else StoreError
    return kind(path, f"SQLite: {exc}")


@contextlib.contextmanager
def translated(path: Path) -> Iterator[None]:
    """Re-raise any sqlite3.Error inside the block as a named StoreError."""
    try:
        yield
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
    """One committed write transaction (BEGIN IMMEDIATE … COMMIT); rolled back on any error."""
    with translated(path):
        conn.execute("BEGIN IMMEDIATE")
    try:
        with translated(path):
            yield conn
            conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


def utc_now() -> str:
    """The current time as UTC ISO 8601 with milliseconds, e.g. 2021-05-01T08:30:00.123Z."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def rowid(cursor: sqlite3.Cursor) -> int:
    """The id of the row a cursor just inserted."""
    if cursor.lastrowid is None:
        raise RuntimeError("INSERT returned no row id")
    return cursor.lastrowid


def fetch_row(conn: sqlite3.Connection, sql: str, params: Sequence[object]) -> Any:
    """One row as sqlite3.Row (columns by name), or None."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, params).fetchone()


# ---------------------------------------------------------------- file checks


def _page_size(header: bytes) -> int:
    raw = int.from_bytes(header[16:18], "big")
    return 65536 if raw == 1 else raw


def _describe_foreign(head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP archive (an Excel .xlsx or a field package?), not a workspace"
    return "not a SQLite database, so not a workspace"


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def check_header(path: Path) -> None:
    """Refuse, reading only the first 100 bytes, a file that cannot be one of our workspaces."""
    size = path.stat().st_size
    if size == 0:
        raise NotAWorkspaceError(path, "the file is empty, not a workspace")
    with path.open("rb") as handle:
        header = handle.read(_HEADER_SIZE)
    if not header.startswith(SQLITE_MAGIC):
        raise NotAWorkspaceError(path, _describe_foreign(header))
    if len(header) < _HEADER_SIZE:
        raise CorruptWorkspaceError(path, f"the database is truncated ({size} bytes)")
    page_size = _page_size(header)
    if page_size < 512 or page_size & (page_size - 1):
        raise CorruptWorkspaceError(path, f"the database header is damaged (page size {page_size})")
    app_id = int.from_bytes(header[68:72], "big", signed=True)
    if app_id != APPLICATION_ID:
        raise NotAWorkspaceError(
            path, f"a SQLite database of another application (application_id {app_id:#x})"
        )
    _check_length(path, header, size, page_size)


def _check_length(path: Path, header: bytes, size: int, page_size: int) -> None:
    if wal_path(path).exists():
        return  # pages may still live in the WAL; quick_check decides
    pages_valid = header[24:28] == header[92:96]
    pages = int.from_bytes(header[28:32], "big")
    if size % page_size or (pages_valid and pages * page_size > size):
        raise CorruptWorkspaceError(
            path, f"the database is truncated ({size} bytes, expected {pages * page_size})"
        )


def _uri(path: Path, query: str) -> str:
    return f"{path.resolve().as_uri()}?{query}"


def connect_ro(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A read-only connection that cannot change the file (`immutable` also skips locking)."""
    query = "immutable=1" if immutable else "mode=ro"
    with translated(path):
        conn = sqlite3.connect(
            _uri(path, query), uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S
        )
        conn.execute("PRAGMA query_only = ON")
    return conn


def inspect(conn: sqlite3.Connection, path: Path, supported: int) -> int:
    """Check a read-only connection: our application id, a known version, quick_check ok.

    Returns the schema version (PRAGMA user_version).
    """
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if app_id != APPLICATION_ID:
            raise NotAWorkspaceError(path, f"a SQLite database of another application ({app_id})")
        if version > supported:
            raise NewerSchemaError(path, version, supported)
        problems = [str(row[0]) for row in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as exc:
        raise _damaged_or_translated(exc, path) from exc
    except UnicodeDecodeError as exc:  # the damage report itself holds damaged text
        raise CorruptWorkspaceError(path, "the database is damaged (unreadable text)") from exc
    if problems != ["ok"]:
        raise CorruptWorkspaceError(path, "the database is damaged: " + "; ".join(problems))
    return version


def _damaged_or_translated(exc: sqlite3.DatabaseError, path: Path) -> StoreError:
    error = translate(exc, path)
    if isinstance(error, CorruptWorkspaceError):
        return CorruptWorkspaceError(path, f"the database is damaged ({error.message})")
    return error


def inspect_file(path: Path, supported: int, *, immutable: bool) -> int:
    """Open read-only, inspect, close; the file is left as it was."""
    conn = connect_ro(path, immutable=immutable)
    try:
        return inspect(conn, path, supported)
    finally:
        conn.close()


def is_write_protected(path: Path) -> bool:
    """True when the file is marked read-only (mode bits) or not writable for this user."""
    mode = path.stat().st_mode
    return not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def connect_rw(path: Path) -> sqlite3.Connection:
    """A read-write connection with the workspace pragmas (WAL, synchronous=FULL, FKs on)."""
    with translated(path):
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_S)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error:
            conn.close()
            raise
    return conn


def enable_wal(conn: sqlite3.Connection, path: Path) -> str:
    """Switch to WAL (persistent in the file); returns the journal mode actually in force.

    WAL cannot work on some network file systems; SQLite then keeps the rollback journal.
    """
    with translated(path):
        return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])


# ---------------------------------------------------------------- lock


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@dataclass(frozen=True)
class LockHolder:
    """Who holds a workspace lock, as written into the lock file."""

    pid: int
    host: str
    since: str

    def describe(self) -> str:
        return f"process {self.pid} on computer {self.host}, since {self.since}"


def _read_holder(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    raw = os.read(fd, 4096)
    try:
        data = json.loads(raw.decode("utf-8"))
        return LockHolder(int(data["pid"]), str(data["host"]), str(data["since"])).describe()
    except (ValueError, KeyError, TypeError):
        return "an unknown process"


if sys.platform == "win32":
    import msvcrt

    _LOCK_OFFSET = 1 << 20  # lock a byte past the content so the content stays readable

    def _os_lock(fd: int) -> None:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _os_unlock(fd: int) -> None:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _os_lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _os_unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class WorkspaceLock:
    """An exclusive writer lock: a sidecar `<workspace>.lock` file held with an OS lock.

    The OS lock (flock / msvcrt.locking) is released by the OS when the holder dies,
    so a lock file left by a crash is stale by construction and simply taken over;
    the file's content (pid, host, time) only serves the message to the second instance.
    """

    def __init__(self, path: Path, fd: int) -> None:
        self._path, self._fd = path, fd

    @classmethod
    def acquire(cls, workspace: Path) -> WorkspaceLock:
        target = lock_path(workspace)
        for _attempt in range(3):
            fd = _open_lock_file(workspace, target)
            try:
                _os_lock(fd)
            except OSError as exc:
                holder = _read_holder(fd)
                os.close(fd)
                raise WorkspaceLockedError(
                    workspace,
                    f"the workspace is open in another instance of the program ({holder}); "
                    "close it there, or open this workspace read-only",
                ) from exc
            if _same_file(fd, target):
                with contextlib.suppress(OSError):  # the holder note only serves messages
                    _write_holder(fd)
                return cls(target, fd)
            os.close(fd)  # the holder removed the file while we waited; start again
        raise WorkspaceLockedError(workspace, "could not take the workspace lock; try again")

    def release(self) -> None:
        """Remove the lock file and release the OS lock; safe to call twice."""
        if self._fd < 0:
            return
        fd, self._fd = self._fd, -1
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        if sys.platform != "win32":
            with contextlib.suppress(OSError):
                self._path.unlink()
        with contextlib.suppress(OSError):
            _os_unlock(fd)
        os.close(fd)
        if sys.platform == "win32":
            with contextlib.suppress(OSError):
                self._path.unlink()


def _open_lock_file(workspace: Path, target: Path) -> int:
    try:
        return os.open(target, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ReadOnlyWorkspaceError(
            workspace,
            f"cannot create the lock file {target.name} ({exc.strerror}); the folder is "
            "read-only, so the workspace can only be opened read-only",
        ) from exc


def _same_file(fd: int, target: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), target.stat())
    except OSError:
        return False


def _write_holder(fd: int) -> None:
    holder = {"pid": os.getpid(), "host": socket.gethostname(), "since": utc_now()}
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, json.dumps(holder).encode("utf-8"))
