"""File → Field teams → Second-evaluator check: sample cells (seeded), enter them again
blind, and read the agreement report (per indicator and per evaluator), exported to Excel.

The entry table never shows the values entered first; the report compares them."""

from __future__ import annotations

import math
import random
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.agreement import AgreementRow, export_report
from models.framework import MeasurementSpec
from models.store import StoreError
from ui.merge.merge_dialog import _table
from ui.merge.models import TextTable
from ui.observations.table_model import format_value
from ui.session import Session
from ui.verification.check_model import SPEC_ROLE, VALUE_COLUMN, CheckCellsModel

Index = QModelIndex | QPersistentModelIndex


class ValueDelegate(QStyledItemDelegate):
    """A yes/no or rating list, or a text field, for the value of the cell's indicator."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        spec = index.data(SPEC_ROLE)
        if isinstance(spec, MeasurementSpec) and spec.kind in ("yesno", "rating"):
            box = QComboBox(parent)
            box.addItem("", "")
            if spec.kind == "yesno":
                box.addItem(self.tr("Yes"), 1.0)
                box.addItem(self.tr("No"), 0.0)
            for level in spec.levels:
                box.addItem(
                    f"{format_value(level.value)} {level.label_zh} {level.label_en}", level.value
                )
            return box
        return QLineEdit(parent)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QComboBox):
            found = [
                n
                for n in range(editor.count())
                if format_value(float(editor.itemData(n) or 0)) == text
            ]
            editor.setCurrentIndex(found[0] if found and text else 0)
        elif isinstance(editor, QLineEdit):
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            value = editor.currentData()
            model.setData(index, None if value == "" else value)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text().strip() or None)


class AgreementDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.cells = CheckCellsModel(session, self)
        self.report = TextTable(self._report_headers, self)
        self.rows: list[AgreementRow] = []
        self._build()
        self.cells.refused.connect(self.problem.setText)
        self.cells.dataChanged.connect(lambda *_a: self._refresh_report())
        self.retranslate()
        self.reload()
        self.resize(1100, 680)

    def _build(self) -> None:
        self.check_box = QComboBox(self)
        self.check_box.currentIndexChanged.connect(lambda _i: self._show_check())
        self.name, self.sample_size, self.seed = QLineEdit(self), QSpinBox(self), QSpinBox(self)
        self.sample_size.setRange(1, 5000)
        self.sample_size.setValue(30)
        self.seed.setRange(0, 999_999)
        self.seed.setValue(random.randrange(1000, 99_999))
        self.new_button, self.export_button = QPushButton(self), QPushButton(self)
        self.new_button.clicked.connect(self.new_check)
        for button in (self.new_button, self.export_button):
            button.setAutoDefault(False)  # Enter in the entry table must not sample anew
        self.export_button.clicked.connect(self.export)
        self.labels = [QLabel(self) for _ in range(4)]
        self.problem, self.progress = QLabel(self), QLabel(self)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        self.entry_view = QTableView(self)
        self.entry_view.setModel(self.cells)
        self.entry_view.setItemDelegateForColumn(VALUE_COLUMN, ValueDelegate(self.entry_view))
        self.entry_view.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.entry_view.verticalHeader().setVisible(False)
        self.entry_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.entry_view.horizontalHeader().setStretchLastSection(True)
        self.report_view = _table(self, self.report)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._entry_page(), "")
        self.tabs.addTab(self._report_page(), "")
        self.tabs.currentChanged.connect(lambda _i: self._refresh_report())
        top = QHBoxLayout()
        top.addWidget(self.labels[0])
        top.addWidget(self.check_box, 2)
        fields: tuple[QWidget, ...] = (self.name, self.sample_size, self.seed)
        for label, widget in zip(self.labels[1:], fields, strict=True):
            top.addWidget(label)
            top.addWidget(widget, 1 if widget is self.name else 0)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(self.tabs, 1)

    def _entry_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        self.entry_hint = QLabel(page)
        self.entry_hint.setWordWrap(True)
        column.addWidget(self.entry_hint)
        column.addWidget(self.entry_view, 1)
        column.addWidget(self.progress)
        return page

    def _report_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        self.report_hint = QLabel(page)
        self.report_hint.setWordWrap(True)
        self.report_empty = QLabel(page)
        self.report_empty.setWordWrap(True)
        column.addWidget(self.report_hint)
        column.addWidget(self.report_empty)
        column.addWidget(self.report_view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.export_button)
        column.addLayout(row)
        return page

    # ------------------------------------------------------------ checks

    def reload(self, select: int | None = None) -> None:
        checks = self._session.workspace.checks(self._session.campaign.campaign_id)
        self.check_box.blockSignals(True)
        self.check_box.clear()
        for check in checks:
            self.check_box.addItem(f"{check.name} · {check.created[:10]}", check.check_id)
        found = (
            self.check_box.findData(select) if select is not None else self.check_box.count() - 1
        )
        self.check_box.setCurrentIndex(max(found, 0) if checks else -1)
        self.check_box.setEnabled(bool(checks))
        self.check_box.blockSignals(False)
        self._show_check()

    def new_check(self) -> None:
        s = self._session
        name = self.name.text().strip() or self.tr("Check {n}").format(n=self.check_box.count() + 1)
        try:
            check_id = s.workspace.create_check(
                s.campaign.campaign_id, name, self.sample_size.value(), self.seed.value(), s.actor
            )
        except (ValueError, StoreError) as error:
            self.problem.setText(str(error))
            return
        self.name.clear()
        self.seed.setValue(random.randrange(1000, 99_999))
        self.reload(check_id)

    def _show_check(self) -> None:
        self.problem.clear()
        check_id = self.check_box.currentData()
        s = self._session
        check = s.workspace.check(s.campaign.campaign_id, int(check_id)) if check_id else None
        self.cells.set_check(check)
        self.entry_view.resizeColumnsToContents()
        self._refresh_report()

    def _refresh_report(self) -> None:
        check = self.cells.check
        done = check.entered if check is not None else 0
        total = len(check.cells) if check is not None else 0
        self.progress.setText(
            self.tr("{done} of {total} cells entered").format(done=done, total=total)
            if check is not None
            else self.tr(
                "No check yet: choose how many cells to sample (and a name), then press “Sample”."
            )
        )
        self.rows = self._session.workspace.agreement_report(check) if check is not None else []
        self._render_report()

    def _render_report(self) -> None:
        self.report.set_rows([self._report_row(r) for r in self.rows])
        self.export_button.setEnabled(bool(self.rows))
        self.report_empty.setVisible(not self.rows)

    def _report_row(self, r: AgreementRow) -> list[str]:
        group = {
            "indicator": self.tr("Indicator"),
            "evaluator": self.tr("Evaluator"),
            "all": self.tr("All"),
        }[r.group]
        key = r.key
        if r.group == "indicator" and r.key in self._session.framework:
            key = f"{r.key} {self._session.name(self._session.framework[r.key])}"
        kappa = "—" if r.kappa is None or math.isnan(r.kappa) else f"{r.kappa:.2f}"
        mad = "—" if math.isnan(r.mad_range) else f"{100 * r.mad_range:.1f} %"
        return [group, key, str(r.pairs), f"{100 * r.exact:.0f} %", mad, kappa]

    def export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export agreement report"),
            "agreement.xlsx",
            "Excel (*.xlsx);;CSV (*.csv)",
        )
        if not name:
            return
        try:
            export_report(Path(name), self.rows, self._report_headers())
        except (ValueError, OSError) as error:
            self.problem.setText(str(error))

    # ------------------------------------------------------------ language

    def _report_headers(self) -> list[str]:
        return [
            self.tr("Group"), self.tr("Indicator / evaluator"), self.tr("Pairs"),
            self.tr("Exact agreement"), self.tr("Mean difference (of the range)"),
            self.tr("Cohen's kappa"),
        ]  # fmt: skip

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Second-evaluator check"))
        texts = (self.tr("Check:"), self.tr("New check:"), self.tr("Cells:"), self.tr("Seed:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.name.setPlaceholderText(self.tr("name"))
        self.new_button.setText(self.tr("Sample"))
        self.export_button.setText(self.tr("Export…"))
        self.tabs.setTabText(0, self.tr("Blind entry"))
        self.tabs.setTabText(1, self.tr("Agreement report"))
        self.entry_hint.setText(
            self.tr(
                "Enter each sampled cell again from the sources, without looking at the data "
                "entered first. Only someone who did not enter a cell may check it."
            )
        )
        self.report_hint.setText(
            self.tr(
                "Per indicator and per first evaluator: the share of cells entered identically, "
                "the mean difference as a share of the indicator's range, and Cohen's kappa for "
                "rating and yes/no indicators (“—”: cannot be computed for these pairs)."
            )
        )
        self.report_empty.setText(
            self.tr("The report fills in as the sampled cells are entered on “Blind entry”.")
        )
        self.seed.setToolTip(
            self.tr("The same seed and number of cells sample the same cells again.")
        )
        self.sample_size.setToolTip(self.tr("How many filled cells to sample for the check."))
        self.report.retranslate()
        self._render_report()
