"""The coordinator's decisions on conflicts and duplicate candidates: each one changes what it
says, needs a reason, is audited, and makes the rows the master's own (merges leave them)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures.fieldwork import COORDINATOR, FIELD_A, FIELD_B, Site, copy_site, make_master


@pytest.fixture
def master(tmp_path: Path) -> Iterator[Site]:
    site = make_master(tmp_path / "master.smartcity")
    yield site
    site.close()


def conflicted(master: Site, tmp_path: Path, name: str = "l") -> tuple[str, Path]:
    """An own row edited in the master and, differently, on a laptop; the package merged."""
    uuid = master.add("SH", "T1", 100, COORDINATOR)
    laptop = copy_site(master, tmp_path / f"{name}.smartcity")
    laptop.ws.update_observation(uuid, "value", 120, FIELD_A, "re-measured")
    laptop.ws.update_observation(uuid, "note", "on site", FIELD_A, "")
    master.ws.update_observation(uuid, "note", "from the yearbook", COORDINATOR, "")
    path = tmp_path / f"{name}.smartpkg"
    laptop.ws.export_package(laptop.campaign_id, path, FIELD_A)
    laptop.close()
    master.ws.merge_packages([path], COORDINATOR)
    return uuid, path


def decisions(master: Site, uuid: str) -> list[dict[str, object]]:
    rows = master.ws.audit_trail("conflict", uuid)
    assert all(r.who == COORDINATOR.evaluator and r.reason for r in rows)
    return [r.new_value for r in rows]  # type: ignore[misc]


def test_a_decision_needs_a_reason(master: Site, tmp_path: Path) -> None:
    uuid, _path = conflicted(master, tmp_path)
    with pytest.raises(ValueError, match="reason"):
        master.ws.keep_current(master.campaign_id, uuid, COORDINATOR, "  ")
    assert len(master.ws.conflicts(master.campaign_id)) == 1


def test_keep_current_keeps_the_row_and_the_package_again_changes_nothing(
    master: Site, tmp_path: Path
) -> None:
    uuid, path = conflicted(master, tmp_path)
    master.ws.keep_current(master.campaign_id, uuid, COORDINATOR, "the yearbook is right")
    assert master.ws.conflicts(master.campaign_id) == []
    assert master.ws.observation(uuid).value == 100.0
    assert decisions(master, uuid) == [{"decision": "keep current"}]
    master.ws.merge_packages([path], COORDINATOR)
    assert master.ws.conflicts(master.campaign_id) == []


def test_keep_theirs_takes_the_package_version_field_by_field(master: Site, tmp_path: Path) -> None:
    uuid, _path = conflicted(master, tmp_path)
    (conflict,) = master.ws.conflicts(master.campaign_id)
    (alt,) = conflict.alternatives
    before = len(master.ws.audit_trail("observation", uuid))
    master.ws.keep_version(master.campaign_id, uuid, alt.version.digest, COORDINATOR, "field visit")
    obs = master.ws.observation(uuid)
    assert (obs.value, obs.note) == (120.0, "on site")
    changed = master.ws.audit_trail("observation", uuid)[before:]
    assert {(e.field, e.reason) for e in changed} == {
        ("value", "field visit"),
        ("note", "field visit"),
    }
    assert decisions(master, uuid) == [{"decision": "keep version", "kept": alt.version.digest}]
    assert master.ws.conflicts(master.campaign_id) == []


def test_keep_both_makes_a_second_observation(master: Site, tmp_path: Path) -> None:
    uuid, _path = conflicted(master, tmp_path)
    (alt,) = master.ws.conflicts(master.campaign_id)[0].alternatives
    new = master.ws.keep_both(master.campaign_id, uuid, alt.version.digest, COORDINATOR, "both")
    assert master.ws.observation(uuid).value == 100.0
    copy = master.ws.observation(new)
    # the copy keeps the identity of the version: created by the coordinator, edited in the field
    assert (copy.value, copy.evaluator, copy.note) == (120.0, COORDINATOR.evaluator, "on site")
    (created,) = master.ws.audit_trail("observation", new)
    assert created.new_value["copied_from"] == uuid  # type: ignore[index]
    assert decisions(master, uuid)[0]["new_uuid"] == new
    assert master.ws.conflicts(master.campaign_id) == []


def test_resolve_by_edit(master: Site, tmp_path: Path) -> None:
    uuid, _path = conflicted(master, tmp_path)
    values: dict[str, object] = {"value": 110.0, "note": "average of both"}
    master.ws.resolve_by_edit(master.campaign_id, uuid, values, COORDINATOR, "checked again")
    obs = master.ws.observation(uuid)
    assert (obs.value, obs.note) == (110.0, "average of both")
    assert decisions(master, uuid) == [{"decision": "edit", "fields": ["note", "value"]}]


def test_a_decided_merge_written_row_is_never_changed_by_later_merges(
    master: Site, tmp_path: Path
) -> None:
    a = copy_site(master, tmp_path / "a.smartcity")
    b = copy_site(master, tmp_path / "b.smartcity")
    uuid = a.add("SZ", "T1", 5, FIELD_A)
    seed = tmp_path / "seed.smartpkg"
    a.ws.export_package(a.campaign_id, seed, FIELD_A)
    b.ws.merge_packages([seed], FIELD_B)
    a.ws.update_observation(uuid, "value", 6, FIELD_A, "")
    time.sleep(0.01)  # B saves later
    b.ws.update_observation(uuid, "value", 7, FIELD_B, "")
    pa, pb = tmp_path / "a.smartpkg", tmp_path / "b.smartpkg"
    a.ws.export_package(a.campaign_id, pa, FIELD_A)
    b.ws.export_package(b.campaign_id, pb, FIELD_B)
    master.ws.merge_packages([pa, pb], COORDINATOR)
    (conflict,) = master.ws.conflicts(master.campaign_id)
    assert conflict.derived and conflict.current.row[4] == 7.0  # the later one shows
    master.ws.keep_current(master.campaign_id, uuid, COORDINATOR, "B measured last")
    a.ws.update_observation(uuid, "note", "later", FIELD_A, "")
    a.ws.export_package(a.campaign_id, tmp_path / "a2.smartpkg", FIELD_A, since_last=True)
    master.ws.merge_packages([tmp_path / "a2.smartpkg"], COORDINATOR)
    assert master.ws.observation(uuid).value == 7.0  # own now: the new version waits
    (again,) = master.ws.conflicts(master.campaign_id)
    assert not again.derived
    a.close()
    b.close()


def test_duplicates_kept_or_dismissed(master: Site, tmp_path: Path) -> None:
    own = master.add("SH", "T1", 55, FIELD_A)
    laptop = copy_site(master, tmp_path / "l.smartcity")
    twin = laptop.add("SH", "T1", 55, FIELD_A)
    other = laptop.add("SZ", "T1", 9, FIELD_A)
    master.add("SZ", "T1", 9, FIELD_A)
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"evidence")
    laptop.ws.attach_file(twin, photo, FIELD_A)
    path = tmp_path / "l.smartpkg"
    laptop.ws.export_package(laptop.campaign_id, path, FIELD_A)
    laptop.close()
    master.ws.merge_packages([path], COORDINATOR)
    held = {d.uuid: d for d in master.ws.duplicates(master.campaign_id)}
    assert set(held) == {twin, other} and held[twin].duplicate_of == own
    other_row = held[twin].other
    assert other_row is not None and other_row.uuid == own
    with pytest.raises(ValueError, match="reason"):
        master.ws.keep_duplicate(master.campaign_id, twin, COORDINATOR, "")
    master.ws.keep_duplicate(master.campaign_id, twin, COORDINATOR, "two site visits")
    assert master.ws.observation(twin).value == 55.0
    (attachment,) = master.ws.attachments(twin)  # it waited with the held observation
    assert master.ws.attachment_bytes(attachment.attachment_id) == b"evidence"
    master.ws.dismiss_duplicate(master.campaign_id, other, COORDINATOR, "typed twice")
    assert master.ws.duplicates(master.campaign_id) == []
    assert [e.new_value for e in master.ws.audit_trail("duplicate")] == [
        {"decision": "keep both"},
        {"decision": "dismissed", "duplicate_of": held[other].duplicate_of},
    ]
    master.ws.merge_packages([path], COORDINATOR)  # decided: nothing comes back
    assert master.ws.duplicates(master.campaign_id) == []
    assert other not in {o.uuid for o in master.ws.observations(master.campaign_id)}
