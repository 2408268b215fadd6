"""The observation table: model and proxy, filters, numeric sort, following edits, activation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models.cities import CHANNELS
from models.observation_table import TableFilter
from models.observations import NewObservation, Observation
from models.schema import STATUSES
from tests.ui.model_check import check_model
from ui.commands import AddObservation
from ui.observations.proxy import ObservationProxy
from ui.observations.tab import ObservationsTab
from ui.observations.table_model import Column, ObservationTableModel
from ui.session import Session

LEFT, NO_KEYS = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


@pytest.fixture
def tab(session: Session, qtbot: QtBot) -> Iterator[ObservationsTab]:
    widget = ObservationsTab(session)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def live(session: Session) -> list[Observation]:
    return session.workspace.observations(session.campaign.campaign_id)


def column_texts(proxy: ObservationProxy, column: Column) -> list[str]:
    return [str(proxy.data(proxy.index(row, column))) for row in range(proxy.rowCount())]


def choose(box_data: object, tab: ObservationsTab, box_name: str) -> None:
    box = getattr(tab, box_name)
    index = box.findData(box_data)
    assert index > 0, (box_name, box_data)
    box.setCurrentIndex(index)


def test_models_pass_the_model_tester(session: Session, qtmodeltester: ModelTester) -> None:
    model = ObservationTableModel(session)
    check_model(qtmodeltester, model)
    proxy = ObservationProxy(model)
    proxy.set_filter(TableFilter(city_id=session.cities[1].city_id))  # fewer rows: faster
    check_model(qtmodeltester, proxy)
    proxy.sort(Column.VALUE, Qt.SortOrder.DescendingOrder)
    proxy.set_filter(TableFilter(status=STATUSES.index("rejected"), text="统计"))
    check_model(qtmodeltester, proxy)
    proxy.set_filter(TableFilter(text="no such text"))
    assert proxy.rowCount() == 0
    check_model(qtmodeltester, proxy)
    proxy.set_filter(TableFilter(city_id=session.cities[2].city_id))
    model.reload()  # the source resets under a filtered, sorted proxy
    check_model(qtmodeltester, proxy)


def test_one_row_per_observation(tab: ObservationsTab, session: Session) -> None:
    observations = live(session)
    proxy = tab.proxy
    assert proxy.rowCount() == tab.model.rowCount() == len(observations)
    first = observations[0]
    city = next(c for c in session.cities if c.city_id == first.city_id)
    leaf = next(n for n in session.framework.nodes if n.node_id == first.indicator_id)
    texts = [str(proxy.data(proxy.index(0, c))) for c in Column]
    assert texts[: Column.UNIT + 1] == [
        city.name_zh,
        leaf.code,
        leaf.name_zh,
        f"{first.value:g}",
        leaf.spec.unit if leaf.spec else "",
    ]
    assert texts[Column.CHANNEL] == first.channel
    assert texts[Column.OBSERVED_ON] == first.observed_on.isoformat()
    assert tab.count_label.text() == f"{len(observations):,} of {len(observations):,} observations"


def test_filters_by_each_box_and_free_text(tab: ObservationsTab, session: Session) -> None:
    observations = live(session)
    obs = observations[200]

    def expect(n: int) -> None:
        assert tab.proxy.rowCount() == n > 0
        tab.clear_filters()
        assert tab.proxy.rowCount() == len(observations)

    choose(obs.city_id, tab, "city_box")
    expect(sum(o.city_id == obs.city_id for o in observations))
    choose(obs.indicator_id, tab, "indicator_box")
    expect(sum(o.indicator_id == obs.indicator_id for o in observations))
    choose(CHANNELS.index(obs.channel), tab, "channel_box")
    expect(sum(o.channel == obs.channel for o in observations))
    choose(obs.evaluator, tab, "evaluator_box")
    expect(sum(o.evaluator == obs.evaluator for o in observations))
    choose(STATUSES.index("rejected"), tab, "status_box")
    expect(sum(o.status == "rejected" for o in observations))
    city = next(c for c in session.cities if c.city_id == obs.city_id)
    tab.search.setText(city.name_en.upper())  # English name while the table shows Chinese
    tab.apply_filters()
    expect(sum(o.city_id == obs.city_id for o in observations))
    tab.search.setText("统计公报")
    tab.apply_filters()
    expect(sum("统计公报" in o.source or "统计公报" in o.note for o in observations))


def test_search_applies_after_a_pause(tab: ObservationsTab, qtbot: QtBot) -> None:
    QTest.keyClicks(tab.search, "Rejected")  # the status, by its English label
    qtbot.waitUntil(lambda: 0 < tab.proxy.rowCount() < tab.model.rowCount())
    statuses = set(column_texts(tab.proxy, Column.STATUS))
    assert statuses == {"已退回"}


def test_sorting_by_value_is_numeric(tab: ObservationsTab) -> None:
    tab.view.sortByColumn(Column.VALUE, Qt.SortOrder.AscendingOrder)
    values = [float(v) for v in column_texts(tab.proxy, Column.VALUE)]
    assert values == sorted(values) and values[0] < values[-1]
    assert "100" in column_texts(tab.proxy, Column.VALUE)  # text order would put it early
    tab.view.sortByColumn(Column.VALUE, Qt.SortOrder.DescendingOrder)
    values = [float(v) for v in column_texts(tab.proxy, Column.VALUE)]
    assert values == sorted(values, reverse=True)


def test_sort_by_city_keeps_value_order_within_a_city(
    tab: ObservationsTab, session: Session
) -> None:
    proxy = tab.proxy
    proxy.sort(Column.VALUE)
    proxy.sort(Column.CITY)
    rows = [proxy.source_row(r) for r in range(proxy.rowCount())]
    cols = tab.model.columns
    order = {c.city_id: i for i, c in enumerate(session.cities)}
    keys = [(order[int(cols.city_id[r])], float(cols.value[r])) for r in rows]
    assert keys == sorted(keys)


def test_sorting_keeps_the_current_row(tab: ObservationsTab) -> None:
    view, proxy = tab.view, tab.proxy
    view.setCurrentIndex(proxy.index(5, 0))
    uuid = tab.model.uuid(proxy.source_row(5))
    view.sortByColumn(Column.NOTE, Qt.SortOrder.DescendingOrder)
    assert tab.model.uuid(proxy.source_row(view.currentIndex().row())) == uuid


def test_table_follows_an_edit(tab: ObservationsTab, session: Session, qtbot: QtBot) -> None:
    before = tab.proxy.rowCount()
    city, leaf = session.cities[3], session.framework["T1.1"]
    assert city.city_id is not None and leaf.node_id is not None
    tab.search.setText("a note only the new observation has")
    tab.apply_filters()
    assert tab.proxy.rowCount() == 0
    new = NewObservation(
        session.campaign.campaign_id, city.city_id, leaf.node_id, 42.5, "电话访谈",
        "2021-06-01", note="A note only the new observation has",
    )  # fmt: skip
    command = AddObservation(session, new)
    session.edit(command)
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 1)
    assert tab.model.rowCount() == before + 1
    assert tab.proxy.data(tab.proxy.index(0, Column.VALUE)) == "42.5"
    assert tab.model.uuid(tab.proxy.source_row(0)) == command.uuid
    session.undo_stack.undo()  # deleted again: the row goes
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 0)


def test_double_click_emits_cell_activated(tab: ObservationsTab, qtbot: QtBot) -> None:
    tab.view.sortByColumn(Column.VALUE, Qt.SortOrder.DescendingOrder)
    index = tab.proxy.index(3, Column.INDICATOR)
    expected = list(tab.model.ids(tab.proxy.source_row(3)))
    center = tab.view.visualRect(index).center()
    with qtbot.waitSignal(tab.cell_activated) as blocker:
        QTest.mouseClick(tab.view.viewport(), LEFT, NO_KEYS, center)
        QTest.mouseDClick(tab.view.viewport(), LEFT, NO_KEYS, center)
    assert blocker.args == expected


def test_language_switch(tab: ObservationsTab, session: Session) -> None:
    session.set_language("en")
    channels = set(column_texts(tab.proxy, Column.CHANNEL))
    assert channels <= {
        "Field visit",
        "Phone interview",
        "Web sampling",
        "Statistics",
        "Questionnaire",
    }
    assert tab.status_box.itemText(1) == "Draft"
    assert tab.city_box.itemText(1) == session.cities[0].name_en
