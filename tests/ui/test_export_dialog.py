"""File → Field teams → Export field package: cities, since the last export, a safe name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.packages import open_package
from ui.fieldwork.export_dialog import ExportDialog
from ui.session import Session


def test_export_chosen_cities_then_only_the_changes(
    session: Session, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = ExportDialog(session, tmp_path)
    qtbot.addWidget(dialog)
    default = Path(dialog.path.text())
    assert default.parent == tmp_path and "/" not in default.name and default.suffix == ".smartpkg"
    dialog.none_button.click()
    dialog.accept()
    assert "at least one city" in dialog.problem.text() and dialog.summary is None
    dialog.cities.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.accept()
    assert dialog.summary is not None and dialog.summary.mode == "since"
    first = session.cities[0]
    assert dialog.summary.cities == (first.code,)
    with open_package(default) as package:
        assert {o["city"] for o in package.observations} == {first.code}
        assert package.manifest.evaluator == session.actor.evaluator
    again = ExportDialog(session, tmp_path)
    qtbot.addWidget(again)
    again.accept()
    assert "exists" in again.problem.text()
    again.path.setText(str(tmp_path / "second.smartpkg"))
    again.none_button.click()
    again.cities.item(0).setCheckState(Qt.CheckState.Checked)
    again.accept()
    assert again.summary is not None and again.summary.observations == 0  # nothing changed
