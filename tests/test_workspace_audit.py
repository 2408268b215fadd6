"""The Workspace API's audit trail: creation rows, and exactly one row per effective edit."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from models.observations import Status
from tests.fixtures.sample import ALICE, BOB
from tests.fixtures.workspaces import Setup, open_setup


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    opened = open_setup(tmp_path / "city.sqlite")
    yield opened
    opened.ws.close()


def test_creation_is_audited(setup: Setup) -> None:
    trail = setup.ws.audit_trail()
    tables = [e.table for e in trail]
    assert tables[0] == "meta" and trail[0].new_value == {"workspace_id": setup.ws.workspace_id}
    assert tables.count("framework") == 1
    assert tables.count("indicator") == len(setup.fw.nodes)
    assert tables.count("city") == 3 and tables.count("campaign") == 1
    assert {e.action for e in trail} == {"create"}
    assert {(e.who, e.device) for e in trail} == {(ALICE.evaluator, ALICE.device)}


INDICATOR_EDITS: list[tuple[str, str, object, object]] = [
    ("T1", "weight", 2.5, 1.0),
    ("T1", "name_en", "Broadband speed", "Broadband"),
    ("T1", "high", 2000.0, 1000.0),
    ("T1", "low", 10.0, 0.0),
    ("T1", "target", None, 500.0),
    ("T1", "bounded", False, 1),
    ("T2", "direction", 1, -1),
    ("S", "position", 5, 1),
    ("S3", "denominator", "", "pop"),
]


@pytest.mark.parametrize(("code", "field", "new", "old"), INDICATOR_EDITS)
def test_each_indicator_edit_writes_one_audit_row(
    setup: Setup, code: str, field: str, new: object, old: object
) -> None:
    before = len(setup.ws.audit_trail())
    assert setup.ws.update_indicator(setup.leaf(code), field, new, BOB, "review")
    (entry,) = setup.audit_delta(before)
    assert (entry.table, entry.row_key, entry.action, entry.field) == (
        "indicator",
        str(setup.leaf(code)),
        "update",
        field,
    )
    assert (entry.old_value, entry.reason, entry.who) == (old, "review", BOB.evaluator)
    assert entry.new_value == (int(new) if isinstance(new, bool) else new)
    assert entry.at.endswith("Z") and len(entry.at) == len("2021-05-01T08:00:00.000Z")
    assert not setup.ws.update_indicator(setup.leaf(code), field, new, BOB)  # unchanged: no row
    assert len(setup.ws.audit_trail()) == before + 1


def test_indicator_edits_are_validated(setup: Setup) -> None:
    ws, t1 = setup.ws, setup.leaf("T1")
    for field, value, words in [
        ("code", "X", "cannot be edited"),
        ("weight", -1, "negative"),
        ("weight", "heavy", "number"),
        ("direction", 0, "1 or -1"),
        ("low", 5000.0, "below high"),
        ("bounded", 1, "True or False"),
    ]:
        with pytest.raises(ValueError, match=words):
            ws.update_indicator(t1, field, value, ALICE)
    with pytest.raises(ValueError, match="aggregate"):
        ws.update_indicator(setup.leaf("T"), "low", 1.0, ALICE)
    assert ws.framework(setup.framework_id) == setup.fw


def test_settings_edit_writes_one_audit_row(setup: Setup) -> None:
    before = len(setup.ws.audit_trail())
    new = {"normalise": "minmax", "tiers": [0.16, 0.34, 0.5]}
    assert setup.ws.set_campaign_settings(setup.campaign_id, new, ALICE, "try minmax")
    (entry,) = setup.audit_delta(before)
    assert (entry.field, entry.old_value, entry.new_value) == (
        "settings",
        {"normalise": "goalposts"},
        new,
    )
    assert setup.ws.campaign(setup.campaign_id).settings == new
    assert not setup.ws.set_campaign_settings(setup.campaign_id, new, ALICE)


OBSERVATION_EDITS: list[tuple[str, object, object, object]] = [
    ("value", 450, 300.0, 450.0),
    ("channel", "电话访谈", "实地调研", "电话访谈"),
    ("observed_on", date(2021, 6, 2), "2021-05-01", "2021-06-02"),
    ("observed_on", "2021-06-02", "2021-05-01", "2021-06-02"),
    ("source", "统计年鉴 2021", "", "统计年鉴 2021"),
    ("note", "复核", "", "复核"),
    ("detail", '["甲"]', "", '["甲"]'),
]


@pytest.mark.parametrize(("field", "value", "old", "new"), OBSERVATION_EDITS)
def test_each_observation_edit_writes_one_audit_row(
    setup: Setup, field: str, value: object, old: object, new: object
) -> None:
    uuid = setup.add("T1", 300)
    stamp = setup.ws.observation(uuid).updated_at
    before = len(setup.ws.audit_trail())
    assert setup.ws.update_observation(uuid, field, value, BOB, "correction")
    (entry,) = setup.audit_delta(before)
    assert (entry.table, entry.row_key, entry.action, entry.field) == (
        "observation",
        uuid,
        "update",
        field,
    )
    assert (entry.old_value, entry.new_value, entry.reason) == (old, new, "correction")
    changed = setup.ws.observation(uuid)
    assert changed.updated_at >= stamp and changed.evaluator == ALICE.evaluator
    assert not setup.ws.update_observation(uuid, field, value, BOB)
    assert len(setup.ws.audit_trail()) == before + 1


def test_observation_edits_are_validated(setup: Setup) -> None:
    uuid = setup.add("T2", 50)
    ws = setup.ws
    for field, value, words in [
        ("value", 40, "not one of the rating levels"),
        ("value", "lots", "not a number"),
        ("channel", "carrier pigeon", "unknown channel"),
        ("observed_on", "2021-02-30", "YYYY-MM-DD"),
        ("note", 5, "expected text"),
        ("detail", "{not json", "JSON"),
        ("city_id", 2, "cannot be edited"),
        ("uuid", "x", "cannot be edited"),
        ("status", "verified", "set_status"),
    ]:
        with pytest.raises(ValueError, match=words):
            ws.update_observation(uuid, field, value, ALICE)
    assert ws.observation(uuid).value == 50.0


def test_status_changes_are_audited(setup: Setup) -> None:
    uuid = setup.add("S1", True)
    before = len(setup.ws.audit_trail())
    assert setup.ws.set_status(uuid, "submitted", ALICE, "")
    assert setup.ws.set_status(uuid, "rejected", BOB, "photo does not show the service")
    entries = setup.audit_delta(before)
    assert [(e.old_value, e.new_value) for e in entries] == [
        ("draft", "submitted"),
        ("submitted", "rejected"),
    ]
    assert entries[1].reason == "photo does not show the service"
    with pytest.raises(ValueError, match="unknown status"):
        setup.ws.set_status(uuid, typing.cast(Status, "approved"), ALICE, "")


def test_delete_is_soft_audited_and_restorable(setup: Setup) -> None:
    keep, gone = setup.add("T1", 1), setup.add("T1", 2)
    before = len(setup.ws.audit_trail())
    setup.ws.delete_observation(gone, BOB, "duplicate entry")
    (entry,) = setup.audit_delta(before)
    assert (entry.action, entry.field, entry.reason) == ("delete", "deleted_at", "duplicate entry")
    assert [o.uuid for o in setup.ws.observations(setup.campaign_id)] == [keep]
    every = setup.ws.observations(setup.campaign_id, include_deleted=True)
    assert [o.uuid for o in every] == [keep, gone]
    assert setup.ws.observation(gone).deleted_at == entry.new_value
    with pytest.raises(ValueError, match="was deleted"):
        setup.ws.update_observation(gone, "value", 3, ALICE)
    with pytest.raises(ValueError, match="was deleted"):
        setup.ws.delete_observation(gone, ALICE, "again")
    setup.ws.restore_observation(gone, ALICE, "not a duplicate after all")
    assert setup.audit_delta(before)[-1].action == "restore"
    assert len(setup.ws.observations(setup.campaign_id)) == 2
    assert len(setup.ws.audit_trail(table="observation", row_key=gone)) == 3


def test_audit_trail_filters(setup: Setup) -> None:
    uuid = setup.add("T1", 1)
    setup.ws.update_observation(uuid, "value", 2, ALICE)
    rows = setup.ws.audit_trail("observation", uuid)
    assert [e.action for e in rows] == ["create", "update"]
    assert len(setup.ws.audit_trail("city")) == 3
    with pytest.raises(ValueError, match="unknown audited table"):
        setup.ws.audit_trail("sqlite_schema")
