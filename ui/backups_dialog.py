"""Automatic backups in the GUI: the backup made on opening, and File → Restore from backup.

The work is done by models.backups (Qt-free); this module only shows it:

- `backup_on_open(workspace, data_dir)` right after a workspace was opened: it keeps the
  rolling set of copies in `<data_dir>/backups` and returns a status-bar message; a
  failing backup is reported there, it never stops the workspace from opening;
- `BackupsDialog` lists the workspace's backups (date, size, observation count, the file
  they were copied from) and restores the chosen one as a *new* workspace file, whose
  path is `restored_path` after the dialog was accepted; the caller then opens it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.backups import (
    DEFAULT_KEEP,
    BackupInfo,
    backups_dir,
    list_backups,
    make_backup,
    restore_backup,
    suggest_restore_path,
)
from models.store import StoreError
from models.workspace import Workspace

WORKSPACE_FILTER = "SMART City workspace (*.smartcity *.sqlite *.db);;All files (*)"
SIZE, COUNT, SOURCE = 1, 2, 3  # columns; 0 is the date


def backup_on_open(workspace: Workspace, data_dir: Path, keep: int = DEFAULT_KEEP) -> str:
    """Keep the automatic backup of a just-opened workspace; returns a status-bar message.

    A read-only workspace is not backed up (it cannot change): the message is then "".
    """
    if workspace.read_only:
        return ""
    try:
        make_backup(workspace, backups_dir(data_dir), keep)
    except (StoreError, OSError) as error:
        return QCoreApplication.translate("backups", "Automatic backup failed: {error}").format(
            error=error
        )
    return QCoreApplication.translate("backups", "Backup kept in {folder}").format(
        folder=backups_dir(data_dir)
    )


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"


class BackupsDialog(QDialog):
    """The backups of one workspace, newest first, and a Restore button."""

    def __init__(
        self, data_dir: Path, workspace_id: str, current: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._current = current
        self.restored_path: Path | None = None
        self.backups: list[BackupInfo] = list_backups(backups_dir(data_dir), workspace_id)
        self.setWindowTitle(self.tr("Restore from backup"))
        self.setMinimumSize(640, 320)
        self.table = QTableWidget(0, 4, self)
        self.restore_button = QPushButton(self.tr("Restore as a new file…"), self)
        self.message = QLabel(self)
        self._build()
        self._fill()

    def _build(self) -> None:
        table = self.table
        table.setHorizontalHeaderLabels(
            [self.tr("Saved"), self.tr("Size"), self.tr("Observations"), self.tr("Copied from")]
        )
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        table.itemSelectionChanged.connect(self._update_button)
        table.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "A copy of the workspace is kept each time it is opened. Restoring writes "
                "the chosen copy as a new file and opens it; the current file is kept."
            ),
            self,
        )
        hint.setWordWrap(True)
        for widget in (hint, self.table, self.message, buttons):
            layout.addWidget(widget)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            when = info.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            count = str(info.observations) if info.ok else self.tr("damaged")
            source = str(info.source) if info.source is not None else "—"
            texts = (when, size_text(info.size), count, source)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if not info.ok:
                    item.setToolTip(info.problem)
                    item.setForeground(Qt.GlobalColor.gray)
                if column in (SIZE, COUNT):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if self.backups:
            self.table.selectRow(0)
        else:
            self.message.setText(self.tr("There are no backups of this workspace yet."))
        self._update_button()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_button(self) -> None:
        info = self.selected()
        self.restore_button.setEnabled(info is not None and info.ok)
        if info is not None and not info.ok:
            self.message.setText(
                self.tr("This copy cannot be restored: {why}").format(why=info.problem)
            )

    def choose_target(self, default: Path) -> Path | None:
        """Ask where to write the restored workspace (a new file)."""
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Restore as"),
            str(default),
            WORKSPACE_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,  # existing files are refused
        )
        return Path(path) if path else None

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None or not info.ok:
            return
        target = self.choose_target(suggest_restore_path(info, self._current.parent))
        if target is None:
            return
        try:
            self.restored_path = restore_backup(info, target)
        except StoreError as error:
            self.message.setText(str(error))
            return
        self.accept()
