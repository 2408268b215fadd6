"""The weight sets page: selecting a set changes the scores at once; none restores them;
delete; compare; every change is one undo step."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models.weight_sets import WeightSet, active_name, weight_sets
from tests.ui.methods_helpers import make_tab
from tests.ui.model_check import check_model
from ui.methods.weight_sets_page import shares
from ui.methods.weights_apply import save_weight_set
from ui.session import Session


def _tilted(session: Session) -> WeightSet:
    """All weight on the first dimension."""
    weights = {k.code: 0.0 for k in session.framework.children("Index")}
    weights["T"] = 100.0
    return WeightSet("only T", weights, "manual")


def test_select_changes_the_scores_and_none_restores_them(
    session: Session, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    tab = make_tab(session, qtbot, "weight_sets")
    page = tab.weight_sets
    nominal = session.scores().result.index.copy()
    save_weight_set(session, _tilted(session), activate=False)
    assert page.list.count() == 2  # the framework's weights and the new set
    assert np.allclose(session.scores().result.index, nominal)
    with qtbot.waitSignal(session.scores_changed):
        page.use("only T")
    assert active_name(session.campaign.settings) == "only T"
    result = session.scores().result
    t = result.scores[:, result.hierarchy.index["T"]]
    np.testing.assert_allclose(result.index, t)
    assert page.list.currentItem().text().startswith("✓")
    page.use(None)
    np.testing.assert_allclose(session.scores().result.index, nominal)
    session.undo_stack.undo()  # back to "only T"
    np.testing.assert_allclose(session.scores().result.index, t)
    check_model(qtmodeltester, page.model)


def test_compare_table_and_delete(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot, "weight_sets")
    page = tab.weight_sets
    save_weight_set(session, _tilted(session), activate=True)
    headers = [
        page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())
    ]
    assert headers[2:] == ["Framework", "✓ only T"]
    row = next(r for r in range(page.model.rowCount()) if page.model.cell(r, 0).text == "T")
    assert page.model.cell(row, 2).text == "10.00" and page.model.cell(row, 3).text == "100.00"
    assert page.model.cell(row, 3).background is not None  # differs from the framework
    page.measure.setCurrentIndex(page.measure.findData("index"))
    leaf = next(r for r in range(page.model.rowCount()) if page.model.cell(r, 0).text == "T1.1")
    expected = shares(session.framework, _tilted(session).weights, True)["T1.1"]
    assert float(page.model.cell(leaf, 3).text) == pytest.approx(expected, abs=0.005)
    page.list.setCurrentRow(1)
    assert page.selected_name() == "only T" and page.delete_button.isEnabled()
    assert "manual" in page.details.text()
    page.delete("only T")
    assert weight_sets(session.campaign.settings) == {}
    assert active_name(session.campaign.settings) is None
    assert page.list.count() == 1
    session.undo_stack.undo()
    assert "only T" in weight_sets(session.campaign.settings)
    assert active_name(session.campaign.settings) == "only T"
