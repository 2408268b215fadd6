"""The workspace file: refusing foreign, damaged and newer files untouched, locking, pragmas."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest

from models.schema import SCHEMA_VERSION
from models.store import (
    APPLICATION_ID,
    CorruptWorkspaceError,
    DiskFullError,
    NewerSchemaError,
    NotAWorkspaceError,
    ReadOnlyWorkspaceError,
    StoreError,
    WorkspaceExistsError,
    WorkspaceLockedError,
    WorkspaceNotFoundError,
    connect_rw,
    lock_path,
    transaction,
)
from models.workspace import Workspace
from tests.fixtures.sample import ALICE, sample_cities, sample_framework

REPO = Path(__file__).resolve().parents[1]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def workspace_file(tmp_path: Path) -> Path:
    """A closed workspace with a framework and cities."""
    path = tmp_path / "city.sqlite"
    with Workspace.create(path, ALICE) as ws:
        ws.add_framework(sample_framework(), ALICE)
        ws.add_cities(sample_cities(), ALICE)
    return path


@pytest.fixture
def restore_permissions(tmp_path: Path) -> Iterator[None]:
    yield
    for path in tmp_path.iterdir():
        path.chmod(0o644)


# ---------------------------------------------------------------- files that are not ours


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(8192))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _xlsx(path: Path) -> None:
    book = openpyxl.Workbook()
    book.create_sheet("scores").append(["城市", "得分"])
    book.save(path)


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", "{}")


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.execute("INSERT INTO notes VALUES ('hello')")
    conn.commit()
    conn.close()


def _foreign_sqlite_wal(path: Path) -> None:
    _foreign_sqlite(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def _text(path: Path) -> None:
    path.write_text("SQLite format 3 is what this text pretends to be\n", encoding="utf-8")


BAD_FILES: dict[str, tuple[Callable[[Path], None], type[StoreError], str]] = {
    "random bytes": (_random_bytes, NotAWorkspaceError, "not a SQLite database"),
    "empty file": (_empty, NotAWorkspaceError, "empty"),
    "xlsx": (_xlsx, NotAWorkspaceError, "ZIP"),
    "zip": (_zip, NotAWorkspaceError, "ZIP"),
    "text": (_text, NotAWorkspaceError, "not a SQLite database"),
    "foreign sqlite": (_foreign_sqlite, NotAWorkspaceError, "another application"),
    "foreign sqlite in WAL mode": (_foreign_sqlite_wal, NotAWorkspaceError, "another application"),
}


@pytest.mark.parametrize("read_only", [False, True])
@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_foreign_files_are_refused_and_left_byte_identical(
    tmp_path: Path, kind: str, read_only: bool
) -> None:
    make, error, words = BAD_FILES[kind]
    path = tmp_path / "input.sqlite"
    make(path)
    before, listing = sha256(path), sorted(tmp_path.iterdir())
    with pytest.raises(error, match=words) as caught:
        Workspace.open(path, read_only=read_only)
    assert str(path) in str(caught.value)
    assert sha256(path) == before
    assert sorted(tmp_path.iterdir()) == listing  # no lock, -wal or -shm files left


TRUNCATIONS: dict[str, Callable[[int], int]] = {
    "half": lambda size: size // 2,
    "three pages": lambda size: 3 * 4096,
    "odd length": lambda size: size - 1000,
    "inside the header": lambda size: 60,
}


@pytest.mark.parametrize("cut", sorted(TRUNCATIONS))
def test_truncated_workspace_is_refused_and_left_byte_identical(
    workspace_file: Path, cut: str
) -> None:
    data = workspace_file.read_bytes()
    workspace_file.write_bytes(data[: TRUNCATIONS[cut](len(data))])
    before = sha256(workspace_file)
    with pytest.raises(CorruptWorkspaceError, match="truncated") as caught:
        Workspace.open(workspace_file)
    assert str(workspace_file) in str(caught.value)
    assert sha256(workspace_file) == before


def test_damaged_pages_are_found_by_quick_check(workspace_file: Path) -> None:
    data = bytearray(workspace_file.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data), page):  # scribble over every b-tree page header
        data[offset : offset + 16] = b"\xff" * 16
    workspace_file.write_bytes(bytes(data))
    before = sha256(workspace_file)
    with pytest.raises(CorruptWorkspaceError, match="damaged"):
        Workspace.open(workspace_file)
    assert sha256(workspace_file) == before
    assert not lock_path(workspace_file).exists()


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceNotFoundError, match="no such workspace"):
        Workspace.open(tmp_path / "nope.sqlite")


def test_create_refuses_an_existing_path(workspace_file: Path, tmp_path: Path) -> None:
    before = sha256(workspace_file)
    with pytest.raises(WorkspaceExistsError, match="already exists"):
        Workspace.create(workspace_file, ALICE)
    assert sha256(workspace_file) == before
    other = tmp_path / "notes.txt"
    other.write_text("keep me", encoding="utf-8")
    with pytest.raises(WorkspaceExistsError):
        Workspace.create(other, ALICE)
    assert other.read_text(encoding="utf-8") == "keep me"


# ---------------------------------------------------------------- newer schema


def _set_user_version(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version:d}")
    conn.close()


@pytest.mark.parametrize("read_only", [False, True])
def test_newer_schema_is_refused_untouched(workspace_file: Path, read_only: bool) -> None:
    _set_user_version(workspace_file, 99)
    before = sha256(workspace_file)
    with pytest.raises(NewerSchemaError, match=rf"version 99.*up to {SCHEMA_VERSION}") as caught:
        Workspace.open(workspace_file, read_only=read_only)
    assert (caught.value.found, caught.value.supported) == (99, SCHEMA_VERSION)
    assert str(workspace_file) in str(caught.value)
    assert sha256(workspace_file) == before
    assert not lock_path(workspace_file).exists()


# ---------------------------------------------------------------- read-only


@pytest.mark.usefixtures("restore_permissions")
def test_read_only_file(workspace_file: Path) -> None:
    workspace_file.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    before = sha256(workspace_file)
    with pytest.raises(ReadOnlyWorkspaceError, match="read-only"):
        Workspace.open(workspace_file)
    with Workspace.open(workspace_file, read_only=True) as ws:
        assert ws.read_only
        assert [c.code for c in ws.cities()] == ["SH", "SZ", "CD"]
        with pytest.raises(ReadOnlyWorkspaceError, match="opened read-only"):
            ws.add_cities(sample_cities()[:1], ALICE)
    assert sha256(workspace_file) == before


# ---------------------------------------------------------------- the writer lock


def test_second_writer_is_refused_until_the_first_closes(workspace_file: Path) -> None:
    first = Workspace.open(workspace_file)
    with pytest.raises(WorkspaceLockedError, match=f"process {os.getpid()}") as caught:
        Workspace.open(workspace_file)
    assert str(workspace_file) in str(caught.value)
    with Workspace.open(workspace_file, read_only=True) as reader:  # readers are welcome
        assert len(reader.cities()) == 3
    first.close()
    with Workspace.open(workspace_file) as second:
        assert len(second.cities()) == 3
    assert not lock_path(workspace_file).exists()


def test_a_lock_file_left_by_a_crash_is_taken_over(workspace_file: Path) -> None:
    lock_path(workspace_file).write_text('{"pid": 999999, "host": "gone", "since": "x"}')
    with Workspace.open(workspace_file) as ws:
        assert not ws.read_only
    assert not lock_path(workspace_file).exists()


_HOLDER = """
import sys
from models.audit import Actor
from models.cities import City
from models.workspace import Workspace
ws = Workspace.open(sys.argv[1])
ws.add_cities([City("GZ", "广州")], Actor("Dan", "laptop-03"))
print("open", flush=True)
sys.stdin.readline()
ws.close()
"""


def test_another_program_instance_holds_the_lock(workspace_file: Path) -> None:
    """A second instance is refused; when the first dies, its last edit is still there."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(workspace_file)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(WorkspaceLockedError, match=f"process {holder.pid}"):
            Workspace.open(workspace_file)
    finally:
        holder.kill()  # dies without closing: the OS releases the lock
        holder.wait()
    assert Path(f"{workspace_file}-wal").exists()  # the crash left its WAL behind
    with Workspace.open(workspace_file) as ws:
        assert [c.code for c in ws.cities()] == ["SH", "SZ", "CD", "GZ"]
        assert ws.audit_trail("city")[-1].who == "Dan"


