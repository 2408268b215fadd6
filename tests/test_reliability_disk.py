"""Hostile media: a disk that fills up while editing, and a read-only medium.

A small tmpfs is mounted for these tests when the tests run as root on Linux (as in the
development container). Elsewhere the full disk is emulated with SQLite's
`PRAGMA max_page_count` on the workspace's connection (the same SQLITE_FULL error, but
only for that connection), and the read-only medium with a read-only folder; a test is
skipped, with the reason, only when neither is possible.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.store import DiskFullError, ReadOnlyWorkspaceError, StoreError, lock_path
from models.workspace import Workspace
from tests.fixtures.sample import ALICE
from tests.fixtures.workspaces import Setup, open_setup

DISK_BYTES = 2 * 1024 * 1024
NOTE = "满" * 1500  # ~4.5 kB of UTF-8 per observation: the disk fills in a few dozen edits


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _can_mount() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0 and bool(shutil.which("mount"))


def _mount(folder: Path, options: str) -> bool:
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def _umount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path | None]:
    """A 2 MiB tmpfs folder, or None when mounting is impossible (then emulate)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = _can_mount() and _mount(folder, f"size={DISK_BYTES},mode=0755")
    try:
        yield folder if mounted else None
    finally:
        if mounted:
            _umount(folder)


def _fill(folder: Path, leave: int) -> Path:
    """Fill the file system with a filler file, leaving about `leave` bytes free."""
    filler = folder / "filler"
    free = shutil.disk_usage(folder).free
    with filler.open("wb") as handle:
        handle.truncate(0)
    fd = os.open(filler, os.O_WRONLY)
    try:
        chunk = b"\0" * 4096
        for _ in range(max(0, free - leave) // len(chunk)):
            os.write(fd, chunk)
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
    finally:
        os.close(fd)
    return filler


def _emulate_full(ws: Workspace, leave_pages: int) -> None:
    conn: sqlite3.Connection = ws._conn  # the emulation needs the workspace's own connection
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    conn.execute(f"PRAGMA max_page_count = {pages + leave_pages:d}")


def _edit_until_full(s: Setup) -> tuple[list[str], DiskFullError]:
    committed: list[str] = []
    for n in range(2000):
        try:
            committed.append(s.add("S3", n, note=f"{n} {NOTE}"))
        except DiskFullError as full:
            return committed, full
    raise AssertionError("the disk never filled up")


def _check_all_there(path: Path, committed: list[str]) -> None:
    with Workspace.open(path, read_only=True) as ws:
        live = {o.uuid: o for o in ws.observations(1)}
        assert set(live) == set(committed)
        assert all(o.note.endswith(NOTE) for o in live.values() if o.note)
        assert len(ws.audit_trail("observation")) == len(committed)
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def test_disk_full_while_editing(small_disk: Path | None, tmp_path: Path) -> None:
    """The edit fails with DiskFullError; every earlier commit survives, also a reopen."""
    folder = small_disk or tmp_path
    s = open_setup(folder / "满 disk.smartcity")
    first = [s.add("T1", 100), s.add("T1", 200)]
    filler = _fill(small_disk, 256 * 1024) if small_disk else None
    if filler is None:
        _emulate_full(s.ws, leave_pages=64)
    try:
        committed, full = _edit_until_full(s)
        assert str(s.path) in str(full) and "full" in str(full)
        assert len(committed) >= 3  # some edits fitted before the disk was full
        assert {o.uuid for o in s.ws.observations(1)} == {*first, *committed}  # still readable
        with pytest.raises(DiskFullError):
            s.ws.update_observation(first[0], "note", NOTE * 20, ALICE)
        assert s.ws.observation(first[0]).note == ""
    finally:
        s.ws.close()
    _check_all_there(s.path, [*first, *committed])
    if filler is not None:
        with Workspace.open(s.path) as ws:  # read-write while the disk is still full
            assert len(ws.observations(1)) == len(first) + len(committed)
        filler.unlink()
    with Workspace.open(s.path) as ws:  # space again: editing goes on
        ws.update_observation(first[0], "note", "after", ALICE)
        assert len(ws.observations(1)) == len(first) + len(committed)


def test_opening_on_a_full_disk_leaves_the_file_byte_identical(small_disk: Path | None) -> None:
    if small_disk is None:
        pytest.skip("needs a real full file system (root and mount); emulated above")
    path = small_disk / "ws.smartcity"
    s = open_setup(path)
    s.add("T1", 100)
    s.ws.close()
    before, filler = sha256(path), _fill(small_disk, 0)
    try:
        ws = Workspace.open(path)
    except StoreError as refused:  # a clear refusal is fine too
        assert str(path) in str(refused)
    else:
        with ws, pytest.raises(DiskFullError, match=str(path)):
            for _ in range(50):
                ws.update_observation(ws.observations(1)[0].uuid, "note", NOTE, ALICE)
    assert sha256(path) == before
    filler.unlink()
    with Workspace.open(path) as again:
        assert [o.value for o in again.observations(1)] == [100.0]


# ---------------------------------------------------------------- read-only medium


@pytest.fixture
def read_only_medium(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder holding a closed workspace, then made read-only (remounted, or chmod)."""
    folder = tmp_path / "medium"
    folder.mkdir()
    mounted = _can_mount() and _mount(folder, f"size={DISK_BYTES}")
    if not mounted and os.geteuid() == 0:
        pytest.skip("root ignores folder permissions and mounting a read-only tmpfs failed")
    s = open_setup(folder / "只读 workspace.smartcity")
    s.add("T1", 300)
    s.ws.close()
    if mounted:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    else:
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        yield s.path, "mounted read-only" if mounted else "read-only folder"
    finally:
        if mounted:
            _umount(folder)
        else:
            folder.chmod(stat.S_IRWXU)


def test_read_only_medium_is_refused_for_writing_and_readable(
    read_only_medium: tuple[Path, str],
) -> None:
    path, _how = read_only_medium
    before, listing = sha256(path), sorted(path.parent.iterdir())
    with pytest.raises(ReadOnlyWorkspaceError, match="read-only") as caught:
        Workspace.open(path)
    assert str(path) in str(caught.value)
    with Workspace.open(path, read_only=True) as ws:
        assert [o.value for o in ws.observations(1)] == [300.0]
    assert sha256(path) == before
    assert sorted(path.parent.iterdir()) == listing
    assert not lock_path(path).exists()
