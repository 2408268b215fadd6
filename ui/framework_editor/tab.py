"""The indicator system editor tab: the framework tree, a side form, the weight check.

Edits (inline in the tree, in the form, or by the toolbar) are undoable commands on the
session's stack and are committed at once; refusals appear in an inline error bar. A
sibling group whose weights do not sum to 100 % is marked in the tree and named in a
banner with a "Normalise" action (one transaction, one undo step).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from models.framework_weights import WeightGroup, normalised
from ui.framework_editor.banner import ErrorBar, WeightBanner
from ui.framework_editor.commands import AddIndicator, MoveIndicator, RemoveIndicator, SetWeights
from ui.framework_editor.delegates import FrameworkDelegate
from ui.framework_editor.move_dialog import MoveDialog
from ui.framework_editor.new_node import new_node
from ui.framework_editor.node_form import NodeForm
from ui.framework_editor.tree_model import NAME_EN, NAME_ZH, FrameworkTreeModel
from ui.session import AppliedCommand, Session

COLUMN_WIDTHS = (128, 176, 200, 76, 64, 80, 60, 50, 50)
Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


class FrameworkEditorTab(QWidget):
    """Edit the current campaign's framework: tree, fields, weights, structure."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._expanded: set[int] = set()
        self._current: int | None = None
        self.model = FrameworkTreeModel(session, self)
        self.view = QTreeView(self)
        self.form = NodeForm(session, self)
        self.banner = WeightBanner(self)
        self.error = ErrorBar(self)
        self._toolbar = QToolBar(self)
        self._build_view()
        self._build_actions()
        self._layout()
        self._connect()
        self.retranslate()
        self.view.expandAll()
        self.view.setCurrentIndex(self.model.index_of(self.model.tree.root_id))

    # ------------------------------------------------------------ building

    def _build_view(self) -> None:
        self.view.setModel(self.model)
        self.view.setItemDelegate(FrameworkDelegate(self.view))
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setIndentation(14)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        for column, width in enumerate(COLUMN_WIDTHS):
            self.view.setColumnWidth(column, width)

    def _action(self, slot: object, keys: QKeySequence | None = None) -> QAction:
        action = QAction(self)
        action.triggered.connect(slot)
        if keys is not None:  # keys work in the tree only (not in the form's fields)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.view.addAction(action)
        self._toolbar.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence
        self.add_child_action = self._action(self.add_child, key("Ctrl+Insert"))
        self.add_sibling_action = self._action(self.add_sibling, key(Qt.Key.Key_Insert))
        self.remove_action = self._action(self.remove, key(key.StandardKey.Delete))
        self._toolbar.addSeparator()
        self.up_action = self._action(lambda: self.move_by(-1), key("Alt+Up"))
        self.down_action = self._action(lambda: self.move_by(1), key("Alt+Down"))
        self.move_action = self._action(self.move_to)
        self._toolbar.addSeparator()
        self.normalise_all_action = self._action(self.normalise_all)
        self._toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

    def _layout(self) -> None:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setMinimumWidth(360)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([sum(COLUMN_WIDTHS) + 30, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for widget in (self._toolbar, self.banner, self.error):
            layout.addWidget(widget)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.model.refused.connect(self.show_error)
        self.form.refused.connect(self.show_error)
        self.model.modelAboutToBeReset.connect(self._save_state)
        self.model.modelReset.connect(self._restore_state)
        self.view.selectionModel().currentChanged.connect(lambda _c, _p: self._selected())
        self.banner.normalise.connect(self.normalise)
        self.banner.normalise_all.connect(self.normalise_all)
        self._session.framework_changed.connect(self._framework_changed)
        self._session.language_changed.connect(lambda _language: self._refresh())

    # ------------------------------------------------------------ texts

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        texts = (
            (self.add_child_action, self.tr("Add sub-indicator")),
            (self.add_sibling_action, self.tr("Add indicator after")),
            (self.remove_action, self.tr("Remove…")),
            (self.up_action, self.tr("Move up")),
            (self.down_action, self.tr("Move down")),
            (self.move_action, self.tr("Move to…")),
            (self.normalise_all_action, self.tr("Normalise all weights")),
        )
        for action, text in texts:
            action.setText(text)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({keys})" if keys else text)
        self.banner.retranslate()
        self.error.retranslate()
        self.model.retranslate()
        self._refresh()

    # ------------------------------------------------------------ state

    def current_id(self) -> int | None:
        return self.model.node_id(self.view.currentIndex())

    def select(self, node_id: int, column: int = 0) -> QModelIndex:
        index = self.model.index_of(node_id, column)
        if index.isValid():
            self.view.scrollTo(index)
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.view.selectionModel().setCurrentIndex(
                index, flags | QItemSelectionModel.SelectionFlag.Rows
            )
        return index

    def _save_state(self) -> None:
        tree = self.model.tree
        self._expanded = {i for i in tree.children_by_id() if i is not None and self._is_open(i)}
        self._current = self.current_id()

    def _is_open(self, node_id: int) -> bool:
        return self.view.isExpanded(self.model.index_of(node_id))

    def _restore_state(self) -> None:
        for node_id in self._expanded:
            self.view.setExpanded(self.model.index_of(node_id), True)
        current = self._current if self._current in self.model.tree else None
        self.select(current if current is not None else self.model.tree.root_id)

    def _framework_changed(self) -> None:
        self.error.hide()
        self._refresh()

    def _selected(self) -> None:
        self.error.hide()
        self.form.show_node(self.current_id())
        self._refresh_actions()
        self._refresh_banner()

    def _refresh(self) -> None:
        self.form.show_node(self.current_id())
        self._refresh_actions()
        self._refresh_banner()

    def _refresh_actions(self) -> None:
        tree, node_id = self.model.tree, self.current_id()
        parent = None if node_id is None else tree.parent_of(node_id)
        row = tree.row_of(node_id) if node_id is not None else None
        last = len(tree.child_ids(parent)) - 1
        self.add_child_action.setEnabled(node_id is not None)
        for action in (self.add_sibling_action, self.remove_action, self.move_action):
            action.setEnabled(parent is not None)
        self.up_action.setEnabled(parent is not None and row is not None and row > 0)
        self.down_action.setEnabled(parent is not None and row is not None and row < last)
        self.normalise_all_action.setEnabled(bool(self.model.unbalanced_groups()))

    def banner_group(self) -> WeightGroup | None:
        """The unbalanced group the banner names: the selected node's siblings, its
        children, or else the first in tree order."""
        groups = {g.parent: g for g in self.model.unbalanced_groups()}
        node_id = self.current_id()
        if node_id is not None:
            node = self.model.tree.node(node_id)
            for code in (node.parent, node.code):
                if code in groups:
                    return groups[code]
        return next(iter(groups.values()), None)

    def _refresh_banner(self) -> None:
        group = self.banner_group()
        count = len(self.model.unbalanced_groups())
        message = self.model.group_message(group) if group is not None else ""
        self.banner.show_group(group, message, count)

    def show_error(self, message: str) -> None:
        self.error.show_refusal(message)

    # ------------------------------------------------------------ edits

    def _edit(self, command: AppliedCommand) -> bool:
        try:
            self._session.edit(command)
        except ValueError as exc:
            self.show_error(str(exc))
            return False
        return True

    def _name_column(self) -> int:
        return NAME_EN if self._session.language == "en" else NAME_ZH

    def _add(self, parent_id: int, index: int | None) -> None:
        node = new_node(self._session, self.model.tree, parent_id)
        command = AddIndicator(self._session, parent_id, node, index)
        if self._edit(command) and command.node_id is not None:
            self.view.expand(self.model.index_of(parent_id))
            self.view.edit(self.select(command.node_id, self._name_column()))

    def add_child(self) -> None:
        node_id = self.current_id()
        if node_id is None:
            return
        node = self.model.tree.node(node_id)
        if node.spec is not None and not self._session.workspace.indicator_observations(node_id):
            question = self.tr(
                "{code} is a leaf indicator. With a sub-indicator it becomes an aggregate"
                " and its measurement (kind, goalposts, levels) is dropped. Continue?"
            )
            if not self._confirm(question.format(code=node.code)):
                return
        self._add(node_id, None)

    def add_sibling(self) -> None:
        node_id = self.current_id()
        parent = None if node_id is None else self.model.tree.parent_of(node_id)
        if node_id is not None and parent is not None:
            row = self.model.tree.row_of(node_id)
            self._add(parent, None if row is None else row + 1)

    def remove(self) -> None:
        node_id = self.current_id()
        if node_id is None or self.model.tree.parent_of(node_id) is None:
            return
        node = self.model.tree.node(node_id)
        count = len(self._session.workspace.indicator_observations(node_id))
        if count:
            question = self.tr(
                "{code} {name} and its sub-indicators have {count} observations. Remove it?"
                " The observations are kept in the workspace (deleted, with their history)"
                " and come back with Undo."
            )
            text = question.format(code=node.code, name=self._session.name(node), count=count)
            if not self._confirm(text):
                return
        self._edit(RemoveIndicator(self._session, node_id, node.code))

    def move_by(self, step: int) -> None:
        node_id = self.current_id()
        tree = self.model.tree
        parent = None if node_id is None else tree.parent_of(node_id)
        row = None if node_id is None else tree.row_of(node_id)
        if node_id is None or parent is None or row is None:
            return
        if not 0 <= row + step < len(tree.child_ids(parent)):
            return
        text = self.tr("Move up") if step < 0 else self.tr("Move down")
        if self._edit(MoveIndicator(self._session, node_id, parent, row + step, text)):
            self.select(node_id)

    def move_to(self) -> None:
        node_id = self.current_id()
        if node_id is None or self.model.tree.parent_of(node_id) is None:
            return
        target = self.ask_new_parent(node_id)
        if target is None:
            return
        index = len(self.model.tree.child_ids(target))
        text = self.tr("Move to {code}").format(code=self.model.tree.node(target).code)
        if self._edit(MoveIndicator(self._session, node_id, target, index, text)):
            self.view.expand(self.model.index_of(target))
            self.select(node_id)

    def ask_new_parent(self, node_id: int) -> int | None:
        dialog = MoveDialog(self._session, self.model.tree, node_id, self)
        return dialog.chosen() if dialog.exec() == MoveDialog.DialogCode.Accepted else None

    def normalise(self) -> None:
        group = self.banner_group()
        if group is not None:
            text = self.tr("Normalise the weights under {code}").format(code=group.parent)
            self._normalise([group.parent], text)

    def normalise_all(self) -> None:
        parents = [g.parent for g in self.model.unbalanced_groups()]
        if parents:
            self._normalise(parents, self.tr("Normalise all weights"))

    def _normalise(self, parents: list[str], text: str) -> None:
        weights = normalised(self.model.tree.framework, parents)
        self._edit(SetWeights(self._session, weights, text))

    def _confirm(self, text: str) -> bool:
        title = self.tr("Indicator system")
        return QMessageBox.question(self, title, text, Yes | No, No) == Yes
