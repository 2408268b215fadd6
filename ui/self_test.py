"""`--self-test`: checks that the program works on this computer, without touching the
user's own workspaces or settings, and says what it did.

In a temporary folder it starts the application offscreen as on a first start (the sample
workspace is written there and opened), enters one value in the data-entry tab as a user
would (keys typed into the value field, then Enter), closes the workspace, reopens the
file to find the value saved, and rescores the campaign to see the city's index move.
It also checks the shipped resources, the Chinese translation and a Chinese font.
Exit status 0 when every check passed, 1 otherwise.
"""

from __future__ import annotations

import math
import os
import platform
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from models.campaign_scoring import CampaignScores, score_campaign
from models.cities import load_city_list
from models.resources import city_list_path, load_framework_template, resources_dir
from models.version import VERSION
from models.workspace import Workspace
from ui.app import Application
from ui.entry import EntryTab
from ui.entry.editors import NumericEditor
from ui.fonts import chinese_font_families
from ui.i18n import Translators
from ui.settings import AppSettings
from ui.tabs import default_tabs


class SelfTestError(Exception):
    """A check failed; the message says which and why."""


def run_self_test(out: TextIO | None = None) -> int:
    """Run every check, printing one line each; 0 when all passed."""
    stream = out if out is not None else sys.stdout

    def say(text: str) -> None:
        if stream is not None:  # a Windows program without a console has no stdout
            print(text, file=stream, flush=True)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    bundle = getattr(sys, "_MEIPASS", None)
    where = f"frozen, {bundle}" if getattr(sys, "frozen", False) else "from source"
    say(f"SMART City Evaluator {VERSION} self-test ({where})")
    python = platform.python_version() + (", UTF-8 mode" if sys.flags.utf8_mode else "")
    say(f"  Python {python}, PySide6 {pyside_version}, {platform.platform()}")
    try:
        with tempfile.TemporaryDirectory(prefix="smartcity-self-test-") as folder:
            _checks(app, Path(folder), say)
    except SelfTestError as error:
        say(f"FAILED: {error}")
        return 1
    say("self-test passed")
    return 0


def _checks(app: QApplication, folder: Path, say: Callable[[str], None]) -> None:
    framework, cities = load_framework_template(), load_city_list(city_list_path())
    say(
        f"ok  resources in {resources_dir()}: framework {framework.name!r} with "
        f"{len(framework.leaves())} indicators, {len(cities)} cities"
    )
    families = chinese_font_families()
    if not families:
        raise SelfTestError("no font with Chinese characters (install e.g. Noto Sans CJK SC)")
    say(f"ok  {len(families)} fonts with Chinese characters, e.g. {families[0]}")
    settings = AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    translators = Translators(app, resources_dir() / "translations")
    application = Application(settings, translators, folder, default_tabs())
    try:
        if not translators.apply("zh"):
            raise SelfTestError("the Chinese translation (smartcity_zh_CN.qm) is missing")
        say("ok  Chinese translation loaded")
        if not application.start():
            raise SelfTestError("the sample workspace could not be opened")
        path = application.window.session.workspace.path if application.window.session else None
        if path is None or path.parent != folder:
            raise SelfTestError(f"first start opened {path}, not a new sample in {folder}")
        say(f"ok  first start: sample workspace written to {path} and opened")
        application.window.resize(1366, 768)
        application.window.show()
        app.processEvents()
        city, code, value, before = _enter_value(application)
        say(f"ok  entered {value} for {city} × {code} in the data-entry tab (Enter saves)")
    finally:
        _tear_down(application)
        translators.apply("en")  # removes the Chinese translators again
    _check_saved_and_rescored(path, city, code, value, before, say)


