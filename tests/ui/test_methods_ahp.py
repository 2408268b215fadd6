"""The AHP page: judgements → weights and CR, the worst judgement, experts, apply, save."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QComboBox, QMessageBox, QStyleOptionViewItem
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models.weight_sets import active_name, weight_sets
from scoring.ahp import ahp_weights, combine_experts, matrix_from_upper
from tests.ui.methods_helpers import make_tab, shares
from tests.ui.model_check import check_model
from ui.methods.ahp_matrix import JudgementDelegate, judgement_text, nearest_saaty, parse_judgement
from ui.methods.table_model import ALERT_BACKGROUND
from ui.session import Session


def test_judgement_text_and_parsing() -> None:
    assert [judgement_text(v) for v in (9.0, 1.0, 1 / 3, 1 / 9)] == ["9", "1", "1/3", "1/9"]
    assert parse_judgement(" 1/5 ") == pytest.approx(0.2)
    assert parse_judgement("1／3") == pytest.approx(1 / 3)
    assert parse_judgement("0.5") == 0.5
    for bad in ("10", "0", "1/10", "abc", "1/0", "-3", ""):
        assert parse_judgement(bad) is None, bad
    assert nearest_saaty(1.17) == 1.0
    assert nearest_saaty(0.3) == pytest.approx(1 / 3)


def test_consistent_judgements_give_the_hand_computed_weights_and_cr_0(
    session: Session, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    tab = make_tab(session, qtbot)
    page = tab.ahp
    assert page.node_picker.set_current_code("T2")  # three leaves
    assert page.criteria() == ("T2.1", "T2.2", "T2.3")
    # a12 = 2, a13 = 4, a23 = 2: consistent, w = (4, 2, 1)/7, λmax = 3
    for i, j, text in ((0, 1, "2"), (0, 2, "4"), (1, 2, "2")):
        assert page.model.setData(page.model.index(i, j), text)
    assert page.model.data(page.model.index(2, 0)) == "1/4"  # reciprocal shown below
    group = page.group
    assert group is not None
    np.testing.assert_allclose(group.combined.weights, [4 / 7, 2 / 7, 1 / 7], atol=1e-9)
    assert group.combined.lambda_max == pytest.approx(3.0)
    assert group.combined.cr == pytest.approx(0.0, abs=1e-9)
    assert page.model.highlight() is None and page.worst_frame.isHidden()
    assert "CR = 0.0000" in page.results.summary.text()
    assert "Saaty (1980)" in page.results.summary.text()
    weights = page.results.weights_model
    assert weights.cell(0, 2).text == "57.14 %"  # AHP weight of T2.1
    assert tab.state.ahp("T2") is group.combined
    check_model(qtmodeltester, page.model)
    check_model(qtmodeltester, weights)


def test_lower_triangle_and_bad_values_are_refused(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    page = tab.ahp
    page.node_picker.set_current_code("T2")
    model = page.model
    assert not model.flags(model.index(1, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(1, 1)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(model.refused):
        assert not model.setData(model.index(0, 1), "12")
    assert model.data(model.index(0, 1)) == "1"
    assert not model.setData(model.index(1, 0), "3")


def test_the_delegate_edits_through_a_combo(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    page = tab.ahp
    page.node_picker.set_current_code("T2")
    delegate = page.matrix_view.itemDelegate()
    assert isinstance(delegate, JudgementDelegate)
    index = page.model.index(0, 2)
    editor = delegate.createEditor(page.matrix_view.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    assert editor.count() == 17 and editor.itemText(0) == "9" and editor.itemText(16) == "1/9"
    delegate.setEditorData(editor, index)
    assert editor.currentText() == "1"
    editor.setCurrentIndex(editor.findText("1/5"))
    delegate.setModelData(editor, page.model, index)
    assert page.model.matrix()[0, 2] == pytest.approx(0.2)
    assert page.model.matrix()[2, 0] == pytest.approx(5.0)


def test_the_worst_judgement_is_highlighted_and_its_suggestion_fixes_it(
    session: Session, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    tab = make_tab(session, qtbot)
    page = tab.ahp
    page.node_picker.set_current_code("T")  # six dimensions
    assert len(page.criteria()) == 6
    for j in range(1, 6):
        page.set_judgement(0, j, 3)
    page.set_judgement(2, 4, 1 / 9)  # against everything else: T3 ≪ T5 although both ≈
    group = page.group
    assert group is not None and group.combined.flagged
    worst = group.combined.worst
    assert worst is not None and (worst.row, worst.column) == (2, 4)
    assert page.model.highlight() == (2, 4)
    cell = page.model.index(2, 4)
    background = page.model.data(cell, Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color().name() == ALERT_BACKGROUND
    assert "T3" in page.worst_label.text() and "T5" in page.worst_label.text()
    assert page.worst_frame.isVisibleTo(page)
    tip = page.model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert isinstance(tip, str) and page.worst_label.text() in tip
    before = group.combined.cr
    page.use_suggestion_button.click()
    assert page.model.matrix()[2, 4] == pytest.approx(nearest_saaty(worst.consistent))
    assert page.group is not None and page.group.combined.cr < before
    check_model(qtmodeltester, page.model)


def test_several_experts_are_combined_by_the_geometric_mean(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    page = tab.ahp
    page.node_picker.set_current_code("T2")
    page.set_judgement(0, 1, 3)
    page.add_expert()
    assert page.expert.count() == 3  # two experts and the combined matrix
    page.set_judgement(0, 1, 1 / 3)
    page.set_judgement(1, 2, 5)
    first = matrix_from_upper([3, 1, 1], 3)
    second = matrix_from_upper([1 / 3, 1, 5], 3)
    expected = ahp_weights(combine_experts([first, second]))
    group = page.group
    assert group is not None and len(group.experts) == 2
    np.testing.assert_allclose(group.combined.weights, expected.weights)
    assert group.combined.cr == pytest.approx(expected.cr)
    assert page.results.experts_view.isVisibleTo(page)
    assert page.results.experts_model.rowCount() == 3
    page.expert.setCurrentIndex(page.expert.findData(-1))
    assert not page.model.editable
    np.testing.assert_allclose(page.model.matrix(), combine_experts([first, second]))
    page.expert.setCurrentIndex(1)
    page.remove_expert()
    assert page.group is not None and len(page.group.experts) == 1
    np.testing.assert_allclose(page.group.combined.matrix, first)


def test_apply_sets_the_children_weights_in_one_undo_step(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    page = tab.ahp
    page.node_picker.set_current_code("T2")
    old = shares(session, "T2")
    for i, j, value in ((0, 1, 2), (0, 2, 4), (1, 2, 2)):
        page.set_judgement(i, j, value)
    depth = session.undo_stack.count()
    page.apply_button.click()
    assert session.undo_stack.count() == depth + 1
    stored = session.workspace.framework(session.campaign.framework_id)
    new = {k.code: k.weight for k in stored.children("T2")}
    assert new == pytest.approx({"T2.1": 400 / 7, "T2.2": 200 / 7, "T2.3": 100 / 7}, abs=1e-4)
    assert sum(new.values()) == pytest.approx(100.0, abs=1e-9)
    assert shares(session, "T2") == new  # the session's framework was reloaded
    node_id = session.framework["T2.1"].node_id
    assert node_id is not None
    trail = session.workspace.audit_trail("indicator", node_id)
    assert trail[-1].field == "weight" and "AHP" in trail[-1].reason
    session.undo_stack.undo()
    assert shares(session, "T2") == old
    session.undo_stack.redo()
    assert shares(session, "T2") == new


def test_save_as_weight_set_records_the_judgements(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    page = tab.ahp
    page.node_picker.set_current_code("T2")
    page.set_judgement(0, 1, 5)
    before = session.scores().result.index.copy()
    page.save_as("AHP T2", activate=True)
    sets = weight_sets(session.campaign.settings)
    assert active_name(session.campaign.settings) == "AHP T2"
    saved = sets["AHP T2"]
    assert saved.method == "ahp" and saved.details["node"] == "T2"
    assert saved.details["experts"] == [[5.0, 1.0, 1.0]]
    group = page.group
    assert group is not None
    trio = np.array([saved.weights[c] for c in ("T2.1", "T2.2", "T2.3")])
    np.testing.assert_allclose(trio / trio.sum(), group.combined.weights, atol=1e-6)
    assert saved.weights["T1"] == session.framework["T1"].weight  # the rest as in use
    assert not np.allclose(session.scores().result.index, before)
    assert "AHP T2" in page.message.text.text()


def test_inconsistent_weights_are_applied_only_when_confirmed(
    session: Session, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = make_tab(session, qtbot)
    page = tab.ahp
    page.node_picker.set_current_code("T2")
    for i, j, value in ((0, 1, 9), (0, 2, 1 / 9), (1, 2, 9)):  # a circle: T2.1 > T2.2 > T2.3 > T2.1
        page.set_judgement(i, j, value)
    assert page.group is not None and page.group.combined.flagged
    old = shares(session, "T2")
    answers: list[str] = []

    def answer(choice: QMessageBox.StandardButton) -> None:
        def ask(*args: object) -> QMessageBox.StandardButton:
            answers.append(str(args[2]))
            return choice

        monkeypatch.setattr(QMessageBox, "question", ask)

    answer(QMessageBox.StandardButton.No)
    page.apply_button.click()
    assert shares(session, "T2") == old and "inconsistent" in answers[-1]
    answer(QMessageBox.StandardButton.Yes)
    page.apply_button.click()
    assert shares(session, "T2") != old