# ---------------------------------------------------------------- pragmas and the schema


def test_pragmas_and_header(workspace_file: Path) -> None:
    conn = connect_rw(workspace_file)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    finally:
        conn.close()


def test_audit_rows_cannot_be_updated_or_deleted(workspace_file: Path) -> None:
    conn = sqlite3.connect(workspace_file)  # even outside the program
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE audit SET who = 'Mallory'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM audit")
    finally:
        conn.close()


def test_foreign_keys_and_checks_are_enforced(workspace_file: Path) -> None:
    conn = connect_rw(workspace_file)
    insert = (
        "INSERT INTO observation (uuid, campaign_id, city_id, indicator_id, value, channel,"
        " evaluator, device, observed_on, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, 1.0, ?, 'a', 'd', ?, 'now', 'now')"
    )
    uuid = "44444444-4444-4444-8444-444444444444"
    try:
        conn.execute("INSERT INTO campaign (name, framework_id, created) VALUES ('c', 1, 'now')")
        conn.execute("INSERT INTO campaign_city (campaign_id, city_id, position) VALUES (1, 1, 0)")
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            conn.execute("INSERT INTO campaign (name, framework_id, created) VALUES ('x', 9, 'n')")
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):  # city not in campaign
            conn.execute(insert, (uuid, 1, 2, 3, "实地调研", "2021-05-01"))
        with pytest.raises(sqlite3.IntegrityError, match="not a leaf"):  # aggregate indicator
            conn.execute(insert, (uuid, 1, 1, 2, "实地调研", "2021-05-01"))
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            conn.execute(insert, (uuid, 1, 1, 3, "carrier pigeon", "2021-05-01"))
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            conn.execute(insert, (uuid, 1, 1, 3, "实地调研", "2021-02-30"))
        conn.execute(insert, (uuid, 1, 1, 3, "实地调研", "2021-05-01"))
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            conn.execute("DELETE FROM city WHERE id = 1")
    finally:
        conn.close()


def test_disk_full_is_named_and_rolled_back(tmp_path: Path) -> None:
    path = tmp_path / "tiny.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE blob (data BLOB)")
    conn.execute("PRAGMA max_page_count = 8")  # a "disk" of 8 pages
    with pytest.raises(DiskFullError, match="full") as caught, transaction(conn, path):
        conn.execute("INSERT INTO blob VALUES (zeroblob(100000))")
    assert str(path) in str(caught.value)
    assert not conn.in_transaction
    assert conn.execute("SELECT count(*) FROM blob").fetchone()[0] == 0
    conn.close()


def test_busy_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "busy.sqlite"
    first = sqlite3.connect(path, isolation_level=None)
    first.execute("CREATE TABLE t (x)")
    first.execute("BEGIN IMMEDIATE")
    second = connect_rw(path)
    try:
        with pytest.raises(WorkspaceLockedError), transaction(second, path):
            pass
    finally:
        first.execute("ROLLBACK")
        first.close()
        second.close()
