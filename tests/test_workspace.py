"""The Workspace API: round trips, look-ups, adding observations, arrays, attachments, modes."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from models.attachments import AttachmentTooLargeError
from models.audit import Actor
from models.cities import City
from models.framework import Framework
from models.store import ReadOnlyWorkspaceError, RecordNotFoundError, StoreError
from models.workspace import Workspace
from tests.fixtures.sample import ALICE, BOB, new_observation, sample_cities, sample_framework
from tests.fixtures.workspaces import Setup, open_setup


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    opened = open_setup(tmp_path / "city.sqlite")
    yield opened
    opened.ws.close()


def _without_ids(fw: Framework) -> Framework:
    return Framework(fw.name, tuple(dataclasses.replace(n, node_id=None) for n in fw.nodes))


# ---------------------------------------------------------------- round trips


def test_everything_round_trips_through_close_and_open(setup: Setup, tmp_path: Path) -> None:
    s = setup
    uuid = s.add("T1", 300, note="路测", source="https://example.gov.cn", detail='{"n": 3}')
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 jpeg bytes")
    sha = s.ws.attach_file(uuid, photo, BOB)
    workspace_id, before = s.ws.workspace_id, s.ws.observations(s.campaign_id)
    s.ws.close()
    with Workspace.open(s.path) as ws:
        assert ws.workspace_id == workspace_id
        assert _without_ids(ws.framework(s.framework_id)) == sample_framework()
        assert [dataclasses.replace(c, city_id=None) for c in ws.cities()] == sample_cities()
        assert [c.city_id for c in ws.cities()] == s.city_ids
        (campaign,) = ws.campaigns()
        assert (campaign.name, campaign.framework_id) == ("2021", s.framework_id)
        assert campaign.city_ids == tuple(s.city_ids)
        assert campaign.settings == {"normalise": "goalposts"}
        assert ws.observations(s.campaign_id) == before
        (attachment,) = ws.attachments(uuid)
        assert (attachment.file_name, attachment.sha256, attachment.evaluator) == (
            "photo.jpg",
            sha,
            BOB.evaluator,
        )
        assert ws.attachment_bytes(attachment.attachment_id) == photo.read_bytes()
        assert sha == hashlib.sha256(photo.read_bytes()).hexdigest()


def test_framework_nodes_come_back_depth_first_with_ids(setup: Setup) -> None:
    fw = setup.fw
    assert [n.code for n in fw.nodes] == [n.code for n in fw.walk()]
    assert all(n.node_id is not None for n in fw.nodes)
    assert len({n.node_id for n in fw.nodes}) == len(fw.nodes)
    assert [r.name for r in setup.ws.frameworks()] == ["SMART 2021"]


def test_a_second_framework_gets_its_own_ids(setup: Setup) -> None:
    second = setup.ws.add_framework(sample_framework("SMART 2022"), ALICE)
    assert second != setup.framework_id
    ids = {n.node_id for n in setup.ws.framework(second).nodes}
    assert not ids & {n.node_id for n in setup.fw.nodes}


def test_bad_frameworks_are_refused(setup: Setup) -> None:
    fw = sample_framework()
    orphan = Framework("x", (*fw.nodes, dataclasses.replace(fw["T1"], code="Z", parent="nope")))
    with pytest.raises(ValueError, match="parent is missing"):
        setup.ws.add_framework(orphan, ALICE)
    assert len(setup.ws.frameworks()) == 1


def test_campaign_lookups(setup: Setup) -> None:
    ws = setup.ws
    found = ws.campaign_by_name("2021")
    assert found is not None and found.campaign_id == setup.campaign_id
    assert ws.campaign(setup.campaign_id) == found
    assert ws.campaign_by_name("1999") is None
    with pytest.raises(RecordNotFoundError, match="no campaign with id 99"):
        ws.campaign(99)
    with pytest.raises(ValueError, match="already exists"):
        ws.add_campaign("2021", setup.framework_id, [], {}, ALICE)
    with pytest.raises(RecordNotFoundError, match="no cities"):
        ws.add_campaign("2022", setup.framework_id, [99], {}, ALICE)
    with pytest.raises(ValueError, match="JSON"):
        ws.add_campaign("2022", setup.framework_id, [], {"when": date.today()}, ALICE)


def test_duplicate_city_codes_are_refused(setup: Setup) -> None:
    with pytest.raises(ValueError, match="'SH' is already"):
        setup.ws.add_cities([City("SH", "上海")], ALICE)
    with pytest.raises(ValueError, match="duplicate"):
        setup.ws.add_cities([City("X", "甲"), City("X", "乙")], ALICE)
    assert len(setup.ws.cities()) == 3


def test_unknown_ids_raise_record_not_found(setup: Setup) -> None:
    ws = setup.ws
    missing = "00000000-0000-4000-8000-000000000000"
    for call in (
        lambda: ws.framework(99),
        lambda: ws.observation(missing),
        lambda: ws.update_indicator(999, "weight", 1.0, ALICE),
        lambda: ws.update_observation(missing, "note", "x", ALICE),
        lambda: ws.attachment_bytes(5),
        lambda: ws.observation_arrays(99),
        lambda: ws.set_campaign_settings(99, {}, ALICE),
    ):
        with pytest.raises(RecordNotFoundError) as caught:
            call()
        assert str(setup.path) in str(caught.value)
        assert isinstance(caught.value, LookupError)


# ---------------------------------------------------------------- adding observations


def test_bulk_add_is_one_transaction_with_one_audit_row_each(setup: Setup) -> None:
    s = setup
    news = [
        new_observation(s.campaign_id, city, s.leaf(code), value)
        for city in s.city_ids
        for code, value in [("T1", 10), ("T2", 100), ("S1", 0), ("S2", 3), ("S3", -5e6)]
    ]
    before = len(s.ws.audit_trail())
    uuids = s.ws.add_observations(news, BOB)
    assert len(set(uuids)) == len(news) == 15
    entries = s.audit_delta(before)
    assert [(e.action, e.row_key) for e in entries] == [("create", u) for u in uuids]
    assert entries[0].new_value == {
        "campaign_id": s.campaign_id,
        "channel": "实地调研",
        "city_id": s.city_ids[0],
        "created_at": entries[0].at,
        "detail": "",
        "device": BOB.device,
        "evaluator": BOB.evaluator,
        "indicator_id": s.leaf("T1"),
        "note": "",
        "observed_on": "2021-05-01",
        "source": "",
        "status": "draft",
        "updated_at": entries[0].at,
        "value": 10.0,
    }
    bad = [*news[:3], new_observation(s.campaign_id, s.city_ids[0], s.leaf("S1"), 2)]
    with pytest.raises(ValueError, match="0 or 1"):
        s.ws.add_observations(bad, BOB)
    assert len(s.ws.observations(s.campaign_id)) == 15  # none of the bad batch
    assert len(s.ws.audit_trail()) == before + 15


def test_observations_are_checked_against_the_campaign(setup: Setup, tmp_path: Path) -> None:
    s = setup
    outsider = s.ws.add_cities([City("GZ", "广州")], ALICE)[0]
    for new, words in [
        (new_observation(s.campaign_id, outsider, s.leaf("T1"), 1), "not in campaign"),
        (new_observation(s.campaign_id, s.city_ids[0], s.leaf("T"), 1), "not a leaf"),
        (new_observation(s.campaign_id, s.city_ids[0], s.leaf("T1"), 1e9), "outside"),
        (new_observation(s.campaign_id, s.city_ids[0], s.leaf("T1"), 1, uuid="x"), "UUID"),
        (new_observation(s.campaign_id, s.city_ids[0], s.leaf("T1"), 1, status="ok"), "status"),
    ]:
        with pytest.raises(ValueError, match=words):
            s.ws.add_observation(new, ALICE)
    with pytest.raises(RecordNotFoundError, match="no campaign"):
        s.ws.add_observation(new_observation(99, s.city_ids[0], s.leaf("T1"), 1), ALICE)
    assert s.ws.observations(s.campaign_id) == []


def test_records_from_another_laptop_keep_their_identity(setup: Setup) -> None:
    uuid = "5A1B2C3D-0000-4000-8000-00000000ABCD"
    stored = setup.add(
        "T1",
        "12.5",
        uuid=uuid,
        evaluator="Carol",
        device="laptop-09",
        created_at="2021-05-01T10:00:00+08:00",
        updated_at="2021-05-01T02:30:00.250Z",
    )
    assert stored == uuid.lower()
    obs = setup.ws.observation(stored)
    assert (obs.evaluator, obs.device, obs.value) == ("Carol", "laptop-09", 12.5)
    assert (obs.created_at, obs.updated_at) == (
        "2021-05-01T02:00:00.000Z",
        "2021-05-01T02:30:00.250Z",
    )
    with pytest.raises(StoreError, match="UNIQUE"):
        setup.add("T1", 1, uuid=uuid)


def test_observation_filters(setup: Setup) -> None:
    s = setup
    a = s.add("T1", 1, city=0)
    b = s.add("T2", 0, city=0)
    c = s.add("T1", 2, city=1)
    by = s.ws.observations
    assert [o.uuid for o in by(s.campaign_id)] == [a, b, c]
    assert [o.uuid for o in by(s.campaign_id, city_id=s.city_ids[0])] == [a, b]
    assert [o.uuid for o in by(s.campaign_id, indicator_id=s.leaf("T1"))] == [a, c]
    assert [o.uuid for o in by(s.campaign_id, s.city_ids[1], s.leaf("T1"))] == [c]


def test_observation_arrays(setup: Setup) -> None:
    s = setup
    s.add("T1", 100, city=2, channel="统计数据")
    rejected = s.add("T1", 200, city=0, status="submitted")
    s.ws.set_status(rejected, "rejected", BOB, "wrong year")  # a reviewer (verification rules)
    s.ws.delete_observation(s.add("T2", 50, city=1), ALICE, "typo")
    s.add("S2", 2, city=1, channel="问卷调查", updated_at="2021-05-01T00:00:01.500Z")
    arrays = s.ws.observation_arrays(s.campaign_id)
    assert len(arrays) == 3
    assert arrays.city_ids == tuple(s.city_ids)
    assert arrays.city_index.tolist() == [2, 0, 1]
    assert arrays.indicator_id.tolist() == [s.leaf("T1"), s.leaf("T1"), s.leaf("S2")]
    assert arrays.value.tolist() == [100.0, 200.0, 2.0]
    assert [arrays.channels[i] for i in arrays.channel] == ["统计数据", "实地调研", "问卷调查"]
    assert arrays.rejected.tolist() == [False, True, False]
    assert arrays.changed_at[2] == pytest.approx(1619827201.5, abs=1e-3)
    for column in (arrays.city_index, arrays.value, arrays.changed_at, arrays.rejected):
        assert isinstance(column, np.ndarray) and column.flags["C_CONTIGUOUS"]
    assert arrays.value.dtype == np.float64 and arrays.city_index.dtype == np.int64


def test_empty_campaign_gives_empty_arrays(setup: Setup) -> None:
    arrays = setup.ws.observation_arrays(setup.campaign_id)
    assert len(arrays) == 0 and arrays.city_index.shape == (0,)


# ---------------------------------------------------------------- attachments


def test_attachments(setup: Setup, tmp_path: Path) -> None:
    uuid = setup.add("T1", 1)
    photo = tmp_path / "街景.png"
    photo.write_bytes(bytes(range(256)) * 10)
    before = len(setup.ws.audit_trail())
    sha = setup.ws.attach_file(uuid, photo, ALICE)
    assert setup.ws.attach_file(uuid, photo, ALICE) == sha  # same bytes again: nothing new
    (entry,) = setup.audit_delta(before)
    assert (entry.table, entry.action) == ("attachment", "create")
    assert entry.new_value == {
        "observation": uuid,
        "file_name": "街景.png",
        "sha256": sha,
        "size": 2560,
    }
    big = tmp_path / "video.mp4"
    big.write_bytes(b"\0" * 2001)
    with pytest.raises(AttachmentTooLargeError, match="at most") as caught:
        setup.ws.attach_file(uuid, big, ALICE, max_bytes=2000)
    assert str(big) in str(caught.value)
    with pytest.raises(RecordNotFoundError):
        setup.ws.attach_file("00000000-0000-4000-8000-000000000000", photo, ALICE)
    assert len(setup.ws.attachments(uuid)) == 1


# ---------------------------------------------------------------- modes


def test_read_only_workspace_refuses_every_edit(setup: Setup) -> None:
    uuid = setup.add("T1", 1)
    setup.ws.close()
    with Workspace.open(setup.path, read_only=True) as ws:
        assert ws.observation(uuid).value == 1.0
        for call in (
            lambda: ws.update_observation(uuid, "value", 2, ALICE),
            lambda: ws.add_cities([City("GZ", "广州")], ALICE),
            lambda: ws.set_status(uuid, "verified", ALICE, ""),
        ):
            with pytest.raises(ReadOnlyWorkspaceError, match="read-only"):
                call()


def test_closed_workspace_refuses_calls(setup: Setup) -> None:
    setup.ws.close()
    setup.ws.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        setup.ws.cities()
    with pytest.raises(StoreError, match="closed"):
        setup.ws.add_cities([], ALICE)


def test_actor_needs_names() -> None:
    with pytest.raises(ValueError, match="non-empty"):
        Actor("", "laptop")
