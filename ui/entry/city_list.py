"""The campaign's cities with their completion, and the filters above them."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.cities import City
from ui.entry.cells import ScoreLookup
from ui.entry.labels import circle_label
from ui.session import Session

AnyIndex = QModelIndex | QPersistentModelIndex
CITY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
PROVINCE_ROLE = Qt.ItemDataRole.UserRole + 3
CIRCLE_ROLE = Qt.ItemDataRole.UserRole + 4
SORT_ROLE = Qt.ItemDataRole.UserRole + 5
NAME_COLUMN, DONE_COLUMN = 0, 1
COMPLETE_COLOUR = QColor("#1b7f3b")
ANY = "\x00any"  # filter combo data for "all"


class CityListModel(QAbstractTableModel):
    """One row per campaign city: name (session language) and completion %."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._cities: tuple[City, ...] = session.cities
        self._done: dict[int, float] = {}
        self.refresh_completion()

    # ------------------------------------------------------------ refresh

    def reset(self) -> None:
        """The campaign changed: new rows."""
        self.beginResetModel()
        self._cities = self._session.cities
        self._done = {}
        self.endResetModel()
        self.refresh_completion()

    def refresh_completion(self) -> None:
        """Recompute completion from the session's scores; signal only the rows that changed."""
        done = ScoreLookup(self._session.scores()).completion()
        changed = [
            r
            for r, c in enumerate(self._cities)
            if done.get(self._id(c)) != self._done.get(self._id(c))
        ]
        self._done = done
        for row in changed:
            self.dataChanged.emit(self.index(row, DONE_COLUMN), self.index(row, DONE_COLUMN))

    def refresh_names(self) -> None:
        if self._cities:
            last = len(self._cities) - 1
            self.dataChanged.emit(self.index(0, NAME_COLUMN), self.index(last, NAME_COLUMN))

    @staticmethod
    def _id(city: City) -> int:
        return city.city_id if city.city_id is not None else -1

    # ------------------------------------------------------------ lookups

    def row_of(self, city_id: int) -> int:
        for row, city in enumerate(self._cities):
            if city.city_id == city_id:
                return row
        return -1

    def completion(self, city_id: int) -> float:
        return self._done.get(city_id, 0.0)

    def provinces(self) -> list[str]:
        return sorted({c.province for c in self._cities if c.province})

    def circles(self) -> list[str]:
        return sorted({c.economic_circle for c in self._cities if c.economic_circle})

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cities)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == NAME_COLUMN:
            return self.tr("City")
        return self.tr("Done") if section == DONE_COLUMN else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._cities):
            return None
        city = self._cities[index.row()]
        done = self._done.get(self._id(city), 0.0)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == NAME_COLUMN:
                return self._session.name(city)
            return f"{round(done * 100)}%"
        return self._other_role(city, index, role, done)

    def _other_role(self, city: City, index: AnyIndex, role: int, done: float) -> object:
        if role == CITY_ID_ROLE:
            return city.city_id
        if role == SEARCH_ROLE:
            return f"{city.name_zh} {city.name_en} {city.code}".casefold()
        if role == PROVINCE_ROLE:
            return city.province
        if role == CIRCLE_ROLE:
            return city.economic_circle
        if role == SORT_ROLE:
            return index.row() if index.column() == NAME_COLUMN else done
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(city, done)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == DONE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == DONE_COLUMN:
            return COMPLETE_COLOUR if done >= 1.0 else None
        return None

    def _tooltip(self, city: City, done: float) -> str:
        circle = circle_label(city.economic_circle, self._session.language)
        parts = [f"{city.name_zh} / {city.name_en}", city.province, circle]
        summary = " · ".join(p for p in parts if p)
        return self.tr("{city}\n{percent}% of the indicators have a value").format(
            city=summary, percent=round(done * 100)
        )


class CityFilterProxy(QSortFilterProxyModel):
    """Filters the city list by name (zh, en or code), province and economic circle."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text, self._province, self._circle = "", ANY, ANY
        self.setSortRole(SORT_ROLE)

    def set_filters(self, text: str, province: str = ANY, circle: str = ANY) -> None:
        self.beginFilterChange()
        self._text, self._province, self._circle = text.strip().casefold(), province, circle
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, NAME_COLUMN, source_parent)
        if self._text and self._text not in str(model.data(index, SEARCH_ROLE)):
            return False
        if self._province != ANY and model.data(index, PROVINCE_ROLE) != self._province:
            return False
        return self._circle == ANY or model.data(index, CIRCLE_ROLE) == self._circle


class CityListPanel(QWidget):
    """A search field, province and circle filters, and the city table."""

    city_selected = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.model = CityListModel(session, self)
        self.proxy = CityFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.province = QComboBox(self)
        self.circle = QComboBox(self)
        self.view = QTableView(self)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        for combo in (self.province, self.circle):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        view = self.view
        view.setModel(self.proxy)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.setShowGrid(False)
        view.setAlternatingRowColors(True)
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        header = view.horizontalHeader()
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DONE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.search, self.province, self.circle, self.view):
            layout.addWidget(widget)
        self.search.textChanged.connect(self._apply_filters)
        self.province.currentIndexChanged.connect(self._apply_filters)
        self.circle.currentIndexChanged.connect(self._apply_filters)
        view.selectionModel().selectionChanged.connect(self._on_selection)

    # ------------------------------------------------------------ filters

    def _fill_combos(self) -> None:
        language = self._session.language
        fills = (
            (self.province, self.tr("All provinces"), [(p, p) for p in self.model.provinces()]),
            (
                self.circle,
                self.tr("All economic circles"),
                [(circle_label(c, language), c) for c in self.model.circles()],
            ),
        )
        for combo, everything, entries in fills:
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, ANY)
            for label, value in entries:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)

    def _apply_filters(self) -> None:
        province = self.province.currentData() or ANY
        circle = self.circle.currentData() or ANY
        self.proxy.set_filters(self.search.text(), str(province), str(circle))

    def clear_filters(self) -> None:
        self.search.clear()
        self.province.setCurrentIndex(0)
        self.circle.setCurrentIndex(0)

    # ------------------------------------------------------------ selection

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            city_id = indexes[0].data(CITY_ID_ROLE)
            if isinstance(city_id, int):
                self.city_selected.emit(city_id)

    def select_city(self, city_id: int) -> None:
        """Select `city_id` (clearing the filters if they hide it)."""
        row = self.model.row_of(city_id)
        if row < 0:
            return
        proxy_index = self.proxy.mapFromSource(self.model.index(row, NAME_COLUMN))
        if not proxy_index.isValid():
            self.clear_filters()
            proxy_index = self.proxy.mapFromSource(self.model.index(row, NAME_COLUMN))
        self.view.selectRow(proxy_index.row())
        self.view.scrollTo(proxy_index)

    def current_city(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        value = rows[0].data(CITY_ID_ROLE) if rows else None
        return value if isinstance(value, int) else None

    # ------------------------------------------------------------ language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Find a city (中文 or English)"))
        self.search.setToolTip(self.tr("Filter the cities by Chinese or English name"))
        self.province.setToolTip(self.tr("Show the cities of one province"))
        self.circle.setToolTip(self.tr("Show the cities of one economic circle"))
        self._fill_combos()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)

    def refresh_names(self) -> None:
        self.model.refresh_names()
        self._fill_combos()
