"""The entropy page: the same weights as scoring.entropy on the campaign's data, the
combination with AHP, apply and save."""

from __future__ import annotations

import numpy as np
import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models.weight_sets import weight_sets
from scoring.entropy import combine_weights, entropy_weights
from scoring.weighting import leaves_under
from tests.ui.methods_helpers import make_tab, shares
from tests.ui.model_check import check_model
from ui.session import Session


def test_children_that_are_leaves_use_the_raw_values(
    session: Session, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    tab = make_tab(session, qtbot, "entropy")
    page = tab.entropy
    page.node_picker.set_current_code("T1")
    scores = session.scores()
    h = scores.result.hierarchy
    cols = [h.index[c] for c in ("T1.1", "T1.2", "T1.3", "T1.4")]
    expected = entropy_weights(scores.cells.values[:, cols], h.direction[cols])
    assert page.result is not None and page.data_kind == "raw"
    assert page.result.codes == ("T1.1", "T1.2", "T1.3", "T1.4")
    np.testing.assert_allclose(page.result.weights, expected.weights)
    np.testing.assert_allclose(page.result.entropy, expected.entropy)
    assert page.model.rowCount() == 4
    assert page.model.cell(0, 5).text == f"{100 * expected.weights[0]:.2f} %"
    check_model(qtmodeltester, page.model)


def test_all_leaves_under_a_node_and_the_shift(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot, "entropy")
    page = tab.entropy
    page.node_picker.set_current_code("T")
    page.scope.setCurrentIndex(page.scope.findData("leaves"))
    page.shift.setValue(0.01)
    scores = session.scores()
    h = scores.result.hierarchy
    codes = leaves_under(h, "T")
    cols = [h.index[c] for c in codes]
    expected = entropy_weights(scores.cells.values[:, cols], h.direction[cols], codes, 0.01)
    assert page.result is not None and page.result.codes == codes
    np.testing.assert_allclose(page.result.weights, expected.weights)
    assert page.result.shift == 0.01


def test_aggregate_children_use_their_scores(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot, "entropy")
    page = tab.entropy
    page.node_picker.set_current_code("Index")
    result = session.scores().result
    h = result.hierarchy
    cols = [int(i) for i in h.children(h.root)]
    expected = entropy_weights(result.scores[:, cols])
    assert page.data_kind == "scores" and page.result is not None
    np.testing.assert_allclose(page.result.weights, expected.weights)
    assert "aggregates" in page.data_label.text()


def test_combination_with_the_ahp_weights(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot, "ahp")
    tab.ahp.node_picker.set_current_code("T2")
    tab.ahp.set_judgement(0, 1, 3)
    tab.ahp.set_judgement(0, 2, 5)
    ahp = tab.state.ahp("T2")
    assert ahp is not None
    page = tab.entropy
    page.node_picker.set_current_code("T2")
    assert page.combine.isEnabled()
    page.combine.setChecked(True)
    assert page.result is not None and page.final is not None
    np.testing.assert_allclose(page.final, combine_weights(ahp.weights, page.result.weights))
    page.combine_method.setCurrentIndex(page.combine_method.findData("linear"))
    page.share.setValue(30)
    linear = combine_weights(ahp.weights, page.result.weights, "linear", 0.3)
    np.testing.assert_allclose(page.final, linear)
    assert page.model.columnCount() == 9  # entropy, AHP, combined, current
    tab.show_page("ahp")
    tab.ahp.set_judgement(1, 2, 1 / 7)
    tab.show_page("entropy")  # the page follows the AHP page when it is shown again
    ahp = tab.state.ahp("T2")
    assert ahp is not None
    np.testing.assert_allclose(
        page.final, combine_weights(ahp.weights, page.result.weights, "linear", 0.3)
    )
    page.scope.setCurrentIndex(page.scope.findData("leaves"))
    assert not page.combine.isEnabled()


def test_apply_and_save(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot, "entropy")
    page = tab.entropy
    page.node_picker.set_current_code("T1")
    assert page.result is not None
    old = shares(session, "T1")
    page.apply_button.click()
    new = shares(session, "T1")
    expected = {
        c: 100 * float(w) for c, w in zip(page.result.codes, page.result.weights, strict=True)
    }
    assert new == pytest.approx(expected, abs=1e-4)
    assert sum(new.values()) == pytest.approx(100.0)
    session.undo_stack.undo()
    assert shares(session, "T1") == old
    page.save_as("entropy T1", activate=False)
    saved = weight_sets(session.campaign.settings)["entropy T1"]
    assert saved.method == "entropy" and saved.details["scope"] == "children"
    assert saved.weights["T1.1"] == pytest.approx(expected["T1.1"], abs=1e-4)
