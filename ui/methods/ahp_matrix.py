"""The pairwise comparison matrix as an item model: the upper triangle is edited (Saaty's
1/9 … 9), the diagonal and the lower triangle (reciprocals) are shown read-only; the most
inconsistent judgement can be highlighted."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from scoring.ahp import SAATY_MAX, SAATY_MIN
from scoring.hierarchy import FloatArray
from ui.methods.table_model import ALERT_BACKGROUND, FLAG_BACKGROUND

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
#: Saaty's scale, strongest preference for the row criterion first.
SAATY_SCALE: tuple[float, ...] = (*range(9, 0, -1), *(1.0 / k for k in range(2, 10)))
DIAGONAL_BACKGROUND = "#e8e8e8"
LOWER_BACKGROUND = "#f4f4f4"
TOLERANCE = 1e-6


def judgement_text(value: float) -> str:
    """3 → "3", 1/3 → "1/3", other values with 3 significant digits (e.g. combined)."""
    if value >= 1.0 and abs(value - round(value)) < TOLERANCE:
        return str(round(value))
    if value < 1.0 and abs(1.0 / value - round(1.0 / value)) < TOLERANCE * 10:
        return f"1/{round(1.0 / value)}"
    return f"{value:.3g}"


def parse_judgement(text: str) -> float | None:
    """ "5", "1/5", "0.2", " 1／5 " → a number in 1/9 … 9; None when not one."""
    cleaned = text.strip().replace("／", "/").replace("，", ".").replace(",", ".")
    try:
        value = float(Fraction(cleaned)) if "/" in cleaned else float(cleaned)
    except (ValueError, ZeroDivisionError):
        return None
    if not math.isfinite(value) or not SAATY_MIN * (1 - 1e-9) <= value <= SAATY_MAX * (1 + 1e-9):
        return None
    return value


def nearest_saaty(value: float) -> float:
    """The scale value closest to `value` on a log scale (clipped to 1/9 … 9)."""
    return min(SAATY_SCALE, key=lambda s: abs(math.log(s) - math.log(value)))


class PairwiseModel(QAbstractTableModel):
    """n × n judgements a_ij: "how much more important is row i than column j"."""

    judgement_changed = QtSignal(int, int, float)
    refused = QtSignal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._a: FloatArray = np.ones((0, 0))
        self._codes: list[str] = []
        self._names: list[str] = []
        self._editable = True
        self._highlight: tuple[int, int] | None = None
        self._highlight_tip = ""

    # ------------------------------------------------------------ content

    def set_matrix(
        self,
        codes: Sequence[str],
        names: Sequence[str],
        matrix: FloatArray,
        editable: bool = True,
    ) -> None:
        if matrix.shape != (len(codes), len(codes)):
            raise ValueError("one row and column per criterion")
        self.beginResetModel()
        self._a = np.array(matrix, dtype=np.float64)
        self._codes, self._names = list(codes), list(names)
        self._editable = editable
        self._highlight = None
        self.endResetModel()

    def matrix(self) -> FloatArray:
        return self._a.copy()

    @property
    def editable(self) -> bool:
        return self._editable

    def set_highlight(self, cell: tuple[int, int] | None, tip: str = "") -> None:
        """Mark the judgement (i, j), i < j, and its reciprocal; None clears the mark."""
        old = self._highlight
        self._highlight, self._highlight_tip = cell, tip
        for mark in {old, cell} - {None}:
            assert mark is not None
            i, j = mark
            for a, b in ((i, j), (j, i)):
                if a < self.rowCount() and b < self.columnCount():
                    index = self.index(a, b)
                    self.dataChanged.emit(index, index)

    def highlight(self) -> tuple[int, int] | None:
        return self._highlight

    def set_judgement(self, i: int, j: int, value: float) -> bool:
        """Set a_ij (i < j) and a_ji = 1/a_ij; False (and `refused`) outside 1/9 … 9."""
        if not (0 <= i < j < len(self._codes)) or not self._editable:
            return False
        if not (math.isfinite(value) and SAATY_MIN * (1 - 1e-9) <= value <= SAATY_MAX * (1 + 1e-9)):
            self.refused.emit(self.tr("A judgement must be between 1/9 and 9."))
            return False
        if abs(self._a[i, j] - value) < 1e-12:
            return True
        self._a[i, j], self._a[j, i] = value, 1.0 / value
        for a, b in ((i, j), (j, i)):
            index = self.index(a, b)
            self.dataChanged.emit(index, index)
        self.judgement_changed.emit(i, j, value)
        return True

    # ------------------------------------------------------------ model

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._codes)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._codes)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable and index.row() < index.column():
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        i, j = index.row(), index.column()
        value = float(self._a[i, j])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return judgement_text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(i, j)
        if role == Qt.ItemDataRole.ForegroundRole and i > j:
            return QBrush(QColor("#666666"))
        if role == Qt.ItemDataRole.FontRole and self._highlight == (i, j):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(i, j, value)
        return None

    def _background(self, i: int, j: int) -> QBrush | None:
        if self._highlight is not None and (i, j) == self._highlight:
            return QBrush(QColor(ALERT_BACKGROUND))
        if self._highlight is not None and (j, i) == self._highlight:
            return QBrush(QColor(FLAG_BACKGROUND))
        if i == j:
            return QBrush(QColor(DIAGONAL_BACKGROUND))
        if i > j or not self._editable:
            return QBrush(QColor(LOWER_BACKGROUND))
        return None

    def _tooltip(self, i: int, j: int, value: float) -> str:
        row, col = self._codes[i], self._codes[j]
        if i == j:
            return self.tr("{a} compared with itself: always 1").format(a=row)
        if value >= 1:
            text = self.tr("{a} is {v} times as important as {b}")
        else:
            text = self.tr("{b} is {v} times as important as {a}")
        shown = judgement_text(value if value >= 1 else 1.0 / value)
        lines = [text.format(a=row, b=col, v=shown)]
        if i > j:
            lines.append(self.tr("(reciprocal: edit the cell {b} / {a} above the diagonal)"))
            lines[-1] = lines[-1].format(a=row, b=col)
        if self._highlight in ((i, j), (j, i)) and self._highlight_tip:
            lines.append(self._highlight_tip)
        return "\n".join(lines)

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        number = parse_judgement(value) if isinstance(value, str) else None
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
        if number is None:
            self.refused.emit(
                self.tr("“{text}” is not a judgement: enter 1 … 9 or 1/2 … 1/9.").format(text=value)
            )
            return False
        return self.set_judgement(index.row(), index.column(), number)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not 0 <= section < len(self._codes):
            return None
        code, name = self._codes[section], self._names[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return code if orientation == Qt.Orientation.Horizontal else f"{code} {name}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{code} {name}"
        return None


class JudgementDelegate(QStyledItemDelegate):
    """An editable combo of Saaty's values; typed values (e.g. 1/3, 0.5) are accepted."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for value in SAATY_SCALE:
            combo.addItem(judgement_text(value), value)
        combo.setMaxVisibleItems(len(SAATY_SCALE))
        combo.activated.connect(lambda _i: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            text = str(index.data(Qt.ItemDataRole.EditRole))
            at = editor.findText(text)
            if at >= 0:
                editor.setCurrentIndex(at)
            else:
                editor.setEditText(text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
