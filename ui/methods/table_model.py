"""A read-only table of prepared display cells (results of a computation), and a sortable
view of it. The cells are computed once when a result arrives; `data()` only looks up."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

SORT_ROLE = Qt.ItemDataRole.UserRole
FLAG_BACKGROUND = "#fde2c4"  # flagged statistic / judgement
ALERT_BACKGROUND = "#f7c6c0"  # the worst problem
MUTED_FOREGROUND = "#777777"
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass(frozen=True)
class Cell:
    text: str
    sort: float | str | None = None  # sort key (default: the text)
    background: str | None = None
    tooltip: str | None = None
    number: bool = False  # right-aligned
    bold: bool = False
    muted: bool = False


def text_cell(
    text: str, tooltip: str | None = None, background: str | None = None, bold: bool = False
) -> Cell:
    return Cell(text, text, background=background, tooltip=tooltip or None, bold=bold)


def num_cell(
    value: float | None,
    digits: int = 3,
    suffix: str = "",
    background: str | None = None,
    tooltip: str | None = None,
    bold: bool = False,
) -> Cell:
    """A right-aligned number ("–" when missing) sorting by value (missing last)."""
    if value is None or not math.isfinite(value):
        return Cell("–", math.inf, background, tooltip, number=True, bold=bold)
    text = f"{value:.{digits}f}{suffix}"
    return Cell(text, float(value), background, tooltip, number=True, bold=bold)


class TableModel(QAbstractTableModel):
    """Rows of `Cell`s under translated headers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._tips: list[str] = []
        self._rows: list[list[Cell]] = []

    def set_rows(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        tips: Sequence[str] = (),
    ) -> None:
        width = len(headers)
        if any(len(row) != width for row in rows):
            raise ValueError("every row needs one cell per header")
        self.beginResetModel()
        self._headers = list(headers)
        self._tips = list(tips) + [""] * (width - len(tips))
        self._rows = [list(row) for row in rows]
        self.endResetModel()

    def cell(self, row: int, column: int) -> Cell:
        return self._rows[row][column]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        cell = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == SORT_ROLE:
            return cell.sort if cell.sort is not None else cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tooltip
        if role == Qt.ItemDataRole.BackgroundRole and cell.background:
            return QBrush(QColor(cell.background))
        if role == Qt.ItemDataRole.ForegroundRole and cell.muted:
            return QBrush(QColor(MUTED_FOREGROUND))
        if role == Qt.ItemDataRole.FontRole and cell.bold:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and cell.number:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Vertical:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips[section] or self._headers[section]
        return None


def table_view(
    model: TableModel,
    parent: QWidget | None = None,
    sortable: bool = False,
    stretch: bool = True,
) -> QTableView:
    """A compact read-only view of `model` (sorting through a proxy when `sortable`)."""
    view = QTableView(parent)
    if sortable:
        proxy = QSortFilterProxyModel(view)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the model's order at first
    else:
        view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(22)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(stretch)
    view.setWordWrap(False)
    return view


def fit_rows(view: QTableView, most: int = 12) -> None:
    """Make `view` exactly as tall as its rows (up to `most`, then it scrolls)."""
    model = view.model()
    rows = min(model.rowCount() if model is not None else 0, most)
    height = view.horizontalHeader().height() + 2 * view.frameWidth()
    height += (
        sum(view.rowHeight(r) for r in range(rows)) or view.verticalHeader().defaultSectionSize()
    )
    if view.horizontalScrollBar().isVisible():
        height += view.horizontalScrollBar().height()
    view.setFixedHeight(height)
