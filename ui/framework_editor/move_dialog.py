"""“Move to…”: choose the new parent of a node among the aggregates outside its subtree."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.framework_editor.tree import FrameworkTree
from ui.session import Session

INDENT = "\u3000"  # an ideographic space per level


def move_targets(tree: FrameworkTree, node_id: int) -> list[int]:
    """The nodes `node_id` may move under: aggregates other than its parent, outside its
    own subtree, in tree order."""
    excluded = set(tree.subtree(node_id)) | {tree.parent_of(node_id)}
    return [
        n.node_id
        for n in tree.framework.walk()
        if n.node_id is not None and n.spec is None and n.node_id not in excluded
    ]


class MoveDialog(QDialog):
    """Lists the possible new parents; `chosen()` is the selected one after exec()."""

    def __init__(
        self, session: Session, tree: FrameworkTree, node_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        node = tree.node(node_id)
        self.setWindowTitle(self.tr("Move {code} to…").format(code=node.code))
        self._list = QListWidget(self)
        for target in move_targets(tree, node_id):
            item = tree.node(target)
            text = f"{INDENT * tree.depth(target)}{item.code}  {session.name(item)}"
            entry = QListWidgetItem(text, self._list)
            entry.setData(Qt.ItemDataRole.UserRole, target)
        self._list.setCurrentRow(0)
        self._list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = self.tr("New parent (the indicator becomes its last sub-indicator):")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(hint, self))
        layout.addWidget(self._list)
        layout.addWidget(buttons)
        self.resize(460, 420)

    def chosen(self) -> int | None:
        item = self._list.currentItem()
        if item is None:
            return None
        value = item.data(Qt.ItemDataRole.UserRole)
        return value if isinstance(value, int) else None
