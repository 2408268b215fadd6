"""The application: opens workspaces (the last one, or the sample on first start), keeps
the settings, the language and the identity, and connects the main window's requests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from models.audit import Actor
from models.paths import default_sample_path
from models.sample_workspace import write_sample_workspace
from models.store import StoreError
from models.workspace import Workspace
from ui.backups_dialog import BackupsDialog, backup_on_open
from ui.i18n import Translators
from ui.main_window import MainWindow, TabSpec
from ui.new_workspace import NewWorkspaceDialog
from ui.session import Session
from ui.settings import AppSettings

WORKSPACE_FILTER = "SMART City workspace (*.smartcity *.sqlite *.db);;All files (*)"


class Application(QObject):
    """Owns the open Workspace and its Session; one per main window."""

    def __init__(
        self,
        settings: AppSettings,
        translators: Translators,
        data_dir: Path,
        tabs: Sequence[TabSpec],
    ) -> None:
        super().__init__()
        self._settings, self._translators, self._data_dir = settings, translators, data_dir
        self._workspace: Workspace | None = None
        self.window = MainWindow(tabs)
        self._connect()
        self.set_language(settings.language)

    def _connect(self) -> None:
        w = self.window
        w.new_requested.connect(self.new_workspace)
        w.open_requested.connect(self.choose_and_open)
        w.open_path_requested.connect(self.open_path)
        w.save_copy_requested.connect(self.save_copy)
        w.restore_requested.connect(self.restore_from_backup)
        w.language_requested.connect(self.set_language)
        w.about_to_close.connect(self.close_workspace)
        w.fieldwork.identity_requested.connect(self.ask_identity)

    @property
    def actor(self) -> Actor:
        return Actor(self._settings.evaluator, self._settings.device, self._settings.team)

    def ask_identity(self) -> bool:
        """The evaluator-and-team dialog; the open session works as the new actor at once."""
        from ui.fieldwork.identity import IdentityDialog

        if not IdentityDialog(self._settings, self.window).exec():
            return False
        session = self.window.session
        if session is not None:
            session.set_actor(self.actor)
            self.window.retranslate()
        return True

    # ------------------------------------------------------------ start

    def start(self, path: Path | None = None) -> bool:
        """Open `path`, else the last workspace, else the sample (written on first start)."""
        candidates = [p for p in (path, self._settings.last_workspace) if p is not None]
        for candidate in candidates:
            if self.open_path(candidate):
                return True
        return self.open_path(self.ensure_sample())

    def ensure_sample(self) -> Path:
        sample = default_sample_path(self._data_dir)
        if not sample.exists():
            sample.parent.mkdir(parents=True, exist_ok=True)
            write_sample_workspace(sample)
        return sample

    # ------------------------------------------------------------ workspace files

    def open_path(self, path: Path) -> bool:
        """Open a workspace; a refused file gets a clear message and stays untouched."""
        if self._workspace is not None and _same_file(self._workspace.path, path):
            return True
        try:
            workspace = Workspace.open(path)
        except StoreError as error:
            self._warn(self.tr("Cannot open this workspace"), str(error))
            return False
        try:
            session = Session(workspace, self.actor, self._settings.language)
        except ValueError as error:
            workspace.close()
            self._warn(self.tr("Cannot open this workspace"), str(error))
            return False
        self.close_workspace()
        self._workspace = workspace
        self.window.set_session(session)
        self.window.statusBar().showMessage(backup_on_open(workspace, self._data_dir), 8000)
        self._settings.last_workspace = path
        self.window.set_recent(self._settings.recent())
        return True

    def choose_and_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open workspace"), str(self._data_dir), WORKSPACE_FILTER
        )
        if path:
            self.open_path(Path(path))

    def new_workspace(self) -> None:
        dialog = NewWorkspaceDialog(self.actor, self._data_dir, self.window)
        if dialog.exec() and dialog.created_path is not None:
            self.open_path(dialog.created_path)

    def save_copy(self) -> None:
        if self._workspace is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save a copy"), str(self._data_dir), WORKSPACE_FILTER
        )
        if not path:
            return
        try:
            self._workspace.save_copy(Path(path))
        except StoreError as error:
            self._warn(self.tr("Cannot save a copy"), str(error))
            return
        self.window.statusBar().showMessage(self.tr("Copy saved to {path}").format(path=path), 8000)

    def restore_from_backup(self) -> None:
        """Pick one of this workspace's automatic backups; it is restored to a new file."""
        if self._workspace is None:
            return
        ws = self._workspace
        dialog = BackupsDialog(self._data_dir, ws.workspace_id, ws.path, self.window)
        if dialog.exec() and dialog.restored_path is not None:
            self.open_path(dialog.restored_path)

    def close_workspace(self) -> None:
        if self._workspace is not None:
            self.window.flush()
            self.window.clear_session()
            self._workspace.close()
            self._workspace = None

    # ------------------------------------------------------------ language

    def set_language(self, language: str) -> None:
        self._settings.language = language
        self._translators.apply(language)
        # hidden windows get LanguageChange posted, not sent: deliver it now
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.window.set_language_checked(language)
        session = self.window.session
        if session is not None:
            session.set_language(language)

    def _warn(self, title: str, text: str) -> None:
        parent: QWidget = self.window
        QMessageBox.warning(parent, title, text)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
