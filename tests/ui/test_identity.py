"""Who is working: the first-start question (name required, team), kept in the settings and
used by the open session at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.app import Application
from ui.fieldwork.identity import IdentityDialog
from ui.i18n import Translators
from ui.launch import translations_dir
from ui.settings import AppSettings
from ui.tabs import default_tabs


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def test_the_name_is_required_and_kept(settings: AppSettings, qtbot: QtBot) -> None:
    assert not settings.identity_set and settings.team == ""
    dialog = IdentityDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.name.text() == ""  # the account name is not offered as an answer
    dialog.accept()
    assert "name" in dialog.problem.text() and not settings.identity_set
    dialog.name.setText("  张伟 ")
    dialog.team.setText("第一组")
    dialog.accept()
    assert settings.identity_set and (settings.evaluator, settings.team) == ("张伟", "第一组")
    assert dialog.actor().team == "第一组" and dialog.actor().device == settings.device


def test_the_session_works_as_the_new_identity(
    settings: AppSettings, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    settings.language = "en"  # no translator installed: other tests' widgets stay as they are
    application = Application(settings, Translators(app, translations_dir()), tmp_path,
                              default_tabs())  # fmt: skip
    qtbot.addWidget(application.window)
    assert application.start()

    def answer(dialog: IdentityDialog) -> int:
        dialog.name.setText("李娜")
        dialog.team.setText("第二组")
        dialog.accept()
        return 1

    monkeypatch.setattr(IdentityDialog, "exec", answer)
    application.window.fieldwork.identity.trigger()
    session = application.window.session
    assert session is not None and session.actor.evaluator == "李娜"
    assert session.actor.team == "第二组"
    uuid = session.workspace.observations(session.campaign.campaign_id)[0].uuid
    session.workspace.update_observation(uuid, "note", "x", session.actor, "")
    assert session.workspace.teams()[("李娜", settings.device)] == ("第二组",)
    application.close_workspace()
