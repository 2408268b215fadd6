"""Undo and redo through the session's stack restore values, and the panel follows."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.ui.entry_helpers import (
    city_id,
    city_with,
    clear_city,
    current_code,
    live,
    make_tab,
    node_id,
    type_value,
    typical,
    value_line,
)
from ui.entry.editors import ChecklistEditor
from ui.session import Session


def test_undo_and_redo_of_an_edit_show_in_the_panel(session: Session, qtbot: QtBot) -> None:
    city = city_with(session, "T1.3")
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "T1.3"))
    [obs] = live(session, city, "T1.3")
    new = typical(session, "T1.3") + ".25"
    type_value(qtbot, tab, new, Qt.Key.Key_Tab)
    assert session.workspace.observation(obs.uuid).value == float(new)
    session.undo_stack.undo()
    assert session.workspace.observation(obs.uuid).value == obs.value
    assert float(value_line(tab).text()) == obs.value
    session.undo_stack.redo()
    assert session.workspace.observation(obs.uuid).value == float(new)
    assert value_line(tab).text() == new
    assert tab.tree_model.index_of(node_id(session, "T1.3"), 1).data().startswith(new)


def test_undo_of_a_first_value_empties_the_cell_again(session: Session, qtbot: QtBot) -> None:
    city = city_id(session, 9)
    clear_city(session, city)
    tab = make_tab(session, qtbot)
    tab.select_city(city)
    value = typical(session, "T1.1")
    type_value(qtbot, tab, value)  # creates the observation and moves to T1.2
    assert len(live(session, city, "T1.1")) == 1
    tab.select_cell(city, node_id(session, "T1.1"))
    assert tab.panel.uuid is not None and value_line(tab).text() == value
    session.undo_stack.undo()
    assert live(session, city, "T1.1") == []
    assert tab.panel.uuid is None and value_line(tab).text() == ""
    assert tab.tree_model.index_of(node_id(session, "T1.1"), 1).data() == "—"
    session.undo_stack.redo()
    assert [o.value for o in live(session, city, "T1.1")] == [float(value)]
    assert value_line(tab).text() == value


def test_undo_of_a_checklist_restores_count_and_items_together(
    session: Session, qtbot: QtBot
) -> None:
    city = city_with(session, "R1.1")
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "R1.1"))
    [obs] = live(session, city, "R1.1")
    editor = tab.panel.editor
    assert isinstance(editor, ChecklistEditor)
    ticked = json.loads(obs.detail)
    box = next(b for b, item in zip(editor.boxes, editor.spec.items, strict=True) if item in ticked)
    QTest.mouseClick(
        box, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(8, box.height() // 2)
    )
    assert not box.isChecked()
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert "Saved" in tab.panel.state_text, tab.panel.state_text
    changed = session.workspace.observation(obs.uuid)
    assert changed.value == obs.value - 1 and len(json.loads(changed.detail)) == len(ticked) - 1
    assert current_code(tab) == "R1.2"  # Enter moved on
    session.undo_stack.undo()
    restored = session.workspace.observation(obs.uuid)
    assert (restored.value, restored.detail) == (obs.value, obs.detail)
    tab.select_cell(city, node_id(session, "R1.1"))
    editor = tab.panel.editor
    assert isinstance(editor, ChecklistEditor)
    shown = [item for b, item in zip(editor.boxes, editor.spec.items, strict=True) if b.isChecked()]
    assert shown == ticked