def _tear_down(application: Application) -> None:
    """Close the window and the workspace, and delete the window. The session's undo
    stack is silenced first: it is deleted with the session, after the window its
    signals would still reach."""
    window = application.window
    if window.session is not None:
        window.session.undo_stack.blockSignals(True)
    window.close()
    application.close_workspace()
    window.deleteLater()  # before the translators go: no widget left to retranslate
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _enter_value(application: Application) -> tuple[str, str, str, float]:
    """Type a new value into a cell that has one observation; returns city, indicator,
    the text typed and the city's index before."""
    session = application.window.session
    tab = application.window.tab("entry")
    if session is None or not isinstance(tab, EntryTab):
        raise SelfTestError("no data-entry tab")
    application.window.show_tab("entry")
    scores = session.scores()
    city_index, code, value = _choose_cell(scores)
    city = scores.cities[city_index]
    node = session.framework[code]
    assert city.city_id is not None and node.node_id is not None
    tab.select_cell(city.city_id, node.node_id)
    editor = tab.panel.editor
    if not isinstance(editor, NumericEditor) or tab.panel.indicator != node:
        raise SelfTestError(f"the data-entry tab did not show a number field for {code}")
    _type(editor.line, value, Qt.Key.Key_Return)
    stored = [o.value for o in session.observations(city.city_id, node.node_id)]
    if float(value) not in stored:
        raise SelfTestError(f"typing {value} for {code} did not save it: {tab.panel.state_text}")
    return city.code, code, value, float(scores.result.index[city_index])


def _choose_cell(scores: CampaignScores) -> tuple[int, str, str]:
    """A (city, numeric indicator) with one observation whose value differs from the
    other cities' median; the new value is that median (inside every soft check)."""
    h = scores.result.hierarchy
    for leaf in scores.framework.leaves():
        spec = leaf.spec
        if spec is None or spec.kind != "numeric" or leaf.weight <= 0:
            continue
        column = scores.cells.values[:, h.index[leaf.code]]
        finite = column[~(column != column)]
        if len(finite) < 5:
            continue
        median = float(sorted(finite)[len(finite) // 2])
        if not spec.low < median < spec.high:
            continue
        for row, current in enumerate(column.tolist()):
            one = scores.cells.count[row, h.index[leaf.code]] == 1
            far = math.isfinite(current) and abs(current - median) > 0.05 * (spec.high - spec.low)
            if one and far and math.isfinite(float(scores.result.index[row])):
                return row, leaf.code, repr(round(median, 4))
    raise SelfTestError("the sample has no cell to edit (numeric, one observation)")


def _type(widget: QWidget, text: str, final: Qt.Key) -> None:
    """Key presses as from a keyboard: select all, the characters, then `final`."""
    widget.setFocus()
    select_all = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(widget, select_all)
    for char in text:
        press = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char)
        QApplication.sendEvent(widget, press)
    key = QKeyEvent(QEvent.Type.KeyPress, final, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, key)
    QApplication.processEvents()


def _check_saved_and_rescored(
    path: Path, city: str, code: str, value: str, before: float, say: Callable[[str], None]
) -> None:
    with Workspace.open(path, read_only=True) as ws:
        campaign = ws.campaigns()[0]
        node = ws.framework(campaign.framework_id)[code]
        found = [o for o in ws.observations(campaign.campaign_id) if o.indicator_id == node.node_id]
        city_ids = {c.code: c.city_id for c in ws.cities()}
        if not any(o.city_id == city_ids[city] and o.value == float(value) for o in found):
            raise SelfTestError(f"{value} for {city} × {code} is not in {path} after reopening")
        say(f"ok  saved: {path.name} reopened, the value is there")
        scores = score_campaign(ws, campaign)
    row = [c.code for c in scores.cities].index(city)
    after = float(scores.result.index[row])
    if not math.isfinite(after) or math.isclose(after, before, rel_tol=0, abs_tol=1e-12):
        raise SelfTestError(f"rescoring did not change {city}'s index ({before!r} → {after!r})")
    rank, n = int(scores.result.rank[row]), len(scores.cities)
    say(f"ok  rescored: {city}'s index {before:.4f} → {after:.4f} (rank {rank} of {n})")
