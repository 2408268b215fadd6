"""Inline editors of the framework tree: a percent spin box for weights, combos for the
direction and the measurement kind, number fields (empty = none) for the goalposts."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.framework_editor.labels import direction_choices, kinds
from ui.framework_editor.tree_model import DIRECTION, HIGH, KIND, LOW, WEIGHT

AnyIndex = QModelIndex | QPersistentModelIndex
MAX_WEIGHT = 10_000.0


def weight_spin_box(parent: QWidget | None) -> QDoubleSpinBox:
    """A spin box for a weight in percent of the parent."""
    box = QDoubleSpinBox(parent)
    box.setRange(0.0, MAX_WEIGHT)
    box.setDecimals(2)
    box.setSuffix(" %")
    box.setKeyboardTracking(False)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    return box


def number_line_edit(parent: QWidget | None) -> QLineEdit:
    """A field for an optional number (empty means none)."""
    edit = QLineEdit(parent)
    validator = QDoubleValidator(edit)
    validator.setNotation(QDoubleValidator.Notation.StandardNotation)
    edit.setValidator(validator)
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    return edit


def choice_combo(parent: QWidget | None, choices: list[tuple[object, str]]) -> QComboBox:
    combo = QComboBox(parent)
    for value, label in choices:
        combo.addItem(label, value)
    return combo


class FrameworkDelegate(QStyledItemDelegate):
    """Creates the editor that fits each column of the framework tree."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        column = index.column()
        if column == WEIGHT:
            return weight_spin_box(parent)
        if column == DIRECTION:
            return choice_combo(parent, list(direction_choices()))
        if column == KIND:
            return choice_combo(parent, list(kinds()))
        if column in (LOW, HIGH):
            return number_line_edit(parent)
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QDoubleSpinBox) and isinstance(value, int | float):
            editor.setValue(float(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        role = Qt.ItemDataRole.EditRole
        if isinstance(editor, QDoubleSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), role)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), role)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), role)
        else:
            super().setModelData(editor, model, index)
