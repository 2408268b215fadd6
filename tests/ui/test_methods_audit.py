"""The statistical audit page: indicator table with flags, heat maps, Cronbach's alpha."""

from __future__ import annotations

import numpy as np
import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from scoring.audit import run_audit
from tests.ui.methods_helpers import make_tab
from tests.ui.model_check import check_model
from ui.session import Session


def test_tables_are_filled_from_the_audit(
    session: Session, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    tab = make_tab(session, qtbot, "audit")
    page = tab.audit
    scores = session.scores()
    h = scores.result.hierarchy
    expected = run_audit(h, scores.cells.values, scores.result.scores)
    assert page.report is not None
    model = page.indicators_model
    assert model.rowCount() == h.n_leaves == 52
    first = expected.indicators
    assert model.cell(0, 0).text == first.codes[0]
    assert model.cell(0, 4).text == f"{first.mean[0]:.3f}"
    flagged = [r for r in range(model.rowCount()) if model.cell(r, 10).text]
    assert len(flagged) == int(
        (first.low_availability | first.many_zeros | first.few_distinct | first.outlier).sum()
    )
    assert all(model.cell(r, 10).background for r in flagged)
    assert f"{len(flagged)} flagged" in page.indicators_summary.text()
    alpha = page.alpha_model
    assert alpha.rowCount() == len(h.aggregate_codes)
    assert alpha.cell(0, 0).text == "Index"
    assert float(alpha.cell(0, 3).text) == pytest.approx(expected.cronbach["Index"], abs=5e-4)
    for m in (model, alpha, page.correlations.flags_model):
        check_model(qtmodeltester, m)


def test_heat_map_shows_the_chosen_correlations(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot, "audit")
    panel = tab.audit.correlations
    report = tab.audit.report
    assert report is not None
    h = session.scores().result.hierarchy
    panel.level.setCurrentIndex(panel.level.findData("2"))  # the dimensions
    panel.method.setCurrentIndex(panel.method.findData("spearman"))
    dims = [int(i) for i in np.flatnonzero(h.height == 2)]
    np.testing.assert_allclose(panel.heatmap.matrix, report.spearman.matrix[np.ix_(dims, dims)])
    text = panel.chart.hover_at(1.5, 0.5)
    r = report.spearman.matrix[dims[0], dims[1]]
    assert text is not None and f"r = {r:.3f}" in text and h.codes[dims[0]] in text
    assert panel.chart.export_button.isEnabled()
    panel.against.setCurrentIndex(panel.against.findData("parent"))
    assert panel.heatmap.matrix.shape == (len(dims), 1)  # the dimensions against the index
    panel.level.setCurrentIndex(panel.level.findData("0"))
    panel.within.set_current_code("T1")
    assert panel.heatmap.matrix.shape == (4, 1)  # T1's four leaves against T1


def test_audit_follows_the_scores(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot, "audit")
    before = tab.audit.report
    session.campaign_settings_changed()
    assert tab.audit.report is not before  # visible: recomputed at once
    tab.show_page("ahp")
    session.campaign_settings_changed()
    stale = tab.audit.report
    tab.show_page("audit")
    assert tab.audit.report is not stale  # recomputed when shown again
