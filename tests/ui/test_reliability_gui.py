"""GUI reliability: the data-entry tab killed with SIGKILL mid-typing; automatic backups.

A child process types values into the real `EntryTab` (offscreen) and reports each value
once Enter has saved it (tests/fixtures/crash_gui_writer.py); it is killed at random
moments, and after each kill every reported value, and every observation seen before,
must be in the reopened workspace (tests/fixtures/crash.py). A kill while a value is
being typed may lose only that value.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from models.backups import backups_dir, list_backups, make_backup
from models.workspace import Workspace
from tests.fixtures.crash import run_kills
from tests.fixtures.workspaces import Setup, open_setup
from ui.backups_dialog import BackupsDialog, backup_on_open

KILLS = 6


def test_killed_entry_tab_loses_at_most_the_value_being_typed(sample_workspace_path: Path) -> None:
    report = run_kills(
        sample_workspace_path,
        KILLS,
        seed=6,
        module="tests.fixtures.crash_gui_writer",
        ready_timeout=60.0,
        work_s=1.5,
    )
    assert report.child_errors == []
    assert report.kills == KILLS
    assert report.lost == []
    assert report.integrity == []
    assert report.killed_while_writing >= KILLS // 2  # the kills hit a typing user
    assert report.adds + report.edits >= KILLS


# ---------------------------------------------------------------- automatic backups


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[Setup]:
    s = open_setup(tmp_path / "城市.smartcity")
    yield s
    s.ws.close()


def test_backup_on_open_keeps_a_copy_and_reports_it(opened: Setup, tmp_path: Path) -> None:
    opened.add("T1", 100)
    message = backup_on_open(opened.ws, tmp_path / "data")
    (info,) = list_backups(backups_dir(tmp_path / "data"), opened.ws.workspace_id)
    assert info.observations == 1 and str(backups_dir(tmp_path / "data")) in message


def test_a_failing_backup_is_a_message_not_an_error(opened: Setup, tmp_path: Path) -> None:
    blocked = tmp_path / "data"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    message = backup_on_open(opened.ws, blocked)
    assert "backup" in message.lower() and str(blocked) in message


def test_read_only_workspaces_are_not_backed_up(opened: Setup, tmp_path: Path) -> None:
    opened.ws.close()
    with Workspace.open(opened.path, read_only=True) as ws:
        assert backup_on_open(ws, tmp_path / "data") == ""
    assert not (tmp_path / "data").exists()


def _cell(dialog: BackupsDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    assert item is not None
    return item.text()


def _two_backups(s: Setup, data: Path) -> None:
    s.add("T1", 100)
    make_backup(s.ws, backups_dir(data))
    s.add("T1", 200)
    make_backup(s.ws, backups_dir(data))


def test_dialog_lists_and_restores_as_a_new_file(
    opened: Setup, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_backups(opened, tmp_path / "data")
    dialog = BackupsDialog(tmp_path / "data", opened.ws.workspace_id, opened.path)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert [_cell(dialog, r, 2) for r in range(2)] == ["2", "1"]  # newest first
    assert dialog.restore_button.isEnabled()
    dialog.table.selectRow(1)  # the older copy
    chosen: list[Path] = []

    def choose(default: Path) -> Path:
        chosen.append(default)
        return default

    monkeypatch.setattr(dialog, "choose_target", choose)
    dialog.restore_selected()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.restored_path == chosen[0] and chosen[0].parent == opened.path.parent
    with Workspace.open(chosen[0]) as restored:
        assert [o.value for o in restored.observations(1)] == [100.0]
    assert len(opened.ws.observations(1)) == 2  # the open workspace as it was


def test_dialog_refuses_an_existing_file_and_a_damaged_copy(
    opened: Setup, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_backups(opened, tmp_path / "data")
    older = list_backups(backups_dir(tmp_path / "data"), opened.ws.workspace_id)[1].path
    older.write_bytes(older.read_bytes()[:3000])
    dialog = BackupsDialog(tmp_path / "data", opened.ws.workspace_id, opened.path)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "choose_target", lambda _default: opened.path)
    before = opened.path.read_bytes()
    dialog.restore_selected()  # the newest copy, onto the open file: refused
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.restored_path is None
    assert "already exists" in dialog.message.text() and opened.path.read_bytes() == before
    dialog.table.selectRow(1)
    assert not dialog.restore_button.isEnabled()
    assert _cell(dialog, 1, 2) in ("damaged", "已损坏")
    assert "truncated" in dialog.message.text()


def test_dialog_without_backups(opened: Setup, tmp_path: Path, qtbot: QtBot) -> None:
    dialog = BackupsDialog(tmp_path / "data", opened.ws.workspace_id, opened.path)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()
    assert dialog.message.text()
