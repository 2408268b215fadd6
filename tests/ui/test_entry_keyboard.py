"""A city entered from the keyboard: values typed, Enter to go on, Tab between fields."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from models.framework import MeasurementSpec
from models.observations import Observation
from models.workspace import Workspace
from tests.ui.conftest import EVALUATOR
from tests.ui.entry_helpers import (
    city_id,
    clear_city,
    current_code,
    live,
    make_tab,
    node_id,
    type_value,
    typical,
    value_line,
)
from ui.entry import EntryTab
from ui.entry.labels import editable_text
from ui.session import Session


def test_typed_values_are_saved_audited_and_enter_moves_on(session: Session, qtbot: QtBot) -> None:
    city = city_id(session, 3)
    clear_city(session, city)
    tab = make_tab(session, qtbot)
    tab.select_city(city)
    assert current_code(tab) == "T1.1"  # the first indicator without a value
    one, two = typical(session, "T1.1"), typical(session, "T1.2") + ".5"
    type_value(qtbot, tab, one)
    assert current_code(tab) == "T1.2"
    assert QApplication.focusWidget() is value_line(tab)  # ready for the next value
    type_value(qtbot, tab, two)
    assert current_code(tab) == "T1.3", tab.panel.state_text
    [first] = live(session, city, "T1.1")
    [second] = live(session, city, "T1.2")
    assert (first.value, second.value) == (float(one), float(two))
    assert first.evaluator == EVALUATOR.evaluator and first.status == "draft"
    trail = session.workspace.audit_trail("observation", first.uuid)
    assert trail[-1].action == "create" and trail[-1].who == EVALUATOR.evaluator
    assert "Saved" in tab.panel.state_text


def test_tab_leaves_the_value_field_and_saves_it(session: Session, qtbot: QtBot) -> None:
    city = city_id(session, 4)
    clear_city(session, city)
    tab = make_tab(session, qtbot)
    tab.select_city(city)
    value = typical(session, "T1.1")
    type_value(qtbot, tab, value, Qt.Key.Key_Tab)
    assert current_code(tab) == "T1.1"  # Tab does not move to the next indicator
    assert QApplication.focusWidget() is tab.panel.fields.channel
    [saved] = live(session, city, "T1.1")
    assert saved.value == float(value)
    QTest.keyClick(tab.panel.fields.channel, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is tab.panel.fields.date


def _keys_for(tab: EntryTab, qtbot: QtBot, spec: MeasurementSpec, obs: Observation) -> None:
    """Enter `obs`'s value into the focused editor with the keyboard only, then Enter."""
    focused = QApplication.focusWidget()
    assert focused is not None
    if spec.kind == "numeric":
        QTest.keyClicks(focused, editable_text(obs.value))
    elif spec.kind in ("rating", "yesno"):
        values = [1.0, 0.0] if spec.kind == "yesno" else [lv.value for lv in spec.levels]
        QTest.keyClick(focused, Qt.Key(Qt.Key.Key_1 + values.index(obs.value)))
    else:
        ticked = json.loads(obs.detail)
        for item in spec.items:
            box = QApplication.focusWidget()
            assert box is not None
            if item in ticked:
                QTest.keyClick(box, Qt.Key.Key_Space)
            if item != spec.items[-1]:
                QTest.keyClick(box, Qt.Key.Key_Tab)
    widget = QApplication.focusWidget()
    assert widget is not None
    QTest.keyClick(widget, Qt.Key.Key_Return)


def test_a_whole_city_from_the_keyboard(session: Session, qtbot: QtBot) -> None:
    city = city_id(session, 7)
    leaves = session.framework.leaves()
    before = {o.indicator_id: o for o in session.workspace.observations(1, city)}
    clear_city(session, city)
    tab = make_tab(session, qtbot)
    tab.select_city(city)
    assert tab.cities.model.completion(city) == 0.0
    tab.panel.focus_value()
    for number, indicator in enumerate(leaves):
        assert current_code(tab) == indicator.code, tab.panel.state_text
        assert indicator.spec is not None and indicator.node_id is not None
        _keys_for(tab, qtbot, indicator.spec, before[indicator.node_id])
        if number < len(leaves) - 1:
            assert current_code(tab) != indicator.code, (indicator.code, tab.panel.state_text)
    assert current_code(tab) == leaves[-1].code  # stays on the last indicator
    assert "complete" in tab.panel.state_text
    assert tab.cities.model.completion(city) == 1.0
    for indicator in leaves:
        assert indicator.node_id is not None
        [entered] = live(session, city, indicator.code)
        original = before[indicator.node_id]
        assert entered.value == original.value, indicator.code
        if indicator.spec is not None and indicator.spec.kind == "checklist":
            assert json.loads(entered.detail) == json.loads(original.detail)


def test_values_survive_closing_and_reopening(
    session: Session, qtbot: QtBot, sample_workspace_path: Path
) -> None:
    city = city_id(session, 5)
    clear_city(session, city)
    tab = make_tab(session, qtbot)
    tab.select_city(city)
    typed = [typical(session, code) for code in ("T1.1", "T1.2", "T1.3")]
    for text in typed:
        type_value(qtbot, tab, text)
    session.workspace.close()
    with Workspace.open(sample_workspace_path) as reopened:
        stored = {o.indicator_id: o.value for o in reopened.observations(1, city)}
        for code, text in zip(("T1.1", "T1.2", "T1.3"), typed, strict=True):
            assert stored[node_id(session, code)] == float(text)
        assert len(stored) == 3


def test_search_then_enter_lands_in_the_value_field(session: Session, qtbot: QtBot) -> None:
    city = city_id(session, 14)
    clear_city(session, city)
    tab = make_tab(session, qtbot)
    search = tab.cities.search
    search.setFocus()
    QTest.keyClicks(search, session.cities[14].name_en)
    QTest.keyClick(search, Qt.Key.Key_Return)
    assert tab.cells.city_id == city
    assert QApplication.focusWidget() is value_line(tab)
    value = typical(session, "T1.1")
    QTest.keyClicks(value_line(tab), value)
    QTest.keyClick(value_line(tab), Qt.Key.Key_Return)
    assert [o.value for o in live(session, city, "T1.1")] == [float(value)]
    tab.tree.setFocus()
    QTest.keyClick(tab.tree, Qt.Key.Key_Return)  # from the tree, too
    assert QApplication.focusWidget() is value_line(tab)
