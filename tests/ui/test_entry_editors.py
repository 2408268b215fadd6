"""Editors fit the measurement kind: ratings, yes/no and checklists give the right value."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QRadioButton
from pytestqt.qtbot import QtBot

from models.cities import CHANNELS
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
)
from ui.entry.editors import ChecklistEditor, ChoiceEditor, NumericEditor, YesNoEditor
from ui.session import Session


def _click(qtbot: QtBot, button: QAbstractButton) -> None:
    QTest.mouseClick(
        button,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(8, button.height() // 2),
    )


def test_each_kind_gets_its_editor(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    city = city_id(session, 0)
    for code, kind in (("T1.1", NumericEditor), ("T2.1", ChoiceEditor), ("R1.1", ChecklistEditor)):
        tab.select_cell(city, node_id(session, code))
        assert type(tab.panel.editor) is kind, code
    tab.select_cell(city, node_id(session, "S2.2"))
    assert isinstance(tab.panel.editor, YesNoEditor)


def test_a_rating_level_click_saves_its_value(session: Session, qtbot: QtBot) -> None:
    city = city_id(session, 10)
    clear_city(session, city)
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "T2.1"))
    editor = tab.panel.editor
    assert isinstance(editor, ChoiceEditor)
    levels = session.framework["T2.1"].spec.levels  # type: ignore[union-attr]
    target = min(levels, key=lambda lv: abs(lv.value - float(typical(session, "T2.1"))))
    button = editor.group.button(levels.index(target))
    assert editor.labels[levels.index(target)].text() == target.label_zh  # session language
    _click(qtbot, button)
    [saved] = live(session, city, "T2.1")
    assert saved.value == target.value


def test_keys_choose_a_level_and_only_enter_saves_it(session: Session, qtbot: QtBot) -> None:
    city = city_with(session, "T3.1")
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "T3.1"))
    [obs] = live(session, city, "T3.1")
    levels = [lv.value for lv in session.framework["T3.1"].spec.levels]  # type: ignore[union-attr]
    usual = float(typical(session, "T3.1"))
    other = min((v for v in levels if v != obs.value), key=lambda v: abs(v - usual))
    tab.panel.focus_value()
    focused = QApplication.focusWidget()
    assert isinstance(focused, QRadioButton)
    QTest.keyClick(focused, Qt.Key.Key_Down)  # browsing with arrows writes nothing
    QTest.keyClick(focused, Qt.Key(Qt.Key.Key_1 + levels.index(other)))
    assert session.workspace.observation(obs.uuid).value == obs.value
    assert session.undo_stack.count() == 0
    chosen = QApplication.focusWidget()
    assert isinstance(chosen, QRadioButton) and chosen.isChecked()
    QTest.keyClick(chosen, Qt.Key.Key_Return)
    assert session.workspace.observation(obs.uuid).value == other
    assert session.undo_stack.count() == 1
    assert current_code(tab) == "T3.2"


def test_yes_no_gives_one_or_zero(session: Session, qtbot: QtBot) -> None:
    city = city_id(session, 11)
    clear_city(session, city)
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "S2.2"))
    editor = tab.panel.editor
    assert isinstance(editor, YesNoEditor)
    assert [editor.labels[i].text() for i in (0, 1)] == ["Yes", "No"]
    QTest.mouseClick(editor.labels[0], Qt.MouseButton.LeftButton)  # the text selects too
    assert [o.value for o in live(session, city, "S2.2")] == [1.0]


def test_a_checklist_stores_the_count_and_the_ticked_items(session: Session, qtbot: QtBot) -> None:
    city = city_id(session, 12)
    clear_city(session, city)
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "A2.2"))
    editor = tab.panel.editor
    assert isinstance(editor, ChecklistEditor)
    items = session.framework["A2.2"].spec.items  # type: ignore[union-attr]
    assert editor.boxes[0].text() == items[0].split("/")[0]  # zh side of "中文/English"
    for box in editor.boxes[:4]:
        _click(qtbot, box)
    assert live(session, city, "A2.2") == []  # saved when the list is left
    QTest.mouseClick(tab.panel.fields.source, Qt.MouseButton.LeftButton)  # leave the list
    [saved] = live(session, city, "A2.2")
    assert saved.value == 4.0
    assert json.loads(saved.detail) == list(items[:4])


def test_new_observation_adds_another_channel_to_the_cell(session: Session, qtbot: QtBot) -> None:
    city = city_with(session, "T1.4")
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "T1.4"))
    [first] = live(session, city, "T1.4")
    QTest.mouseClick(tab.panel.new_button, Qt.MouseButton.LeftButton)
    assert tab.panel.uuid is None and "New observation" in tab.panel.which.text()
    other = next(c for c in CHANNELS if c != first.channel)
    tab.panel.fields.channel.setCurrentIndex(CHANNELS.index(other))
    type_value(qtbot, tab, f"{first.value:g}", Qt.Key.Key_Tab)
    cell = live(session, city, "T1.4")
    assert len(cell) == 2
    added = next(o for o in cell if o.uuid != first.uuid)
    assert (added.channel, added.value) == (other, first.value)
    assert tab.panel.uuid == added.uuid
    assert tab.history.observations.rowCount() == 2
