"""Every observation of the session's campaign as a flat table (the proxy's source).

Rows are positions in `ObservationColumns`, loaded in one query on every change of the
campaign's observations; `data()` only formats one value of those arrays. Sorting and
filtering happen in `ObservationProxy` with numpy (see proxy.py).
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from models.cities import CHANNELS, City
from models.framework import Indicator
from models.observation_table import ObservationColumns, SortKey
from models.schema import STATUSES
from ui.observations.deferred import DeferredRefresh
from ui.observations.labels import (
    channel_label,
    channel_search_text,
    status_label,
    status_search_text,
)
from ui.session import Session
from ui.times import local_time

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_REJECTED = STATUSES.index("rejected")
_MUTED = QColor("#8a8a8a")


class Column(IntEnum):
    CITY = 0
    CODE = 1
    INDICATOR = 2
    VALUE = 3
    UNIT = 4
    CHANNEL = 5
    EVALUATOR = 6
    DEVICE = 7
    OBSERVED_ON = 8
    STATUS = 9
    SOURCE = 10
    NOTE = 11
    UPDATED = 12


_TEXT_COLUMN = {
    Column.DEVICE: "device",
    Column.OBSERVED_ON: "observed_on",
    Column.SOURCE: "source",
    Column.NOTE: "note",
}


_LONG_TEXT = (Column.INDICATOR, Column.SOURCE, Column.NOTE)


def format_value(value: float) -> str:
    """A stored value as typed: no trailing zeros, no exponent below 10^15."""
    return f"{value:.15g}" if abs(value) < 1e15 else f"{value:g}"


class ObservationTableModel(QAbstractTableModel):
    """Read-only table of the campaign's live observations (one row per observation).

    It reloads after the session's observations or campaign change, once per event-loop
    turn, and not while `follower` is paused (its tab hidden): see DeferredRefresh.
    """

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._columns = session.workspace.observation_columns(session.campaign.campaign_id)
        self._cities: dict[int, City] = {}
        self._indicators: dict[int, Indicator] = {}
        self._lookups()
        self.follower = DeferredRefresh(self.reload, self)
        session.observations_changed.connect(self.follower.request)
        session.campaign_changed.connect(self.follower.request)
        session.framework_changed.connect(self._names_changed)
        session.language_changed.connect(self._names_changed)

    # ------------------------------------------------------------ loading

    @property
    def columns(self) -> ObservationColumns:
        return self._columns

    def reload(self) -> None:
        """Read the campaign's observations again (one query) and reset."""
        self.beginResetModel()
        self._columns = self._session.workspace.observation_columns(
            self._session.campaign.campaign_id
        )
        self._lookups()
        self.endResetModel()

    def _lookups(self) -> None:
        self._cities = {c.city_id: c for c in self._session.cities if c.city_id is not None}
        self._indicators = {
            n.node_id: n for n in self._session.framework.nodes if n.node_id is not None
        }

    def _names_changed(self) -> None:
        self._lookups()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self.rowCount():
            bottom_right = self.index(self.rowCount() - 1, len(Column) - 1)
            self.dataChanged.emit(self.index(0, 0), bottom_right)

    # ------------------------------------------------------------ shape

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # ------------------------------------------------------------ ids

    def ids(self, row: int) -> tuple[int, int]:
        """(city_id, indicator_id) of a row."""
        return int(self._columns.city_id[row]), int(self._columns.indicator_id[row])

    def uuid(self, row: int) -> str:
        return str(self._columns.uuid[row])

    # ------------------------------------------------------------ display

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return self._titles()[section] if 0 <= section < len(Column) else None

    def _titles(self) -> tuple[str, ...]:
        return (
            self.tr("City"),
            self.tr("Code"),
            self.tr("Indicator"),
            self.tr("Value"),
            self.tr("Unit"),
            self.tr("Channel"),
            self.tr("Evaluator"),
            self.tr("Device"),
            self.tr("Observed"),
            self.tr("Status"),
            self.tr("Source"),
            self.tr("Note"),
            self.tr("Updated"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in _LONG_TEXT:
            return self.text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.VALUE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ForegroundRole and self._columns.status[row] == _REJECTED:
            return _MUTED
        return None

    def text(self, row: int, column: Column) -> str:
        """The text shown in one cell."""
        cols = self._columns
        if column == Column.CITY:
            city = self._cities.get(int(cols.city_id[row]))
            return self._session.name(city) if city else str(cols.city_id[row])
        if column in (Column.CODE, Column.INDICATOR, Column.UNIT):
            return self._indicator_text(int(cols.indicator_id[row]), column)
        if column == Column.VALUE:
            return format_value(float(cols.value[row]))
        if column == Column.CHANNEL:
            return channel_label(CHANNELS[int(cols.channel[row])], self._session.language)
        if column == Column.STATUS:
            return status_label(STATUSES[int(cols.status[row])], self._session.language)
        if column == Column.EVALUATOR:
            return cols.evaluators[int(cols.evaluator[row])]
        if column == Column.UPDATED:
            return local_time(str(cols.updated_at[row]), seconds=False)
        return str(getattr(cols, _TEXT_COLUMN[column])[row])

    def _indicator_text(self, indicator_id: int, column: Column) -> str:
        node = self._indicators.get(indicator_id)
        if node is None:
            return str(indicator_id) if column == Column.CODE else ""
        if column == Column.CODE:
            return node.code
        if column == Column.INDICATOR:
            return self._session.name(node)
        return node.spec.unit if node.spec else ""

    # ------------------------------------------------------------ for the proxy

    def sort_key(self, column: int) -> SortKey:
        """One key per row ordering the rows as `column` should sort.

        City: campaign order; code: framework order; channel and status: their fixed
        order (draft → rejected); value: numerically; the rest by their text.
        """
        cols = self._columns
        if column == Column.CITY:
            cities = self._session.cities
            order = {c.city_id: i for i, c in enumerate(cities) if c.city_id is not None}
            return _by_id(cols.city_id, order)
        if column in (Column.CODE, Column.INDICATOR, Column.UNIT):
            return _by_id(cols.indicator_id, self._indicator_order(Column(column)))
        simple: dict[int, SortKey] = {
            Column.VALUE: cols.value,
            Column.CHANNEL: cols.channel,
            Column.STATUS: cols.status,
            Column.EVALUATOR: cols.evaluator,
            Column.UPDATED: cols.coded("updated_at").codes,
        }
        if column in simple:
            return simple[column]
        return cols.coded(_TEXT_COLUMN[Column(column)]).codes

    def _indicator_order(self, column: Column) -> dict[int, int]:
        nodes = self._session.framework.walk()
        if column == Column.CODE:
            return {n.node_id: i for i, n in enumerate(nodes) if n.node_id is not None}
        texts = {n.node_id: self._indicator_text(n.node_id, column) for n in nodes if n.node_id}
        ranked = sorted(texts, key=lambda node_id: texts[node_id])
        return {node_id: i for i, node_id in enumerate(ranked)}

    def possible_texts(self, column: Column) -> list[str]:
        """Every text a coded column can show (to size it); [] for free-text columns."""
        language = self._session.language
        leaves = [n for n in self._indicators.values() if n.spec is not None]
        texts: dict[Column, list[str]] = {
            Column.CITY: [self._session.name(c) for c in self._cities.values()],
            Column.CODE: [n.code for n in leaves],
            Column.INDICATOR: [self._session.name(n) for n in leaves],
            Column.UNIT: [n.spec.unit for n in leaves if n.spec is not None],
            Column.CHANNEL: [channel_label(c, language) for c in CHANNELS],
            Column.STATUS: [status_label(s, language) for s in STATUSES],
            Column.EVALUATOR: list(self._columns.evaluators),
        }
        return texts.get(column, [])

    def search_labels(self) -> dict[str, dict[int, str]]:
        """Texts the free-text filter matches for the coded columns (both languages)."""
        nodes = self._indicators.values()
        return {
            "city_id": {i: f"{c.name_zh} {c.name_en}" for i, c in self._cities.items()},
            "indicator_id": {
                n.node_id: " ".join((n.code, n.name_zh, n.name_en, n.spec.unit if n.spec else ""))
                for n in nodes
                if n.node_id is not None
            },
            "channel": {i: channel_search_text(i) for i in range(len(CHANNELS))},
            "status": {i: status_search_text(s) for i, s in enumerate(STATUSES)},
        }


def _by_id(ids: npt.NDArray[np.int64], order: dict[int, int]) -> npt.NDArray[np.int64]:
    """`order[id]` for every id (ids without an entry sort last)."""
    size = max([*order, int(ids.max(initial=0))]) + 1
    lookup = np.full(size, len(order), dtype=np.int64)
    for key, position in order.items():
        lookup[key] = position
    result: npt.NDArray[np.int64] = lookup[ids]
    return result
