"""The second-evaluator check: a seeded sample, blind entries by another evaluator, and the
agreement statistics against hand-computed values."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.agreement import Pair, cohen_kappa, report, sample_cells
from models.tables import read_table
from tests.fixtures.fieldwork import COORDINATOR, FIELD_A, FIELD_B, Site, make_master


def test_the_sample_is_seeded_and_within_the_cells() -> None:
    cells = [(c, i) for c in range(1, 6) for i in range(10, 14)]
    first, again = sample_cells(cells, 7, seed=42), sample_cells(reversed(cells), 7, seed=42)
    assert first == again and len(set(first)) == 7 and set(first) <= set(cells)
    assert sample_cells(cells, 7, seed=43) != first
    assert sorted(sample_cells(cells, 100, seed=1)) == sorted(cells)


def test_cohen_kappa_by_hand() -> None:
    # 6 yes/no pairs: 4 agree (po = 2/3); both raters say yes 3 times (pe = 0.5)
    pairs = [(1, 1), (1, 0), (0, 0), (1, 1), (0, 1), (0, 0)]
    assert cohen_kappa(pairs) == pytest.approx((2 / 3 - 0.5) / 0.5)
    # a 3×3 table: po = (20 + 15 + 10) / 60, pe from the marginals (25/60·25/60 …)
    table = {(0, 0): 20, (0, 1): 5, (1, 1): 15, (1, 2): 5, (2, 2): 10, (2, 0): 5}
    pairs3 = [k for k, n in table.items() for _ in range(n)]
    first = {0: 25, 1: 20, 2: 15}
    second = {0: 25, 1: 20, 2: 15}
    pe = sum(first[k] * second[k] for k in first) / 3600
    assert cohen_kappa(pairs3) == pytest.approx((45 / 60 - pe) / (1 - pe))
    assert math.isnan(cohen_kappa([(1, 1), (1, 1)]))  # chance agreement 1: undefined
    assert cohen_kappa([(1, 0), (0, 1)]) == pytest.approx(-1.0)


def test_the_report_per_indicator_and_evaluator() -> None:
    pairs = [
        Pair("T1", "numeric", 0.0, 1000.0, "A", 100.0, 100.0),
        Pair("T1", "numeric", 0.0, 1000.0, "A", 100.0, 150.0),
        Pair("T1", "numeric", 0.0, 1000.0, "B", 300.0, 200.0),
        Pair("S1", "yesno", 0.0, 1.0, "A", 1.0, 1.0),
        Pair("S1", "yesno", 0.0, 1.0, "B", 0.0, 1.0),
        Pair("S3", "numeric", math.nan, math.nan, "B", 10.0, 30.0),
        Pair("S3", "numeric", math.nan, math.nan, "B", 20.0, 20.0),
    ]
    rows = {(r.group, r.key): r for r in report(pairs)}
    t1 = rows[("indicator", "T1")]
    assert t1.pairs == 3 and t1.exact == pytest.approx(1 / 3) and t1.kappa is None
    assert t1.mad_range == pytest.approx((0 + 50 + 100) / 3 / 1000)
    s3 = rows[("indicator", "S3")]  # no goalposts: the range of the values compared, 10..30
    assert s3.mad_range == pytest.approx((20 / 20 + 0) / 2)
    s1 = rows[("indicator", "S1")]
    assert s1.exact == 0.5 and s1.kappa == pytest.approx(cohen_kappa([(1, 1), (0, 1)]))
    a = rows[("evaluator", "A")]
    assert a.pairs == 3 and a.exact == pytest.approx(2 / 3)
    assert a.mad_range == pytest.approx((0 + 0.05 + 0) / 3)
    everyone = rows[("all", "")]
    assert everyone.pairs == 7 and everyone.exact == pytest.approx(3 / 7)
    assert [r.group for r in report(pairs)][-1] == "all"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    s = make_master(tmp_path / "w.smartcity")
    yield s
    s.close()


def test_a_check_end_to_end(site: Site, tmp_path: Path) -> None:
    for city in ("SH", "SZ", "CD"):
        site.add(city, "T1", 100, FIELD_A)
        site.add(city, "S1", 1, FIELD_A)
    check_id = site.ws.create_check(site.campaign_id, "Round 1", 4, seed=7, actor=COORDINATOR)
    check = site.ws.check(site.campaign_id, check_id)
    assert len(check.cells) == 4 and check.entered == 0
    again = site.ws.create_check(site.campaign_id, "Round 1b", 4, seed=7, actor=COORDINATOR)
    same = site.ws.check(site.campaign_id, again).cells
    assert [(c.city_id, c.indicator_id) for c in same] == [
        (c.city_id, c.indicator_id) for c in check.cells
    ]
    cell = check.cells[0]
    with pytest.raises(ValueError, match="another evaluator"):
        site.ws.enter_check_value(check_id, cell.city_id, cell.indicator_id, 1, FIELD_A)
    leaves = {v: k for k, v in site.leaves.items()}
    for n, c in enumerate(check.cells):
        value = (100 if n % 2 else 120) if leaves[c.indicator_id] == "T1" else n % 2
        site.ws.enter_check_value(check_id, c.city_id, c.indicator_id, value, FIELD_B)
    with pytest.raises(ValueError, match="not a number"):
        site.ws.enter_check_value(check_id, cell.city_id, cell.indicator_id, "x", FIELD_B)
    check = site.ws.check(site.campaign_id, check_id)
    assert check.entered == 4
    rows = site.ws.agreement_report(check)
    assert rows[-1].pairs == 4 and {r.key for r in rows if r.group == "evaluator"} == {
        FIELD_A.evaluator
    }
    trail = site.ws.audit_trail("check", check_id)
    assert [e.action for e in trail] == ["create"] + ["update"] * 4
    assert all(e.who == FIELD_B.evaluator for e in trail[1:])
    out = tmp_path / "agreement.xlsx"
    from models.agreement import export_report

    export_report(out, rows, ["group", "key", "pairs", "exact", "mad", "kappa"])
    table = read_table(out, "agreement")
    assert table.header == ("group", "key", "pairs", "exact", "mad", "kappa")
    assert len(table.rows) == len(rows)
