"""Undoable structural edits of the framework. Each apply/revert is one committed, audited
workspace transaction (models.framework_edit); node ids stay the same through undo/redo,
so the field edits (ui.commands.EditIndicator) around them on the stack stay valid."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from models.framework import Indicator, MeasurementSpec
from models.framework_edit import Removal
from ui.session import AppliedCommand, Session


def _spec_of(session: Session, node_id: int) -> MeasurementSpec | None:
    return next((n.spec for n in session.framework.nodes if n.node_id == node_id), None)


class AddIndicator(AppliedCommand):
    """Add a leaf under `parent_id`; undo takes it out again (a leaf parent gets its
    measurement back), redo puts the same node back."""

    def __init__(
        self, session: Session, parent_id: int, node: Indicator, index: int | None = None
    ) -> None:
        super().__init__(
            QCoreApplication.translate("FrameworkCommands", "Add indicator {code}").format(
                code=node.code
            )
        )
        self._session, self._parent_id, self._node, self._index = session, parent_id, node, index
        self._parent_spec = _spec_of(session, parent_id)  # the parent's, if it is a leaf
        self.node_id: int | None = None
        self._removal: Removal | None = None

    def apply(self) -> None:
        ws, actor = self._session.workspace, self._session.actor
        if self._removal is not None:
            ws.restore_indicator(self._removal, actor, "redo")
        else:
            framework_id = self._session.campaign.framework_id
            self.node_id = ws.add_indicator(
                framework_id, self._parent_id, self._node, actor, self._index
            )
        self._session.framework_edited()

    def revert(self) -> None:
        assert self.node_id is not None
        ws, actor = self._session.workspace, self._session.actor
        self._removal = ws.remove_indicator(self.node_id, actor, "undo", self._parent_spec)
        self._session.framework_edited()


class RemoveIndicator(AppliedCommand):
    """Take a node and its subtree out of the framework; its observations are soft-deleted
    (kept, attached by node id); undo puts everything back."""

    def __init__(self, session: Session, node_id: int, code: str, reason: str = "") -> None:
        super().__init__(
            QCoreApplication.translate("FrameworkCommands", "Remove indicator {code}").format(
                code=code
            )
        )
        self._session, self._node_id, self._reason = session, node_id, reason
        self.removal: Removal | None = None

    def apply(self) -> None:
        ws, actor = self._session.workspace, self._session.actor
        self.removal = ws.remove_indicator(self._node_id, actor, self._reason)
        self._session.framework_edited()

    def revert(self) -> None:
        assert self.removal is not None
        self._session.workspace.restore_indicator(self.removal, self._session.actor, "undo")
        self._session.framework_edited()


class MoveIndicator(AppliedCommand):
    """Move a node under another parent and/or to another place among its siblings."""

    def __init__(
        self, session: Session, node_id: int, parent_id: int, index: int, text: str
    ) -> None:
        super().__init__(text)
        self._session, self._node_id = session, node_id
        self._to = (parent_id, index)
        node = next(n for n in session.framework.nodes if n.node_id == node_id)
        assert node.parent is not None, "the root does not move"
        siblings = session.framework.children(node.parent)
        old_parent = session.framework[node.parent].node_id
        assert old_parent is not None
        self._from = (old_parent, [s.node_id for s in siblings].index(node_id))
        self._target_spec = _spec_of(session, parent_id)  # the target's, if it is a leaf

    def apply(self) -> None:
        self._move(*self._to, None)

    def revert(self) -> None:
        self._move(*self._from, self._target_spec)

    def _move(self, parent_id: int, index: int, leaf_spec: MeasurementSpec | None) -> None:
        ws, actor = self._session.workspace, self._session.actor
        ws.move_indicator(self._node_id, parent_id, index, actor, leaf_spec=leaf_spec)
        self._session.framework_edited()


class SetWeights(AppliedCommand):
    """Set several weights in one transaction (normalising sibling groups)."""

    def __init__(self, session: Session, weights: Mapping[int, float], text: str) -> None:
        super().__init__(text)
        self._session, self._new = session, dict(weights)
        old = {n.node_id: n.weight for n in session.framework.nodes}
        self._old = {node_id: old[node_id] for node_id in self._new}

    def apply(self) -> None:
        self._set(self._new, "")

    def revert(self) -> None:
        self._set(self._old, "undo")

    def _set(self, weights: dict[int, float], reason: str) -> None:
        self._session.workspace.set_weights(weights, self._session.actor, reason)
        self._session.framework_edited()


class SetSpec(AppliedCommand):
    """Replace a leaf's measurement (kind, goalposts, levels, items…) in one step."""

    def __init__(
        self, session: Session, node_id: int, old: MeasurementSpec, new: MeasurementSpec
    ) -> None:
        super().__init__(QCoreApplication.translate("FrameworkCommands", "Edit measurement"))
        self._session, self._node_id, self._old, self._new = session, node_id, old, new

    def apply(self) -> None:
        self._set(self._new, "")

    def revert(self) -> None:
        self._set(self._old, "undo")

    def _set(self, spec: MeasurementSpec, reason: str) -> None:
        ws = self._session.workspace
        ws.set_indicator_spec(self._node_id, spec, self._session.actor, reason)
        self._session.framework_edited()
