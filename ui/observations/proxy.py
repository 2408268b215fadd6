"""Filters and sorts the observation table with numpy, presenting a row mapping to Qt.

Why not QSortFilterProxyModel: it asks Python once per row (`filterAcceptsRow`) and once
per comparison (`lessThan`), which at 100 000 rows takes seconds. Here a filter is a
numpy mask over whole columns (`models.observation_table.filter_mask`) and a sort one
stable argsort of a key column (`ObservationTableModel.sort_key`); the proxy keeps the
resulting source rows in display order (`_rows`) and their inverse (`_position`), so
mapping an index either way is one array lookup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from models.observation_table import TableFilter, filter_mask, sort_rows
from ui.observations.table_model import ObservationTableModel

Index = QModelIndex | QPersistentModelIndex
IntArray = npt.NDArray[np.int64]
_ROOT = QModelIndex()


class ObservationProxy(QAbstractProxyModel):
    """The observation table as filtered (`set_filter`) and sorted (`sort`) for the view."""

    def __init__(self, source: ObservationTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._filter = TableFilter()
        self._sort_column, self._order = -1, Qt.SortOrder.AscendingOrder
        self._rows: IntArray = np.arange(0, dtype=np.int64)
        self._position: IntArray = np.arange(0, dtype=np.int64)
        self.setSourceModel(source)
        source.modelAboutToBeReset.connect(self.beginResetModel)
        source.modelReset.connect(self._source_reset)
        source.dataChanged.connect(self._source_data_changed)
        source.headerDataChanged.connect(self.headerDataChanged)
        self._compute()

    # ------------------------------------------------------------ filter and sort

    @property
    def table_filter(self) -> TableFilter:
        return self._filter

    def set_filter(self, flt: TableFilter) -> None:
        """Show only the rows passing `flt` (kept sorted)."""
        if flt == self._filter:
            return
        self.beginResetModel()
        self._filter = flt
        self._compute()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by `column` (−1: the order the observations were entered); stable."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        sources = [(int(self._rows[i.row()]), i.column()) for i in persistent]
        self._sort_column, self._order = column, order
        self._rows = self._sorted(self._rows)
        self._update_positions()
        self.changePersistentIndexList(persistent, [self._at(r, c) for r, c in sources])
        self.layoutChanged.emit()

    def source_rows(self) -> IntArray:
        """The source rows shown, in display order (a copy)."""
        return self._rows.copy()

    def _compute(self) -> None:
        columns = self._source.columns
        if self._filter == TableFilter():
            rows = np.arange(len(columns), dtype=np.int64)
        else:
            mask = filter_mask(columns, self._filter, self._source.search_labels())
            rows = np.flatnonzero(mask).astype(np.int64)
        self._rows = self._sorted(rows)
        self._update_positions()

    def _sorted(self, rows: IntArray) -> IntArray:
        if self._sort_column < 0 or self._sort_column >= self._source.columnCount():
            return np.sort(rows)
        descending = self._order == Qt.SortOrder.DescendingOrder
        return sort_rows(rows, self._source.sort_key(self._sort_column), descending)

    def _update_positions(self) -> None:
        self._position = np.full(self._source.rowCount(), -1, dtype=np.int64)
        self._position[self._rows] = np.arange(len(self._rows), dtype=np.int64)

    def _at(self, source_row: int, column: int) -> QModelIndex:
        position = int(self._position[source_row]) if source_row < len(self._position) else -1
        return self.index(position, column) if position >= 0 else QModelIndex()

    # ------------------------------------------------------------ source signals

    def _source_reset(self) -> None:
        self._compute()
        self.endResetModel()

    def _source_data_changed(
        self, _top_left: QModelIndex, _bottom_right: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        if len(self._rows):
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last, list(roles))

    # ------------------------------------------------------------ mapping

    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        if not proxy_index.isValid() or proxy_index.row() >= len(self._rows):
            return QModelIndex()
        return self._source.index(int(self._rows[proxy_index.row()]), proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        return self._at(source_index.row(), source_index.column())

    def source_row(self, proxy_row: int) -> int:
        return int(self._rows[proxy_row])

    # ------------------------------------------------------------ shape

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if parent.isValid() or not (0 <= row < len(self._rows)):
            return QModelIndex()
        if not 0 <= column < self.columnCount():
            return QModelIndex()
        return self.createIndex(row, column)

    @overload
    def parent(self) -> QObject | None: ...
    @overload
    def parent(self, child: Index, /) -> QModelIndex: ...
    def parent(self, child: Index | None = None) -> QObject | QModelIndex | None:
        if child is None:
            return super().parent()
        return QModelIndex()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._source.columnCount()

    def hasChildren(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and len(self._rows) > 0

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return self._source.data(self.mapToSource(index), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal:
            return self._source.headerData(section, orientation, role)
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows):
            return str(section + 1)
        return None
