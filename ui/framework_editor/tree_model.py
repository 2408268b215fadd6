"""The framework as an editable tree: one row per node, ids in, display out.

Index internal ids are node ids. Display rows are read from the session's framework and
rebuilt on `framework_changed`: a field edit signals `dataChanged` (the view keeps its
state), a change of the tree's shape resets the model (the tab restores expansion and
selection by node id). Edits go through `session.edit` as undoable commands; a refusal
leaves everything unchanged and is reported through `refused`.

Weights are shown as percentages of the parent; a sibling group whose weights do not sum
to 100 % is marked (background and warning icon on its weight cells, an icon on the
parent) — see models.framework_weights.
"""

from __future__ import annotations

import dataclasses
from typing import overload

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStyle

from models.framework import MeasurementSpec, RatingLevel
from models.framework_weights import WeightGroup, share, weight_groups
from ui.commands import EditIndicator
from ui.framework_editor.commands import SetSpec
from ui.framework_editor.labels import (
    direction_label,
    kind_label,
    number_text,
    parse_number,
    percent_text,
)
from ui.framework_editor.tree import FrameworkTree
from ui.session import AppliedCommand, Session

AnyIndex = QModelIndex | QPersistentModelIndex
NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
UNBALANCED_ROLE = Qt.ItemDataRole.UserRole + 2
CODE, NAME_ZH, NAME_EN, WEIGHT, DIRECTION, KIND, UNIT, LOW, HIGH = range(9)
N_COLUMNS = 9
UNBALANCED_BACKGROUND = QColor("#fde7c8")
_NUMERIC_COLUMNS = (WEIGHT, DIRECTION, LOW, HIGH)
_FIELDS = {NAME_ZH: "name_zh", NAME_EN: "name_en", WEIGHT: "weight", DIRECTION: "direction"}
_SPEC_FIELDS = {UNIT: "unit", LOW: "low", HIGH: "high"}
_Role = Qt.ItemDataRole
DEFAULT_LEVELS = (
    RatingLevel(0.0, "无", "None"),
    RatingLevel(50.0, "部分", "Partial"),
    RatingLevel(100.0, "完善", "Complete"),
)
_ROOT = QModelIndex()


def default_spec(kind: str, old: MeasurementSpec) -> MeasurementSpec:
    """A valid measurement of `kind`, keeping what carries over (unit, target)."""
    base = MeasurementSpec("numeric", 0.0, 100.0, unit=old.unit, target=old.target)
    if kind == "rating":
        return dataclasses.replace(base, kind="rating", levels=DEFAULT_LEVELS)
    if kind == "yesno":
        return MeasurementSpec("yesno", 0.0, 1.0, target=old.target)
    if kind == "checklist":
        return MeasurementSpec("checklist", 0.0, 1.0, unit=old.unit, items=("项目 1/Item 1",))
    return base


