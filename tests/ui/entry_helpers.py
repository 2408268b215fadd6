"""Helpers for the data-entry tab's tests (not a test module)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from models.framework import Indicator
from models.observations import Observation
from ui.entry import EntryTab
from ui.entry.editors import NumericEditor
from ui.session import Session


def make_tab(session: Session, qtbot: QtBot) -> EntryTab:
    """An EntryTab shown (and active, so focus moves like for a user) at 1366 × 700."""
    tab = EntryTab(session)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    handle = tab.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
    return tab


def clear_city(session: Session, city_id: int) -> list[Observation]:
    """Soft-delete every observation of a city (outside the undo stack); returns them."""
    gone = session.workspace.observations(session.campaign.campaign_id, city_id)
    for obs in gone:
        session.workspace.delete_observation(obs.uuid, session.actor, "test: empty city")
    session.observations_edited()
    return gone


def leaf(session: Session, code: str) -> Indicator:
    return session.framework[code]


def node_id(session: Session, code: str) -> int:
    found = session.framework[code].node_id
    assert found is not None
    return found


def city_id(session: Session, index: int = 0) -> int:
    found = session.cities[index].city_id
    assert found is not None
    return found


def value_line(tab: EntryTab) -> QLineEdit:
    editor = tab.panel.editor
    assert isinstance(editor, NumericEditor), f"not a number field: {editor!r}"
    return editor.line


def type_value(qtbot: QtBot, tab: EntryTab, text: str, key: Qt.Key = Qt.Key.Key_Return) -> None:
    """Replace the number field's text like a user, then press `key` (Enter by default)."""
    line = value_line(tab)
    line.setFocus()
    line.selectAll()
    QTest.keyClicks(line, text)
    QTest.keyClick(line, key)


def current_code(tab: EntryTab) -> str:
    indicator = tab.panel.indicator
    assert indicator is not None
    return indicator.code


def live(session: Session, city: int, code: str) -> list[Observation]:
    return session.observations(city, node_id(session, code))


def typical(session: Session, code: str) -> str:
    """A whole number near the other cities' median for `code`: no soft warning."""
    column = session.scores().result.hierarchy.leaf_codes.index(code)
    values = session.scores().cells.values[:, column]
    return str(round(float(np.nanmedian(values))))


def city_with(session: Session, code: str, count: int = 1, skip: int = 0) -> int:
    """A city whose `code` cell has exactly `count` live observations (the `skip`-th such)."""
    found = [
        c.city_id
        for c in session.cities
        if c.city_id is not None and len(live(session, c.city_id, code)) == count
    ]
    assert len(found) > skip, f"no city with {count} observation(s) of {code}"
    return found[skip]
