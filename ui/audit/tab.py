"""The Audit trail tab: every change ever made, filtered by evaluator, team, dates, city and
indicator, read lazily (AuditTableModel) and exported to Excel (formula-safe)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.audit_query import AuditFilter
from models.tables import Cell, write_table
from ui.audit.model import COLUMNS, AuditTableModel
from ui.session import Session
from ui.times import local_zone

EXPORT_CHUNK = 5000
_NO_DATE = QDate(2000, 1, 1)  # the minimum of the date fields: shown as "any"
_WIDTHS = (150, 130, 70, 100, 280, 70, 320)


class AuditTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.model = AuditTableModel(session, self)
        self._stale = True
        self._build()
        self.retranslate()
        self._fill_combos()
        session.observations_changed.connect(self._changed)
        session.framework_changed.connect(self._changed)
        session.campaign_changed.connect(self._changed)
        session.language_changed.connect(lambda _l: self._language_changed())
        self.model.modelReset.connect(self._show_count)

    def _build(self) -> None:
        self.evaluator_box, self.team_box = QComboBox(self), QComboBox(self)
        self.city_box, self.indicator_box = QComboBox(self), QComboBox(self)
        self.date_from, self.date_to = self._date_edit(), self._date_edit()
        for box, chars in ((self.evaluator_box, 10), (self.team_box, 7), (self.city_box, 7),
                           (self.indicator_box, 14)):  # fmt: skip
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(chars)
            box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.indicator_box.view().setMinimumWidth(360)
        self.from_label, self.to_label, self.count_label = QLabel(self), QLabel(self), QLabel(self)
        self.clear_button, self.export_button = QPushButton(self), QPushButton(self)
        self.clear_button.clicked.connect(self.clear_filters)
        self.export_button.clicked.connect(self.export)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(_WIDTHS):
            self.view.setColumnWidth(column, width)
        bar = QHBoxLayout()
        for widget in (self.evaluator_box, self.team_box, self.from_label, self.date_from,
                       self.to_label, self.date_to, self.city_box, self.indicator_box):  # fmt: skip
            bar.addWidget(widget)
        bar.addWidget(self.clear_button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(_NO_DATE)
        edit.setDate(_NO_DATE)
        edit.dateChanged.connect(lambda _d: self.apply_filters())
        return edit

    # ------------------------------------------------------------ filters

    def _fill_combos(self) -> None:
        ws, s = self._session.workspace, self._session
        self._fill(self.evaluator_box, [(e, e) for e in ws.audit_evaluators()])
        self._fill(self.team_box, [(t, t) for t in ws.audit_teams()])
        self._fill(self.city_box, [(s.name(c), c.city_id) for c in s.cities])
        leaves = s.framework.leaves()
        self._fill(self.indicator_box, [(f"{n.code} {s.name(n)}", n.node_id) for n in leaves])

    def _fill(self, box: QComboBox, items: list[tuple[str, object]]) -> None:
        chosen = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem("", None)
        for text, data in items:
            box.addItem(text, data)
        box.setCurrentIndex(max(box.findData(chosen), 0) if chosen is not None else 0)
        box.blockSignals(False)
        self._all_texts()

    def _all_texts(self) -> None:
        for box, text in (
            (self.evaluator_box, self.tr("All evaluators")),
            (self.team_box, self.tr("All teams")),
            (self.city_box, self.tr("All cities")),
            (self.indicator_box, self.tr("All indicators")),
        ):
            if box.count():
                box.setItemText(0, text)

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            evaluator=self.evaluator_box.currentData(),
            team=self.team_box.currentData(),
            date_from=_day(self.date_from.date()),
            date_to=_day(self.date_to.date()),
            city_id=self.city_box.currentData(),
            indicator_id=self.indicator_box.currentData(),
            zone=local_zone(),  # the days the user picks are the days of the times shown
        )

    def apply_filters(self) -> None:
        self.model.set_filter(self.current_filter())

    def clear_filters(self) -> None:
        for box in (self.evaluator_box, self.team_box, self.city_box, self.indicator_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
            edit.setDate(_NO_DATE)
            edit.blockSignals(False)
        self.apply_filters()

    def _show_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(
            self.tr("{count} changes").format(count=f"{count:,}")
            if count or self.current_filter() == AuditFilter()
            else self.tr("No change matches these filters")
        )
        self.export_button.setEnabled(count > 0)

    # ------------------------------------------------------------ export

    def export(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the audit trail"), "audit-trail.xlsx", "Excel (*.xlsx)"
        )
        return self.export_to(Path(name)) if name else None

    def export_to(self, path: Path) -> Path | None:
        total = self.model.rowCount()
        progress = QProgressDialog(self.tr("Exporting…"), self.tr("Cancel"), 0, total, self)
        progress.setMinimumDuration(500)
        rows: list[list[Cell]] = []
        for first in range(0, total, EXPORT_CHUNK):
            progress.setValue(first)
            if progress.wasCanceled():
                return None
            for row in self.model.fetch_oldest_first(first, first + EXPORT_CHUNK):
                rows.append(list(self.model.texts.cells(row)))
        progress.close()
        try:
            write_table(path, self.model.texts.headers(), rows, "audit")
        except (ValueError, OSError) as error:
            self.count_label.setText(str(error))
            return None
        return path

    # ------------------------------------------------------------ refresh and language

    def _changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self._refresh()

    def _refresh(self) -> None:
        self._stale = False
        self._fill_combos()
        self.model.reload()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._refresh()
        super().showEvent(event)

    def _language_changed(self) -> None:
        self._fill_combos()
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._all_texts()
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        for edit in (self.date_from, self.date_to):
            edit.setSpecialValueText(self.tr("any day"))
        self.clear_button.setText(self.tr("Clear filters"))
        self.export_button.setText(self.tr("Export…"))
        self._show_count()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)


def _day(value: QDate) -> date | None:
    return None if value == _NO_DATE else date(value.year(), value.month(), value.day())
