"""Ranks (highest first, ties "min", NaN kept) and tiers by share or by threshold."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as sps

from scoring.ranking import (
    Ties,
    column_ranks,
    rank_desc,
    share_bounds,
    tiers_by_share,
    tiers_by_threshold,
)

NAN = math.nan
SHARES = (0.16, 0.34, 0.50)


def test_rank_desc_ties_min_and_nan_kept() -> None:
    x = np.array([0.5, 0.9, NAN, 0.5, 0.1, 0.9])
    # R: rank(-x, ties.method = "min", na.last = "keep") = 3 1 NA 3 5 1
    np.testing.assert_array_equal(rank_desc(x), [3, 1, NAN, 3, 5, 1])


def test_rank_desc_per_column() -> None:
    x = np.array([[1.0, NAN], [3.0, 2.0], [2.0, 2.0], [3.0, 5.0]])
    np.testing.assert_array_equal(rank_desc(x), [[4, NAN], [1, 2], [3, 2], [1, 1]])


def test_rank_edge_cases() -> None:
    assert rank_desc(np.array([NAN, NAN])).tolist() == pytest.approx([NAN, NAN], nan_ok=True)
    assert rank_desc(np.array([7.0])).tolist() == [1.0]
    assert rank_desc(np.array([-0.0, 0.0, 1.0])).tolist() == [2.0, 2.0, 1.0]
    assert rank_desc(np.empty((0, 3))).shape == (0, 3)


@pytest.mark.parametrize("ties", ["min", "average"])
def test_column_ranks_match_scipy(ties: Ties) -> None:
    rng = np.random.default_rng(2)
    x = rng.integers(0, 12, size=(60, 9)).astype(np.float64)  # many ties
    x[rng.random(x.shape) < 0.1] = NAN
    got = column_ranks(x, ties)
    for j in range(x.shape[1]):
        present = ~np.isnan(x[:, j])
        want = sps.rankdata(x[present, j], method=ties)
        np.testing.assert_array_equal(got[present, j], want)
        assert np.isnan(got[~present, j]).all()


def test_share_bounds_50_units() -> None:
    bounds = share_bounds(50, SHARES)
    assert bounds.tolist() == [8, 25, 50]
    assert np.diff(bounds, prepend=0).tolist() == [8, 17, 25]


@pytest.mark.parametrize(
    ("n", "counts"),
    [
        (50, [8, 17, 25]),
        (10, [2, 3, 5]),  # 1.6 → 2, 5 → 5
        (25, [4, 9, 12]),  # 4, 12.5 → 13 (half away from zero)
        (3, [0, 2, 1]),  # .48 → 0, 1.5 → 2
        (1, [0, 1, 0]),  # .16 → 0, .5 → 1
        (0, [0, 0, 0]),
        (100, [16, 34, 50]),
        (7, [1, 3, 3]),  # 1.12 → 1, 3.5 → 4
    ],
)
def test_share_counts(n: int, counts: list[int]) -> None:
    assert np.diff(share_bounds(n, SHARES), prepend=0).tolist() == counts


def test_half_rounds_away_from_zero_despite_float_error() -> None:
    # 0.3 · 5 = 1.4999999999999998 in floating point, but it means 1.5 → 2
    assert share_bounds(5, (0.3, 0.7)).tolist() == [2, 5]


def test_tiers_by_share_50_units() -> None:
    rank = np.arange(1.0, 51.0)
    tier = tiers_by_share(rank[::-1].copy(), SHARES)
    assert np.bincount(tier).tolist() == [8, 17, 25]
    assert tier[-1] == 0 and tier[0] == 2  # the rank-1 unit is last in the array


def test_tiers_by_share_missing_units_not_counted() -> None:
    rank = np.concatenate([np.arange(1.0, 11.0), [NAN, NAN]])
    tier = tiers_by_share(rank, SHARES)
    assert tier[-2:].tolist() == [-1, -1]
    assert np.bincount(tier[:10]).tolist() == [2, 3, 5]  # n = 10, not 12


def test_tied_units_share_the_higher_tier() -> None:
    # 10 units: tier 0 takes ranks 1–2; three units tie at rank 2 → all in tier 0
    rank = np.array([1, 2, 2, 2, 5, 6, 7, 8, 9, 10], dtype=np.float64)
    tier = tiers_by_share(rank, SHARES)
    assert tier.tolist() == [0, 0, 0, 0, 1, 2, 2, 2, 2, 2]
    # the tier below shrinks: ranks 5 (≤ bound 5) is the only one left in tier 1
    assert np.bincount(tier).tolist() == [4, 1, 5]


def test_zero_share_tier_is_empty() -> None:
    tier = tiers_by_share(np.arange(1.0, 11.0), (0.0, 0.5, 0.5))
    assert np.bincount(tier, minlength=3).tolist() == [0, 5, 5]


def test_tiers_by_threshold() -> None:
    score = np.array([0.9, 0.8, 0.79, 0.5, 0.2, NAN])
    tier = tiers_by_threshold(score, (0.8, 0.5))
    assert tier.tolist() == [0, 0, 1, 1, 2, -1]
