"""The edit round trip benchmarked by bench/gui.py (gui-edit-50, gui-edit-300): one value
typed into the data-entry tab → saved (one audited transaction) → rescored → the visible
views updated, on a workspace of 50 or 300 cities (the sample generator's data)."""

from __future__ import annotations

import dataclasses
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from models.audit import Actor
from models.cities import City, load_city_list
from models.resources import city_list_path, load_framework_template
from models.sample_workspace import write_sample_workspace
from models.workspace import Workspace
from ui.entry.tab import EntryTab
from ui.session import Session

EDIT_ACTOR = Actor("基准测试 / benchmark", "bench")
EDITED_LEAF = "T1.1"  # numeric, 0–100 %


def cities(n: int) -> list[City]:
    """The 50 sample cities, repeated with new codes until there are `n`."""
    base = load_city_list(city_list_path())
    return [
        dataclasses.replace(
            c, code=f"{c.code}-{k}", name_zh=f"{c.name_zh}{k}", name_en=f"{c.name_en} {k}"
        )
        if k
        else c
        for k in range((n + len(base) - 1) // len(base))
        for c in base
    ][:n]


class EditRig:
    """An entry tab on its own workspace, shown offscreen at a laptop's size."""

    def __init__(self, app: QApplication, n_cities: int) -> None:
        self._app = app
        self._folder = tempfile.TemporaryDirectory(prefix="smartcity-edit-")
        path = Path(self._folder.name) / "edit.smartcity"
        write_sample_workspace(path, load_framework_template(), cities(n_cities))
        self.workspace = Workspace.open(path)
        self.session = Session(self.workspace, EDIT_ACTOR, language="zh")
        self.tab = EntryTab(self.session)
        self.tab.resize(1366, 700)
        self.tab.show()
        city = self.session.cities[0].city_id
        leaf = self.session.framework[EDITED_LEAF].node_id
        assert city is not None and leaf is not None
        self._cell = (city, leaf)
        self._value = 50
        app.processEvents()

    def one_edit(self) -> float:
        """Untimed: select the cell. Timed: type a new value, Enter, until views are drawn."""
        self.tab.select_cell(*self._cell)
        self._app.processEvents()
        editor = self.tab.panel.editor
        assert editor is not None
        line = editor.first_focus()
        assert isinstance(line, QLineEdit)
        self._value = 60 if self._value == 50 else 50
        start = time.perf_counter()
        line.setText(str(self._value))
        QTest.keyClick(line, Qt.Key.Key_Return)
        self._app.processEvents()
        elapsed = time.perf_counter() - start
        assert self.workspace.observations(self.session.campaign.campaign_id, *self._cell), (
            "the edit was not saved"
        )
        return elapsed

    def close(self) -> None:
        self.tab.close()
        self.workspace.close()
        self._folder.cleanup()


def edit_benchmark(n_cities: int) -> Callable[[dict[str, object], QApplication], float]:
    """A benchmark body keeping its rig in `cache` across runs."""

    def run(cache: dict[str, object], app: QApplication) -> float:
        key = f"edit-rig-{n_cities}"
        rig = cache.get(key)
        if not isinstance(rig, EditRig):
            rig = EditRig(app, n_cities)
            cache[key] = rig
        return rig.one_edit()

    return run
