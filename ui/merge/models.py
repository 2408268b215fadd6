"""Item models of the merge screens: the packages to merge, a framework mapping, the
conflicts and duplicates to review, a side-by-side comparison and an audit history.

They only adapt lists prepared by the dialogs (ids and display rows in; no SQL)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from models.framework_version import FrameworkMapping
from models.merge import MergeReport, PackageCheck

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DIFFERS = QColor("#fff1c2")


class TextTable(QAbstractTableModel):
    """A read-only table of text rows with translated headers and optional marked rows."""

    def __init__(self, headers: Callable[[], Sequence[str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows: list[list[str]] = []
        self._marked: set[tuple[int, int]] = set()
        self._tips: dict[int, str] = {}

    def set_rows(
        self,
        rows: Sequence[Sequence[str]],
        marked: set[tuple[int, int]] | None = None,
        tips: dict[int, str] | None = None,
    ) -> None:
        self.beginResetModel()
        self._rows = [list(r) for r in rows]
        self._marked = marked or set()
        self._tips = tips or {}
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(self.columnCount() - 1, 0))

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            cells = self._rows[row]
            text = cells[column] if column < len(cells) else ""
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._tips.get(row) or (text if len(text) > 12 else None)
            return text
        if role == Qt.ItemDataRole.BackgroundRole and (row, column) in self._marked:
            return QBrush(DIFFERS)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        headers = self._headers()
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return headers[section] if 0 <= section < len(headers) else None

    def row_text(self, row: int) -> list[str]:
        return list(self._rows[row]) if 0 <= row < len(self._rows) else []


@dataclass
class PackageEntry:
    """A package chosen for merging: its check (or why it is refused) and, once merged,
    what the merge did."""

    path: Path
    check: PackageCheck | None = None
    error: str = ""
    needs_mapping: bool = False
    mapping: FrameworkMapping | None = None
    report: MergeReport | None = None

    @property
    def ready(self) -> bool:
        return self.check is not None and not self.error
