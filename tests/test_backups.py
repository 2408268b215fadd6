"""Automatic backups: rolling consistent copies, listing, and restoring to a new file."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.backups import (
    BackupInfo,
    backups_dir,
    list_backups,
    make_backup,
    restore_backup,
    source_key,
    suggest_restore_path,
)
from models.store import CorruptWorkspaceError, StoreError, WorkspaceExistsError
from models.workspace import Workspace
from tests.fixtures.sample import ALICE
from tests.fixtures.workspaces import Setup, open_setup


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    """An open workspace in a folder with a Chinese name and spaces (as users name them)."""
    folder = tmp_path / "评估 2021"
    folder.mkdir()
    s = open_setup(folder / "城市 评估.smartcity")
    yield s
    s.ws.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return backups_dir(tmp_path / "data")


def _live(path: Path) -> int:
    with Workspace.open(path, read_only=True) as ws:
        return len(ws.observations(1))


def test_a_backup_is_a_complete_single_file_copy(setup: Setup, folder: Path) -> None:
    uuid = setup.add("T1", 300)
    copy = make_backup(setup.ws, folder)
    assert copy.parent == folder / setup.ws.workspace_id
    assert source_key(setup.path) in copy.name
    assert not Path(f"{copy}-wal").exists()  # self-contained: no journal beside it
    conn = sqlite3.connect(f"{copy.as_uri()}?immutable=1", uri=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    with Workspace.open(copy, read_only=True) as ws:
        assert ws.workspace_id == setup.ws.workspace_id
        assert ws.observation(uuid).value == 300.0  # the last commit, still only in the WAL
    (info,) = list_backups(folder, setup.ws.workspace_id)
    assert (info.path, info.observations, info.size, info.ok) == (
        copy,
        1,
        copy.stat().st_size,
        True,
    )
    assert info.source == setup.path.resolve()


def test_no_new_copy_without_an_edit(setup: Setup, folder: Path) -> None:
    first = make_backup(setup.ws, folder)
    assert make_backup(setup.ws, folder) == first
    setup.add("T1", 1)
    second = make_backup(setup.ws, folder)
    assert second != first
    assert [b.path for b in list_backups(folder, setup.ws.workspace_id)] == [second, first]
    assert not list(first.parent.glob(".*"))  # no temporary copies left behind


def test_only_the_newest_copies_are_kept(setup: Setup, folder: Path) -> None:
    made = []
    for n in range(5):
        setup.add("T1", n)
        made.append(make_backup(setup.ws, folder, keep=3))
    listed = list_backups(folder, setup.ws.workspace_id)
    assert [b.path for b in listed] == made[:1:-1]
    assert [b.observations for b in listed] == [5, 4, 3]
    assert sorted(p.name for p in made[0].parent.iterdir()) == sorted(
        [p.name for p in made[2:]] + [p.name + ".json" for p in made[2:]]
    )
    with pytest.raises(ValueError, match="at least 1"):
        make_backup(setup.ws, folder, keep=0)


def test_copies_of_one_workspace_keep_their_own_backups(
    setup: Setup, folder: Path, tmp_path: Path
) -> None:
    other_path = tmp_path / "copy.smartcity"
    setup.ws.save_copy(other_path)  # same identity, another file
    with Workspace.open(other_path) as other:
        for n in range(3):
            other.set_campaign_settings(1, {"normalise": "minmax", "n": n}, ALICE)
            make_backup(other, folder, keep=2)
    mine = make_backup(setup.ws, folder, keep=2)
    listed = list_backups(folder, setup.ws.workspace_id)
    assert len(listed) == 3
    assert {b.source for b in listed} == {setup.path.resolve(), other_path.resolve()}
    assert listed[0].path == mine


def test_restore_writes_a_new_file_with_the_old_state(
    setup: Setup, folder: Path, tmp_path: Path
) -> None:
    kept = setup.add("T1", 10)
    make_backup(setup.ws, folder)
    setup.ws.update_observation(kept, "value", 20.0, ALICE, "later")
    setup.add("T1", 30)
    (info,) = list_backups(folder, setup.ws.workspace_id)
    target = suggest_restore_path(info, setup.path.parent)
    assert target.name.startswith("城市 评估 (restored ") and not target.exists()
    backup_hash = sha256(info.path)
    assert restore_backup(info, target) == target
    with Workspace.open(target) as restored:  # a normal, writable workspace
        assert restored.workspace_id == setup.ws.workspace_id
        assert [o.value for o in restored.observations(1)] == [10.0]
        restored.update_observation(kept, "note", "restored", ALICE)
    assert sha256(info.path) == backup_hash
    assert [o.value for o in setup.ws.observations(1)] == [20.0, 30.0]  # the open file as it was
    assert suggest_restore_path(info, setup.path.parent).name.endswith(") 2.smartcity")


def test_restore_never_overwrites(setup: Setup, folder: Path, tmp_path: Path) -> None:
    setup.add("T1", 10)
    copy = make_backup(setup.ws, folder)
    other = tmp_path / "notes.txt"
    other.write_text("keep me", encoding="utf-8")
    for target in (setup.path, other):  # the open workspace itself, or any file
        before = sha256(target)
        with pytest.raises(WorkspaceExistsError, match="already exists") as caught:
            restore_backup(copy, target)
        assert str(target) in str(caught.value)
        assert sha256(target) == before
    assert [o.value for o in setup.ws.observations(1)] == [10.0]


def test_a_damaged_backup_is_listed_with_its_problem_and_not_restored(
    setup: Setup, folder: Path, tmp_path: Path
) -> None:
    copy = make_backup(setup.ws, folder)
    copy.write_bytes(copy.read_bytes()[:5000])  # truncated
    (info,) = list_backups(folder, setup.ws.workspace_id)
    assert not info.ok and info.observations is None and "truncated" in info.problem
    before = sha256(copy)
    target = tmp_path / "restored.smartcity"
    with pytest.raises(CorruptWorkspaceError, match="truncated") as caught:
        restore_backup(info, target)
    assert str(copy) in str(caught.value)
    assert not target.exists() and sha256(copy) == before
    assert not list(tmp_path.glob(".*partial"))
    fresh = make_backup(setup.ws, folder)  # a damaged newest copy is never "the same"
    assert fresh != copy and list_backups(folder, setup.ws.workspace_id)[0].ok


def test_a_copy_of_another_workspace_in_the_folder_is_flagged(setup: Setup, folder: Path) -> None:
    copy = make_backup(setup.ws, folder)
    stranger = folder / "0b5c2a4e-7f1d-4c3a-9e8b-2d6f1a0c9b7e"
    stranger.mkdir()
    copy.replace(stranger / copy.name)
    (info,) = list_backups(folder, stranger.name)
    assert "another workspace" in info.problem
    assert list_backups(folder, setup.ws.workspace_id) == []


def test_leftovers_of_a_crashed_backup_are_ignored_and_cleaned(setup: Setup, folder: Path) -> None:
    target_dir = folder / setup.ws.workspace_id
    target_dir.mkdir(parents=True)
    stale, fresh = target_dir / ".old.partial", target_dir / ".busy.partial"
    for partial in (stale, fresh):
        partial.write_bytes(b"half a copy")
    os.utime(stale, (0, 0))
    (target_dir / "garbage_x.smartcity.json").write_text("{", encoding="utf-8")
    make_backup(setup.ws, folder)
    assert not stale.exists() and fresh.exists()  # another instance may still be writing
    assert len(list_backups(folder, setup.ws.workspace_id)) == 1


def test_an_unwritable_backup_folder_is_a_named_error(setup: Setup, tmp_path: Path) -> None:
    blocked = tmp_path / "data"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(StoreError, match="backup folder") as caught:
        make_backup(setup.ws, blocked)
    assert str(blocked) in str(caught.value)


def test_listing_an_unknown_workspace_is_empty(folder: Path) -> None:
    assert list_backups(folder, "no-such-id") == []


def test_a_missing_sidecar_only_loses_the_source(setup: Setup, folder: Path) -> None:
    copy = make_backup(setup.ws, folder)
    Path(f"{copy}.json").unlink()
    (info,) = list_backups(folder, setup.ws.workspace_id)
    assert info.ok and info.source is None
    assert suggest_restore_path(info, setup.path.parent).name.startswith("workspace (restored")
    assert isinstance(info, BackupInfo) and json.dumps(info.observations) == "0"
