"""Each normalisation method on hand-computed columns, incl. direction −1 and edge cases."""

from __future__ import annotations

import math
from typing import cast

import numpy as np
import pytest
from scipy import stats as sps

from scoring.hierarchy import FloatArray, Hierarchy, NodeSpec, ScoringError
from scoring.normalise import NormaliseMethod, normalise

NAN = math.nan


def flat(*leaves: NodeSpec) -> Hierarchy:
    return Hierarchy.from_nodes([NodeSpec("R", None), *leaves])


def leaf(
    code: str,
    direction: int = 1,
    low: float | None = 0.0,
    high: float | None = 10.0,
    target: float | None = None,
) -> NodeSpec:
    return NodeSpec(code, "R", 1.0, direction, low, high, target)


def col(values: list[float]) -> FloatArray:
    return np.array(values, dtype=np.float64)[:, None]


def norm(
    h: Hierarchy, x: FloatArray, method: NormaliseMethod, rng: tuple[float, float] = (0.0, 1.0)
) -> list[float]:
    out: list[float] = normalise(x, h, method, rng)[:, 0].tolist()
    return out


def test_goalposts_clips_and_scales() -> None:
    h = flat(leaf("a", low=2.0, high=12.0))
    # (x − 2)/10, clipped: −3 → 0, 2 → 0, 7 → .5, 12 → 1, 20 → 1
    assert norm(h, col([-3, 2, 7, 12, 20, NAN]), "goalposts")[:5] == [0, 0, 0.5, 1, 1]
    assert norm(h, col([7.0]), "goalposts", (0.0, 100.0)) == [50.0]
    assert norm(h, col([7.0]), "goalposts", (1.0, 3.0)) == [2.0]
    assert math.isnan(norm(h, col([NAN]), "goalposts")[0])


def test_goalposts_direction_minus_one() -> None:
    h = flat(leaf("a", direction=-1, low=2.0, high=12.0))
    # (12 − x)/10: 4.5 → .75, 12 → 0, 0 → 1 (clipped)
    assert norm(h, col([4.5, 12.0, 0.0]), "goalposts") == [0.75, 0.0, 1.0]


@pytest.mark.parametrize(("low", "high"), [(None, 10.0), (5.0, None), (5.0, 5.0), (6.0, 5.0)])
def test_goalposts_need_low_below_high(low: float | None, high: float | None) -> None:
    h = flat(leaf("ok"), leaf("bad", low=low, high=high))
    with pytest.raises(ScoringError, match="'bad'") as caught:
        normalise(np.ones((2, 2)), h, "goalposts", (0.0, 1.0))
    assert caught.value.node == "bad" and caught.value.unit is None


def test_minmax_over_present_units() -> None:
    h = flat(leaf("a"), leaf("b", direction=-1))
    x = np.array([[1.0, 10.0], [3.0, NAN], [2.0, 30.0], [NAN, 20.0]])
    out = normalise(x, h, "minmax", (0.0, 1.0))
    # a: (x−1)/2; b (−1): (30 − x)/20 → 1, NaN, 0, .5
    np.testing.assert_array_equal(out[:, 0], [0.0, 1.0, 0.5, NAN])
    np.testing.assert_array_equal(out[:, 1], [1.0, NAN, 0.0, 0.5])
    scaled = normalise(x, h, "minmax", (1.0, 100.0))
    np.testing.assert_allclose(scaled[:, 0], [1.0, 100.0, 50.5, NAN], rtol=1e-15)


def test_minmax_constant_or_empty_column_is_nan_like_coinr() -> None:
    h = flat(leaf("const"), leaf("one"), leaf("none"))
    x = np.array([[4.0, NAN, NAN], [4.0, 2.0, NAN], [NAN, NAN, NAN]])
    with np.errstate(all="raise"):  # the engine must not leak floating-point warnings
        out = normalise(x, h, "minmax", (0.0, 1.0))
    assert np.isnan(out).all()


def test_zscore_sample_sd_and_m_sd() -> None:
    h = flat(leaf("a"), leaf("b", direction=-1))
    x = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [NAN, NAN]])
    out = normalise(x, h, "zscore", (0.0, 1.0))
    # mean 2, sample sd 1 → −1, 0, 1; direction −1 mirrors
    np.testing.assert_array_equal(out[:, 0], [-1.0, 0.0, 1.0, NAN])
    np.testing.assert_array_equal(out[:, 1], [1.0, 0.0, -1.0, NAN])
    # (mean 10, sd 2): 10 + 2z
    np.testing.assert_array_equal(normalise(x, h, "zscore", (10.0, 2.0))[:3, 0], [8, 10, 12])


def test_zscore_matches_scipy_with_missing() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(5, 3, size=(40, 1))
    x[[3, 17]] = NAN
    out = normalise(x, flat(leaf("a")), "zscore", (0.0, 1.0))[:, 0]
    np.testing.assert_allclose(out, sps.zscore(x[:, 0], ddof=1, nan_policy="omit"), atol=1e-12)


