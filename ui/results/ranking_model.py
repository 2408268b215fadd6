"""The ranking table: one row per city (rank order) with rank, city, index, tier and the
first-level scores; a first-level column expands into its second-level columns.

`RankingModel` adapts an Analysis (cached display rows, refreshed on the source's
`changed`); `RankingProxy` filters by economic circle, GDP band, province and
administrative level and sorts numerically (SORT_ROLE).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from models.analysis import Analysis
from models.analysis_tables import ranking_order
from models.report_text import tier_name
from ui.results.source import AnalysisSource

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FIXED = ("rank", "city", "index", "tier")
TIER_COLORS = ("#DCE6F2", "#E2EFD9", "#FFF2CC")
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass(frozen=True)
class Column:
    kind: str  # rank, city, index, tier, first, second
    code: str = ""


class RankingModel(QAbstractTableModel):
    def __init__(self, source: AnalysisSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._analysis: Analysis | None = None
        self._order: list[int] = []
        self._expanded: set[str] = set()
        self.columns: list[Column] = []
        self._bold = QFont()
        self._bold.setBold(True)
        source.changed.connect(self.refresh)
        source.session.language_changed.connect(lambda _lang: self._headers_changed())
        self.refresh()

    # ------------------------------------------------------------ state

    @property
    def analysis(self) -> Analysis | None:
        return self._analysis

    def refresh(self) -> None:
        self.beginResetModel()
        try:
            self._analysis = self._source.analysis()
            self._order = ranking_order(self._analysis)
        except ValueError:
            self._analysis, self._order = None, []
        self._columns()
        self.endResetModel()

    def _columns(self) -> None:
        self.columns = [Column(kind) for kind in FIXED]
        if self._analysis is None:
            return
        for code in self._analysis.first:
            self.columns.append(Column("first", code))
            if code in self._expanded:
                self.columns += [Column("second", c) for c in self._analysis.second[code]]

    def is_expanded(self, code: str) -> bool:
        return code in self._expanded

    def set_expanded(self, codes: set[str]) -> None:
        if codes != self._expanded:
            self.beginResetModel()
            self._expanded = set(codes)
            self._columns()
            self.endResetModel()

    def toggle(self, column: int) -> None:
        """Expand or collapse the first-level indicator of `column` (a header click)."""
        if not 0 <= column < len(self.columns) or self._analysis is None:
            return
        col = self.columns[column]
        code = col.code if col.kind == "first" else None
        if col.kind == "second":
            code = next(f for f in self._analysis.first if col.code in self._analysis.second[f])
        if code is not None:
            self.set_expanded(self._expanded ^ {code})

    def position(self, row: int) -> int:
        """The city position (in campaign order) of a row."""
        return self._order[row]

    def group_key(self, row: int, kind: str) -> str | None:
        analysis = self._analysis
        if analysis is None:
            return None
        i = self._order[row]
        city = analysis.cities[i]
        if kind == "band":
            band = int(analysis.band[i])
            return str(band) if band >= 0 else None
        value = {
            "circle": city.economic_circle,
            "province": city.province,
            "admin_level": city.admin_level,
        }.get(kind, "")
        return value or None

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        col = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header(col)
        if role == Qt.ItemDataRole.ToolTipRole and col.kind == "first":
            return self.tr("Double-click to show or hide its second-level indicators")
        if role == Qt.ItemDataRole.FontRole and col.kind == "first":
            return self._bold
        return None

    def _header(self, col: Column) -> str:
        names = {
            "rank": self.tr("Rank"),
            "city": self.tr("City"),
            "index": self.tr("Index"),
            "tier": self.tr("Tier"),
        }
        if col.kind in names:
            return names[col.kind]
        name = self._analysis.node_name(col.code, self._lang()) if self._analysis else col.code
        if col.kind == "first":
            mark = "▾" if col.code in self._expanded else "▸"
            return f"{mark} {name}"
        return name

    def _lang(self) -> str:
        return self._source.session.language

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._analysis is None:
            return None
        row, col = index.row(), self.columns[index.column()]
        i = self._order[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(i, col)
        if role == SORT_ROLE:
            return self._sort_value(i, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.kind not in ("city", "tier"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and col.kind == "tier":
            tier = int(self._analysis.scored.result.tier[i])
            return QBrush(QColor(TIER_COLORS[tier % len(TIER_COLORS)])) if tier >= 0 else None
        if role == Qt.ItemDataRole.ToolTipRole and col.kind in ("first", "second", "index"):
            return self._tooltip(i, col)
        return None

    def _value(self, i: int, col: Column) -> float:
        assert self._analysis is not None
        code = self._analysis.root if col.kind == "index" else col.code
        return float(self._analysis.scores(code)[i])

    def _display(self, i: int, col: Column) -> str:
        assert self._analysis is not None
        result = self._analysis.scored.result
        if col.kind == "rank":
            rank = float(result.rank[i])
            return "–" if math.isnan(rank) else f"{rank:.0f}"
        if col.kind == "city":
            return self._analysis.city_name(i, self._lang())
        if col.kind == "tier":
            return tier_name(result.tier_labels()[i], self._lang())
        value = self._value(i, col)
        return "–" if math.isnan(value) else f"{value:.3f}"

    def _sort_value(self, i: int, col: Column) -> object:
        assert self._analysis is not None
        result = self._analysis.scored.result
        if col.kind == "rank":
            rank = float(result.rank[i])
            return math.inf if math.isnan(rank) else rank
        if col.kind == "city":
            return self._analysis.city_name(i, self._lang())
        if col.kind == "tier":
            tier = int(result.tier[i])
            return tier if tier >= 0 else 99
        value = self._value(i, col)
        return -math.inf if math.isnan(value) else value

    def _tooltip(self, i: int, col: Column) -> str:
        assert self._analysis is not None
        code = self._analysis.root if col.kind == "index" else col.code
        value = self._value(i, col)
        mean = self._analysis.mean(code)
        return self.tr("{name}: {value} (sample mean {mean})").format(
            name=self._analysis.node_name(code, self._lang()),
            value="–" if math.isnan(value) else f"{value:.4f}",
            mean=f"{mean:.4f}",
        )

    def _headers_changed(self) -> None:
        self.beginResetModel()
        self.endResetModel()


class RankingProxy(QSortFilterProxyModel):
    """Rows whose city is in every chosen group (None = any)."""

    def __init__(self, model: RankingModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._filters: dict[str, str | None] = {}
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)

    def set_filter(self, kind: str, key: str | None) -> None:
        if self._filters.get(kind) != key:
            self.beginFilterChange()
            self._filters[kind] = key
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        return all(
            key is None or self._model.group_key(source_row, kind) == key
            for kind, key in self._filters.items()
        )
