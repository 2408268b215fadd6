"""Dialogs of File → Excel: which cities go in an entry template, and the review of a
workbook's problems before anything is imported."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.excel_checks import Problem
from models.excel_import import ImportPlan
from ui.session import Session

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class TemplateDialog(QDialog):
    """Choose the cities of an entry template (all, or a team's) and whether to prefill it."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export entry template"))
        self.cities = QListWidget(self)
        for city in session.cities:
            item = QListWidgetItem(f"{session.name(city)}  ({city.code})", self.cities)
            item.setData(Qt.ItemDataRole.UserRole, city.code)
            item.setCheckState(Qt.CheckState.Checked)
        every = QPushButton(self.tr("All"), self)
        every.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        none = QPushButton(self.tr("None"), self)
        none.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        self.with_values = QCheckBox(self.tr("Include the values entered so far"), self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Cities in the template:"), self))
        layout.addWidget(self.cities)
        layout.addWidget(every)
        layout.addWidget(none)
        layout.addWidget(self.with_values)
        layout.addWidget(buttons)
        self.resize(420, 560)

    def _check_all(self, state: Qt.CheckState) -> None:
        for row in range(self.cities.count()):
            self.cities.item(row).setCheckState(state)

    def chosen_codes(self) -> list[str]:
        return [
            str(self.cities.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.cities.count())
            if self.cities.item(row).checkState() == Qt.CheckState.Checked
        ]


class ProblemModel(QAbstractTableModel):
    """The problems of a workbook: sheet, row, column, header, kind, message."""

    def __init__(self, problems: Sequence[Problem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problems = list(problems)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 5

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        p = self._problems[index.row()]
        cells = (p.sheet, "" if p.row is None else str(p.row), p.column, p.header, p.message)
        return cells[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Sheet"),
            self.tr("Row"),
            self.tr("Column"),
            self.tr("Header"),
            self.tr("Problem"),
        )
        return titles[section] if 0 <= section < len(titles) else None


class ImportReviewDialog(QDialog):
    """What a workbook would import and every problem found; nothing is imported unless the
    user chooses it (all rows when there is no problem, or explicitly only the valid ones)."""

    SAVE_LIST = 2
    VALID_ONLY = 3

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import workbook"))
        self.plan = plan
        summary = QLabel(self._summary(), self)
        summary.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setModel(ProblemModel(plan.problems, self))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(bool(plan.problems))
        buttons = QDialogButtonBox(self)
        if plan.problems:
            save = buttons.addButton(
                self.tr("Save the list…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            save.clicked.connect(lambda: self.done(self.SAVE_LIST))
            valid = buttons.addButton(
                self.tr("Import only the valid rows"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            valid.clicked.connect(lambda: self.done(self.VALID_ONLY))
            valid.setEnabled(bool(plan.new))
        else:
            ok = buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
            ok.clicked.connect(self.accept)
            ok.setEnabled(bool(plan.new))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 520 if plan.problems else 180)

    def _summary(self) -> str:
        plan = self.plan
        text = self.tr(
            "{file}: {rows} rows read; {new} new observations; {done} already imported."
        ).format(
            file=plan.source.name,
            rows=plan.rows_read,
            new=len(plan.new),
            done=plan.already_imported,
        )
        if plan.reviews_dropped:
            text += " " + self.tr(
                "{count} rows marked verified or rejected come in as submitted: reviews are "
                "made in the program, by someone other than the evaluator."
            ).format(count=plan.reviews_dropped)
        if plan.problems:
            text += " " + self.tr(
                "{count} problems in {rows} rows: nothing is imported unless you choose to "
                "import only the valid rows (the choice is recorded in the audit trail)."
            ).format(count=len(plan.problems), rows=plan.problem_rows)
        return text
