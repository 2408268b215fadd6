"""The Session: edits are applied at once, audited, undoable, and invalidate the scores."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from ui.commands import EditObservation
from ui.session import Session


def first_observation_uuid(session: Session) -> tuple[str, float]:
    city = session.cities[0]
    leaf = session.framework["T1.1"]
    assert city.city_id is not None and leaf.node_id is not None
    obs = session.observations(city.city_id, leaf.node_id)[0]
    return obs.uuid, obs.value


def test_edit_applies_audits_and_undoes(session: Session, qtbot: QtBot) -> None:
    uuid, old = first_observation_uuid(session)
    before = session.scores().result.index.copy()
    with qtbot.waitSignal(session.scores_changed):
        session.edit(EditObservation(session, uuid, "value", old, 12.5, "test"))
    assert session.workspace.observation(uuid).value == 12.5
    edit = [e for e in session.workspace.audit_trail("observation", uuid) if e.field == "value"]
    assert edit[-1].new_value == 12.5 and edit[-1].reason == "test"
    assert edit[-1].who == "测试员 Tester"
    assert (session.scores().result.index != before).any()
    session.undo_stack.undo()
    assert session.workspace.observation(uuid).value == old
    session.undo_stack.redo()
    assert session.workspace.observation(uuid).value == 12.5


def test_refused_edit_changes_nothing(session: Session) -> None:
    uuid, old = first_observation_uuid(session)
    with pytest.raises(ValueError, match="outside"):
        session.edit(EditObservation(session, uuid, "value", old, 1000.0))
    assert session.workspace.observation(uuid).value == old
    assert session.undo_stack.count() == 0


def test_names_follow_language(session: Session) -> None:
    city = session.cities[0]
    assert session.name(city) == city.name_zh
    session.set_language("en")
    assert session.name(city) == city.name_en
