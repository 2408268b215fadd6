"""Starting the graphical program, and `--screenshot` for documentation and checks."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from models.resources import resources_dir
from models.sample_workspace import write_sample_workspace
from models.version import VERSION
from ui.app import Application
from ui.app_icon import app_icon
from ui.errors import ExceptionReporter, configure_logging
from ui.first_paint import EXIT_VARIABLE, install_from_environment
from ui.fonts import warn_if_no_chinese_font
from ui.i18n import Translators
from ui.settings import AppSettings
from ui.tabs import default_tabs

GUI_OPTIONS = ("--workspace", "--screenshot", "--lang", "--tab", "--size")
APP_NAME = "SMART City Evaluator"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="Start the program.")
    parser.add_argument("--workspace", type=Path, help="open this workspace file")
    parser.add_argument("--screenshot", type=Path, metavar="PATH", help="save a PNG and exit")
    parser.add_argument("--lang", choices=("zh", "en"), help="language (default: remembered)")
    parser.add_argument(
        "--tab",
        help="tab to show: entry, coverage, observations, results, analysis, framework, methods",
    )
    parser.add_argument("--size", type=_size, default=QSize(1366, 768), help="WxH, e.g. 1366x768")
    return parser


def _size(text: str) -> QSize:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {text!r}") from None
    return QSize(width, height)


def launch(argv: Sequence[str]) -> int:
    options = build_parser().parse_args(argv)
    if options.screenshot is not None:
        return take_screenshot(options.screenshot, options.lang or "zh", options.tab, options.size)
    return run_gui(options)


def translations_dir() -> Path:
    return resources_dir() / "translations"


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(VERSION)
    app.setWindowIcon(app_icon())
    return app


def run_gui(options: argparse.Namespace) -> int:
    app = _application()
    data_dir = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    )
    settings = AppSettings(QSettings())
    if options.lang:
        settings.language = options.lang
    log_path = configure_logging(data_dir / "logs")
    application = Application(
        settings, Translators(app, translations_dir()), data_dir, default_tabs()
    )
    ExceptionReporter(log_path, lambda: application.window).install()
    window = application.window
    if settings.geometry is not None:
        window.restoreGeometry(settings.geometry)
    else:
        window.resize(options.size)
    application.start(options.workspace)
    install_from_environment(window)  # start-up timing (bench): quits after the first paint
    window.show()
    if options.tab:
        window.show_tab(options.tab)
    # Once the event loop runs, so the window is on screen behind the message.
    QTimer.singleShot(0, lambda: warn_if_no_chinese_font(window))
    if not settings.identity_set and not os.environ.get(EXIT_VARIABLE):
        # first start: who is working (recorded with every edit), once the window is up
        QTimer.singleShot(0, application.ask_identity)
    window.about_to_close.connect(lambda: setattr(settings, "geometry", window.saveGeometry()))
    return app.exec()


def take_screenshot(out: Path, language: str, tab: str | None, size: QSize) -> int:
    """Render the main window on the sample workspace offscreen and save it as PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = _application()
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        write_sample_workspace(scratch / "sample.smartcity")
        settings = AppSettings(QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat))
        settings.language = language
        translators = Translators(app, translations_dir())
        application = Application(settings, translators, scratch, default_tabs())
        if not application.open_path(scratch / "sample.smartcity"):
            return 1
        window = application.window
        window.resize(size)
        if tab and not window.show_tab(tab):
            print(
                f"error: unknown tab {tab!r}; tabs: {', '.join(window.tab_names())}",
                file=sys.stderr,
            )
            application.close_workspace()
            return 2
        window.show()
        for _ in range(3):
            app.processEvents()
        saved = window.grab().save(str(out), "PNG")
        window.close()
        application.close_workspace()
        translators.apply("en")  # leave no translator installed in the caller's process
    if not saved:
        print(f"error: cannot write {out}", file=sys.stderr)
        return 1
    return 0
