"""File → Excel: entry templates, importing filled workbooks, exporting observations and
scores. Long reads show a progress dialog that can cancel; refusals are explained."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog, QWidget

from models.excel_export import export_observations, export_scores
from models.excel_import import (
    ImportPlan,
    ImportRefusedError,
    check_workbook,
    import_workbook,
    save_problems,
)
from models.excel_template import write_template
from models.framework import SourceError
from models.store import StoreError
from ui.excel_dialogs import ImportReviewDialog, TemplateDialog
from ui.session import Session

XLSX = "Excel (*.xlsx)"


class _CancelledError(Exception):
    """The user pressed Cancel in the progress dialog."""


class ExcelActions(QObject):
    """The Excel actions of one main window; `session()` gives the open Session, if any."""

    def __init__(self, parent: QWidget, session: Callable[[], Session | None]) -> None:
        super().__init__(parent)
        self._parent, self._session = parent, session
        self.template = QAction(self)
        self.template.triggered.connect(self.export_template)
        self.import_ = QAction(self)
        self.import_.triggered.connect(self.import_workbook)
        self.observations = QAction(self)
        self.observations.triggered.connect(self.export_observations)
        self.scores = QAction(self)
        self.scores.triggered.connect(self.export_scores)
        self.retranslate()

    def fill(self, menu: QMenu) -> None:
        menu.addActions([self.template, self.import_])
        menu.addSeparator()
        menu.addActions([self.observations, self.scores])

    def retranslate(self) -> None:
        self.template.setText(self.tr("Export entry &template…"))
        self.import_.setText(self.tr("&Import filled workbook…"))
        self.observations.setText(self.tr("Export &observations…"))
        self.scores.setText(self.tr("Export &scores…"))

    # ------------------------------------------------------------ actions

    def export_template(self) -> None:
        session = self._session()
        if session is None:
            return
        dialog = TemplateDialog(session, self._parent)
        if not dialog.exec():
            return
        path = self._save_path(self.tr("Export entry template"), "template.xlsx")
        if path is not None:
            codes = dialog.chosen_codes()
            self._run(
                lambda: write_template(
                    session.workspace,
                    session.campaign,
                    path,
                    city_codes=codes,
                    with_values=dialog.with_values.isChecked(),
                ),
                self.tr("Entry template saved to {path}").format(path=path),
            )

    def export_observations(self) -> None:
        session = self._session()
        path = self._save_path(self.tr("Export observations"), "observations.xlsx")
        if session is not None and path is not None:
            self._run(
                lambda: export_observations(
                    session.workspace, session.campaign, path, lang=_lang(session)
                ),
                self.tr("Observations exported to {path}").format(path=path),
            )

    def export_scores(self) -> None:
        session = self._session()
        path = self._save_path(self.tr("Export scores"), "scores.xlsx")
        if session is not None and path is not None:
            self._run(
                lambda: export_scores(
                    session.workspace, session.campaign, path, lang=_lang(session)
                ),
                self.tr("Scores exported to {path}").format(path=path),
            )

    def import_workbook(self) -> None:
        session = self._session()
        if session is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self._parent, self.tr("Import filled workbook"), "", XLSX
        )
        if not name:
            return
        plan = self._check(session, Path(name))
        if plan is not None:
            self._review(session, plan)

    # ------------------------------------------------------------ steps

    def _check(self, session: Session, path: Path) -> ImportPlan | None:
        progress = QProgressDialog(
            self.tr("Checking every row…"), self.tr("Cancel"), 0, 0, self._parent
        )
        progress.setMinimumDuration(300)

        def tick(_rows: int) -> None:
            progress.setValue(0)
            if progress.wasCanceled():
                raise _CancelledError

        try:
            return check_workbook(session.workspace, session.campaign, path, tick)
        except _CancelledError:
            return None
        except (SourceError, StoreError, OSError) as error:
            self._warn(self.tr("Cannot import this workbook"), str(error))
            return None
        finally:
            progress.close()

    def _review(self, session: Session, plan: ImportPlan) -> None:
        while True:
            dialog = ImportReviewDialog(plan, self._parent)
            choice = dialog.exec()
            if choice == ImportReviewDialog.SAVE_LIST:
                self._save_problems(plan)
                continue
            if choice not in (ImportReviewDialog.VALID_ONLY, 1):
                return
            valid_only = choice == ImportReviewDialog.VALID_ONLY
            try:
                result = import_workbook(
                    session.workspace, plan, session.actor, valid_rows_only=valid_only
                )
            except (ImportRefusedError, StoreError, ValueError) as error:
                self._warn(self.tr("Nothing was imported"), str(error))
                return
            session.observations_edited()
            self._status(
                self.tr("{count} observations imported from {file}").format(
                    count=len(result.added), file=plan.source.name
                )
            )
            return

    def _save_problems(self, plan: ImportPlan) -> None:
        path = self._save_path(
            self.tr("Save the list of problems"), "problems.xlsx", f"{XLSX};;CSV (*.csv)"
        )
        if path is not None:
            self._run(
                lambda: save_problems(plan.problems, path),
                self.tr("List saved to {path}").format(path=path),
            )

    # ------------------------------------------------------------ plumbing

    def _save_path(self, title: str, default: str, filters: str = XLSX) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self._parent, title, default, filters)
        return Path(name) if name else None

    def _run(self, work: Callable[[], object], done: str) -> None:
        try:
            work()
        except (SourceError, StoreError, ValueError, OSError) as error:
            self._warn(self.tr("Not saved"), str(error))
            return
        self._status(done)

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self._parent, title, text)

    def _status(self, text: str) -> None:
        status = getattr(self._parent, "statusBar", None)
        if callable(status):
            status().showMessage(text, 10000)


def _lang(session: Session) -> Literal["zh", "en"]:
    return "en" if session.language == "en" else "zh"
