"""The data-entry tab: cities (left), the indicator tree and the cell's history (centre),
the entry panel (right), in splitters laid out for 1366 × 768.

The tab is the only listener to the session's signals; it reloads the city's observations
once per change and then refreshes each view in order (panel, history, tree, cities)."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.entry.cells import CityCells, ScoreLookup
from ui.entry.city_list import CITY_ID_ROLE, CityListPanel
from ui.entry.history import HistoryView
from ui.entry.indicator_tree import CHANNEL, DONE, NAME, STATUS, VALUE, IndicatorTreeModel
from ui.entry.panel import EntryPanel
from ui.session import Session

AnyIndex = QModelIndex | QPersistentModelIndex
CITY_WIDTH, PANEL_WIDTH = 220, 380


class EntryTab(QWidget):
    """Where a field evaluator enters the observations of a city, indicator by indicator."""

    cell_selected = Signal(int, int)  # city id, indicator node id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.cells = CityCells(session)
        self.cities = CityListPanel(session, self)
        self.tree_model = IndicatorTreeModel(session, self.cells, self)
        self.tree = QTreeView(self)
        self.history = HistoryView(session, self)
        self.panel = EntryPanel(session, self.cells, self)
        self._build()
        self._connect()
        self.retranslate()
        first = next((c.city_id for c in session.cities if c.city_id is not None), None)
        if first is not None:  # open on a city, so the tree shows something to enter
            self.select_city(first)

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        self._setup_tree()
        centre = QSplitter(Qt.Orientation.Vertical, self)
        centre.addWidget(self.tree)
        centre.addWidget(self.history)
        centre.setStretchFactor(0, 3)
        centre.setStretchFactor(1, 2)
        centre.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for widget in (self.cities, centre, self.panel):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.cities.setMinimumWidth(180)
        self.panel.setMinimumWidth(320)
        self.splitter.setSizes([CITY_WIDTH, 1366 - CITY_WIDTH - PANEL_WIDTH, PANEL_WIDTH])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

    def _setup_tree(self) -> None:
        tree = self.tree
        tree.setModel(self.tree_model)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.expandAll()
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((VALUE, 140), (CHANNEL, 125), (STATUS, 76), (DONE, 44)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)

    def _connect(self) -> None:
        session = self._session
        session.observations_changed.connect(self._on_observations_changed)
        session.scores_changed.connect(self._on_scores_changed)
        session.framework_changed.connect(self._on_framework_changed)
        session.campaign_changed.connect(self._on_campaign_changed)
        session.language_changed.connect(self._on_language_changed)
        self.cities.city_selected.connect(self._on_city)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current)
        self.panel.advance_requested.connect(self._advance)
        self.panel.observation_shown.connect(self._on_observation_shown)
        self.history.observation_selected.connect(self.panel.edit_observation)
        self.cities.search.returnPressed.connect(self._on_search_enter)
        for view in (self.cities.view, self.tree):
            view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the city list or the tree goes to the value field: keyboard-only entry."""
        if _is_enter(event) and self.panel.editor is not None:
            self.panel.focus_value()
            return True
        return super().eventFilter(watched, event)

    def _on_search_enter(self) -> None:
        """Enter in the search field: the first city found, then its value field."""
        first = self.cities.proxy.index(0, 0)
        if first.isValid():
            self.select_city(int(first.data(CITY_ID_ROLE)))
            self.panel.focus_value()

    # ------------------------------------------------------------ selection

    @Slot(int, int)
    def select_cell(self, city_id: int, indicator_id: int) -> None:
        """Show city × indicator (e.g. asked by the coverage matrix)."""
        self.select_city(city_id)
        index = self.tree_model.index_of(indicator_id)
        if index.isValid():
            self._set_tree_current(index)

    @Slot(int)
    def select_city(self, city_id: int) -> None:
        self.cities.select_city(city_id)
        if self.cells.city_id != city_id:
            self._on_city(city_id)

    def current_cell(self) -> tuple[int | None, int | None]:
        indicator = self.panel.indicator
        return self.cells.city_id, indicator.node_id if indicator else None

    def _on_city(self, city_id: int) -> None:
        if city_id == self.cells.city_id:
            return
        self.panel.flush()
        self.cells.load(city_id)
        self.tree_model.refresh()
        leaves = self.tree_model.leaf_ids()
        missing = [leaf for leaf in leaves if not self.tree_model.is_filled(leaf)]
        current = self.panel.indicator.node_id if self.panel.indicator else None
        target = missing[0] if missing else current or (leaves[0] if leaves else None)
        self.panel.show_nothing()
        if target is not None:
            self._set_tree_current(self.tree_model.index_of(target))

    def _set_tree_current(self, index: QModelIndex) -> None:
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        selection = self.tree.selectionModel()
        if index == selection.currentIndex():
            self._on_tree_current(index, QModelIndex())
        selection.setCurrentIndex(index, flags)
        self.tree.scrollTo(index)

    def _on_tree_current(self, current: AnyIndex, _previous: AnyIndex) -> None:
        node = self.tree_model.node(current)
        city = self.cells.city_id
        if node is None or city is None:
            self.panel.show_nothing()
            self._refresh_history()
            return
        if not self.tree_model.is_leaf(current):
            filled, total = self.tree_model.completion(current)
            self.panel.show_branch(node, filled, total)
            self._refresh_history()
            return
        self.panel.show_cell(city, node)
        self._refresh_history()
        if node.node_id is not None:
            self.cell_selected.emit(city, node.node_id)

    def _advance(self) -> None:
        """Enter in the value editor: go to the next leaf; after the last, say so."""
        indicator = self.panel.indicator
        leaves = self.tree_model.leaf_ids()
        if indicator is None or indicator.node_id not in leaves:
            return
        position = leaves.index(indicator.node_id)
        if position + 1 < len(leaves):
            self._set_tree_current(self.tree_model.index_of(leaves[position + 1]))
            self.panel.focus_value()
            return
        self.panel.show_message(self._end_message())

    def _end_message(self) -> str:
        city = next((c for c in self._session.cities if c.city_id == self.cells.city_id), None)
        name = self._session.name(city) if city else ""
        missing = self.tree_model.missing_leaves()
        if missing == 0:
            return self.tr("{city} is complete: every indicator has a value.").format(city=name)
        return self.tr("Last indicator of {city}; {n} indicators still have no value.").format(
            city=name, n=missing
        )

    # ------------------------------------------------------------ session signals

    def _on_observations_changed(self) -> None:
        self.cells.reload()
        self.panel.refresh()

    def _on_scores_changed(self) -> None:
        self.tree_model.refresh()
        self.cities.model.refresh_completion()
        self._refresh_history()

    def _on_observation_shown(self, _uuid: object) -> None:
        self._refresh_history(audit=False)

    def _refresh_history(self, audit: bool = True) -> None:
        indicator, city = self.panel.indicator, self.cells.city_id
        if indicator is None or indicator.node_id is None or city is None:
            self.history.show_cell(None, None, [], None, False)
            return
        disagree = ScoreLookup(self._session.scores()).cell(city, indicator.code).discrepancy
        cell = self.cells.of(indicator.node_id)
        if audit:
            self.history.show_cell(city, indicator, cell, self.panel.uuid, disagree)
        else:
            self.history.set_current(indicator, cell, self.panel.uuid, disagree)

    def flush(self) -> None:
        """Save a value still being typed (call before closing the workspace)."""
        self.panel.flush()

    def _on_framework_changed(self) -> None:
        _city, current = self.current_cell()
        self.panel.show_nothing()
        self.tree_model.reset()
        self.tree.expandAll()
        if current is not None and self.tree_model.index_of(current).isValid():
            self._set_tree_current(self.tree_model.index_of(current))

    def _on_campaign_changed(self) -> None:
        self.panel.show_nothing()
        self.cells.load(None)
        self.cities.model.reset()
        self.tree_model.reset()
        self.tree.expandAll()
        self.cities.retranslate()

    def _on_language_changed(self, language: str) -> None:
        self.cities.refresh_names()
        self.tree_model.refresh_names()
        self.panel.set_language(language)
        self._refresh_history()

    # ------------------------------------------------------------ language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.tree.setToolTip(
            self.tr("Tinted rows have no value yet; ⚠ marks observations that disagree")
        )
        self.tree_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, DONE)


def _is_enter(event: QEvent) -> bool:
    return (
        isinstance(event, QKeyEvent)
        and event.type() == QEvent.Type.KeyPress
        and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
    )
