"""Helpers for the Methods tab tests."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.methods import MethodsTab
from ui.session import Session


def make_tab(session: Session, qtbot: QtBot, page: str = "ahp") -> MethodsTab:
    tab = MethodsTab(session)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show_page(page)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def shares(session: Session, parent: str) -> dict[str, float]:
    """The framework's weights of `parent`'s children, as stored (percent)."""
    return {k.code: k.weight for k in session.framework.children(parent)}
