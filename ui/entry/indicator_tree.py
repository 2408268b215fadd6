"""The indicator tree of the selected city: name, reconciled value, channels, status, done.

Index internal ids are positions in the framework's depth-first node list; display rows
are cached per node and recomputed from the city's observations (`CityCells`) and the
session's scores. `refresh()` signals `dataChanged` only for the rows that changed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QStyle

from models.framework import Indicator
from ui.entry.cells import CityCells, ScoreLookup, default_observation
from ui.entry.labels import channel_label, range_text, status_label, value_text
from ui.session import Session

AnyIndex = QModelIndex | QPersistentModelIndex
NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MISSING_ROLE = Qt.ItemDataRole.UserRole + 2
DISCREPANCY_ROLE = Qt.ItemDataRole.UserRole + 3
NAME, VALUE, CHANNEL, STATUS, DONE = range(5)
N_COLUMNS = 5
MISSING_BACKGROUND = QColor("#fdecd2")
MISSING_FOREGROUND = QColor("#8a5a00")
DISCREPANCY_FOREGROUND = QColor("#b3261e")
STATUS_COLOURS = {
    "verified": QColor("#1b7f3b"),
    "rejected": QColor("#b3261e"),
    "draft": QColor("#6b6b6b"),
}


@dataclass(frozen=True)
class TreeRow:
    """What one node shows for the selected city."""

    value: float | None = None  # None when missing (NaN would never compare equal)
    count: int = 0
    discrepancy: bool = False
    channels: tuple[str, ...] = ()
    status: str = ""
    filled: int = 0
    total: int = 0


class IndicatorTreeModel(QAbstractItemModel):
    """The framework below its root, with the selected city's cell values."""

    def __init__(self, session: Session, cells: CityCells, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session, self._cells = session, cells
        self._warning = QApplication.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        self._nodes: list[Indicator] = []
        self._rows: list[TreeRow] = []
        self._build()

    # ------------------------------------------------------------ structure

    def _build(self) -> None:
        framework = self._session.framework
        self._nodes = framework.walk()
        position = {node.code: i for i, node in enumerate(self._nodes)}
        self._parent = [position[n.parent] if n.parent is not None else -1 for n in self._nodes]
        self._children: list[list[int]] = [[] for _ in self._nodes]
        for pos, parent in enumerate(self._parent):
            if parent >= 0:
                self._children[parent].append(pos)
        self._row_in_parent = [0] * len(self._nodes)
        for kids in self._children:
            for row, kid in enumerate(kids):
                self._row_in_parent[kid] = row
        self._by_id = {n.node_id: i for i, n in enumerate(self._nodes) if n.node_id is not None}
        self._rows = self._compute()

    def reset(self) -> None:
        """The framework changed: rebuild the tree."""
        self.beginResetModel()
        self._build()
        self.endResetModel()

    def refresh(self) -> None:
        """Recompute the display rows; signal the rows that changed (no reset)."""
        new = self._compute()
        old, self._rows = self._rows, new
        for pos, (before, after) in enumerate(zip(old, new, strict=True)):
            if before != after and pos != 0:
                self.dataChanged.emit(self._index(pos, 0), self._index(pos, N_COLUMNS - 1))

    def _compute(self) -> list[TreeRow]:
        rows = [TreeRow()] * len(self._nodes)
        city = self._cells.city_id
        if city is None:
            return rows
        lookup = ScoreLookup(self._session.scores())
        evaluator = self._session.actor.evaluator
        for pos in reversed(range(len(self._nodes))):  # descendants come after their parent
            kids = self._children[pos]
            if kids:
                filled = sum(rows[k].filled for k in kids)
                rows[pos] = TreeRow(filled=filled, total=sum(rows[k].total for k in kids))
                continue
            rows[pos] = self._leaf_row(lookup, city, self._nodes[pos], evaluator)
        return rows

    def _leaf_row(self, lookup: ScoreLookup, city: int, node: Indicator, who: str) -> TreeRow:
        cell = lookup.cell(city, node.code)
        observations = self._cells.of(node.node_id) if node.node_id is not None else []
        chosen = default_observation(observations, who)
        channels = tuple(dict.fromkeys(o.channel for o in observations))
        return TreeRow(
            value=cell.value if math.isfinite(cell.value) else None,
            count=cell.count,
            discrepancy=cell.discrepancy,
            channels=channels,
            status=chosen.status if chosen else "",
            filled=1 if cell.count > 0 else 0,
            total=1,
        )

    # ------------------------------------------------------------ lookups

    def node(self, index: AnyIndex) -> Indicator | None:
        return self._nodes[index.internalId()] if index.isValid() else None

    def is_leaf(self, index: AnyIndex) -> bool:
        return index.isValid() and not self._children[index.internalId()]

    def index_of(self, node_id: int, column: int = NAME) -> QModelIndex:
        pos = self._by_id.get(node_id)
        return QModelIndex() if pos is None or pos == 0 else self._index(pos, column)

    def leaf_ids(self) -> list[int]:
        """Leaf node ids in tree order."""
        return [n.node_id for i, n in enumerate(self._nodes) if not self._children[i] and n.node_id]

    def is_filled(self, node_id: int) -> bool:
        pos = self._by_id.get(node_id)
        return pos is not None and self._rows[pos].filled > 0

    def completion(self, index: AnyIndex) -> tuple[int, int]:
        """(leaves with a value, leaves) below the node at `index`."""
        row = self._rows[index.internalId()] if index.isValid() else TreeRow()
        return row.filled, row.total

    def refresh_names(self) -> None:
        """The language changed: every row's text."""
        for pos in range(1, len(self._nodes)):
            self.dataChanged.emit(self._index(pos, 0), self._index(pos, N_COLUMNS - 1))

    def missing_leaves(self) -> int:
        return self._rows[0].total - self._rows[0].filled if self._rows else 0

    def _index(self, pos: int, column: int) -> QModelIndex:
        return self.createIndex(self._row_in_parent[pos], column, pos)

    # ------------------------------------------------------------ Qt model

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self._nodes or not 0 <= column < N_COLUMNS:
            return QModelIndex()
        kids = self._children[parent.internalId() if parent.isValid() else 0]
        if not 0 <= row < len(kids):
            return QModelIndex()
        return self.createIndex(row, column, kids[row])

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid():
            return QModelIndex()
        parent = self._parent[child.internalId()]
        return QModelIndex() if parent <= 0 else self._index(parent, 0)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not self._nodes or (parent.isValid() and parent.column() != 0):
            return 0
        return len(self._children[parent.internalId() if parent.isValid() else 0])

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return N_COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Indicator"),
            self.tr("Value"),
            self.tr("Channel"),
            self.tr("Status"),
            self.tr("Done"),
        )
        return titles[section] if 0 <= section < N_COLUMNS else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        pos = index.internalId()
        node, row, leaf = self._nodes[pos], self._rows[pos], not self._children[pos]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node, row, leaf, index.column())
        if role == NODE_ID_ROLE:
            return node.node_id
        if role == MISSING_ROLE:
            return leaf and row.count == 0
        if role == DISCREPANCY_ROLE:
            return row.discrepancy
        return self._decoration(node, row, leaf, index.column(), role)

    def _display(self, node: Indicator, row: TreeRow, leaf: bool, column: int) -> str:
        language = self._session.language
        if column == NAME:
            return f"{node.code}  {self._session.name(node)}"
        if column == DONE:
            return "" if leaf else f"{row.filled}/{row.total}"
        if not leaf:
            return ""
        if column == VALUE:
            return "—" if row.value is None else value_text(node.spec, row.value, language)
        if column == CHANNEL:
            separator = ", " if language == "en" else "、"
            return separator.join(channel_label(c, language) for c in row.channels)
        return status_label(row.status) if row.status else ""

    def _decoration(
        self, node: Indicator, row: TreeRow, leaf: bool, column: int, role: int
    ) -> object:
        missing = leaf and row.count == 0
        if role == Qt.ItemDataRole.FontRole and not leaf:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node, row, leaf, column)
        if role == Qt.ItemDataRole.BackgroundRole and missing and column in (NAME, VALUE):
            return MISSING_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, missing, column)
        if role == Qt.ItemDataRole.DecorationRole and column == VALUE and row.discrepancy:
            return self._warning
        if role == Qt.ItemDataRole.TextAlignmentRole and column == DONE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _foreground(self, row: TreeRow, missing: bool, column: int) -> QColor | None:
        if missing and column in (NAME, VALUE):
            return MISSING_FOREGROUND
        if row.discrepancy and column == VALUE:
            return DISCREPANCY_FOREGROUND
        if column == STATUS:
            return STATUS_COLOURS.get(row.status)
        if column == DONE and row.total and row.filled == row.total:
            return STATUS_COLOURS["verified"]
        return None

    def _tooltip(self, node: Indicator, row: TreeRow, leaf: bool, column: int) -> str | None:
        if column == NAME:
            spec = node.spec
            kind = f"\n{range_text(spec)}" if spec is not None and spec.kind == "numeric" else ""
            return f"{node.code} {node.name_zh}\n{node.name_en}{kind}"
        if not leaf:
            return self.tr("{filled} of {total} indicators have a value").format(
                filled=row.filled, total=row.total
            )
        if column == CHANNEL and row.channels:
            return self._display(node, row, leaf, CHANNEL)
        if row.count == 0:
            return self.tr("No value yet")
        if row.discrepancy:
            share = self._session.scores().settings.discrepancy_share
            return self.tr(
                "The {n} observations disagree by more than {share}% of the range"
            ).format(n=row.count, share=round(share * 100))
        return self.tr("Reconciled from {n} observation(s)").format(n=row.count)
