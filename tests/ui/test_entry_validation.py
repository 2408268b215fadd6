"""Hard limits refuse a value (shown, not saved); soft warnings need a reason (audited)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
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
from ui.session import Session


def test_a_value_outside_the_bounds_is_refused_with_the_reason(
    session: Session, qtbot: QtBot
) -> None:
    city = city_with(session, "T1.1")
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "T1.1"))
    [before] = live(session, city, "T1.1")
    type_value(qtbot, tab, "150")
    assert current_code(tab) == "T1.1"  # not moved on
    assert tab.panel.error.isVisible()
    assert "outside the allowed range" in tab.panel.error.text()
    assert "Not saved" in tab.panel.state_text
    [after] = live(session, city, "T1.1")
    assert after.value == before.value and after.updated_at == before.updated_at
    assert session.undo_stack.count() == 0
    assert value_line(tab).text() == "150"  # kept for correcting


def test_text_that_is_not_a_number_is_refused(session: Session, qtbot: QtBot) -> None:
    city = city_id(session, 1)
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "T1.3"))
    type_value(qtbot, tab, "lots")
    assert "not a number" in tab.panel.error.text()
    assert session.undo_stack.count() == 0
    type_value(qtbot, tab, typical(session, "T1.3"))  # corrected: saved, error gone
    assert not tab.panel.error.isVisible()
    assert current_code(tab) == "T1.4"
    assert session.undo_stack.count() == 1


def test_a_value_far_from_the_cells_other_observation_needs_a_reason(
    session: Session, qtbot: QtBot
) -> None:
    city = city_with(session, "T1.1")
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "T1.1"))
    [obs] = live(session, city, "T1.1")
    tab.panel.start_new()  # a second observation of the same cell
    far = "50" if obs.value > 75 else "100"
    type_value(qtbot, tab, far)
    assert tab.panel.warning_box.isVisible()
    assert "differs from another observation" in tab.panel.warning.text()
    assert QApplication.focusWidget() is tab.panel.reason
    assert len(live(session, city, "T1.1")) == 1  # held back
    QTest.keyClicks(tab.panel.reason, "different definition")
    QTest.keyClick(tab.panel.reason, Qt.Key.Key_Return)
    assert current_code(tab) == "T1.2"  # Enter in the reason field saves and moves on
    cell = live(session, city, "T1.1")
    assert sorted(o.value for o in cell) == sorted([obs.value, float(far)])
    added = next(o for o in cell if o.uuid != obs.uuid)
    trail = session.workspace.audit_trail("observation", added.uuid)
    assert "different definition" in [e.reason for e in trail]


def test_editing_an_observation_to_an_outlier_records_the_reason(
    session: Session, qtbot: QtBot
) -> None:
    city = city_with(session, "T1.1", skip=1)
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "T1.1"))
    [obs] = live(session, city, "T1.1")
    type_value(qtbot, tab, "3")  # far below every other city
    assert "far from the other" in tab.panel.warning.text()
    assert session.workspace.observation(obs.uuid).value == obs.value
    tab.panel.reason.setText("新区统计口径")
    QTest.mouseClick(tab.panel.accept_button, Qt.MouseButton.LeftButton)
    assert session.workspace.observation(obs.uuid).value == 3.0
    last = [
        e for e in session.workspace.audit_trail("observation", obs.uuid) if e.field == "value"
    ][-1]
    assert (last.field, last.new_value, last.reason) == ("value", 3.0, "新区统计口径")
    assert not tab.panel.warning_box.isVisible()


def test_a_warning_without_a_reason_saves_nothing(session: Session, qtbot: QtBot) -> None:
    city = city_id(session, 6)
    clear_city(session, city)
    tab = make_tab(session, qtbot)
    tab.select_city(city)
    type_value(qtbot, tab, "1")  # T1.1 of a big city: 1 % is far from the others
    assert tab.panel.warning_box.isVisible()
    QTest.keyClick(tab.panel.reason, Qt.Key.Key_Return)  # empty reason
    assert "reason" in tab.panel.state_text
    assert live(session, city, "T1.1") == []
    type_value(qtbot, tab, typical(session, "T1.1"))  # a usual value: no reason needed
    assert len(live(session, city, "T1.1")) == 1
    assert current_code(tab) == "T1.2"
