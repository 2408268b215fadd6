"""COINr's data treatment: the ASEM example's published ranking, and each step's rules.

`coinr_treat` below transcribes COINr 1.1.14's `Treat.numeric` with its defaults (R/treat.R)
one value at a time, with scipy's bias-corrected skew and excess kurtosis (e1071 type 2,
as COINr's `skew` / `kurt`):

    check_SkewKurt:  pass = (abs(skew) < 2) | (kurt < 3.5)
    winsorise:       while !pass & nwin < 5: skew >= 0 → every x == max takes max(x[-imax]),
                     else every x == min takes min(x[-imin]); nwin = length(imax) + length(imin)
    Treat.numeric:   if winsorised x still fails → log_CT(ORIGINAL x):
                     log(x - min(x) + 0.01*(max(x) - min(x)))
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from models.idata import read_idata
from models.imeta import read_imeta
from scoring.hierarchy import Hierarchy, ScoringError
from scoring.pipeline import ScoringSettings, score
from scoring.prepare import DataSteps, UnitData, parse_impute, prepare
from scoring.treatment import (
    LOGGED,
    WIN_HIGH,
    WIN_LOW,
    denominate,
    impute,
    log_ct,
    screen,
    skew_kurt,
    treat,
)

ASEM = Path(__file__).parent / "data" / "asem"
NAN = math.nan
# COINr's documentation (vignette "results": build_example_coin() then get_results()).
PUBLISHED_TOP = [
    ("CHE", 68.38),
    ("NLD", 64.82),
    ("DNK", 64.80),
    ("NOR", 64.47),
    ("BEL", 63.54),
    ("SWE", 63.00),
]
COINR_EXAMPLE = DataSteps(
    denominate=True, impute="group-mean:EurAsia_group", screen=0.9, treat=True
)


def asem_units() -> tuple[Hierarchy, UnitData]:
    meta = read_imeta(ASEM / "asem_iMeta.csv")
    units = read_idata(ASEM / "asem_iData.csv", meta)
    h = meta.framework.to_hierarchy()
    by = []
    for code in h.leaf_codes:
        spec = meta.framework[code].spec
        by.append(spec.denominator or None if spec else None)
    return h, UnitData(units.codes, units.values, units.groups, units.denominators, tuple(by))


def test_asem_example_equals_coinr_published_ranking() -> None:
    h, data = asem_units()
    prepared = prepare(data, COINR_EXAMPLE)
    settings = ScoringSettings(normalise="minmax", out_range=(0, 100))
    result = score(h, prepared.values, settings, prepared.codes)
    order = np.argsort(-result.index, kind="stable")
    top = [(result.unit_codes[i], float(result.index[i])) for i in order[:6]]
    for (code, value), (want_code, want) in zip(top, PUBLISHED_TOP, strict=True):
        assert code == want_code
        assert value == pytest.approx(want, abs=0.005)  # published to 2 decimals
    assert [result.rank[i] for i in order[:6]] == [1, 2, 3, 4, 5, 6]
    assert len(prepared.codes) == 51  # screening on the imputed data drops nobody
    assert prepared.imputed.sum() == 65 and not np.isnan(prepared.values).any()


# ---------------------------------------------------------------- plain reference


def r_skew(x: list[float]) -> float:
    return float(stats.skew(x, bias=False))


def r_pass(x: list[float]) -> bool:
    return abs(r_skew(x)) < 2 or float(stats.kurtosis(x, bias=False)) < 3.5


def coinr_treat(x: list[float]) -> list[float]:
    if r_pass(x):
        return list(x)
    v, nwin, imax, imin = list(x), 0, [], []
    passing = False
    while not passing and nwin < 5:
        if r_skew(v) >= 0:
            top = max(v)
            imax = [i for i, a in enumerate(v) if a == top]
            rest = max(a for i, a in enumerate(v) if i not in imax)
            v = [rest if i in imax else a for i, a in enumerate(v)]
        else:
            low = min(v)
            imin = [i for i, a in enumerate(v) if a == low]
            rest = min(a for i, a in enumerate(v) if i not in imin)
            v = [rest if i in imin else a for i, a in enumerate(v)]
        nwin = len(imax) + len(imin)
        passing = r_pass(v)
    if passing:
        return v
    lo, hi = min(x), max(x)
    return [math.log(a - lo + 0.01 * (hi - lo)) for a in x]


def test_one_outlier_is_winsorised_to_the_next_value() -> None:
    x = np.array([*range(1, 21), 100.0])[:, None]
    t = treat(x)
    assert t.status == ("winsorised",) and t.n_winsorised[0] == 1
    assert t.values[-1, 0] == 20.0 and (t.values[:-1] == x[:-1]).all()
    assert t.points[-1, 0] == WIN_HIGH and (t.points[:-1] == 0).all()
    assert t.passes[0] and t.skew_before[0] > 2


def test_low_outliers_tied_are_winsorised_together() -> None:
    x = np.array([-100.0, -100.0, *range(1, 31)])[:, None]
    t = treat(x)
    assert t.points[:2, 0].tolist() == [WIN_LOW, WIN_LOW]
    assert t.values[:2, 0].tolist() == [1.0, 1.0]
    assert t.values[:, 0].tolist() == coinr_treat(list(x[:, 0]))


def test_too_many_outliers_fall_back_to_log_of_the_original() -> None:
    # six outliers: after five winsorised points it still fails, so log_CT of the original
    x = np.array([*range(1, 61), *range(1000, 1006)], dtype=np.float64)[:, None]
    t = treat(x)
    assert t.status == ("log",)
    assert t.values[:, 0] == pytest.approx(np.log(x[:, 0] - 1 + 0.01 * (1005 - 1)))
    assert (t.points == LOGGED).all() and t.n_winsorised[0] == 0
    assert t.values[:, 0].tolist() == pytest.approx(coinr_treat(list(x[:, 0])))


def test_passing_and_uncheckable_columns_are_left_alone() -> None:
    x = np.array([[1.0, 5.0, 1.0], [2.0, 5.0, 2.0], [3.0, 5.0, NAN], [4.0, 5.0, NAN]])
    t = treat(x)
    assert t.status == ("passed", "untreated", "untreated")
    assert np.array_equal(t.values, x, equal_nan=True)


@pytest.mark.parametrize("seed", range(12))
def test_treatment_matches_reference_on_random_outliers(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(15, 60))
    x = rng.lognormal(0, float(rng.uniform(0.2, 2.5)), n)
    x[rng.integers(0, n, 3)] *= rng.choice([1.0, 10.0, -10.0])
    x = np.round(x, 2)  # ties happen
    got = treat(x[:, None]).values[:, 0]
    assert got.tolist() == pytest.approx(coinr_treat(list(x)), rel=1e-12)


def test_treatment_matches_reference_on_asem_indicators() -> None:
    h, data = asem_units()
    prepared = prepare(data, DataSteps(denominate=True, impute="group-mean:EurAsia_group"))
    t = treat(prepared.values)
    for j in range(prepared.values.shape[1]):
        want = coinr_treat(list(prepared.values[:, j]))
        assert t.values[:, j].tolist() == pytest.approx(want, rel=1e-12), j
    assert set(t.status) == {"passed", "winsorised"}
    frame = t.frame(h.leaf_codes)
    assert frame.loc["Flights", "Status"] == "winsorised"


def test_skew_and_kurtosis_are_pandas() -> None:
    rng = np.random.default_rng(5)
    x = rng.gamma(2.0, size=(40, 4))
    x[3, 1] = NAN
    s, k = skew_kurt(x)
    frame = pd.DataFrame(x)
    assert s == pytest.approx(frame.skew().to_numpy(), rel=1e-10)
    assert k == pytest.approx(frame.kurt().to_numpy(), rel=1e-10)
    assert log_ct(np.array([1.0, 2.0, 11.0])) == pytest.approx(np.log([0.1, 1.1, 10.1]))


# ---------------------------------------------------------------- denominate, impute, screen


def test_denominate_with_scale_factor() -> None:
    x = np.array([[10.0, 3.0], [20.0, NAN], [30.0, 1.0]])
    d = denominate(x, {"Pop": np.array([2.0, 0.0, NAN])}, ["Pop", None], [1000.0, 1.0])
    assert d.values[0, 0] == 5000.0  # x / (d / ScaleFactor)
    assert np.isnan(d.values[1:, 0]).all() and d.undefined[:, 0].tolist() == [0, 1, 1]
    assert np.array_equal(d.values[:, 1], x[:, 1], equal_nan=True)
    with pytest.raises(ScoringError, match="unknown denominator"):
        denominate(x, {}, ["Area", None])


def test_imputation_methods_and_mask() -> None:
    x = np.array([[1.0, NAN], [NAN, 2.0], [3.0, 4.0], [10.0, NAN], [NAN, 8.0]])
    groups = ["a", "a", "a", "b", None]
    mean = impute(x, "mean")
    assert mean.values[1, 0] == pytest.approx(14 / 3) and mean.values[0, 1] == pytest.approx(14 / 3)
    assert mean.imputed.sum() == 4
    assert impute(x, "median").values[1, 0] == 3.0
    g = impute(x, "group-mean", groups, "G")
    assert g.values[1, 0] == 2.0 and g.values[0, 1] == 3.0
    assert np.isnan(g.values[3, 1])  # group b has no value of the second indicator
    assert np.isnan(g.values[4, 0])  # a unit without a group is left alone
    assert g.imputed.sum() == 2 and g.imputed[0, 1] and g.imputed[1, 0]
    assert impute(x, "group-median", groups).values[0, 1] == 3.0
    with pytest.raises(ScoringError, match="group label"):
        impute(x, "group-mean", ["a"])


def test_screening_threshold() -> None:
    x = np.array([[1.0, 2.0, 3.0], [NAN, 2.0, 3.0], [NAN, NAN, 3.0]])
    s = screen(x, 2 / 3)
    assert s.keep.tolist() == [True, True, False]
    assert s.availability == pytest.approx([1.0, 2 / 3, 1 / 3])
    with pytest.raises(ScoringError):
        screen(x, 1.5)


def test_screen_on_raw_data_removes_sparse_units() -> None:
    h, data = asem_units()
    raw = prepare(data, DataSteps(impute="mean", screen=0.95, screen_on="raw"))
    imputed = prepare(data, DataSteps(impute="mean", screen=0.95))
    assert len(raw.codes) < 51 and len(imputed.codes) == 51
    assert raw.imputed.shape == (len(raw.codes), h.n_leaves)
    assert any("units removed" in line for line in raw.log)


def test_data_steps_validation_and_round_trip() -> None:
    assert parse_impute("group-median:EurAsia_group") == ("group-median", "EurAsia_group")
    for bad in ("group-mean", "mean:G", "mode"):
        with pytest.raises(ValueError):
            parse_impute(bad)
    with pytest.raises(ValueError, match="screen"):
        DataSteps(screen=2.0)
    assert DataSteps.from_dict(COINR_EXAMPLE.to_dict()) == COINR_EXAMPLE
    _, data = asem_units()
    with pytest.raises(ScoringError, match="unknown grouping column 'Nope'"):
        prepare(data, DataSteps(impute="group-mean:Nope"))
