"""The audit trail tab: a lazy model over every change, filters, and the .xlsx export."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models.tables import read_table
from tests.ui.fieldwork_helpers import FIELD, conflicted_packages
from tests.ui.model_check import check_model
from ui.audit.model import PAGE
from ui.audit.tab import AuditTab
from ui.observations.labels import channel_label
from ui.observations.table_model import format_value
from ui.session import Session
from ui.times import local_time, local_zone, zone_name


def make_tab(session: Session, qtbot: QtBot) -> AuditTab:
    tab = AuditTab(session)
    qtbot.addWidget(tab)
    tab.show()
    return tab


def texts(tab: AuditTab, column: int, qtbot: QtBot) -> list[str]:
    model = tab.model
    for row in range(model.rowCount()):
        model.data(model.index(row, column))
    qtbot.waitUntil(lambda: model.data(model.index(model.rowCount() - 1, column)) != "…")
    return [str(model.data(model.index(r, column))) for r in range(model.rowCount())]


def test_the_lazy_model(session: Session, qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    tab = make_tab(session, qtbot)
    model = tab.model
    total = len(session.workspace.audit_trail())
    assert model.rowCount() == total > 3 * PAGE
    last = model.index(total - 1, 0)
    assert model.data(last) == "…"  # not read yet: read on the next turn of the loop
    qtbot.waitUntil(lambda: model.data(last) != "…")
    oldest = session.workspace.audit_trail()[0]
    assert model.data(last) == oldest.at.replace("T", " ")[:19]  # newest first
    check_model(qtmodeltester, model)


def test_filters(session: Session, qtbot: QtBot, tmp_path: Path) -> None:
    a, _b, uuids = conflicted_packages(session, tmp_path)
    session.workspace.merge_packages([a], session.actor)
    session.observations_edited()
    tab = make_tab(session, qtbot)
    tab.evaluator_box.setCurrentIndex(tab.evaluator_box.findData(FIELD.evaluator))
    assert set(texts(tab, 1, qtbot)) == {FIELD.evaluator}
    tab.clear_filters()
    tab.team_box.setCurrentIndex(tab.team_box.findData("第一组"))
    assert set(texts(tab, 2, qtbot)) == {"第一组"}
    tab.clear_filters()
    obs = session.workspace.observation(uuids[0])
    tab.city_box.setCurrentIndex(tab.city_box.findData(obs.city_id))
    tab.indicator_box.setCurrentIndex(tab.indicator_box.findData(obs.indicator_id))
    shown = tab.model.fetch_rows(0, tab.model.rowCount())
    assert shown and {(r.city_id, r.indicator_id) for r in shown} == {
        (obs.city_id, obs.indicator_id)
    }
    tab.clear_filters()
    tab.date_from.setDate(QDate(2000, 1, 2))
    tab.date_to.setDate(QDate(2000, 1, 3))
    assert tab.model.rowCount() == 0
    assert tab.current_filter().date_to == date(2000, 1, 3)
    tab.clear_filters()
    assert tab.model.rowCount() == len(session.workspace.audit_trail())


def test_export(session: Session, qtbot: QtBot, tmp_path: Path) -> None:
    tab = make_tab(session, qtbot)
    tab.evaluator_box.setCurrentIndex(1)
    out = tab.export_to(tmp_path / "audit.xlsx")
    assert out is not None
    table = read_table(out, "audit")
    assert table.header == tuple(tab.model.texts.headers())
    assert len(table.rows) == tab.model.rowCount()
    first = tab.model.fetch_oldest_first(0, 1)[0]
    assert table.rows[0].cells[0] == first.entry.at.replace("T", " ")[:19]


def test_follows_the_language_and_edits(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    before = tab.model.rowCount()
    uuid = session.workspace.observations(session.campaign.campaign_id)[0].uuid
    session.workspace.update_observation(uuid, "note", "x", session.actor, "")
    session.observations_edited()
    assert tab.model.rowCount() == before + 1
    session.set_language("en")
    assert tab.model.headerData(0, Qt.Orientation.Horizontal) == "When (UTC)"


def test_created_observations_read_as_elsewhere(session: Session, qtbot: QtBot) -> None:
    session.set_language("en")
    tab = make_tab(session, qtbot)
    total = tab.model.rowCount()
    row = next(
        r
        for r in tab.model.fetch_rows(total - 300, total)
        if r.entry.table == "observation" and r.entry.action == "create"
    )
    obs = session.workspace.observation(row.entry.row_key)
    text = tab.model.texts.change(row)
    assert channel_label(obs.channel, "en") in text and obs.channel not in text
    assert text.startswith(format_value(obs.value))


def test_no_match_is_said_and_nothing_to_export(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    assert tab.export_button.isEnabled()
    tab.date_from.setDate(QDate(2000, 1, 2))
    tab.date_to.setDate(QDate(2000, 1, 3))
    assert tab.model.rowCount() == 0 and "No change matches" in tab.count_label.text()
    assert not tab.export_button.isEnabled()


def test_times_are_shown_in_the_local_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        monkeypatch.setenv("TZ", "CST-8")  # POSIX form: UTC+8, no tz database needed
        time.tzset()
        assert zone_name() == "UTC+8"
        assert local_time("2021-05-08T16:30:00.000Z") == "2021-05-09 00:30:00"
        assert local_zone().utcoffset(None) == timedelta(hours=8)
        monkeypatch.setenv("TZ", "NST+3:30")
        time.tzset()
        assert zone_name() == "UTC-3:30"
    finally:
        monkeypatch.undo()
        time.tzset()
