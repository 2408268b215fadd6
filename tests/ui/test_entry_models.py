"""The entry tab's item models: Qt's model tester, filters, targeted updates, speed."""

from __future__ import annotations

import time

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.ui.entry_helpers import (
    city_id,
    city_with,
    clear_city,
    make_tab,
    node_id,
    type_value,
    typical,
)
from tests.ui.model_check import check_model
from ui.entry.cells import CityCells
from ui.entry.city_list import ANY, CityFilterProxy, CityListModel
from ui.entry.indicator_tree import (
    DISCREPANCY_ROLE,
    DONE,
    MISSING_ROLE,
    VALUE,
    IndicatorTreeModel,
)
from ui.session import Session


def test_city_models_pass_the_model_tester(session: Session, qtmodeltester: ModelTester) -> None:
    model = CityListModel(session)
    check_model(qtmodeltester, model)
    proxy = CityFilterProxy()
    proxy.setSourceModel(model)
    check_model(qtmodeltester, proxy)
    proxy.set_filters("州")
    check_model(qtmodeltester, proxy)


def test_tree_model_passes_the_model_tester(session: Session, qtmodeltester: ModelTester) -> None:
    cells = CityCells(session)
    model = IndicatorTreeModel(session, cells)
    check_model(qtmodeltester, model)  # no city yet
    cells.load(city_id(session, 0))
    model.refresh()
    check_model(qtmodeltester, model)
    assert model.rowCount() == len(session.framework.children(session.framework.root.code))


def test_history_models_pass_the_model_tester(
    session: Session, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    tab = make_tab(session, qtbot)
    tab.select_cell(city_with(session, "T1.1", count=2), node_id(session, "T1.1"))
    assert tab.history.observations.rowCount() == 2
    assert tab.history.audit.rowCount() >= 2
    check_model(qtmodeltester, tab.history.observations)
    check_model(qtmodeltester, tab.history.audit)


def test_the_city_filter_matches_chinese_english_province_and_circle(session: Session) -> None:
    model = CityListModel(session)
    proxy = CityFilterProxy()
    proxy.setSourceModel(model)

    def shown() -> set[str]:
        return {proxy.index(r, 0).data() for r in range(proxy.rowCount())}

    proxy.set_filters("苏州")
    assert shown() == {"苏州"}
    proxy.set_filters("SUZH")
    assert shown() == {"苏州"}
    proxy.set_filters("", province="广东省")
    assert shown() >= {"广州", "深圳"} and "上海" not in shown()
    proxy.set_filters("", circle="京津冀")
    assert shown() >= {"北京", "天津"} and "上海" not in shown()
    proxy.set_filters("州", province="浙江省", circle=ANY)
    assert shown() >= {"杭州"} and "广州" not in shown()


def test_one_value_updates_rows_without_resets_and_fast(session: Session, qtbot: QtBot) -> None:
    city = city_id(session, 13)
    clear_city(session, city)
    tab = make_tab(session, qtbot)
    tab.select_city(city)
    tree, cities = tab.tree_model, tab.cities.model
    t11 = tree.index_of(node_id(session, "T1.1"), VALUE)
    assert t11.data(MISSING_ROLE) is True and t11.data() == "—"
    assert t11.data(Qt.ItemDataRole.BackgroundRole) is not None  # visibly distinct
    changed: list[tuple[int, int]] = []
    tree.dataChanged.connect(lambda a, b, _roles=(): changed.append((a.internalId(), b.row())))
    started = time.perf_counter()
    with qtbot.assertNotEmitted(tree.modelReset), qtbot.assertNotEmitted(cities.modelReset):
        type_value(qtbot, tab, "90")
    elapsed = time.perf_counter() - started
    assert t11.data(MISSING_ROLE) is False and t11.data().startswith("90")
    # the leaf and its ancestors (T1, T), not the other 70 rows
    assert 1 <= len({node for node, _row in changed}) <= 3
    assert round(cities.completion(city) * 52) == 1
    row = cities.row_of(city)
    assert cities.index(row, 1).data() == f"{round(100 / 52)}%"
    print(f"type → save → rescore → views: {elapsed * 1000:.0f} ms")
    assert elapsed < 0.25  # goal 50 ms; generous for slow CI machines


def test_discrepant_cells_are_marked(session: Session, qtbot: QtBot) -> None:
    scores = session.scores()
    rows, columns = scores.cells.discrepancy.nonzero()
    city = scores.cities[int(rows[0])].city_id
    code = scores.result.hierarchy.leaf_codes[int(columns[0])]
    assert city is not None
    cells = CityCells(session)
    cells.load(city)
    model = IndicatorTreeModel(session, cells)
    index = model.index_of(node_id(session, code), VALUE)
    assert index.data(DISCREPANCY_ROLE) is True
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "disagree" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert model.parent(QModelIndex()) == QModelIndex()


def test_a_branch_shows_its_completion(session: Session, qtbot: QtBot) -> None:
    city = city_id(session, 15)
    clear_city(session, city)
    tab = make_tab(session, qtbot)
    tab.select_city(city)
    type_value(qtbot, tab, typical(session, "T1.1"))
    branch = tab.tree_model.index_of(node_id(session, "T1"))
    assert tab.tree_model.index(branch.row(), DONE, branch.parent()).data() == "1/4"
    tab.tree.setCurrentIndex(branch)
    assert tab.panel.title.text().startswith("T1")
    assert "1 of 4" in tab.panel.subtitle.text()
    assert not tab.panel.body.isVisible()
