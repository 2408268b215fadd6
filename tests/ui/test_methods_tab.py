"""The Methods tab as a whole: registered after the other tabs, follows the language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from pytestqt.qtbot import QtBot

from tests.ui.methods_helpers import make_tab
from ui.methods import MethodsTab
from ui.methods.tab import PAGES
from ui.session import Session
from ui.tabs import default_tabs


def test_registered_as_methods() -> None:
    [spec] = [s for s in default_tabs() if s.name == "methods"]
    assert spec.make is MethodsTab


def test_every_page_follows_the_language(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    assert tab.pages.count() == len(PAGES)
    assert tab.ahp.node_picker.itemText(0).startswith("Index 智慧城市")
    tab.ahp.node_picker.set_current_code("T2")
    session.set_language("en")
    assert tab.ahp.node_picker.current_code() == "T2"  # kept across the change
    assert "Internet of Things" in tab.ahp.node_picker.currentText()
    assert (
        tab.ahp.model.headerData(0, Qt.Orientation.Vertical)
        == "T2.1 Investment in IoT and IoT terminals"
    )
    QCoreApplication.sendEvent(tab, QEvent(QEvent.Type.LanguageChange))
    assert tab.pages.tabText(0) == "AHP"
    for name in PAGES:
        assert tab.show_page(name)
    assert not tab.show_page("nothing")


def test_pages_are_built_when_first_shown(session: Session, qtbot: QtBot) -> None:
    tab = MethodsTab(session)
    qtbot.addWidget(tab)
    assert built(tab) == [0] * len(PAGES)  # nothing built (nor pyqtgraph imported) yet
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    assert built(tab) == [1, 0, 0, 0, 0]


def built(tab: MethodsTab) -> list[int]:
    counts = []
    for k in range(tab.pages.count()):
        holder = tab.pages.widget(k)
        layout = holder.layout() if holder is not None else None
        counts.append(layout.count() if layout is not None else -1)
    return counts
