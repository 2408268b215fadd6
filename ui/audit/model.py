"""The audit trail as a lazy table: it holds the ids of the filtered rows (one query) and
reads the rows a page at a time, when the view first shows them — never inside data():
a row not read yet shows "…" and its page is read on the next turn of the event loop."""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

from models.audit_query import AuditFilter, AuditRow, IdArray
from ui.audit.texts import AuditTexts
from ui.session import Session

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
PAGE = 200
KEPT_PAGES = 60
COLUMNS = 8


class AuditTableModel(QAbstractTableModel):
    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.texts = AuditTexts(session, self)
        self._filter = AuditFilter()
        self._ids: IdArray = np.zeros(0, dtype=np.int64)
        self._pages: OrderedDict[int, list[list[str]]] = OrderedDict()
        self._wanted: set[int] = set()
        self._loader = QTimer(self)
        self._loader.setSingleShot(True)
        self._loader.setInterval(0)
        self._loader.timeout.connect(self.load_wanted)

    @property
    def filter(self) -> AuditFilter:
        return self._filter

    @property
    def ids(self) -> IdArray:
        return self._ids

    def set_filter(self, flt: AuditFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Run the filter again (after edits or a merge)."""
        self.beginResetModel()
        self._ids = self._session.workspace.audit_ids(self._filter)[::-1].copy()  # newest first
        self._pages.clear()
        self._wanted.clear()
        self.endResetModel()

    def row_ids(self, first: int, last: int) -> IdArray:
        return self._ids[first:last]

    def fetch_rows(self, first: int, last: int) -> list[AuditRow]:
        """The AuditRows of model rows first..last-1 (newest first, as shown)."""
        ids = self._ids[first:last]
        return self._session.workspace.audit_rows(ids[::-1].copy())[::-1]

    def fetch_oldest_first(self, first: int, last: int) -> list[AuditRow]:
        """Rows first..last-1 counted from the oldest (for the export, in time order)."""
        ascending = self._ids[::-1]
        return self._session.workspace.audit_rows(ascending[first:last].copy())

    # ------------------------------------------------------------ pages

    def load_wanted(self) -> None:
        for page in sorted(self._wanted):
            self._load(page)
            first, last = page * PAGE, min((page + 1) * PAGE, len(self._ids)) - 1
            if first <= last:
                self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMNS - 1))
        self._wanted.clear()

    def _load(self, page: int) -> None:
        rows = self.fetch_rows(page * PAGE, (page + 1) * PAGE)
        self._pages[page] = [self.texts.cells(r) for r in rows]
        while len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)

    def _cells(self, row: int) -> list[str] | None:
        page = row // PAGE
        cells = self._pages.get(page)
        if cells is None:
            self._wanted.add(page)
            self._loader.start()
            return None
        self._pages.move_to_end(page)
        offset = row - page * PAGE
        return cells[offset] if offset < len(cells) else None

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        cells = self._cells(index.row())
        if cells is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        text = cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if len(text) > 12 else None  # the columns are narrow
        return text

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = self.texts.headers()
        return headers[section] if 0 <= section < len(headers) else None

    def retranslate(self) -> None:
        self._pages.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)
        if len(self._ids):
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, COLUMNS - 1))
