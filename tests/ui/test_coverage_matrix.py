"""The coverage matrix: cell states and colours, totals, expansion, activation, following edits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models.audit import Actor
from models.coverage import CellState
from models.observations import NewObservation, Status
from tests.ui.model_check import check_model
from ui.commands import AddObservation, DeleteObservation, EditObservation
from ui.coverage.matrix_model import STATE_COLORS, STATE_ROLE, CoverageModel
from ui.coverage.tab import CoverageTab
from ui.session import Session

LEAF = "T1.1"  # numeric, 0–100 %
LEFT, NO_KEYS = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


@pytest.fixture
def tab(session: Session, qtbot: QtBot) -> Iterator[CoverageTab]:
    widget = CoverageTab(session)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def leaf_id(session: Session, code: str = LEAF) -> int:
    node_id = session.framework[code].node_id
    assert node_id is not None
    return node_id


def city_id(session: Session, row: int = 0) -> int:
    found = session.cities[row].city_id
    assert found is not None
    return found


def leaf_column(model: CoverageModel, code: str = LEAF) -> int:
    return next(i for i, c in enumerate(model.columns) if c.node.code == code)


def cell_color(model: CoverageModel, row: int, column: int) -> QColor:
    color = model.data(model.index(row, column), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(color, QColor)
    return color


def add(session: Session, value: float, status: Status = "submitted", row: int = 0) -> str:
    new = NewObservation(
        session.campaign.campaign_id, city_id(session, row), leaf_id(session), value,
        "实地调研", "2021-05-01", status=status,
    )  # fmt: skip
    command = AddObservation(session, new)
    session.edit(command)
    assert command.uuid is not None
    return command.uuid


def clear_cell(session: Session, row: int = 0) -> None:
    for obs in session.observations(city_id(session, row), leaf_id(session)):
        session.edit(DeleteObservation(session, obs.uuid, "test"))


def verify_cell(session: Session, row: int = 0) -> None:
    """Verify the cell as a reviewer (someone else than who entered it: models.verification)."""
    entered_by = session.actor
    session.set_actor(Actor("审核员 Reviewer", "review-laptop"))
    for obs in session.observations(city_id(session, row), leaf_id(session)):
        if obs.status == "draft":
            session.edit(EditObservation(session, obs.uuid, "status", "draft", "submitted"))
        if obs.status not in ("verified", "rejected"):
            session.edit(EditObservation(session, obs.uuid, "status", "submitted", "verified"))
    session.set_actor(entered_by)


def test_model_passes_the_model_tester(session: Session, qtmodeltester: ModelTester) -> None:
    model = CoverageModel(session)
    check_model(qtmodeltester, model)
    model.toggle(0)
    check_model(qtmodeltester, model)
    model.set_all_expanded(True)
    check_model(qtmodeltester, model)


def test_shape_and_headers(tab: CoverageTab, session: Session) -> None:
    model = tab.model
    assert (model.rowCount(), model.columnCount()) == (51, 17)  # 50 cities × 16 + totals
    assert model.headerData(0, Qt.Orientation.Horizontal) == "T1\n网络基础"
    assert model.headerData(0, Qt.Orientation.Vertical) == session.cities[0].name_zh
    assert model.headerData(16, Qt.Orientation.Horizontal) == "Total"
    session.set_language("en")
    assert model.headerData(0, Qt.Orientation.Vertical) == session.cities[0].name_en


def test_the_four_state_colours(tab: CoverageTab, session: Session, qtbot: QtBot) -> None:
    model = tab.model
    model.set_all_expanded(True)
    column = leaf_column(model)

    def state_is(state: CellState) -> None:
        qtbot.waitUntil(lambda: model.data(model.index(0, column), STATE_ROLE) == state)
        assert cell_color(model, 0, column) == STATE_COLORS[state]

    clear_cell(session)
    state_is(CellState.MISSING)
    assert model.data(model.index(0, column)) == "–"
    add(session, 50.0, "submitted")
    state_is(CellState.ENTERED)
    assert model.data(model.index(0, column)) == "1"
    verify_cell(session)
    state_is(CellState.VERIFIED)
    assert model.data(model.index(0, column)) == "1 ✓"
    ws = session.workspace  # two disagreeing observations, added straight to the store
    for value in (10.0, 90.0):
        ws.add_observation(
            NewObservation(
                session.campaign.campaign_id, city_id(session), leaf_id(session), value,
                "网络采样", "2021-05-02",
            ),
            session.actor,
        )  # fmt: skip
    session.observations_edited()
    state_is(CellState.DISCREPANCY)
    assert model.data(model.index(0, column)) == "3 !"
    tooltip = str(model.data(model.index(0, column), Qt.ItemDataRole.ToolTipRole))
    assert "3" in tooltip and "网络采样: 10 %" in tooltip and "实地调研: 50 %" in tooltip


def test_colours_are_distinct_and_text_readable() -> None:
    colors = {c.name() for c in STATE_COLORS.values()}
    assert len(colors) == 4
    assert all(c.lightness() > 130 for c in STATE_COLORS.values())  # dark text on light cells


def test_group_cell_summarises_its_leaves(tab: CoverageTab, session: Session, qtbot: QtBot) -> None:
    model = tab.model
    verify_cell(session)
    clear_cell(session)  # T1.1 missing → the T1 cell is missing, 3 of 4 entered
    qtbot.waitUntil(lambda: model.data(model.index(0, 0)) == "3/4")
    assert model.data(model.index(0, 0), STATE_ROLE) == CellState.MISSING
    assert cell_color(model, 0, 0) == STATE_COLORS[CellState.MISSING]
    tooltip = str(model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole))
    assert "3/4" in tooltip and "T1.1" in tooltip and "Missing" in tooltip


def test_totals(tab: CoverageTab, session: Session, qtbot: QtBot) -> None:
    model = tab.model
    total_column, total_row = model.columnCount() - 1, model.rowCount() - 1
    assert model.data(model.index(0, total_column)) == "52/52  100%"
    assert model.data(model.index(total_row, 0)) == "200/200\n100%"  # T1: 4 leaves × 50
    assert model.data(model.index(total_row, total_column)) == "2600/2600\n100%"
    assert model.data(model.index(0, total_column), STATE_ROLE) is None
    clear_cell(session)
    qtbot.waitUntil(lambda: model.data(model.index(0, total_column)) == "51/52  98%")
    assert model.data(model.index(total_row, 0)) == "199/200\n100%"  # 99.5 % rounds up
    assert model.data(model.index(total_row, total_column)) == "2599/2600\n100%"
    assert model.overall.missing == 1
    assert "2599/2600" in tab.summary.text()


def test_header_click_expands_and_collapses(tab: CoverageTab, qtbot: QtBot) -> None:
    model, header = tab.model, tab.view.horizontalHeader()
    QTest.mouseClick(header.viewport(), LEFT, NO_KEYS, section_center(tab, 0))
    assert model.columnCount() == 17 - 1 + 4
    assert [c.node.code for c in model.columns[:5]] == ["T1.1", "T1.2", "T1.3", "T1.4", "T2"]
    QTest.mouseClick(header.viewport(), LEFT, NO_KEYS, section_center(tab, 2))
    assert model.columnCount() == 17
    tab.third_level.setChecked(True)
    assert model.columnCount() == 52 + 1
    tab.third_level.setChecked(False)
    assert model.columnCount() == 17


def section_center(tab: CoverageTab, column: int) -> QPoint:
    header = tab.view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    return QPoint(x, header.height() // 2)


def test_double_click_and_enter_emit_cell_activated(
    tab: CoverageTab, session: Session, qtbot: QtBot
) -> None:
    tab.third_level.setChecked(True)
    model, view = tab.model, tab.view
    index = model.index(2, leaf_column(model, "T1.3"))
    center = view.visualRect(index).center()
    with qtbot.waitSignal(tab.cell_activated) as blocker:
        QTest.mouseClick(view.viewport(), LEFT, NO_KEYS, center)
        QTest.mouseDClick(view.viewport(), LEFT, NO_KEYS, center)
    assert blocker.args == [city_id(session, 2), leaf_id(session, "T1.3")]
    view.setCurrentIndex(model.index(1, leaf_column(model, "T2.1")))
    with qtbot.waitSignal(tab.cell_activated) as blocker:
        QTest.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [city_id(session, 1), leaf_id(session, "T2.1")]


def test_group_cell_opens_its_worst_leaf(tab: CoverageTab, session: Session, qtbot: QtBot) -> None:
    model = tab.model
    assert model.cell_ids(0, model.columnCount() - 1) is None  # totals open nothing
    clear_cell(session)
    add_to = leaf_id(session, "T1.1")
    qtbot.waitUntil(lambda: model.data(model.index(0, 0), STATE_ROLE) == CellState.MISSING)
    assert model.cell_ids(0, 0) == (city_id(session), add_to)
    verify_cell(session, 3)
    states = [model.grid.state[3, p] for p in model.groups[0].leaves]
    expected = model.groups[0].leaves[states.index(min(states))]
    assert model.cell_ids(3, 0) == (city_id(session, 3), model.grid.leaf_ids[expected])


def test_hidden_tab_catches_up_when_shown(tab: CoverageTab, session: Session, qtbot: QtBot) -> None:
    model = tab.model
    tab.hide()
    clear_cell(session)
    qtbot.wait(20)
    assert model.overall.missing == 0  # paused while hidden
    tab.show()
    assert model.overall.missing == 1
