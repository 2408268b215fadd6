"""File → Field teams: export a package, merge packages, review conflicts, the second-
evaluator check, and who is working (evaluator and team)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from ui.session import Session


class FieldworkActions(QObject):
    """The field-team actions of one main window; `session()` gives the open Session."""

    identity_requested = Signal()

    def __init__(self, parent: QWidget, session: Callable[[], Session | None]) -> None:
        super().__init__(parent)
        self._parent, self._session = parent, session
        self.export = self._action(self.export_package)
        self.merge = self._action(self.merge_packages)
        self.review = self._action(self.review_conflicts)
        self.check = self._action(self.second_evaluator_check)
        self.identity = self._action(self.identity_requested.emit)
        self.retranslate()

    def _action(self, slot: Callable[[], object]) -> QAction:
        action = QAction(self)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def fill(self, menu: QMenu) -> None:
        menu.addActions([self.export, self.merge, self.review])
        menu.addSeparator()
        menu.addAction(self.check)
        menu.addSeparator()
        menu.addAction(self.identity)

    def retranslate(self) -> None:
        self.export.setText(self.tr("&Export field package…"))
        self.merge.setText(self.tr("&Merge field packages…"))
        self.review.setText(self.tr("&Review conflicts and duplicates…"))
        self.check.setText(self.tr("&Second-evaluator check…"))
        self.identity.setText(self.tr("Evaluator and &team…"))

    def _folder(self, session: Session) -> Path:
        return session.workspace.path.parent

    # ------------------------------------------------------------ actions

    def export_package(self) -> None:
        from ui.fieldwork.export_dialog import ExportDialog

        session = self._session()
        if session is None:
            return
        dialog = ExportDialog(session, self._folder(session), self._parent)
        if dialog.exec() and dialog.summary is not None:
            s = dialog.summary
            self._status(
                self.tr("{count} observations exported to {path}").format(
                    count=s.observations, path=s.path
                )
            )

    def merge_packages(self) -> None:
        from ui.merge.merge_dialog import MergeDialog

        session = self._session()
        if session is None:
            return
        dialog = MergeDialog(session, self._folder(session), self._parent)
        dialog.exec()
        if dialog.review_requested:
            self.review_conflicts()

    def review_conflicts(self) -> None:
        from ui.merge.review import ConflictReviewDialog

        session = self._session()
        if session is not None:
            ConflictReviewDialog(session, self._parent).exec()

    def second_evaluator_check(self) -> None:
        from ui.verification.agreement_dialog import AgreementDialog

        session = self._session()
        if session is not None:
            AgreementDialog(session, self._parent).exec()

    def _status(self, text: str) -> None:
        status = getattr(self._parent, "statusBar", None)
        if callable(status):
            status().showMessage(text, 10000)
