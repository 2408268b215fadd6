"""The observation table tab: filter bar (five combo boxes and a search field) over a table.

Double-click (or Enter) on a row emits `cell_activated(city_id, indicator_id)`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.cities import CHANNELS
from models.observation_table import TableFilter
from models.schema import STATUSES
from ui.observations.labels import channel_label, status_label
from ui.observations.proxy import ObservationProxy
from ui.observations.table_model import Column, ObservationTableModel
from ui.session import Session

SEARCH_DELAY_MS = 150
_MAX_COLUMN_WIDTH = 280


class ObservationsTab(QWidget):
    """Every observation of the campaign, filtered by combo boxes and free text."""

    cell_activated = Signal(int, int)  # city_id, indicator_id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.model = ObservationTableModel(session, self)
        self.model.follower.set_paused(True)  # until shown
        self.proxy = ObservationProxy(self.model, self)
        self._kept_uuid: str | None = None
        self._build()
        self._fill_combos()
        self.retranslate()
        self._fit_columns()
        session.language_changed.connect(self._language_changed)
        session.campaign_changed.connect(self._fill_combos)
        session.framework_changed.connect(self._fill_combos)
        self.model.modelReset.connect(self._fill_evaluators)
        self.proxy.modelAboutToBeReset.connect(self._keep_current)
        self.proxy.modelReset.connect(self._restore_current)
        self.proxy.modelReset.connect(self._show_count)
        self.proxy.layoutChanged.connect(self._show_count)

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        self.city_box, self.indicator_box = QComboBox(self), QComboBox(self)
        self.channel_box, self.evaluator_box = QComboBox(self), QComboBox(self)
        self.status_box = QComboBox(self)
        for box, chars in self._boxes_and_widths():
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(chars)
            box.currentIndexChanged.connect(self.apply_filters)
        self.indicator_box.view().setMinimumWidth(360)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        self.clear_button = QPushButton(self)
        self.clear_button.clicked.connect(self.clear_filters)
        self.count_label = QLabel(self)
        self.view = self._make_view()
        bar = QHBoxLayout()
        for box, _chars in self._boxes_and_widths():
            bar.addWidget(box)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.clear_button)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def _boxes_and_widths(self) -> list[tuple[QComboBox, int]]:
        return [
            (self.city_box, 9),
            (self.indicator_box, 16),
            (self.channel_box, 9),
            (self.evaluator_box, 8),
            (self.status_box, 7),
        ]

    def _make_view(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.proxy)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        view.setSortingEnabled(True)
        view.activated.connect(self._activated)
        return view

    def _fit_columns(self) -> None:
        """Widths from the first rows, widened to every value a coded column can show."""
        header = self.view.horizontalHeader()
        header.setResizeContentsPrecision(60)  # sample the first rows, not 100 000
        self.view.resizeColumnsToContents()
        metrics = self.view.fontMetrics()
        for column in range(self.proxy.columnCount()):
            texts = self.model.possible_texts(Column(column))
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0) + 12
            width = min(max(header.sectionSize(column), widest), _MAX_COLUMN_WIDTH)
            header.resizeSection(column, width + 8)

    # ------------------------------------------------------------ combo boxes

    def _fill_combos(self) -> None:
        language = self._session.language
        leaves = self._session.framework.leaves()
        self._fill(
            self.city_box, [(self._session.name(c), c.city_id) for c in self._session.cities]
        )
        self._fill(
            self.indicator_box,
            [(f"{n.code} {self._session.name(n)}", n.node_id) for n in leaves],
        )
        self._fill(
            self.channel_box, [(channel_label(c, language), i) for i, c in enumerate(CHANNELS)]
        )
        self._fill(
            self.status_box, [(status_label(s, language), i) for i, s in enumerate(STATUSES)]
        )
        self._fill_evaluators()

    def _fill_evaluators(self) -> None:
        evaluators = self.model.columns.evaluators
        self._fill(self.evaluator_box, [(e, e) for e in evaluators])

    def _fill(self, box: QComboBox, items: list[tuple[str, object]]) -> None:
        """Replace a box's items, keeping its choice when still offered."""
        chosen = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem("", None)
        for text, data in items:
            box.addItem(text, data)
        found = box.findData(chosen) if chosen is not None else -1
        box.setCurrentIndex(max(found, 0))
        box.blockSignals(False)
        self._all_texts()
        if chosen is not None and found < 0:
            self.apply_filters()

    def _all_texts(self) -> None:
        texts = (
            (self.city_box, self.tr("All cities")),
            (self.indicator_box, self.tr("All indicators")),
            (self.channel_box, self.tr("All channels")),
            (self.evaluator_box, self.tr("All evaluators")),
            (self.status_box, self.tr("All statuses")),
        )
        for box, text in texts:
            if box.count():
                box.setItemText(0, text)

    # ------------------------------------------------------------ filtering

    def current_filter(self) -> TableFilter:
        """The filter the boxes and the search field describe."""
        return TableFilter(
            city_id=self.city_box.currentData(),
            indicator_id=self.indicator_box.currentData(),
            channel=self.channel_box.currentData(),
            status=self.status_box.currentData(),
            evaluator=self.evaluator_box.currentData(),
            text=self.search.text().strip(),
        )

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self.proxy.set_filter(self.current_filter())
        self._show_count()

    def clear_filters(self) -> None:
        for box, _chars in self._boxes_and_widths():
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filters()

    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = self.tr("{shown} of {total} observations")
        self.count_label.setText(text.format(shown=f"{shown:,}", total=f"{total:,}"))

    # ------------------------------------------------------------ current row across resets

    def _keep_current(self) -> None:
        current = self.view.currentIndex()
        self._kept_uuid = None
        if current.isValid():
            self._kept_uuid = self.model.uuid(self.proxy.source_row(current.row()))

    def _restore_current(self) -> None:
        if self._kept_uuid is None:
            return
        row = self.model.columns.row_of(self._kept_uuid)
        proxy_index = (
            self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else None
        )
        if proxy_index is not None and proxy_index.isValid():
            self.view.setCurrentIndex(proxy_index)
            self.view.scrollTo(proxy_index, QAbstractItemView.ScrollHint.PositionAtCenter)

    # ------------------------------------------------------------ activation and language

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            city_id, indicator_id = self.model.ids(self.proxy.source_row(index.row()))
            self.cell_activated.emit(city_id, indicator_id)

    def _language_changed(self, _language: str) -> None:
        self._fill_combos()
        self._fit_columns()

    def showEvent(self, event: QShowEvent) -> None:
        self.model.follower.set_paused(False)  # catch up with the edits made meanwhile
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.model.follower.set_paused(True)
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._all_texts()
        self.search.setPlaceholderText(self.tr("Search all text columns…"))
        self.clear_button.setText(self.tr("Clear filters"))
        self._show_count()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
