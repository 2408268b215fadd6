"""The report's tables as item models: 表 3-2 (the cities of each tier, in the report's
order) and 表 3-13 (the second-level indicators' means and sds). Both adapt the rows the
report itself prints (models.report_sections), so the window and the report agree."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from models.report_blocks import Counter
from models.report_phrases import phrase
from models.report_sections import second_level_table, tier_rows
from ui.results.source import AnalysisSource

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class ReportTableModel(QAbstractTableModel):
    """Rows of one of the report's tables; `kind` is "3-2" or "3-13"."""

    def __init__(self, source: AnalysisSource, kind: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source, self.kind = source, kind
        self.header: tuple[str, ...] = ()
        self.rows: tuple[tuple[str, ...], ...] = ()
        self.numeric: tuple[bool, ...] = ()
        source.changed.connect(self.refresh)
        source.session.language_changed.connect(lambda _lang: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        lang = self._source.session.language
        try:
            analysis = self._source.analysis()
        except ValueError:
            self.header, self.rows, self.numeric = (), (), ()
        else:
            if self.kind == "3-2":
                self.header = (phrase("col_tier", lang), phrase("col_cities", lang))
                self.rows = tier_rows(analysis, lang)
                self.numeric = (False, False)
            else:
                table = second_level_table(analysis, lang, Counter().next())
                self.header, self.rows, self.numeric = table.header, table.rows, table.numeric
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.header)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.header)
        ):
            return self.header[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = self.numeric[index.column()]
            horizontal = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None
