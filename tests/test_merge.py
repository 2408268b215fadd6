"""Merging field packages: added, skipped, conflicts, duplicate candidates; idempotence,
order independence, framework versions and mappings, all-or-nothing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.framework import Indicator, MeasurementSpec
from models.merge import (
    FrameworkMismatchError,
    MappingNeedsConfirmationError,
    MergeCancelledError,
)
from models.package_zip import PackageError
from models.workspace import Workspace
from tests.fixtures.fieldwork import (
    COORDINATOR,
    FIELD_A,
    FIELD_B,
    Site,
    copy_site,
    digest,
    make_master,
    open_site,
)


@pytest.fixture
def master(tmp_path: Path) -> Iterator[Site]:
    site = make_master(tmp_path / "master.smartcity")
    yield site
    site.close()


@pytest.fixture
def laptops(master: Site, tmp_path: Path) -> Iterator[tuple[Site, Site]]:
    a = copy_site(master, tmp_path / "a.smartcity")
    b = copy_site(master, tmp_path / "b.smartcity")
    yield a, b
    a.close()
    b.close()


def export(site: Site, path: Path, *, since_last: bool = False) -> Path:
    site.ws.export_package(site.campaign_id, path, FIELD_A, since_last=since_last)
    return path


def counts(master: Site, *paths: Path, accept: bool = False) -> list[tuple[int, ...]]:
    reports = master.ws.merge_packages(list(paths), COORDINATOR, accept_mapping=accept)
    return [(r.added, r.updated, r.skipped, r.conflicts, r.duplicates) for r in reports]


def test_new_observations_are_added_with_their_identity_and_history(
    master: Site, laptops: tuple[Site, Site], tmp_path: Path
) -> None:
    a, _b = laptops
    uuid = a.add("SH", "T1", 12.5, FIELD_A, note="测速")
    a.ws.update_observation(uuid, "value", 13.0, FIELD_A, "re-measured")
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"photo")
    sha = a.ws.attach_file(uuid, photo, FIELD_A)
    assert counts(master, export(a, tmp_path / "a.smartpkg")) == [(1, 0, 0, 0, 0)]
    merged = master.ws.observation(uuid)
    theirs = a.ws.observation(uuid)
    assert merged == theirs  # uuid, evaluator, device, timestamps: all kept
    history = master.ws.audit_trail("observation", uuid)
    assert [(e.action, e.who, e.device) for e in history] == [
        ("create", FIELD_A.evaluator, FIELD_A.device),
        ("update", FIELD_A.evaluator, FIELD_A.device),
    ]
    (attachment,) = master.ws.attachments(uuid)
    assert attachment.sha256 == sha and attachment.evaluator == FIELD_A.evaluator
    assert master.ws.attachment_bytes(attachment.attachment_id) == b"photo"
    assert master.ws.teams()[(FIELD_A.evaluator, FIELD_A.device)] == ("A组",)
    (package,) = master.ws.audit_trail("package")
    assert package.who == COORDINATOR.evaluator and package.new_value["added"] == 1  # type: ignore[index]


def test_merging_the_same_package_twice_changes_nothing(
    master: Site, laptops: tuple[Site, Site], tmp_path: Path
) -> None:
    a, _b = laptops
    for n in range(5):
        a.add("SZ", "T1", n, FIELD_A)
    path = export(a, tmp_path / "a.smartpkg")
    assert counts(master, path) == [(5, 0, 0, 0, 0)]
    before, rows = digest(master.ws.path, merge_rows=True), len(master.ws.audit_trail())
    assert counts(master, path, path) == [(0, 0, 5, 0, 0), (0, 0, 5, 0, 0)]
    assert digest(master.ws.path, merge_rows=True) == before
    assert len(master.ws.audit_trail()) == rows


def test_a_different_version_of_an_own_row_is_a_conflict_and_the_row_stays(
    master: Site, tmp_path: Path
) -> None:
    uuid = master.add("SH", "T1", 100, COORDINATOR)
    laptop = copy_site(master, tmp_path / "l.smartcity")
    laptop.ws.update_observation(uuid, "value", 120, FIELD_A, "typo")
    master.ws.update_observation(uuid, "note", "checked", COORDINATOR, "")
    path = export(laptop, tmp_path / "l.smartpkg")
    laptop.close()
    assert counts(master, path) == [(0, 0, 0, 1, 0)]
    assert master.ws.observation(uuid).value == 100.0  # unchanged until decided
    (conflict,) = master.ws.conflicts(master.campaign_id)
    assert conflict.uuid == uuid and not conflict.derived
    (alt,) = conflict.alternatives
    assert alt.version.row[4] == 120.0 and alt.source.device == FIELD_A.device
    assert counts(master, path) == [(0, 0, 1, 0, 0)]  # the same package again: nothing new


def test_a_laptop_edit_of_an_unchanged_own_row_updates_it(master: Site, tmp_path: Path) -> None:
    """The master hands out a copy and leaves the row alone: the laptop's correction is
    applied (a fast-forward), with its history; a later edit there too; no conflict."""
    uuid = master.add("SH", "T1", 100, COORDINATOR)
    laptop = copy_site(master, tmp_path / "l.smartcity")
    laptop.ws.update_observation(uuid, "value", 120, FIELD_A, "typo")
    first = export(laptop, tmp_path / "first.smartpkg")
    laptop.ws.update_observation(uuid, "note", "seen again", FIELD_A, "")
    second = export(laptop, tmp_path / "second.smartpkg")
    laptop.close()
    assert counts(master, first) == [(0, 1, 0, 0, 0)]
    assert master.ws.conflicts(master.campaign_id) == []
    row = master.ws.observation(uuid)
    assert (row.value, row.evaluator) == (120.0, COORDINATOR.evaluator)
    trail = master.ws.audit_trail("observation", uuid)
    assert any(e.who == FIELD_A.evaluator and e.reason == "typo" for e in trail)
    assert counts(master, second) == [(0, 1, 0, 0, 0)]
    assert master.ws.observation(uuid).note == "seen again"
    assert counts(master, first) == [(0, 0, 1, 0, 0)]  # an earlier state: nothing to do
    assert master.ws.observation(uuid).note == "seen again"
    master.ws.update_observation(uuid, "value", 121, COORDINATOR, "yearbook")
    assert counts(master, second) == [(0, 0, 1, 0, 0)]  # the master's own again
    assert master.ws.observation(uuid).value == 121.0


def test_a_stale_copy_of_an_edited_row_is_not_a_conflict(master: Site, tmp_path: Path) -> None:
    """The master edits after handing out a copy; the laptop sends everything back."""
    uuid = master.add("SH", "T1", 100, COORDINATOR)
    laptop = copy_site(master, tmp_path / "l.smartcity")
    master.ws.update_observation(uuid, "value", 101, COORDINATOR, "corrected")
    laptop.add("SZ", "S1", 1, FIELD_A)
    path = export(laptop, tmp_path / "l.smartpkg")
    laptop.close()
    assert counts(master, path) == [(1, 0, 1, 0, 0)]
    assert master.ws.conflicts(master.campaign_id) == []
    assert master.ws.observation(uuid).value == 101.0


def test_a_later_edit_of_a_merged_row_updates_it_and_divergent_edits_conflict(
    master: Site, laptops: tuple[Site, Site], tmp_path: Path
) -> None:
    a, b = laptops
    uuid = a.add("SH", "T1", 10, FIELD_A)
    first = export(a, tmp_path / "1.smartpkg")
    assert counts(master, first) == [(1, 0, 0, 0, 0)]
    b.ws.merge_packages([first], FIELD_B)  # B receives A's observation too
    a.ws.update_observation(uuid, "value", 11, FIELD_A, "second look")
    b.ws.update_observation(uuid, "note", "B's note", FIELD_B, "")
    second = export(a, tmp_path / "2.smartpkg", since_last=True)
    assert counts(master, second) == [(0, 1, 0, 0, 0)]  # the same record, edited again
    assert master.ws.observation(uuid).value == 11.0
    assert master.ws.conflicts(master.campaign_id) == []
    third = export(b, tmp_path / "3.smartpkg")
    assert counts(master, third) == [(0, 0, 0, 1, 0)]  # a divergent edit
    (conflict,) = master.ws.conflicts(master.campaign_id)
    assert conflict.derived and len(conflict.alternatives) == 1


def test_duplicates_are_held_back_not_added(
    master: Site, laptops: tuple[Site, Site], tmp_path: Path
) -> None:
    a, b = laptops
    own = master.add("SH", "T1", 55, FIELD_A)
    typed_twice = a.add("SH", "T1", 55, FIELD_A)  # same cell, evaluator, channel, date, value
    a.add("SH", "T1", 56, FIELD_A)  # another value: not a duplicate
    first = b.add("CD", "S1", 1, FIELD_A)  # typed on both laptops; B's was made first
    twin = a.add("CD", "S1", 1, FIELD_A)
    reports = counts(master, export(a, tmp_path / "a.smartpkg"), export(b, tmp_path / "b.smartpkg"))
    # A: 55 held (the master owns one), 56 and the twin added; B: its earlier twin takes the
    # row, A's twin is held back instead (the earliest made stays, whatever the order)
    assert reports == [(2, 0, 0, 0, 1), (1, 0, 0, 0, 0)]
    held = {d.uuid: d.duplicate_of for d in master.ws.duplicates(master.campaign_id)}
    assert held == {typed_twice: own, twin: first}
    live = {o.uuid for o in master.ws.observations(master.campaign_id)}
    assert typed_twice not in live and twin not in live and first in live
    assert len(live) == 3  # own, 56, B's twin
    trail = master.ws.audit_trail("observation", twin)
    assert trail[-1].action == "delete" and "held back as a duplicate" in trail[-1].reason


def test_order_of_packages_does_not_matter(master: Site, tmp_path: Path) -> None:
    base = master.add("SH", "T2", 50, COORDINATOR)
    a = copy_site(master, tmp_path / "a.smartcity")
    b = copy_site(master, tmp_path / "b.smartcity")
    shared = a.add("SZ", "T1", 5, FIELD_A)
    seed = export(a, tmp_path / "seed.smartpkg")
    b.ws.merge_packages([seed], FIELD_B)
    a.ws.update_observation(shared, "value", 6, FIELD_A, "")
    b.ws.update_observation(shared, "value", 7, FIELD_B, "")
    a.ws.update_observation(base, "value", 100, FIELD_A, "")
    b.ws.update_observation(base, "value", 0, FIELD_B, "")
    a.add("CD", "S1", 1, FIELD_A)
    b.add("CD", "S1", 1, FIELD_A)  # a duplicate across the two packages
    pa, pb = export(a, tmp_path / "a.smartpkg"), export(b, tmp_path / "b.smartpkg")
    a.close()
    b.close()
    master.close()
    results: list[str] = []
    for order in ([pa, pb], [pb, pa], [pa, pb, pa], [pb, pa, pb]):
        copy = tmp_path / f"m-{len(results)}.smartcity"
        shutil.copyfile(master.ws.path, copy)
        with Workspace.open(copy) as ws:
            ws.merge_packages(order, COORDINATOR)
            found = {c.uuid: c for c in ws.conflicts(master.campaign_id)}
            # base: both laptops edited the master's row from the state the master still
            # has, so, as for a laptop's row, it shows one of the edits (the later saved)
            # and the other waits
            shown = {u: {c.current.row[4], *(a.version.row[4] for a in c.alternatives)}
                     for u, c in found.items()}  # fmt: skip
            assert shown == {base: {100.0, 0.0}, shared: {6.0, 7.0}}
        results.append(digest(copy))
    assert len(set(results)) == 1
    master.ws = Workspace.open(master.ws.path)  # for the fixture's close


def test_a_refused_package_merges_nothing_and_cancel_leaves_no_trace(
    master: Site, laptops: tuple[Site, Site], tmp_path: Path
) -> None:
    a, _b = laptops
    a.add("SH", "T1", 1, FIELD_A)
    good = export(a, tmp_path / "good.smartpkg")
    bad = tmp_path / "bad.smartpkg"
    bad.write_bytes(good.read_bytes()[:-40])
    before = digest(master.ws.path, merge_rows=True)
    with pytest.raises(PackageError, match=r"bad\.smartpkg"):
        master.ws.merge_packages([good, bad], COORDINATOR)
    with pytest.raises(MergeCancelledError):
        master.ws.merge_packages([good], COORDINATOR, progress=lambda done, total, _what: done == 0)
    assert digest(master.ws.path, merge_rows=True) == before


def test_another_framework_version_is_refused_or_mapped(master: Site, tmp_path: Path) -> None:
    laptop = copy_site(master, tmp_path / "l.smartcity")
    laptop.add("SH", "T1", 400, FIELD_A)
    framework = laptop.ws.framework(laptop.ws.campaign(laptop.campaign_id).framework_id)
    laptop.ws.update_indicator(framework["T1"].node_id or 0, "high", 2000.0, FIELD_A, "")
    path = export(laptop, tmp_path / "mapped.smartpkg")
    before = digest(master.ws.path)
    with pytest.raises(MappingNeedsConfirmationError) as caught:
        master.ws.merge_packages([path], COORDINATOR)
    mapping = caught.value.mapping
    assert mapping.maps and not mapping.identical
    assert [(m.code, m.differences) for m in mapping.indicators if m.differences] == [
        ("T1", ("high",))
    ]
    assert "T1: high 2000.0 → 1000.0" in mapping.describe()
    assert digest(master.ws.path) == before
    assert master.ws.check_package(path, accept_mapping=True).mapping == mapping
    assert counts(master, path, accept=True) == [(1, 0, 0, 0, 0)]
    # an indicator the master does not have cannot be mapped at all
    new_leaf = Indicator("S4", "S", "新指标", "New", spec=MeasurementSpec("yesno", 0.0, 1.0))
    framework_id = laptop.ws.campaign(laptop.campaign_id).framework_id
    laptop.ws.add_indicator(framework_id, framework["S"].node_id or 0, new_leaf, FIELD_A)
    path = export(laptop, tmp_path / "refused.smartpkg")
    with pytest.raises(FrameworkMismatchError, match="S4 of the package is not an indicator"):
        master.ws.merge_packages([path], COORDINATOR, accept_mapping=True)
    laptop.close()


def test_a_package_for_an_unknown_campaign_or_city_is_refused(master: Site, tmp_path: Path) -> None:
    other = make_master(tmp_path / "other.smartcity")
    other.ws.add_campaign("2022", 1, [1], {}, COORDINATOR)
    campaign = other.ws.campaign_by_name("2022")
    assert campaign is not None
    other.ws.export_package(campaign.campaign_id, tmp_path / "o.smartpkg", FIELD_A)
    other.close()
    with pytest.raises(PackageError, match="campaign '2022'"):
        master.ws.merge_packages([tmp_path / "o.smartpkg"], COORDINATOR)


def test_reopened_workspace_keeps_conflicts(master: Site, tmp_path: Path) -> None:
    uuid = master.add("SH", "T1", 1, COORDINATOR)
    laptop = copy_site(master, tmp_path / "l.smartcity")
    laptop.ws.update_observation(uuid, "value", 2, FIELD_A, "")
    master.ws.update_observation(uuid, "value", 3, COORDINATOR, "")
    path = export(laptop, tmp_path / "l.smartpkg")
    laptop.close()
    counts(master, path)
    master.close()
    again = open_site(master.ws.path)
    assert [c.uuid for c in again.ws.conflicts(again.campaign_id)] == [uuid]
    master.ws = again.ws
