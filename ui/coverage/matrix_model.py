"""The coverage matrix: cities × indicator columns, each cell coloured by its state.

Columns are the framework's second-level nodes; a group can be expanded into its leaves
(`toggle`, `set_all_expanded`). The last row and column hold totals. Everything `data()`
shows is computed on refresh (`models.coverage` over `session.scores()` plus one status
query); `data()` only looks it up and formats it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from models.cities import City
from models.coverage import (
    CellState,
    ColumnGroup,
    CoverageGrid,
    Tally,
    column_groups,
    coverage_grid,
    tally,
    worst,
)
from models.framework import Indicator
from ui.coverage.texts import CoverageTexts
from ui.observations.deferred import DeferredRefresh
from ui.session import Session

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

STATE_ROLE = Qt.ItemDataRole.UserRole + 1  # int CellState of a cell; None on the totals
STATE_COLORS: dict[CellState, QColor] = {
    CellState.MISSING: QColor("#dadada"),
    CellState.DISCREPANCY: QColor("#f4a09a"),
    CellState.ENTERED: QColor("#ffe49a"),
    CellState.VERIFIED: QColor("#a9dba0"),
}
TEXT_COLOR = QColor("#1e1e1e")
TOTAL_COLOR = QColor("#f4f4f4")
_CENTER = Qt.AlignmentFlag.AlignCenter


@dataclass(frozen=True)
class MatrixColumn:
    """A shown column: a collapsed group (all its leaves) or one leaf of an expanded one."""

    node: Indicator
    group: int  # index into the model's groups
    leaves: tuple[int, ...]  # leaf positions in the grid
    is_group: bool


@dataclass(frozen=True, eq=False)
class _Snapshot:
    grid: CoverageGrid
    cities: tuple[City, ...]
    leaves: tuple[Indicator, ...]
    groups: list[ColumnGroup]

    def shape(self) -> tuple[object, ...]:
        return (self.grid.city_ids, self.grid.leaf_ids, [g.node.code for g in self.groups])


class CoverageModel(QAbstractTableModel):
    """Cities (rows) × second-level indicators or leaves (columns), plus a totals row/column.

    It refreshes after the session's scores change, once per event-loop turn, and not
    while `follower` is paused (its tab hidden): see DeferredRefresh.
    """

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.texts = CoverageTexts(session, self)
        self._expanded: set[str] = set()
        self.wrap_name: Callable[[str], str] = str  # the view sets a wrapper to its width
        self._apply(self._snapshot())
        self.follower = DeferredRefresh(self.refresh, self)
        session.scores_changed.connect(self.follower.request)
        session.language_changed.connect(self._names_changed)

    # ------------------------------------------------------------ computing

    def _snapshot(self) -> _Snapshot:
        scores = self._session.scores()
        framework = scores.framework
        leaves = tuple(framework[code] for code in scores.result.hierarchy.leaf_codes)
        leaf_ids = tuple(n.node_id or -1 for n in leaves)
        city_ids = tuple(c.city_id or -1 for c in scores.cities)
        cells = self._session.workspace.cell_observations(scores.campaign.campaign_id)
        grid = coverage_grid(
            city_ids, leaf_ids, scores.cells.count, scores.cells.discrepancy, cells
        )
        return _Snapshot(grid, scores.cities, leaves, column_groups(framework, leaf_ids))

    def _apply(self, snap: _Snapshot) -> None:
        self._snap = snap
        self.grid, self.cities, self.leaves, self.groups = (
            snap.grid,
            snap.cities,
            snap.leaves,
            snap.groups,
        )
        self._expanded &= {g.node.code for g in self.groups}
        self.row_tallies = [tally(row) for row in self.grid.state]
        self.overall: Tally = tally(self.grid.state)
        self._layout_columns()

    def _layout_columns(self) -> None:
        columns: list[MatrixColumn] = []
        for g, group in enumerate(self.groups):
            if group.node.code in self._expanded:
                columns += [MatrixColumn(self.leaves[p], g, (p,), False) for p in group.leaves]
            else:
                columns.append(MatrixColumn(group.node, g, group.leaves, not group.is_leaf))
        self._set_columns(columns)

    def _set_columns(self, columns: list[MatrixColumn]) -> None:
        """Show `columns`, summarising each (worst state and filled leaves per city)."""
        self.columns = columns
        blocks = [self.grid.state[:, list(c.leaves)] for c in columns]
        rows = len(self.cities)
        empty = np.zeros((rows, 0), dtype=np.int64)
        self._state = np.stack([worst(b) for b in blocks], 1) if blocks else empty
        filled = [(b != CellState.MISSING).sum(axis=1) for b in blocks]
        self._filled = np.stack(filled, 1) if filled else empty
        self.column_tallies = [tally(b) for b in blocks]

    def refresh(self) -> None:
        """Recompute; dataChanged when the grid kept its shape, a reset otherwise."""
        snap = self._snapshot()
        if snap.shape() != self._snap.shape():
            self.beginResetModel()
            self._apply(snap)
            self.endResetModel()
            return
        self._apply(snap)
        self._names_changed()

    def _names_changed(self, _language: str = "") -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)
        last = self.index(self.rowCount() - 1, self.columnCount() - 1)
        self.dataChanged.emit(self.index(0, 0), last)

    # ------------------------------------------------------------ expanding

    def is_expanded(self, group: int) -> bool:
        return self.groups[group].node.code in self._expanded

    def toggle(self, column: int) -> None:
        """Expand a group column into its leaves, or collapse the group of a leaf column."""
        if not 0 <= column < len(self.columns):
            return
        group = self.columns[column].group
        if self.groups[group].is_leaf:
            return
        shown = [i for i, c in enumerate(self.columns) if c.group == group]
        first, last = shown[0], shown[-1]
        self.beginRemoveColumns(_ROOT, first, last)
        self._expanded ^= {self.groups[group].node.code}
        self._set_columns(self.columns[:first] + self.columns[last + 1 :])
        self.endRemoveColumns()
        added = len(self.groups[group].leaves) if self.is_expanded(group) else 1
        self.beginInsertColumns(_ROOT, first, first + added - 1)
        self._layout_columns()
        self.endInsertColumns()

    def set_all_expanded(self, expanded: bool) -> None:
        """Show every group's leaves (the third level), or only the groups."""
        self.beginResetModel()
        self._expanded = {g.node.code for g in self.groups if not g.is_leaf} if expanded else set()
        self._layout_columns()
        self.endResetModel()

    # ------------------------------------------------------------ shape

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.cities) + 1  # + totals

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns) + 1  # + totals

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def is_total(self, row: int, column: int) -> bool:
        return row >= len(self.cities) or column >= len(self.columns)

    def cell_ids(self, row: int, column: int) -> tuple[int, int] | None:
        """(city_id, leaf id) to open for a cell: the leaf itself, or for a group the first
        leaf in the group's (worst) state; None for the totals."""
        if self.is_total(row, column):
            return None
        leaves = self.columns[column].leaves
        states = self.grid.state[row, list(leaves)]
        leaf = leaves[int(np.argmin(states))]  # argmin: the first of the worst
        return self.grid.city_ids[row], self.grid.leaf_ids[leaf]

    def state(self, row: int, column: int) -> CellState | None:
        if self.is_total(row, column):
            return None
        return CellState(int(self._state[row, column]))

    # ------------------------------------------------------------ display

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER
        if role == Qt.ItemDataRole.ForegroundRole:
            return TEXT_COLOR
        if self.is_total(row, column):
            return self._total_data(row, column, role)
        state = CellState(int(self._state[row, column]))
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell_text(row, column, state)
        if role == Qt.ItemDataRole.BackgroundRole:
            return STATE_COLORS[state]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cell_tooltip(row, column)
        if role == STATE_ROLE:
            return int(state)
        return None

    def _cell_text(self, row: int, column: int, state: CellState) -> str:
        shown = self.columns[column]
        if shown.is_group:
            return f"{int(self._filled[row, column])}/{len(shown.leaves)}"
        count = int(self.grid.count[row, shown.leaves[0]])
        return self.texts.leaf_mark(state, count)

    def _cell_tooltip(self, row: int, column: int) -> str:
        shown, city = self.columns[column], self.cities[row]
        if not shown.is_group:
            return self.texts.leaf_tooltip(city, shown.node, self.grid, row, shown.leaves[0])
        leaves = [(p, self.leaves[p]) for p in shown.leaves]
        return self.texts.group_tooltip(city, shown.node, self.grid, row, leaves)

    def _total_data(self, row: int, column: int, role: int) -> object:
        block = self._total_tally(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return TOTAL_COLOR
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts.total_text(block, two_lines=row >= len(self.cities))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.texts.total_tooltip(block)
        return None

    def _total_tally(self, row: int, column: int) -> Tally:
        if row < len(self.cities):
            return self.row_tallies[row]
        if column < len(self.columns):
            return self.column_tallies[column]
        return self.overall

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal
        count = len(self.columns) if horizontal else len(self.cities)
        if not 0 <= section <= count:
            return None
        if section == count:
            return self.texts.total_header() if role == Qt.ItemDataRole.DisplayRole else None
        if not horizontal:
            city = self.cities[section]
            return self._session.name(city) if role == Qt.ItemDataRole.DisplayRole else None
        shown = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{shown.node.code}\n{self.wrap_name(self._session.name(shown.node))}"
        if role == Qt.ItemDataRole.ToolTipRole:
            expanded = self.is_expanded(shown.group)
            return self.texts.header_tooltip(shown.node, shown.is_group, expanded)
        return None
