"""The Workspace's framework-structure edits (models.framework_edit), as a mixin.

`Workspace` inherits these methods. Like its own edits, each one runs as one committed,
audited transaction in the Workspace's `_writing()` (they live here because
models/workspace.py is at its size limit).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from contextlib import AbstractContextManager

from models import framework_edit
from models.audit import Actor
from models.framework import Indicator, MeasurementSpec
from models.framework_edit import Removal


class FrameworkEditing:
    """Add, remove (and restore), move, re-weight and re-specify framework nodes."""

    def _reading(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _writing(self) -> AbstractContextManager[tuple[sqlite3.Connection, str]]:
        raise NotImplementedError

    def add_indicator(
        self,
        framework_id: int,
        parent_id: int,
        node: Indicator,
        actor: Actor,
        index: int | None = None,
        reason: str = "",
    ) -> int:
        """Store a new leaf under `parent_id` at `index` (default last); returns its id."""
        with self._writing() as (conn, now):
            return framework_edit.add_indicator(
                conn, framework_id, parent_id, node, actor, now, index, reason
            )

    def remove_indicator(
        self,
        node_id: int,
        actor: Actor,
        reason: str = "",
        leaf_spec: MeasurementSpec | None = None,
    ) -> Removal:
        """Take a node and its subtree out of the tree; its observations are soft-deleted."""
        with self._writing() as (conn, now):
            return framework_edit.remove_indicator(conn, node_id, actor, now, reason, leaf_spec)

    def restore_indicator(self, removal: Removal, actor: Actor, reason: str = "") -> None:
        """Undo `remove_indicator`: the same ids back in place, the observations restored."""
        with self._writing() as (conn, now):
            framework_edit.restore_indicator(conn, removal, actor, now, reason)

    def move_indicator(
        self,
        node_id: int,
        parent_id: int,
        index: int | None,
        actor: Actor,
        reason: str = "",
        leaf_spec: MeasurementSpec | None = None,
    ) -> bool:
        """Move a node under `parent_id` at `index` (None: last); False if nothing moved."""
        with self._writing() as (conn, now):
            return framework_edit.move_indicator(
                conn, node_id, parent_id, index, actor, now, reason, leaf_spec
            )

    def set_weights(self, weights: Mapping[int, float], actor: Actor, reason: str = "") -> bool:
        """Set several nodes' weights in one transaction; False if none changed."""
        with self._writing() as (conn, now):
            return framework_edit.set_sibling_weights(conn, weights, actor, now, reason)

    def set_indicator_spec(
        self, node_id: int, spec: MeasurementSpec, actor: Actor, reason: str = ""
    ) -> bool:
        """Replace a leaf's measurement spec; False if unchanged."""
        with self._writing() as (conn, now):
            return framework_edit.set_spec(conn, node_id, spec, actor, now, reason)

    def indicator_observations(self, node_id: int) -> list[str]:
        """Uuids of the live observations of a node and its descendants (all campaigns)."""
        with self._reading() as conn:
            return framework_edit.live_observations(conn, node_id)

    def indicator_codes(self, framework_id: int) -> set[str]:
        """Every code used in the framework, removed indicators' included (reserved)."""
        with self._reading() as conn:
            return framework_edit.codes(conn, framework_id)
