"""The audit viewer's queries: filters by evaluator, team, date, city and indicator; pages
of rows with their city, indicator and team."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from models.audit_query import AuditFilter
from tests.fixtures.fieldwork import COORDINATOR, FIELD_A, FIELD_B, Site, copy_site, make_master


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    master = make_master(tmp_path / "m.smartcity")
    laptop = copy_site(master, tmp_path / "l.smartcity")
    a = laptop.add("SH", "T1", 1, FIELD_A)
    laptop.ws.update_observation(a, "value", 2, FIELD_A, "typo")
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"x")
    laptop.ws.attach_file(a, photo, FIELD_A)
    laptop.ws.export_package(laptop.campaign_id, tmp_path / "a.smartpkg", FIELD_A)
    laptop.close()
    master.ws.merge_packages([tmp_path / "a.smartpkg"], COORDINATOR)
    master.add("SZ", "S1", 1, FIELD_B)
    master.add("SZ", "T1", 5, COORDINATOR)
    yield master
    master.close()


def ids(site: Site, flt: AuditFilter | None = None) -> list[int]:
    return [int(i) for i in site.ws.audit_ids(flt or AuditFilter())]


def test_filters(site: Site) -> None:
    everything = ids(site)
    assert everything == sorted(everything) and len(everything) == len(site.ws.audit_trail())
    rows = site.ws.audit_rows(ids(site, AuditFilter(evaluator=FIELD_A.evaluator)))
    assert {r.entry.who for r in rows} == {FIELD_A.evaluator}
    assert [r.entry.action for r in rows] == ["create", "update"]  # the laptop's history
    assert all(r.teams == ("A组",) for r in rows)
    team_b = site.ws.audit_rows(ids(site, AuditFilter(team="B组")))
    assert [r.entry.who for r in team_b] == [FIELD_B.evaluator]
    sh = site.ws.audit_rows(ids(site, AuditFilter(city_id=site.cities["SH"])))
    assert {r.entry.table for r in sh} == {"observation", "attachment"}  # its photo too
    t1 = site.ws.audit_rows(ids(site, AuditFilter(indicator_id=site.leaves["T1"])))
    assert {r.city_id for r in t1} == {site.cities["SH"], site.cities["SZ"]}
    today = date.fromisoformat(site.ws.audit_trail()[-1].at[:10])
    assert ids(site, AuditFilter(date_from=today, date_to=today)) == everything
    assert ids(site, AuditFilter(date_to=date(2000, 1, 1))) == []


def test_days_are_the_viewers_days(site: Site) -> None:
    last = site.ws.audit_trail()[-1]
    stamp = datetime.fromisoformat(last.at)
    for hours in (-10, 0, 8, 14):
        zone = timezone(timedelta(hours=hours))
        day = stamp.astimezone(zone).date()  # the day it was there
        found = ids(site, AuditFilter(date_from=day, date_to=day, zone=zone))
        assert last.entry_id in found
        before = ids(site, AuditFilter(date_to=day - timedelta(days=1), zone=zone))
        after = ids(site, AuditFilter(date_from=day + timedelta(days=1), zone=zone))
        assert last.entry_id not in before and last.entry_id not in after


def test_pages_keep_their_order(site: Site) -> None:
    everything = site.ws.audit_ids(AuditFilter())
    page = site.ws.audit_rows(everything[2:5])
    assert [r.entry.entry_id for r in page] == everything[2:5].tolist()
    assert site.ws.audit_rows(everything[:0]) == []
    assert FIELD_A.evaluator in site.ws.audit_evaluators()
    assert site.ws.audit_teams() == sorted({"A组", "B组", "总部 HQ"})