def test_zscore_constant_or_single_value_is_nan() -> None:
    h = flat(leaf("const"), leaf("single"))
    x = np.array([[3.0, NAN], [3.0, 1.0], [3.0, NAN]])
    assert np.isnan(normalise(x, h, "zscore", (0.0, 1.0))[[0, 1, 2], :][:, 0]).all()
    assert np.isnan(normalise(x, h, "zscore", (0.0, 1.0))[1, 1])


def test_rank_average_ties_scaled() -> None:
    h = flat(leaf("a"), leaf("b", direction=-1))
    x = np.array([[10.0, 10.0], [20.0, 20.0], [20.0, 20.0], [40.0, 40.0], [NAN, NAN]])
    out = normalise(x, h, "rank", (0.0, 1.0))
    # ranks 1, 2.5, 2.5, 4 of n = 4 → (r − 1)/3
    np.testing.assert_allclose(out[:, 0], [0.0, 0.5, 0.5, 1.0, NAN])
    np.testing.assert_allclose(out[:, 1], [1.0, 0.5, 0.5, 0.0, NAN])
    np.testing.assert_allclose(normalise(x, h, "rank", (1.0, 7.0))[:4, 0], [1, 4, 4, 7])


def test_rank_all_tied_is_midpoint_and_single_is_nan() -> None:
    h = flat(leaf("tied"), leaf("single"))
    x = np.array([[5.0, NAN], [5.0, 1.0], [5.0, NAN]])
    out = normalise(x, h, "rank", (0.0, 1.0))
    assert out[:, 0].tolist() == [0.5, 0.5, 0.5]
    assert np.isnan(out[:, 1]).all()


def test_percentile_is_coinr_prank() -> None:
    h = flat(leaf("a"), leaf("b", direction=-1))
    x = np.array([[10.0, 10.0], [20.0, 20.0], [20.0, 20.0], [40.0, 40.0], [NAN, 0.0]])
    out = normalise(x, h, "percentile", (0.0, 1.0))
    # min ranks 1, 2, 2, 4 of n = 4 → (r − 1)/3
    np.testing.assert_allclose(out[:, 0], [0.0, 1 / 3, 1 / 3, 1.0, NAN])
    # b: −x = −10, −20, −20, −40, 0 → min ranks 4, 2, 2, 1, 5 of n = 5 → (r − 1)/4
    np.testing.assert_allclose(out[:, 1], [0.75, 0.25, 0.25, 0.0, 1.0])
    tied = normalise(np.full((3, 1), 2.0), flat(leaf("t")), "percentile", (0.0, 1.0))
    assert tied[:, 0].tolist() == [0.0, 0.0, 0.0]


def test_target_both_directions() -> None:
    h = flat(
        leaf("up", low=0.0, high=100.0, target=80.0),
        leaf("down", direction=-1, low=0.0, high=50.0, target=10.0),
    )
    x = np.array([[40.0, 30.0], [80.0, 10.0], [95.0, 5.0], [-5.0, 60.0], [NAN, NAN]])
    out = normalise(x, h, "target", (0.0, 1.0))
    # up: x/80 clipped → .5, 1, 1, 0; down: (50 − x)/40 clipped → .5, 1, 1, 0
    np.testing.assert_array_equal(out[:, 0], [0.5, 1.0, 1.0, 0.0, NAN])
    np.testing.assert_array_equal(out[:, 1], [0.5, 1.0, 1.0, 0.0, NAN])


@pytest.mark.parametrize(
    "bad",
    [
        leaf("bad", target=None),
        leaf("bad", low=None, target=5.0),
        leaf("bad", low=5.0, target=5.0),
        leaf("bad", direction=-1, high=None, target=5.0),
        leaf("bad", direction=-1, high=10.0, target=12.0),
    ],
)
def test_target_needs_target_beyond_worse_goalpost(bad: NodeSpec) -> None:
    h = flat(leaf("ok", target=8.0), bad)
    with pytest.raises(ScoringError, match="'bad'"):
        normalise(np.ones((2, 2)), h, "target", (0.0, 1.0))


def test_unknown_method() -> None:
    with pytest.raises(ScoringError, match="unknown"):
        normalise(np.ones((2, 1)), flat(leaf("a")), cast(NormaliseMethod, "bogus"), (0.0, 1.0))


def test_input_is_not_modified() -> None:
    x = np.array([[1.0, 2.0], [3.0, NAN]])
    before = x.copy()
    h = flat(leaf("a"), leaf("b", direction=-1))
    methods: tuple[NormaliseMethod, ...] = ("goalposts", "minmax", "zscore", "rank", "percentile")
    for method in methods:
        normalise(x, h, method, (0.0, 1.0))
    np.testing.assert_array_equal(x, before)
