"""Verification from the Observations tab: Submit / Verify… / Reject… / Reopen… on the
selected rows, the models' rules shown inline, undo, and the coverage matrix following."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot

from models.coverage import CellState
from tests.ui.fieldwork_helpers import REVIEWER
from ui.coverage.matrix_model import STATE_ROLE, CoverageModel
from ui.observations.tab import ObservationsTab
from ui.session import Session
from ui.verification.review_actions import (
    ReasonDialog,
    ReviewActions,
    observations_tab_with_review,
    plain_title,
)


def select(tab: ObservationsTab, rows: list[int]) -> None:
    view = tab.view
    view.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        view.selectionModel().select(view.model().index(row, 0), flags)


def test_review_the_selected_rows(session: Session, qtbot: QtBot) -> None:
    tab = observations_tab_with_review(session)
    qtbot.addWidget(tab)
    tab.show()
    actions = tab.findChild(ReviewActions)
    assert actions is not None and actions.button.text() == "Review"
    ws, campaign = session.workspace, session.campaign.campaign_id
    rows = {tab.model.uuid(r): r for r in range(tab.model.rowCount())}
    drafts = [o for o in ws.observations(campaign) if o.status == "draft"][:2]
    select(tab, [tab.proxy.mapFromSource(tab.model.index(rows[o.uuid], 0)).row() for o in drafts])
    assert set(actions.selected_uuids()) == {o.uuid for o in drafts}
    assert actions.submit_selected()
    assert {ws.observation(o.uuid).status for o in drafts} == {"submitted"}
    session.set_actor(REVIEWER)
    dialog = ReasonDialog(session, [o.uuid for o in drafts], "rejected", "Reject")
    qtbot.addWidget(dialog)
    assert dialog.ok_button.text() == "Reject"
    dialog.accept()
    assert "reason" in dialog.problem.text()  # refused inline, nothing changed
    assert {ws.observation(o.uuid).status for o in drafts} == {"submitted"}
    dialog.reason.setText("the source is from 2019")
    dialog.accept()
    assert {ws.observation(o.uuid).status for o in drafts} == {"rejected"}
    trail = ws.audit_trail("observation", drafts[0].uuid)
    assert (trail[-1].who, trail[-1].reason) == (REVIEWER.evaluator, "the source is from 2019")
    session.undo_stack.undo()
    assert {ws.observation(o.uuid).status for o in drafts} == {"submitted"}


def test_the_evaluator_cannot_verify_and_the_coverage_follows(
    session: Session, qtbot: QtBot
) -> None:
    ws, campaign = session.workspace, session.campaign.campaign_id
    city, leaf = session.cities[0].city_id, session.framework.leaves()[0].node_id
    cell = ws.observations(campaign, city, leaf)
    pending = [o.uuid for o in cell if o.status in ("draft", "submitted")]
    drafts = [o.uuid for o in cell if o.status == "draft"]
    if drafts:
        ws.review(drafts, "submitted", REVIEWER)
    coverage = CoverageModel(session)
    coverage.set_all_expanded(True)
    code = session.framework.leaves()[0].code
    column = next(i for i, c in enumerate(coverage.columns) if c.node.code == code)
    session.set_actor(REVIEWER)
    verified_by_self = [o.uuid for o in cell if o.evaluator == REVIEWER.evaluator]
    assert not verified_by_self
    dialog = ReasonDialog(session, pending, "verified", "Verify")
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.problem.text() == ""
    qtbot.waitUntil(
        lambda: coverage.data(coverage.index(0, column), STATE_ROLE) == CellState.VERIFIED
    )


def test_the_actions_need_a_selection(session: Session, qtbot: QtBot) -> None:
    tab = observations_tab_with_review(session)
    qtbot.addWidget(tab)
    actions = tab.findChild(ReviewActions)
    assert actions is not None
    tab.view.clearSelection()
    assert not actions.verify.isEnabled() and actions.button.toolTip()
    select(tab, [0])
    assert actions.verify.isEnabled() and actions.submit.isEnabled()
    assert actions.button.toolTip() == ""


def test_the_dialog_title_has_no_mnemonic() -> None:
    assert plain_title("退回(&R)…") == "退回"
    assert plain_title("核实(&V)...") == "核实"
    assert plain_title("&Verify…") == "Verify"
    assert plain_title("Re&open…") == "Reopen"
