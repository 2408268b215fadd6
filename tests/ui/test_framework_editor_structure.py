"""The indicator system editor's structure edits: add, remove (asking first), move; undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.test_framework_editor import make_tab, node_id
from ui.framework_editor.move_dialog import move_targets
from ui.session import Session

Button = QMessageBox.StandardButton


class Answers:
    """Stands in for QMessageBox.question: records the questions, gives one answer."""

    def __init__(self, answer: QMessageBox.StandardButton) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, _parent: QWidget, _title: str, text: str, *_args: object) -> Button:
        self.asked.append(text)
        return self.answer


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    found = Answers(Button.Yes)
    monkeypatch.setattr(QMessageBox, "question", found)
    return found


def codes_under(session: Session, code: str) -> list[str]:
    return [n.code for n in session.framework.children(code)]


def live_uuids(session: Session, codes: list[str]) -> list[str]:
    campaign = session.campaign.campaign_id
    ws = session.workspace
    return [o.uuid for c in codes for o in ws.observations(campaign, None, node_id(session, c))]


# ---------------------------------------------------------------- removing


def test_removing_observed_indicators_asks_and_keeps_the_observations(
    session: Session, qtbot: QtBot, answers: Answers
) -> None:
    tab = make_tab(session, qtbot)
    leaves = ["T1.1", "T1.2", "T1.3", "T1.4"]
    observed = live_uuids(session, leaves)
    assert observed
    t1 = node_id(session, "T1")
    subtree = {str(t1)} | {str(node_id(session, c)) for c in leaves}
    tab.select(t1)
    answers.answer = Button.No
    tab.remove()
    assert "T1" in session.framework and session.undo_stack.count() == 0
    assert f"have {len(observed)} observations" in answers.asked[0]
    answers.answer = Button.Yes
    tab.remove()
    assert "T1" not in session.framework and "T1.1" not in session.framework
    assert codes_under(session, "T") == ["T2", "T3", "T4", "T5", "T6"]
    for uuid in observed:  # kept in the workspace, soft-deleted, still attached by node id
        obs = session.workspace.observation(uuid)
        assert obs.deleted_at is not None
    deletes = [e for e in session.workspace.audit_trail("indicator") if e.action == "delete"]
    assert sorted(e.row_key for e in deletes) == sorted(subtree)  # one row per node
    session.undo_stack.undo()
    assert codes_under(session, "T")[0] == "T1" and session.framework["T1"].node_id == t1
    assert sorted(live_uuids(session, leaves)) == sorted(observed)
    session.undo_stack.redo()
    assert "T1" not in session.framework


def test_removing_unobserved_indicators_does_not_ask(
    session: Session, qtbot: QtBot, answers: Answers
) -> None:
    tab = make_tab(session, qtbot)
    tab.select(node_id(session, "T1.4"))
    tab.add_sibling()
    assert codes_under(session, "T1") == ["T1.1", "T1.2", "T1.3", "T1.4", "T1.5"]
    tab.view.closePersistentEditor(tab.view.currentIndex())
    tab.remove()
    assert answers.asked == [] and "T1.5" not in session.framework


def test_the_root_cannot_be_removed_or_moved(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    tab.select(node_id(session, "Index"))
    assert not tab.remove_action.isEnabled() and not tab.move_action.isEnabled()
    assert tab.add_child_action.isEnabled()


# ---------------------------------------------------------------- adding


def test_add_sub_indicator_and_indicator_after(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    tab.select(node_id(session, "T1"))
    tab.add_child()
    assert codes_under(session, "T1")[-1] == "T1.5"
    new = node_id(session, "T1.5")
    assert tab.current_id() == new and tab.view.indexWidget(tab.view.currentIndex()) is not None
    assert session.framework["T1.5"].name_zh == "新指标"
    tab.select(node_id(session, "T1.1"))
    tab.add_sibling()
    assert codes_under(session, "T1") == ["T1.1", "T1.6", "T1.2", "T1.3", "T1.4", "T1.5"]
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert codes_under(session, "T1") == ["T1.1", "T1.2", "T1.3", "T1.4"]
    session.undo_stack.redo()
    assert session.framework["T1.5"].node_id == new  # the same node comes back


def test_a_sub_indicator_turns_an_unobserved_leaf_into_an_aggregate(
    session: Session, qtbot: QtBot, answers: Answers
) -> None:
    tab = make_tab(session, qtbot)
    tab.select(node_id(session, "T1.1"))
    tab.add_child()  # T1.1 has observations: refused inline, nothing asked
    assert answers.asked == [] and tab.error.isVisible()
    assert "observation" in tab.error.text.text() and not codes_under(session, "T1.1")
    tab.add_sibling()  # T1.5, unobserved
    leaf = node_id(session, "T1.5")
    spec = session.framework["T1.5"].spec
    tab.select(leaf)
    tab.add_child()
    assert "becomes an aggregate" in answers.asked[0]
    assert session.framework["T1.5"].spec is None and codes_under(session, "T1.5") == ["T1.5.1"]
    session.undo_stack.undo()
    assert session.framework["T1.5"].spec == spec and not codes_under(session, "T1.5")


# ---------------------------------------------------------------- moving


def test_move_up_down_and_to_another_parent(
    session: Session, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = make_tab(session, qtbot)
    moved = node_id(session, "T1.2")
    tab.select(moved)
    tab.move_by(-1)
    assert codes_under(session, "T1") == ["T1.2", "T1.1", "T1.3", "T1.4"]
    assert tab.current_id() == moved and not tab.up_action.isEnabled()
    tab.move_by(1)
    assert codes_under(session, "T1") == ["T1.1", "T1.2", "T1.3", "T1.4"]
    monkeypatch.setattr(tab, "ask_new_parent", lambda _node: node_id(session, "T2"))
    tab.move_to()
    assert codes_under(session, "T2") == ["T2.1", "T2.2", "T2.3", "T1.2"]
    assert codes_under(session, "T1") == ["T1.1", "T1.3", "T1.4"]
    trail = session.workspace.audit_trail("indicator", moved)
    assert [e.new_value for e in trail if e.field == "parent_id"] == [node_id(session, "T2")]
    session.undo_stack.undo()
    assert codes_under(session, "T1") == ["T1.1", "T1.2", "T1.3", "T1.4"]
    session.undo_stack.redo()
    assert session.framework["T1.2"].parent == "T2"


def test_move_keys(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    tab.select(node_id(session, "T1.3"))
    tab.view.setFocus()
    QTest.keyClick(tab.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert codes_under(session, "T1") == ["T1.1", "T1.3", "T1.2", "T1.4"]


def test_move_targets_are_aggregates_outside_the_subtree(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    targets = {
        tab.model.tree.node(i).code for i in move_targets(tab.model.tree, node_id(session, "T"))
    }
    assert "T" not in targets and "T1" not in targets and "Index" not in targets
    assert {"R", "R1", "S2"} <= targets and not any("." in code for code in targets)


# ---------------------------------------------------------------- languages


def test_texts_follow_the_language(session: Session, qtbot: QtBot) -> None:
    # unbalance T1's weights (the template's are balanced) so that the banner shows
    session.workspace.update_indicator(node_id(session, "T1.1"), "weight", 40.0, session.actor)
    session.framework_edited()
    tab = make_tab(session, qtbot)
    tab.select(node_id(session, "T1.1"))
    assert "网络基础" in tab.banner.text.text()
    session.set_language("en")
    assert "Network Infrastructure" in tab.banner.text.text()
    assert tab.form.title.text() == "T1.1  Household fibre-to-the-home rate"
    QApplication.sendEvent(tab, QEvent(QEvent.Type.LanguageChange))
    assert tab.add_child_action.text() == "Add sub-indicator"
