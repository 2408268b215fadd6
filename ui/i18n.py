"""Languages: Chinese (zh_CN, the default) from our .qm file plus Qt's own, or English
(the source language of every string)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

APP_CATALOGUE = "smartcity_zh_CN"


class Translators:
    """Installs and removes the translators of one application."""

    def __init__(self, app: QCoreApplication, translations_dir: Path) -> None:
        self._app, self._dir = app, translations_dir
        self._installed: list[QTranslator] = []

    def apply(self, language: str) -> bool:
        """Switch to `language` ("zh" or "en"); returns False when a catalogue is missing."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        if language != "zh":
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
            return True
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        found = self._load(APP_CATALOGUE, self._dir)
        qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        self._load("qtbase_zh_CN", qt_dir)  # standard buttons and dialogs
        return found

    def _load(self, name: str, folder: Path) -> bool:
        translator = QTranslator(self._app)
        if not translator.load(name, str(folder)):
            return False
        self._app.installTranslator(translator)
        self._installed.append(translator)
        return True
