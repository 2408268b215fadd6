"""The tabs of the main window, in order (names are used by --tab)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from ui.main_window import TabSpec
from ui.session import Session


def _placeholder(session: Session) -> QWidget:
    return QLabel(session.campaign.name)


def default_tabs() -> list[TabSpec]:
    return [
        TabSpec("entry", lambda: QCoreApplication.translate("tabs", "Data entry"), _placeholder),
    ]
