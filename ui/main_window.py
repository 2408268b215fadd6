"""The main window: tabs over one Session, the File/Edit/View/Help menus, the saved state."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMetaObject,
    QObject,
    QTime,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QTabWidget, QWidget

from ui.excel_actions import ExcelActions
from ui.fieldwork.actions import FieldworkActions
from ui.session import Session


@dataclass(frozen=True)
class TabSpec:
    """A tab: its stable name (for --tab), its title (translated at call time), its maker."""

    name: str
    title: Callable[[], str]
    make: Callable[[Session], QWidget]


class MainWindow(QMainWindow):
    """Shows one Session; the workspace actions are requested through signals so the
    application (ui.app) owns opening, creating and copying workspace files."""

    new_requested = Signal()
    open_requested = Signal()
    open_path_requested = Signal(Path)
    save_copy_requested = Signal()
    restore_requested = Signal()
    language_requested = Signal(str)
    about_to_close = Signal()

    def __init__(self, tabs: Sequence[TabSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._specs = list(tabs)
        self._session: Session | None = None
        self._links: list[QMetaObject.Connection] = []
        self._recent: list[Path] = []
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._saved = QLabel(self)
        self._where = QLabel(self)
        # Permanent widgets sit on the right, so temporary messages never draw over them.
        self.statusBar().addPermanentWidget(self._where)
        self.statusBar().addPermanentWidget(self._saved)
        self._build_actions()
        self._build_menus()
        self.retranslate()

    # ------------------------------------------------------------ session

    @property
    def session(self) -> Session | None:
        return self._session

    def set_session(self, session: Session) -> None:
        """Show `session` (replacing the tabs of the previous one)."""
        current = self.tabs.currentIndex()
        self.clear_session()
        self._session = session
        for spec in self._specs:
            tab = spec.make(session)
            self.tabs.addTab(tab, spec.title())
            activated = getattr(tab, "cell_activated", None)
            if isinstance(activated, SignalInstance):
                activated.connect(self.open_cell)
        self.tabs.setCurrentIndex(max(current, 0))
        self._undo.setEnabled(False)
        self._redo.setEnabled(False)
        stack = session.undo_stack
        self._links = [
            stack.canUndoChanged.connect(self._undo.setEnabled),
            stack.canRedoChanged.connect(self._redo.setEnabled),
            stack.undoTextChanged.connect(self._undo_text_changed),
            stack.redoTextChanged.connect(self._undo_text_changed),
            session.saved.connect(self._show_saved),
        ]
        self._saved.clear()
        self.retranslate()

    def clear_session(self) -> None:
        """Delete the tabs of the current session (before its workspace is closed) and
        let go of its signals, so nothing reaches a closed workspace or a deleted stack."""
        for link in self._links:
            QObject.disconnect(link)
        self._links = []
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if page is not None:
                page.deleteLater()
        self._session = None
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def _undo_text_changed(self, _text: str) -> None:
        self._retranslate_undo()

    def open_cell(self, city_id: int, indicator_id: int) -> None:
        """Jump to the data-entry tab on one city × indicator (from the other tabs)."""
        entry = self.tab("entry")
        select = getattr(entry, "select_cell", None)
        if entry is not None and callable(select):
            self.tabs.setCurrentWidget(entry)
            select(city_id, indicator_id)

    def flush(self) -> None:
        """Save what is being typed (before the workspace closes)."""
        for index in range(self.tabs.count()):
            flush = getattr(self.tabs.widget(index), "flush", None)
            if callable(flush):
                flush()

    def show_tab(self, name: str) -> bool:
        for index, spec in enumerate(self._specs):
            if spec.name == name:
                self.tabs.setCurrentIndex(index)
                return True
        return False

    def tab_names(self) -> list[str]:
        return [spec.name for spec in self._specs]

    def tab(self, name: str) -> QWidget | None:
        for index, spec in enumerate(self._specs):
            if spec.name == name:
                return self.tabs.widget(index)
        return None

    def set_recent(self, paths: Sequence[Path]) -> None:
        self._recent = list(paths)
        self._fill_recent()

    def set_language_checked(self, language: str) -> None:
        for action in self._language_group.actions():
            action.setChecked(action.data() == language)

    # ------------------------------------------------------------ actions and menus

    def _build_actions(self) -> None:
        self._new = self._action(QKeySequence.StandardKey.New, self.new_requested.emit)
        self._open = self._action(QKeySequence.StandardKey.Open, self.open_requested.emit)
        self._copy = self._action(QKeySequence.StandardKey.SaveAs, self.save_copy_requested.emit)
        self._restore = self._action(None, self.restore_requested.emit)
        self._quit = self._action(QKeySequence.StandardKey.Quit, self.close)
        self._undo = self._action(QKeySequence.StandardKey.Undo, self._do_undo)
        self._redo = self._action(QKeySequence.StandardKey.Redo, self._do_redo)
        self._redo.setShortcuts(
            [QKeySequence("Ctrl+Y"), QKeySequence(QKeySequence.StandardKey.Redo)]
        )
        self._language_group = QActionGroup(self)
        self._chinese = self._language_action("zh", "中文")
        self._english = self._language_action("en", "English")
        self._about = self._action(None, self._show_about)

    def _action(self, key: QKeySequence.StandardKey | None, slot: Callable[[], object]) -> QAction:
        action = QAction(self)
        if key is not None:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _language_action(self, language: str, label: str) -> QAction:
        action = QAction(label, self)  # each language is named in itself, never translated
        action.setCheckable(True)
        action.setData(language)
        action.triggered.connect(lambda _checked=False: self.language_requested.emit(language))
        self._language_group.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self._file_menu = bar.addMenu("")
        self._recent_menu = QMenu(self)
        self._file_menu.addActions([self._new, self._open])
        self._file_menu.addMenu(self._recent_menu)
        self._file_menu.addActions([self._copy, self._restore])
        self._file_menu.addSeparator()
        self._excel_menu = self._file_menu.addMenu("")
        self.excel = ExcelActions(self, lambda: self._session)
        self.excel.fill(self._excel_menu)
        self._fieldwork_menu = self._file_menu.addMenu("")
        self.fieldwork = FieldworkActions(self, lambda: self._session)
        self.fieldwork.fill(self._fieldwork_menu)
        self._file_menu.addSeparator()
        self._file_menu.addAction(self._quit)
        self._edit_menu = bar.addMenu("")
        self._edit_menu.addActions([self._undo, self._redo])
        self._view_menu = bar.addMenu("")
        self._language_menu = self._view_menu.addMenu("")
        self._language_menu.addActions([self._chinese, self._english])
        self._help_menu = bar.addMenu("")
        self._help_menu.addAction(self._about)

    def _fill_recent(self) -> None:
        self._recent_menu.clear()
        for path in self._recent:
            action = self._recent_menu.addAction(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path_requested.emit(p))
        self._recent_menu.setEnabled(bool(self._recent))

    def _do_undo(self) -> None:
        if self._session is not None:
            self._session.undo_stack.undo()

    def _do_redo(self) -> None:
        if self._session is not None:
            self._session.undo_stack.redo()

    def _show_saved(self) -> None:
        time = QTime.currentTime().toString("HH:mm:ss")
        self._saved.setText(self.tr("Saved {time}").format(time=time))

    def _show_about(self) -> None:
        from ui.about import show_about

        show_about(self)

    # ------------------------------------------------------------ language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._file_menu.setTitle(self.tr("&File"))
        self._new.setText(self.tr("&New workspace…"))
        self._open.setText(self.tr("&Open…"))
        self._recent_menu.setTitle(self.tr("Open &recent"))
        self._copy.setText(self.tr("Save a &copy…"))
        self._restore.setText(self.tr("Restore from &backup…"))
        self._excel_menu.setTitle(self.tr("E&xcel"))
        self.excel.retranslate()
        self._fieldwork_menu.setTitle(self.tr("Field &teams"))
        self.fieldwork.retranslate()
        self._quit.setText(self.tr("&Quit"))
        self._edit_menu.setTitle(self.tr("&Edit"))
        self._view_menu.setTitle(self.tr("&View"))
        self._language_menu.setTitle(self.tr("&Language"))
        self._help_menu.setTitle(self.tr("&Help"))
        self._about.setText(self.tr("&About SMART City Evaluator"))
        self._retranslate_undo()
        for index, spec in enumerate(self._specs[: self.tabs.count()]):
            self.tabs.setTabText(index, spec.title())
        self._retranslate_title()

    def _retranslate_undo(self) -> None:
        stack = self._session.undo_stack if self._session else None
        undo_text = stack.undoText() if stack else ""
        redo_text = stack.redoText() if stack else ""
        self._undo.setText(self.tr("&Undo {what}").format(what=undo_text).strip())
        self._redo.setText(self.tr("&Redo {what}").format(what=redo_text).strip())

    def _retranslate_title(self) -> None:
        app = self.tr("SMART City Evaluator")
        if self._session is None:
            self.setWindowTitle(app)
            return
        path = self._session.workspace.path
        campaign = self._session.campaign.name
        self.setWindowTitle(f"{path.name} — {campaign} — {app}")
        self._where.setText(
            self.tr("Workspace: {path} · evaluator: {who}").format(
                path=path, who=self._session.actor.evaluator
            )
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        self.about_to_close.emit()
        super().closeEvent(event)
