"""The application shell: start on the sample, refuse bad files untouched, one writer per
workspace, recent files, language switch, save a copy, --screenshot."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from models.workspace import Workspace
from ui.app import Application
from ui.i18n import Translators
from ui.launch import take_screenshot, translations_dir
from ui.settings import AppSettings
from ui.tabs import default_tabs


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def fake_warning(_parent: QWidget, title: str, text: str) -> QMessageBox.StandardButton:
        shown.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", fake_warning)
    return shown


@pytest.fixture
def application(tmp_path: Path, qtbot: QtBot) -> Iterator[Application]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    result = Application(settings, Translators(app, translations_dir()), tmp_path, default_tabs())
    qtbot.addWidget(result.window)
    yield result
    result.set_language("en")  # removes the translators this Application installed
    result.close_workspace()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_first_start_opens_the_sample(application: Application, tmp_path: Path) -> None:
    assert application.start()
    session = application.window.session
    assert session is not None
    assert "synthetic" in session.campaign.name
    assert (tmp_path / "sample.smartcity").exists()
    assert "synthetic" in application.window.windowTitle()


def test_bad_file_refused_with_message_and_untouched(
    application: Application, tmp_path: Path, warnings: list[str]
) -> None:
    assert application.start()
    junk = tmp_path / "junk.smartcity"
    junk.write_bytes(bytes(range(256)) * 40)
    before = sha(junk)
    assert not application.open_path(junk)
    assert len(warnings) == 1 and "junk.smartcity" in warnings[0]
    assert sha(junk) == before
    session = application.window.session
    assert session is not None and session.workspace.path.name == "sample.smartcity"


def test_second_writer_gets_a_clear_message(
    application: Application, sample_workspace_path: Path, warnings: list[str]
) -> None:
    other = Workspace.open(sample_workspace_path)  # "another instance" holds it
    try:
        assert not application.open_path(sample_workspace_path)
    finally:
        other.close()
    assert len(warnings) == 1 and "another instance" in warnings[0]
    assert application.open_path(sample_workspace_path)


def test_recent_and_last_workspace_remembered(
    application: Application, sample_workspace_path: Path, tmp_path: Path
) -> None:
    assert application.open_path(sample_workspace_path)
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert settings.last_workspace == sample_workspace_path
    assert settings.recent()[0] == sample_workspace_path


def test_save_a_copy(
    application: Application,
    sample_workspace_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    assert application.open_path(sample_workspace_path)
    target = tmp_path / "copy.smartcity"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(target), ""))
    application.save_copy()
    with Workspace.open(target, read_only=True) as copy:
        assert len(copy.observations(copy.campaigns()[0].campaign_id)) > 3000


def test_language_switch_applies_at_once(application: Application) -> None:
    assert application.start()

    def first_menu() -> str:
        return application.window.menuBar().actions()[0].text()

    application.set_language("en")
    assert first_menu() == "&File"
    application.set_language("zh")
    assert "文件" in first_menu()
    session = application.window.session
    assert session is not None and session.language == "zh"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_screenshot_writes_a_non_blank_png(tmp_path: Path, qtbot: QtBot, language: str) -> None:
    out = tmp_path / f"shot-{language}.png"
    assert take_screenshot(out, language, "entry", QSize(1366, 768)) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    colours = {image.pixel(x, y) for x in range(0, 1366, 37) for y in range(0, 768, 29)}
    assert len(colours) > 3
