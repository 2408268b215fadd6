"""The blind entry table of a second-evaluator check: the sampled cells and the value the
second evaluator typed — never the values entered first. Editing a value stores it at
once (audited, models.agreement); a refusal is reported through `refused`."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from models.agreement import AgreementCheck
from models.framework import Indicator
from models.store import StoreError
from ui.observations.table_model import format_value
from ui.session import Session

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
VALUE_COLUMN = 3
SPEC_ROLE = Qt.ItemDataRole.UserRole + 1


class CheckCellsModel(QAbstractTableModel):
    """Rows: the check's cells in sample order; columns: #, city, indicator, value."""

    refused = Signal(str)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._check: AgreementCheck | None = None
        self._leaves: dict[int, Indicator] = {}

    def set_check(self, check: AgreementCheck | None) -> None:
        self.beginResetModel()
        self._check = check
        self._leaves = {n.node_id or 0: n for n in self._session.framework.leaves()}
        self.endResetModel()

    @property
    def check(self) -> AgreementCheck | None:
        return self._check

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() or self._check is None else len(self._check.cells)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 4

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == VALUE_COLUMN:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._check is None or index.row() >= len(self._check.cells):
            return None
        cell = self._check.cells[index.row()]
        leaf = self._leaves.get(cell.indicator_id)
        if role == SPEC_ROLE:
            return leaf.spec if leaf is not None else None
        if role == Qt.ItemDataRole.EditRole and index.column() == VALUE_COLUMN:
            return "" if cell.value is None else format_value(cell.value)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return str(index.row() + 1)
        if column == 1:
            city = next((c for c in self._session.cities if c.city_id == cell.city_id), None)
            return self._session.name(city) if city is not None else str(cell.city_id)
        if column == 2:
            if leaf is None:
                return ""
            unit = leaf.spec.unit if leaf.spec is not None and leaf.spec.unit else ""
            return f"{leaf.code} {self._session.name(leaf)}{f' ({unit})' if unit else ''}"
        return self._shown(cell.value, leaf)

    def _shown(self, value: float | None, leaf: Indicator | None) -> str:
        if value is None:
            return ""
        spec = leaf.spec if leaf is not None else None
        if spec is not None and spec.kind == "yesno":
            return self.tr("Yes") if value else self.tr("No")
        for level in spec.levels if spec is not None else ():
            if level.value == value:
                name = level.label_en if self._session.language == "en" else level.label_zh
                return f"{format_value(value)} {name}"
        unit = f" {spec.unit}" if spec is not None and spec.unit else ""
        return f"{format_value(value)}{unit}"

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != VALUE_COLUMN or not self._check:
            return False
        cell = self._check.cells[index.row()]
        ws, session = self._session.workspace, self._session
        try:
            changed = ws.enter_check_value(
                self._check.check_id, cell.city_id, cell.indicator_id, value, session.actor
            )
        except (ValueError, StoreError) as error:
            self.refused.emit(str(error))
            return False
        self._check = ws.check(session.campaign.campaign_id, self._check.check_id)
        if changed:
            self.dataChanged.emit(index, index)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        names = ("#", self.tr("City"), self.tr("Indicator"), self.tr("Your value"))
        return names[section] if 0 <= section < len(names) else None