class FrameworkTreeModel(QAbstractItemModel):
    """The session's framework (root included) with editable names, weights and specs."""

    refused = QtSignal(str)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._warning = QApplication.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        self._tree = FrameworkTree(session.framework)
        self._groups: dict[str, WeightGroup] = {}
        self._compute_groups()
        session.framework_changed.connect(self.refresh)
        session.campaign_changed.connect(self.reset)

    # ------------------------------------------------------------ state

    @property
    def tree(self) -> FrameworkTree:
        return self._tree

    def _compute_groups(self) -> None:
        self._groups = {g.parent: g for g in weight_groups(self._tree.framework)}

    def unbalanced_groups(self) -> list[WeightGroup]:
        """The sibling groups not summing to 100 %, in tree order."""
        return [g for g in self._groups.values() if not g.balanced]

    def reset(self) -> None:
        self.beginResetModel()
        self._tree = FrameworkTree(self._session.framework)
        self._compute_groups()
        self.endResetModel()

    def refresh(self) -> None:
        """The framework changed: update the cells in place, or reset if the shape did."""
        new = FrameworkTree(self._session.framework)
        if new.shape() != self._tree.shape():
            self.reset()
            return
        self._tree = new
        self._compute_groups()
        for kids in self._tree.children_by_id().values():  # the root's group included
            if kids:
                first, last = self.index_of(kids[0]), self.index_of(kids[-1], N_COLUMNS - 1)
                self.dataChanged.emit(first, last)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, N_COLUMNS - 1)
        self.refresh()

    # ------------------------------------------------------------ lookups

    def node_id(self, index: AnyIndex) -> int | None:
        return index.internalId() if index.isValid() else None

    def index_of(self, node_id: int, column: int = CODE) -> QModelIndex:
        row = self._tree.row_of(node_id)
        if row is None:
            return QModelIndex()
        return self.createIndex(row, column, id=node_id)

    # ------------------------------------------------------------ structure

    def index(self, row: int, column: int, parent: AnyIndex = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        kids = self._tree.child_ids(self.node_id(parent))
        return self.createIndex(row, column, id=kids[row])

    @overload
    def parent(self) -> QObject | None: ...
    @overload
    def parent(self, child: AnyIndex, /) -> QModelIndex: ...
    def parent(self, child: AnyIndex | None = None) -> QObject | QModelIndex | None:
        if child is None:
            return super().parent()
        if not child.isValid():
            return QModelIndex()
        parent_id = self._tree.parent_of(child.internalId())
        return QModelIndex() if parent_id is None else self.index_of(parent_id)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._tree.child_ids(self.node_id(parent)))

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return N_COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != _Role.DisplayRole:
            return None
        headers = [
            self.tr("Code"),
            self.tr("Name (zh)"),
            self.tr("Name (en)"),
            self.tr("Weight"),
            self.tr("Direction"),
            self.tr("Kind"),
            self.tr("Unit"),
            self.tr("Low"),
            self.tr("High"),
        ]
        return headers[section] if 0 <= section < N_COLUMNS else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        node = self._tree.node(index.internalId())
        column = index.column()
        editable = column in (NAME_ZH, NAME_EN)
        editable |= column in (WEIGHT, DIRECTION) and node.parent is not None
        editable |= column in (KIND, UNIT, LOW, HIGH) and node.spec is not None
        return flags | Qt.ItemFlag.ItemIsEditable if editable else flags

    # ------------------------------------------------------------ data

    def data(self, index: AnyIndex, role: int = _Role.DisplayRole) -> object:
        if not index.isValid():
            return None
        node_id, column = index.internalId(), index.column()
        if role == _Role.DisplayRole:
            return self._display(node_id, column)
        if role == _Role.EditRole:
            return self._edit_value(node_id, column)
        if role == NODE_ID_ROLE:
            return node_id
        if role == UNBALANCED_ROLE:
            return self._in_unbalanced_group(node_id)
        if role == _Role.TextAlignmentRole and column in _NUMERIC_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self._decoration(node_id, column, role)

    def _display(self, node_id: int, column: int) -> object:
        node = self._tree.node(node_id)
        spec = node.spec
        texts: dict[int, str] = {
            CODE: node.code,
            NAME_ZH: node.name_zh,
            NAME_EN: node.name_en,
            WEIGHT: "" if node.parent is None else percent_text(node.weight),
            DIRECTION: "" if node.parent is None else direction_label(node.direction),
            KIND: kind_label(spec.kind if spec else None),
            UNIT: spec.unit if spec else "",
            LOW: number_text(spec.low) if spec else "",
            HIGH: number_text(spec.high) if spec else "",
        }
        return texts.get(column)

    def _edit_value(self, node_id: int, column: int) -> object:
        node = self._tree.node(node_id)
        spec = node.spec
        values: dict[int, object] = {
            CODE: node.code,
            NAME_ZH: node.name_zh,
            NAME_EN: node.name_en,
            WEIGHT: node.weight,
            DIRECTION: node.direction,
            KIND: spec.kind if spec else None,
            UNIT: spec.unit if spec else "",
            LOW: number_text(spec.low) if spec else "",
            HIGH: number_text(spec.high) if spec else "",
        }
        return values.get(column)

    def _in_unbalanced_group(self, node_id: int) -> bool:
        parent = self._tree.node(node_id).parent
        group = self._groups.get(parent) if parent is not None else None
        return group is not None and not group.balanced

    def _decoration(self, node_id: int, column: int, role: int) -> object:
        node = self._tree.node(node_id)
        flagged = self._flagged_group(node_id, column)
        if role == _Role.DecorationRole and flagged is not None and column == CODE:
            return self._warning
        if role == _Role.BackgroundRole and flagged is not None and column == WEIGHT:
            return UNBALANCED_BACKGROUND
        if role == _Role.ToolTipRole and flagged is not None:
            return self.group_message(flagged)
        if role == _Role.ToolTipRole and column in (NAME_ZH, NAME_EN):
            return self._display(node_id, column)
        if role == _Role.ToolTipRole and column == WEIGHT and node.parent is not None:
            text = self.tr("Effective share of {parent}: {share}")
            return text.format(parent=node.parent, share=percent_text(self._share(node.code)))
        return None

    def _flagged_group(self, node_id: int, column: int) -> WeightGroup | None:
        """The unbalanced group a cell is marked for: a parent's code, a child's weight."""
        node = self._tree.node(node_id)
        if column == CODE:
            group = self._groups.get(node.code)
        elif column == WEIGHT and node.parent is not None:
            group = self._groups.get(node.parent)
        else:
            return None
        return group if group is not None and not group.balanced else None

    def _share(self, code: str) -> float:
        return share(self._tree.framework, code)

    def group_message(self, group: WeightGroup) -> str:
        parent = self._session.name(self._tree.framework[group.parent])
        text = self.tr("Weights of the children of {parent} sum to {total}")
        return text.format(parent=f"{group.parent} {parent}", total=percent_text(group.total))

    # ------------------------------------------------------------ editing

    def setData(self, index: AnyIndex, value: object, role: int = _Role.EditRole) -> bool:
        if not index.isValid() or role != _Role.EditRole:
            return False
        try:
            command = self._command(index.internalId(), index.column(), value)
            if command is None:
                return False
            self._session.edit(command)
        except ValueError as exc:
            self.refused.emit(str(exc))
            return False
        return True

    def _command(self, node_id: int, column: int, value: object) -> AppliedCommand | None:
        """The command for an edited cell, None if nothing changes; ValueError if bad."""
        node = self._tree.node(node_id)
        old = self._edit_value(node_id, column)
        if column in _FIELDS:
            new = _coerce(column, value)
            if new == old:
                return None
            return EditIndicator(self._session, node_id, _FIELDS[column], old, new)
        if node.spec is None:
            return None
        if column == KIND:
            if value == node.spec.kind or not isinstance(value, str):
                return None
            return SetSpec(self._session, node_id, node.spec, default_spec(value, node.spec))
        if column in _SPEC_FIELDS:
            field = _SPEC_FIELDS[column]
            stored = getattr(node.spec, field)
            new = _spec_value(field, value)
            if new == stored or (new is None and stored != stored):  # NaN = none
                return None
            old_value = None if stored != stored else stored
            return EditIndicator(self._session, node_id, field, old_value, new)
        return None


def _coerce(column: int, value: object) -> object:
    if column in (NAME_ZH, NAME_EN):
        return str(value).strip()
    if column == DIRECTION:
        return 1 if int(str(value)) >= 0 else -1
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"{value!r} is not a number")
    return float(value)


def _spec_value(field: str, value: object) -> object:
    if field == "unit":
        return str(value).strip()
    return parse_number(str(value)) if not isinstance(value, int | float) else float(value)
