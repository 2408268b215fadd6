"""The indicator system editor: inline edits, the weight check and Normalise, undo/redo."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models.framework_weights import normalised, unbalanced
from tests.ui.model_check import check_model
from ui.framework_editor import FrameworkEditorTab
from ui.framework_editor.commands import SetWeights
from ui.framework_editor.tree_model import (
    CODE,
    HIGH,
    KIND,
    NAME_EN,
    NAME_ZH,
    UNBALANCED_BACKGROUND,
    UNBALANCED_ROLE,
    WEIGHT,
)
from ui.session import Session


def make_tab(session: Session, qtbot: QtBot) -> FrameworkEditorTab:
    tab = FrameworkEditorTab(session)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    handle = tab.windowHandle()
    assert handle is not None
    handle.requestActivate()  # active, so that shortcuts and focus work as for a user
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
    return tab


def node_id(session: Session, code: str) -> int:
    found = session.framework[code].node_id
    assert found is not None
    return found


def balance_all(session: Session) -> None:
    """Start from weights that sum to 100 % in every group (the template's are 1, 1, …)."""
    parents = [g.parent for g in unbalanced(session.framework)]
    session.edit(SetWeights(session, normalised(session.framework, parents), "test"))
    session.undo_stack.clear()


def type_into(qtbot: QtBot, tab: FrameworkEditorTab, target: int, column: int, text: str) -> None:
    """Open the view's inline editor on a cell, type `text`, press Enter."""
    index = tab.select(target, column)
    tab.view.edit(index)
    editor = tab.view.indexWidget(index)
    assert isinstance(editor, QWidget), "no inline editor opened"
    line = editor if isinstance(editor, QLineEdit) else editor.findChild(QLineEdit)
    assert isinstance(line, QLineEdit)
    line.selectAll()
    line.insert(text)  # as typed (QTest cannot type CJK characters)
    QTest.keyClick(line, Qt.Key.Key_Return)
    QApplication.processEvents()


def weights_under(session: Session, code: str) -> list[float]:
    return [n.weight for n in session.framework.children(code)]


# ---------------------------------------------------------------- the model


def test_tree_model_passes_the_model_tester(
    session: Session, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    tab = make_tab(session, qtbot)
    check_model(qtmodeltester, tab.model)
    assert tab.model.rowCount() == 1  # the root
    root = tab.model.index(0, 0)
    assert tab.model.rowCount(root) == 5 and tab.model.data(root) == "Index"
    tab.select(node_id(session, "T1.2"))
    tab.add_sibling()  # a shape change resets the model
    tab.remove()
    check_model(qtmodeltester, tab.model)


# ---------------------------------------------------------------- inline edits


def test_rename_in_both_languages_through_the_view(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    target = node_id(session, "T1.1")
    type_into(qtbot, tab, target, NAME_ZH, "家庭千兆光纤入户率")
    type_into(qtbot, tab, target, NAME_EN, "Gigabit fibre-to-the-home rate")
    node = session.workspace.framework(session.campaign.framework_id)["T1.1"]
    assert (node.name_zh, node.name_en) == ("家庭千兆光纤入户率", "Gigabit fibre-to-the-home rate")
    assert tab.model.data(tab.model.index_of(target, NAME_ZH)) == "家庭千兆光纤入户率"
    trail = session.workspace.audit_trail("indicator", target)
    assert [e.field for e in trail[-2:]] == ["name_zh", "name_en"]
    assert tab.form.node is not None and tab.form.node.name_en.startswith("Gigabit")
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.framework["T1.1"].name_zh == "家庭光纤入户率"
    session.undo_stack.redo()
    assert session.framework["T1.1"].name_zh == "家庭千兆光纤入户率"


def test_a_refused_edit_is_shown_inline_and_changes_nothing(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    rating = node_id(session, "T2.1")  # levels 0…100
    type_into(qtbot, tab, rating, HIGH, "60")
    assert tab.error.isVisible() and "would not fit" in tab.error.text.text()
    assert session.framework["T2.1"].spec is not None
    assert session.framework["T2.1"].spec.high == 100.0
    assert session.undo_stack.count() == 0


# ---------------------------------------------------------------- weights


def test_a_weight_edit_marks_the_group_and_normalise_fixes_it(
    session: Session, qtbot: QtBot
) -> None:
    balance_all(session)
    tab = make_tab(session, qtbot)
    assert not tab.banner.isVisible() and not tab.model.unbalanced_groups()
    target = node_id(session, "T1.1")
    type_into(qtbot, tab, target, WEIGHT, "10")
    assert weights_under(session, "T1") == [10.0, 25.0, 25.0, 25.0]
    sibling = tab.model.index_of(node_id(session, "T1.2"), WEIGHT)
    assert tab.model.data(sibling, UNBALANCED_ROLE) is True
    assert tab.model.data(sibling, Qt.ItemDataRole.BackgroundRole) == UNBALANCED_BACKGROUND
    parent_code = tab.model.index_of(node_id(session, "T1"), CODE)
    assert tab.model.data(parent_code, Qt.ItemDataRole.DecorationRole) is not None
    assert tab.banner.isVisible()
    assert tab.banner.text.text() == "Weights of the children of T1 网络基础 sum to 85 %"
    before = session.undo_stack.count()
    QTest.mouseClick(tab.banner.normalise_button, Qt.MouseButton.LeftButton)
    assert session.undo_stack.count() == before + 1  # one step
    assert weights_under(session, "T1") == [11.7647, 29.4117, 29.4118, 29.4118]
    assert not tab.banner.isVisible()
    assert tab.model.data(sibling, UNBALANCED_ROLE) is False
    session.undo_stack.undo()
    assert weights_under(session, "T1") == [10.0, 25.0, 25.0, 25.0] and tab.banner.isVisible()
    session.undo_stack.undo()
    assert weights_under(session, "T1") == [25.0] * 4 and not tab.banner.isVisible()
    session.undo_stack.redo()
    session.undo_stack.redo()
    assert weights_under(session, "T1")[0] == 11.7647 and not tab.banner.isVisible()


def test_the_banner_names_the_group_of_the_selection(session: Session, qtbot: QtBot) -> None:
    ws, actor = session.workspace, session.actor
    for code in ("R2.1", "T1.1"):  # unbalance two groups: R2 (4 × 25 %) and T1
        ws.update_indicator(node_id(session, code), "weight", 40.0, actor, "test")
    session.framework_edited()
    tab = make_tab(session, qtbot)
    tab.select(node_id(session, "R2.1"))
    assert tab.banner.text.text().startswith("Weights of the children of R2 ")
    assert "(2 groups in all" in tab.banner.text.text()
    QTest.mouseClick(tab.banner.normalise_all_button, Qt.MouseButton.LeftButton)
    assert not unbalanced(session.framework) and not tab.banner.isVisible()
    assert sum(weights_under(session, "R2")) == pytest.approx(100.0)
    assert session.undo_stack.count() == 1


def test_scores_change_after_a_weight_edit(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    before = session.scores().result.index.copy()
    with qtbot.waitSignal(session.scores_changed):
        type_into(qtbot, tab, node_id(session, "T"), WEIGHT, "40")
    assert session.framework["T"].weight == 40.0
    after = session.scores().result.index
    assert not np.allclose(np.asarray(before), np.asarray(after), equal_nan=True)


# ---------------------------------------------------------------- the side form


def leave(widget: QWidget) -> None:
    """Give `widget` the focus, then take it away (as a user tabbing out of it)."""
    widget.setFocus()
    QApplication.processEvents()
    widget.clearFocus()
    QApplication.processEvents()


def test_the_form_edits_levels_and_description(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    tab.select(node_id(session, "T2.1"))
    levels = tab.form.levels_edit
    assert levels.isVisibleTo(tab) and levels.toPlainText().startswith("0 = 无 / None")
    levels.setFocus()
    levels.moveCursor(QTextCursor.MoveOperation.End)
    levels.insertPlainText("\n90 = 优秀 / Excellent")  # typed at the end
    leave(levels)
    spec = session.framework["T2.1"].spec
    assert spec is not None and [x.value for x in spec.levels] == [0, 25, 50, 75, 90, 100]
    assert spec.levels[4].label_en == "Excellent" and session.undo_stack.count() == 1
    levels.setFocus()
    levels.setPlainText("0 = 无 / None\nplenty")
    leave(levels)
    assert "Line 2" in tab.error.text.text() and session.undo_stack.count() == 1
    session.undo_stack.undo()
    spec = session.framework["T2.1"].spec
    assert spec is not None and 90 not in [x.value for x in spec.levels]
    description = tab.form.description_edit
    description.setFocus()
    description.moveCursor(QTextCursor.MoveOperation.End)
    description.insertPlainText("（2021 年口径）")
    leave(description)
    assert session.framework["T2.1"].description.endswith("（2021 年口径）")
    trail = session.workspace.audit_trail("indicator", node_id(session, "T2.1"))
    assert trail[-1].field == "description" and trail[-1].who == session.actor.evaluator


def test_a_kind_change_that_observations_do_not_fit_is_refused(
    session: Session, qtbot: QtBot
) -> None:
    tab = make_tab(session, qtbot)
    target = node_id(session, "T1.1")  # numeric 0–100 with observations
    tab.select(target)
    assert tab.model.setData(tab.model.index_of(target, KIND), "yesno") is False
    assert "would not fit" in tab.error.text.text()
    spec = session.framework["T1.1"].spec
    assert spec is not None and spec.kind == "numeric" and session.undo_stack.count() == 0
