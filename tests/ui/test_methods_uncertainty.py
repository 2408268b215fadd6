"""The uncertainty page: runs through the background runner, fills charts and tables,
cancels, reports failures; charts export to PNG and SVG."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from scoring.prepare import DataSteps, UnitData
from scoring.progress import CancelFn, CancelledError, ProgressFn
from scoring.sensitivity import run_sensitivity
from tests.ui.methods_helpers import make_tab
from tests.ui.model_check import check_model
from ui.methods import uncertainty_page
from ui.methods.uncertainty_run import Analysis, AnalysisInput
from ui.methods.uncertainty_settings import UncertaintySettings
from ui.session import Session

RUN_TIMEOUT = 60_000


def small(settings: UncertaintySettings, samples: int = 40) -> None:
    settings.samples.setValue(samples)
    settings.bootstrap.setValue(50)


def test_run_fills_the_charts_and_tables(
    session: Session, qtbot: QtBot, qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    tab = make_tab(session, qtbot, "uncertainty")
    page = tab.uncertainty
    small(page.settings)
    with qtbot.waitSignal(page.runner.finished, timeout=RUN_TIMEOUT):
        assert page.run()
    analysis = page.analysis
    assert analysis is not None and analysis.sensitivity is not None
    ua = analysis.uncertainty
    assert ua.assumptions == ("weights", "normalise")
    assert analysis.runs == 40 * (2 + 2)
    # the same analysis straight from the engine, on the campaign's data
    scores = session.scores()
    data = UnitData(tuple(c.code for c in scores.cities), scores.cells.values)
    direct = run_sensitivity(
        scores.result.hierarchy, data, scores.settings, DataSteps(), page.settings.spec(), 50
    )
    np.testing.assert_allclose(ua.ranks, direct.uncertainty.ranks)
    np.testing.assert_allclose(analysis.sensitivity.total, direct.total)
    assert page.rank_model.rowCount() == page.tier_model.rowCount() == 50
    assert page.sa_model.rowCount() == 2
    assert page.rank_model.cell(0, 0).text == "1"  # sorted by nominal rank
    assert page.tier_model.columnCount() == 2 + len(ua.tier_labels)
    for chart in (page.rank_chart, page.tier_chart, page.sa_chart):
        assert chart.plot.items and chart.export_button.isEnabled()
    text = page.rank_chart.hover_at(5.0, 0.0)
    best = next(
        c for c in session.cities if c.code == ua.unit_codes[int(np.nanargmin(ua.nominal_rank))]
    )
    assert text is not None and text.startswith(session.name(best)) and "nominal 1" in text
    assert page.sa_chart.hover_at(0.0, 0.5) is not None
    assert "160 runs" in page.status.text()
    for model in (page.rank_model, page.tier_model, page.sa_model):
        check_model(qtmodeltester, model)
    for chart, name in ((page.rank_chart, "ranks"), (page.sa_chart, "sensitivity")):
        png, svg = tmp_path / f"{name}.png", tmp_path / f"{name}.svg"
        with qtbot.waitSignal(chart.exported):
            chart.export(png)
        chart.export(svg)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
        root = ElementTree.parse(svg).getroot()
        assert root.tag.endswith("svg") and svg.stat().st_size > 5000


def test_cancel_keeps_the_previous_results(
    session: Session, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = make_tab(session, qtbot, "uncertainty")
    page = tab.uncertainty
    started = threading.Event()

    def slow(inp: AnalysisInput, progress: ProgressFn, cancelled: CancelFn) -> Analysis:
        started.set()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            progress(0.5)
            if cancelled():
                raise CancelledError("cancelled")
            time.sleep(0.005)
        raise AssertionError("never cancelled")

    monkeypatch.setattr(uncertainty_page, "analyse", slow)
    assert page.run()
    assert started.wait(10)
    assert not page.settings.run_button.isEnabled()
    dialog = page.runner.dialog
    assert dialog is not None
    button = dialog.findChild(QPushButton)
    assert button is not None
    with qtbot.waitSignal(page.runner.cancelled, timeout=RUN_TIMEOUT):
        button.click()
    assert page.analysis is None
    assert page.message.kind == "info" and "Cancelled" in page.message.text.text()
    assert page.settings.run_button.isEnabled()


def test_a_failure_is_shown_inline(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot, "uncertainty")
    page = tab.uncertainty
    small(page.settings)
    page.settings.agg_boxes["geometric"].setChecked(True)  # goalposts give zeros
    with qtbot.waitSignal(page.runner.failed, timeout=RUN_TIMEOUT):
        page.run()
    assert page.message.isVisibleTo(page) and page.message.kind == "error"
    assert "geometric" in page.message.text.text()
    assert page.analysis is None


def test_nothing_to_vary_disables_run(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot, "uncertainty")
    settings = tab.uncertainty.settings
    settings.noise.setValue(0)
    for box in settings.norm_boxes.values():
        if box.isEnabled():
            box.setChecked(False)
    assert settings.assumptions() == 0
    assert not settings.run_button.isEnabled()
    assert settings.norm_boxes["goalposts"].isChecked()  # the campaign's own, always
    settings.drop.setChecked(True)
    assert settings.run_button.isEnabled()
    assert "N × (k + 2)" in settings.runs_label.text()
