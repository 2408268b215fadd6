"""Undoable edits. Each apply/revert is one committed, audited workspace transaction."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QCoreApplication

from models.observations import NewObservation, Status
from ui.session import AppliedCommand, Session


def field_label(field: str) -> str:
    """A stored field's name as the user reads it (in the undo menu's "Undo edit …")."""
    translate = QCoreApplication.translate
    labels = {
        "value": translate("commands", "value"),
        "channel": translate("commands", "channel"),
        "observed_on": translate("commands", "date observed"),
        "source": translate("commands", "source"),
        "note": translate("commands", "note"),
        "detail": translate("commands", "ticked items"),
        "status": translate("commands", "status"),
        "name_zh": translate("commands", "Chinese name"),
        "name_en": translate("commands", "English name"),
        "description": translate("commands", "description"),
        "unit": translate("commands", "unit"),
        "weight": translate("commands", "weight"),
        "direction": translate("commands", "direction"),
        "low": translate("commands", "lower goalpost"),
        "high": translate("commands", "upper goalpost"),
        "target": translate("commands", "target"),
        "bounded": translate("commands", "bounds"),
        "position": translate("commands", "position"),
        "denominator": translate("commands", "denominator"),
    }
    return labels.get(field, field)


class AddObservation(AppliedCommand):
    """Create an observation; undo soft-deletes it, redo restores it (history is kept)."""

    def __init__(self, session: Session, new: NewObservation, reason: str = "") -> None:
        super().__init__(QCoreApplication.translate("commands", "Add observation"))
        self._session, self._new, self._reason = session, new, reason
        self.uuid: str | None = None

    def apply(self) -> None:
        ws, actor = self._session.workspace, self._session.actor
        if self.uuid is None:
            self.uuid = ws.add_observations([self._new], actor, self._reason)[0]
        else:
            ws.restore_observation(self.uuid, actor, "redo")
        self._session.observations_edited()

    def revert(self) -> None:
        assert self.uuid is not None
        self._session.workspace.delete_observation(self.uuid, self._session.actor, "undo")
        self._session.observations_edited()


class EditObservation(AppliedCommand):
    """Change one field of an observation (value, channel, date, source, note, detail)."""

    def __init__(
        self, session: Session, uuid: str, field: str, old: object, new: object, reason: str = ""
    ) -> None:
        super().__init__(
            QCoreApplication.translate("commands", "Edit {field}").format(field=field_label(field))
        )
        self._session, self._uuid, self._field = session, uuid, field
        self._old, self._new, self._reason = old, new, reason

    def apply(self) -> None:
        self._set(self._new, self._reason)

    def revert(self) -> None:
        self._set(self._old, "undo")

    def _set(self, value: object, reason: str) -> None:
        ws, actor = self._session.workspace, self._session.actor
        if self._field == "status":
            ws.set_status(self._uuid, cast(Status, value), actor, reason)
        else:
            ws.update_observation(self._uuid, self._field, value, actor, reason)
        self._session.observations_edited()


class DeleteObservation(AppliedCommand):
    """Soft-delete an observation (kept with its history); undo restores it."""

    def __init__(self, session: Session, uuid: str, reason: str) -> None:
        super().__init__(QCoreApplication.translate("commands", "Delete observation"))
        self._session, self._uuid, self._reason = session, uuid, reason

    def apply(self) -> None:
        self._session.workspace.delete_observation(self._uuid, self._session.actor, self._reason)
        self._session.observations_edited()

    def revert(self) -> None:
        self._session.workspace.restore_observation(self._uuid, self._session.actor, "undo")
        self._session.observations_edited()


class EditIndicator(AppliedCommand):
    """Change one editable field of a framework node (names, weight, direction, spec...)."""

    def __init__(
        self, session: Session, node_id: int, field: str, old: object, new: object, reason: str = ""
    ) -> None:
        super().__init__(
            QCoreApplication.translate("commands", "Edit indicator {field}").format(
                field=field_label(field)
            )
        )
        self._session, self._node_id, self._field = session, node_id, field
        self._old, self._new, self._reason = old, new, reason

    def apply(self) -> None:
        self._set(self._new, self._reason)

    def revert(self) -> None:
        self._set(self._old, "undo")

    def _set(self, value: object, reason: str) -> None:
        ws = self._session.workspace
        ws.update_indicator(self._node_id, self._field, value, self._session.actor, reason)
        self._session.framework_edited()


class EditObservationFields(AppliedCommand):
    """Change several fields of one observation as one undo step and one transaction (e.g.
    a checklist's value and its ticked items). `changes` are (field, old, new)."""

    def __init__(
        self,
        session: Session,
        uuid: str,
        changes: tuple[tuple[str, object, object], ...],
        reason: str = "",
    ) -> None:
        fields = ", ".join(field_label(field) for field, _old, _new in changes)
        super().__init__(
            QCoreApplication.translate("commands", "Edit {field}").format(field=fields)
        )
        self._session, self._uuid = session, uuid
        self._changes, self._reason = changes, reason

    def apply(self) -> None:
        self._set([(f, new) for f, _old, new in self._changes], self._reason)

    def revert(self) -> None:
        self._set([(f, old) for f, old, _new in reversed(self._changes)], "undo")

    def _set(self, values: list[tuple[str, object]], reason: str) -> None:
        ws, actor = self._session.workspace, self._session.actor
        ws.update_observation_fields(self._uuid, values, actor, reason)
        self._session.observations_edited()
