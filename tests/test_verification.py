"""Verification: draft → submitted → verified or rejected, by someone other than the
evaluator, with reasons where required; every change audited; batches are all or none."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.observations import Status
from models.verification import TRANSITIONS, allowed, check_transition
from tests.fixtures.fieldwork import COORDINATOR, FIELD_A, Site, make_master


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    s = make_master(tmp_path / "w.smartcity")
    yield s
    s.close()


def test_the_transition_table() -> None:
    assert set(TRANSITIONS) == {
        ("draft", "submitted"), ("submitted", "draft"), ("submitted", "verified"),
        ("submitted", "rejected"), ("verified", "submitted"), ("rejected", "submitted"),
        ("rejected", "draft"),
    }  # fmt: skip
    statuses: tuple[Status, ...] = ("draft", "submitted", "verified", "rejected")
    for old in statuses:
        for new in statuses:
            expected = (old, new) in TRANSITIONS
            assert allowed(old, new, FIELD_A.evaluator, COORDINATOR) == expected


def test_only_another_person_verifies_or_rejects() -> None:
    with pytest.raises(ValueError, match="another person must verify"):
        check_transition("submitted", "verified", FIELD_A.evaluator, FIELD_A, "")
    with pytest.raises(ValueError, match="reason to reject"):
        check_transition("submitted", "rejected", FIELD_A.evaluator, COORDINATOR, " ")
    assert check_transition("submitted", "verified", FIELD_A.evaluator, COORDINATOR, "").review
    with pytest.raises(ValueError, match="cannot go from draft to verified"):
        check_transition("draft", "verified", FIELD_A.evaluator, COORDINATOR, "ok")


def test_a_review_is_audited_with_reviewer_and_reason(site: Site) -> None:
    uuid = site.add("SH", "T1", 10, FIELD_A)
    assert site.ws.review([uuid], "submitted", FIELD_A) == 1
    assert site.ws.review([uuid], "rejected", COORDINATOR, "source is from 2019") == 1
    assert site.ws.review([uuid], "submitted", FIELD_A, "corrected the source") == 1
    assert site.ws.review([uuid], "verified", COORDINATOR) == 1
    trail = [e for e in site.ws.audit_trail("observation", uuid) if e.field == "status"]
    assert [(e.new_value, e.who, e.reason) for e in trail] == [
        ("submitted", FIELD_A.evaluator, ""),
        ("rejected", COORDINATOR.evaluator, "source is from 2019"),
        ("submitted", FIELD_A.evaluator, "corrected the source"),
        ("verified", COORDINATOR.evaluator, ""),
    ]
    assert site.ws.observation(uuid).status == "verified"


def test_changing_what_was_verified_needs_a_review_again(site: Site) -> None:
    uuid = site.add("SH", "T1", 10, FIELD_A, status="submitted")
    site.ws.review([uuid], "verified", COORDINATOR)
    site.ws.update_observation(uuid, "note", "rechecked on the phone", FIELD_A, "")
    assert site.ws.observation(uuid).status == "verified"  # a note is no new content
    site.ws.update_observation(uuid, "value", 12, FIELD_A, "typo")
    assert site.ws.observation(uuid).status == "submitted"
    last = [e for e in site.ws.audit_trail("observation", uuid) if e.field == "status"][-1]
    assert (last.old_value, last.new_value, last.who, last.reason) == (
        "verified",
        "submitted",
        FIELD_A.evaluator,
        "value changed after verification",
    )
    site.ws.update_observation(uuid, "value", 10, FIELD_A, "undo")
    assert site.ws.observation(uuid).status == "submitted"  # only a reviewer verifies


def test_a_batch_is_all_or_nothing(site: Site) -> None:
    mine = site.add("SH", "T1", 1, COORDINATOR, status="submitted")
    theirs = site.add("SZ", "T1", 2, FIELD_A, status="submitted")
    done = site.add("CD", "T1", 3, FIELD_A, status="submitted")
    site.ws.review([done], "verified", COORDINATOR)
    with pytest.raises(ValueError, match="observation 2 of 3: you entered this observation"):
        site.ws.review([theirs, mine, done], "verified", COORDINATOR)
    assert site.ws.observation(theirs).status == "submitted"  # nothing changed
    assert site.ws.review([theirs, done], "verified", COORDINATOR) == 1  # done already was
    with pytest.raises(ValueError, match="unknown status"):
        site.ws.review([theirs], typing.cast(Status, "approved"), COORDINATOR)


def test_the_coverage_follows_verification(site: Site) -> None:
    from models.coverage import VERIFIED_CODE

    uuid = site.add("SH", "T1", 10, FIELD_A, status="submitted")
    site.ws.review([uuid], "verified", COORDINATOR)
    cells = site.ws.cell_observations(site.campaign_id)
    assert cells.status.tolist() == [VERIFIED_CODE]
