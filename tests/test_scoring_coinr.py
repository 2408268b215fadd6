"""The engine against COINr 1.1.14, via a deliberately plain reference written here.

R is not available, so `coinr_reference` transcribes COINr's R code literally, one unit at a
time with Python loops and `math` (no numpy, no shared code with the engine):

    Normalise.numeric:  x <- x*direction, then f_n(x, ...)
    n_minmax(x, l_u)    (x-minx)/(maxx - minx)*(l_u[2]-l_u[1]) + l_u[1]   (min/max na.rm)
    n_zscore(x, m_sd)   (x-mean(x, na.rm))/sd(x, na.rm)*m_sd[2] + m_sd[1]
    a_amean(x, w)       drop NA x and their w; w <- w/sum(w); sum(w*x); all NA -> NA
    a_gmean(x, w)       stop if any x <= 0; w[is.na(x)] <- NA;
                        exp(sum(w*log(x), na.rm)/sum(w, na.rm)); all NA -> NA
    Aggregate.coin      level by level: children of each parent = rows of Level lev-1
    ranks               rank(-x, ties.method = "min", na.last = "keep")

It is checked against hand-computed numbers first, then the engine is checked against it on
small cases and on COINr's own ASEM example (51 countries, 49 indicators, 4 levels, Direction
−1 on 15 indicators, missing values), to 1e-9 at every level and exactly in the ranks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scoring.hierarchy import Hierarchy, NodeSpec
from scoring.pipeline import ScoreResult, ScoringError, ScoringSettings, score

ASEM = Path(__file__).parent / "data" / "asem"
NAN = math.nan
TOL = 1e-9

# ---------------------------------------------------------------- the plain reference


@dataclass(frozen=True)
class Row:
    """One iMeta row: Level 1 = indicator."""

    code: str
    level: int
    parent: str | None
    weight: float = 1.0
    direction: int = 1


def r_minmax(x: list[float], lo: float, hi: float) -> list[float]:
    present = [v for v in x if not math.isnan(v)]
    if not present:  # R: min() is Inf, max() −Inf, and every x is NA anyway
        return [NAN] * len(x)
    mn, mx = min(present), max(present)
    out = []
    for v in x:
        if math.isnan(v) or mx == mn:  # R: NA stays NA; 0/0 is NaN
            out.append(NAN)
        else:
            out.append((v - mn) / (mx - mn) * (hi - lo) + lo)
    return out


def r_zscore(x: list[float], m: float, s: float) -> list[float]:
    present = [v for v in x if not math.isnan(v)]
    if len(present) < 2:
        return [NAN] * len(x)  # R: sd of one value is NA (of none: mean NaN)
    mean = sum(present) / len(present)
    sd = math.sqrt(sum((v - mean) ** 2 for v in present) / (len(present) - 1))
    return [NAN if math.isnan(v) or sd == 0 else (v - mean) / sd * s + m for v in x]


def a_amean(x: list[float], w: list[float]) -> float:
    kept = [(xi, wi) for xi, wi in zip(x, w, strict=True) if not math.isnan(xi)]
    if not kept:
        return NAN
    total = sum(wi for _, wi in kept)
    if total == 0:
        return NAN
    return sum(wi / total * xi for xi, wi in kept)


def a_gmean(x: list[float], w: list[float]) -> float:
    kept = [(xi, wi) for xi, wi in zip(x, w, strict=True) if not math.isnan(xi)]
    if not kept:
        return NAN
    if any(xi <= 0 for xi, _ in kept):
        raise ArithmeticError("Negative or zero values found when applying geometric mean")
    total = sum(wi for _, wi in kept)
    if total == 0:
        return NAN
    return math.exp(sum(wi * math.log(xi) for xi, wi in kept) / total)


def r_rank_desc(x: list[float]) -> list[float]:
    """rank(-x, ties.method = "min", na.last = "keep")."""
    out = []
    for v in x:
        if math.isnan(v):
            out.append(NAN)
        else:
            out.append(1.0 + sum(1 for u in x if not math.isnan(u) and u > v))
    return out


def coinr_reference(
    rows: list[Row],
    data: dict[str, list[float]],
    f_n: str,
    para: tuple[float, float],
    f_ag: str,
) -> dict[str, list[float]]:
    """Normalised and aggregated columns by code, COINr style."""
    out: dict[str, list[float]] = {}
    for row in rows:
        if row.level == 1:
            x = [v * row.direction for v in data[row.code]]
            out[row.code] = r_minmax(x, *para) if f_n == "n_minmax" else r_zscore(x, *para)
    n_units = len(next(iter(data.values())))
    agg = a_amean if f_ag == "a_amean" else a_gmean
    for lev in range(2, max(r.level for r in rows) + 1):
        below = [r for r in rows if r.level == lev - 1]
        parents = list(dict.fromkeys(r.parent for r in below if r.parent is not None))
        for parent in parents:
            kids = [r for r in below if r.parent == parent]
            out[parent] = [
                agg([out[k.code][u] for k in kids], [k.weight for k in kids])
                for u in range(n_units)
            ]
    return out


# ---------------------------------------------------------------- helpers


def hierarchy_of(rows: list[Row]) -> Hierarchy:
    return Hierarchy.from_nodes(
        [NodeSpec(r.code, r.parent, weight=r.weight, direction=r.direction) for r in rows]
    )


def run_both(
    rows: list[Row], data: dict[str, list[float]], f_n: str, para: tuple[float, float], f_ag: str
) -> tuple[ScoreResult, dict[str, list[float]]]:
    h = hierarchy_of(rows)
    values = np.array([data[c] for c in h.leaf_codes], dtype=np.float64).T
    settings = ScoringSettings(
        normalise="minmax" if f_n == "n_minmax" else "zscore",
        out_range=para,
        aggregate="arithmetic" if f_ag == "a_amean" else "geometric",
    )
    return score(h, values, settings), coinr_reference(rows, data, f_n, para, f_ag)


def assert_matches(result: ScoreResult, ref: dict[str, list[float]]) -> None:
    h = result.hierarchy
    assert set(ref) == set(h.codes)
    for code in h.codes:
        got = result.scores[:, h.index[code]]
        np.testing.assert_allclose(got, ref[code], rtol=0, atol=TOL, equal_nan=True, err_msg=code)
    for j, code in enumerate(h.aggregate_codes):
        np.testing.assert_array_equal(result.ranks[:, j], r_rank_desc(ref[code]), err_msg=code)
    np.testing.assert_array_equal(result.rank, r_rank_desc(ref[h.codes[h.root]]))


COMBOS = [
    ("n_minmax", (0.0, 1.0), "a_amean"),
    ("n_zscore", (0.0, 1.0), "a_amean"),
    ("n_minmax", (1.0, 100.0), "a_gmean"),
]

# ---------------------------------------------------------------- a hand-made case

# Index ← A (weight 2), B (weight 1); A ← a1, a2 (direction −1); B ← b1, b2.
SMALL = [
    Row("a1", 1, "A"),
    Row("a2", 1, "A", direction=-1),
    Row("b1", 1, "B"),
    Row("b2", 1, "B", weight=3.0),
    Row("A", 2, "Index", weight=2.0),
    Row("B", 2, "Index", weight=1.0),
    Row("Index", 3, None),
]
SMALL_DATA = {
    "a1": [1.0, 2.0, 3.0, NAN],
    "a2": [10.0, 20.0, 30.0, 40.0],
    "b1": [5.0, 5.0, 7.0, 9.0],
    "b2": [NAN, NAN, NAN, NAN],  # an indicator nobody has: B falls back on b1 alone
}


def test_reference_by_hand_minmax_amean() -> None:
    ref = coinr_reference(SMALL, SMALL_DATA, "n_minmax", (0.0, 1.0), "a_amean")
    # a1: min 1, max 3 → 0, .5, 1, NA.  a2: y = −x in [−40, −10] → (y+40)/30 = 1, 2/3, 1/3, 0
    assert ref["a1"][:3] == [0.0, 0.5, 1.0] and math.isnan(ref["a1"][3])
    assert ref["a2"] == pytest.approx([1.0, 2 / 3, 1 / 3, 0.0], abs=1e-15)
    # A = mean(a1, a2) over the present ones: .5, 7/12, 2/3 and (a1 missing) 0
    assert ref["A"] == pytest.approx([0.5, 7 / 12, 2 / 3, 0.0], abs=1e-15)
    # B = b1 = 0, 0, .5, 1; Index = (2A + B)/3 = 1/3, 7/18, 11/18, 1/3
    assert ref["Index"] == pytest.approx([1 / 3, 7 / 18, 11 / 18, 1 / 3], abs=1e-15)
    # ties share the best rank: units 1 and 4 are both third
    assert r_rank_desc(ref["Index"]) == [3.0, 2.0, 1.0, 3.0]
    assert r_rank_desc(ref["B"]) == [3.0, 3.0, 2.0, 1.0]


def test_reference_by_hand_zscore_and_gmean() -> None:
    z = coinr_reference(SMALL, SMALL_DATA, "n_zscore", (0.0, 1.0), "a_amean")
    # a1 = 1, 2, 3: mean 2, sd 1 → −1, 0, 1
    assert z["a1"][:3] == [-1.0, 0.0, 1.0]
    g = coinr_reference(SMALL, SMALL_DATA, "n_minmax", (1.0, 100.0), "a_gmean")
    # a1 → 1, 50.5, 100; a2 → 100, 67, 34, 1; A = sqrt(a1·a2): 10, sqrt(3383.5), sqrt(3400), 1
    assert g["A"] == pytest.approx([10.0, math.sqrt(3383.5), math.sqrt(3400.0), 1.0], rel=1e-14)
    # b1 → 1, 1, 50.5, 100; Index = (A²·B)^(1/3): unit 1 = 100^(1/3)
    assert g["Index"][0] == pytest.approx(100 ** (1 / 3), rel=1e-14)


@pytest.mark.parametrize(("f_n", "para", "f_ag"), COMBOS)
def test_small_case_matches_reference(f_n: str, para: tuple[float, float], f_ag: str) -> None:
    result, ref = run_both(SMALL, SMALL_DATA, f_n, para, f_ag)
    assert_matches(result, ref)


def test_small_case_hand_numbers() -> None:
    result, _ = run_both(SMALL, SMALL_DATA, "n_minmax", (0.0, 1.0), "a_amean")
    frame = result.frame()
    assert frame["Index"].tolist() == pytest.approx([1 / 3, 7 / 18, 11 / 18, 1 / 3], abs=1e-15)
    assert frame["b2"].isna().all()
    assert result.rank.tolist() == [3.0, 2.0, 1.0, 3.0]


def test_geometric_mean_of_zero_is_an_error_in_both() -> None:
    with pytest.raises(ArithmeticError):
        coinr_reference(SMALL, SMALL_DATA, "n_minmax", (0.0, 1.0), "a_gmean")
    with pytest.raises(ScoringError, match=r"node 'A', unit 'U1'"):
        run_both(SMALL, SMALL_DATA, "n_minmax", (0.0, 1.0), "a_gmean")


# A deeper, unbalanced case: 4 levels, weights, several −1 directions, scattered NAs,
# a unit with no data at all and one with a whole sub-pillar missing.
DEEP = [
    Row("i1", 1, "S1", 1.0, 1),
    Row("i2", 1, "S1", 2.0, -1),
    Row("i3", 1, "S1", 0.5, 1),
    Row("i4", 1, "S2", 1.0, -1),
    Row("i5", 1, "S2", 1.0, 1),
    Row("i6", 1, "S3", 3.0, 1),
    Row("i7", 1, "S3", 1.0, -1),
    Row("i8", 1, "S4", 1.0, 1),
    Row("S1", 2, "P1", 1.0),
    Row("S2", 2, "P1", 2.0),
    Row("S3", 2, "P2", 1.0),
    Row("S4", 2, "P2", 0.5),
    Row("P1", 3, "Index", 0.6),
    Row("P2", 3, "Index", 0.4),
    Row("Index", 4, None),
]


def deep_data() -> dict[str, list[float]]:
    rng = np.random.default_rng(7)
    n = 12
    data = {f"i{k}": list(rng.uniform(0.5, 90.0, n)) for k in range(1, 9)}
    data["i2"][3] = NAN
    data["i5"][0] = NAN
    data["i4"][0] = NAN  # unit 0: S2 wholly missing
    data["i8"][5] = NAN
    for k in range(1, 9):
        data[f"i{k}"][9] = NAN  # unit 9: nothing at all
    data["i6"][2] = data["i6"][4]  # an exact tie in a leaf
    return data


@pytest.mark.parametrize(("f_n", "para", "f_ag"), COMBOS)
def test_deep_case_matches_reference(f_n: str, para: tuple[float, float], f_ag: str) -> None:
    result, ref = run_both(DEEP, deep_data(), f_n, para, f_ag)
    assert_matches(result, ref)
    assert math.isnan(result.rank[9]) and result.tier[9] == -1
    assert math.isnan(ref["S2"][0]) and not math.isnan(ref["P1"][0])


# ---------------------------------------------------------------- COINr's ASEM example


def asem() -> tuple[list[Row], dict[str, list[float]]]:
    meta = pd.read_csv(ASEM / "asem_iMeta.csv")
    meta = meta[meta["Type"].isin(["Indicator", "Aggregate"])]
    rows = [
        Row(
            code=str(r["iCode"]),
            level=int(r["Level"]),
            parent=None if pd.isna(r["Parent"]) else str(r["Parent"]),
            weight=float(r["Weight"]),
            direction=int(r["Direction"]),
        )
        for _, r in meta.iterrows()
    ]
    frame = pd.read_csv(ASEM / "asem_iData.csv")
    data = {r.code: [float(v) for v in frame[r.code]] for r in rows if r.level == 1}
    return rows, data


def test_asem_is_what_we_think() -> None:
    rows, data = asem()
    assert sum(r.level == 1 for r in rows) == 49
    assert len(next(iter(data.values()))) == 51
    assert sum(r.direction == -1 for r in rows) > 10
    assert sum(math.isnan(v) for col in data.values() for v in col) > 0
    assert max(r.level for r in rows) == 4


@pytest.mark.parametrize(("f_n", "para", "f_ag"), COMBOS)
def test_asem_matches_reference(f_n: str, para: tuple[float, float], f_ag: str) -> None:
    rows, data = asem()
    result, ref = run_both(rows, data, f_n, para, f_ag)
    assert_matches(result, ref)


@pytest.mark.parametrize(("f_n", "para", "f_ag"), COMBOS)
def test_asem_with_more_missing_matches_reference(
    f_n: str, para: tuple[float, float], f_ag: str
) -> None:
    rows, data = asem()
    rng = np.random.default_rng(3)
    for col in data.values():
        for u in np.flatnonzero(rng.random(len(col)) < 0.15):
            col[u] = NAN
    for code in ("Embs", "IGOs", "UNVote"):  # the whole "Political" pillar of unit 0
        data[code][0] = NAN
    for col in data.values():  # unit 1 has nothing
        col[1] = NAN
    result, ref = run_both(rows, data, f_n, para, f_ag)
    assert_matches(result, ref)
    h = result.hierarchy
    assert math.isnan(result.scores[0, h.index["Political"]])
    assert math.isnan(result.rank[1])
