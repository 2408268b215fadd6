"""Node statistics with missing values, by group, and correlations against scipy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as sps

from scoring.stats import correlation, group_stats, node_stats

NAN = math.nan


def test_node_stats_skip_nan() -> None:
    scores = np.array([[1.0, NAN, NAN], [2.0, 5.0, NAN], [4.0, NAN, NAN], [NAN, NAN, NAN]])
    s = node_stats(scores)
    assert s.n.tolist() == [3, 1, 0]
    assert s.mean[0] == pytest.approx(7 / 3)
    # sample sd of 1, 2, 4: mean 7/3, squares 16/9 + 1/9 + 25/9 = 42/9 over 2 → sqrt(7/3)
    assert s.sd[0] == pytest.approx(math.sqrt(7 / 3))
    assert (s.min[0], s.max[0]) == (1.0, 4.0)
    assert (s.mean[1], s.min[1], s.max[1]) == (5.0, 5.0, 5.0)
    assert math.isnan(s.sd[1])  # one value: sd undefined
    assert all(math.isnan(v) for v in (s.mean[2], s.sd[2], s.min[2], s.max[2]))


def test_node_stats_match_numpy() -> None:
    rng = np.random.default_rng(4)
    x = rng.normal(size=(80, 6))
    x[rng.random(x.shape) < 0.2] = NAN
    s = node_stats(x)
    np.testing.assert_allclose(s.mean, np.nanmean(x, axis=0), rtol=1e-13)
    np.testing.assert_allclose(s.sd, np.nanstd(x, axis=0, ddof=1), rtol=1e-12)
    np.testing.assert_array_equal(s.min, np.nanmin(x, axis=0))
    np.testing.assert_array_equal(s.max, np.nanmax(x, axis=0))
    np.testing.assert_array_equal(s.n, (~np.isnan(x)).sum(axis=0))


def test_group_stats() -> None:
    scores = np.array([[1.0], [3.0], [10.0], [NAN], [7.0]])
    groups = ["east", "east", "west", "west", None]
    out = group_stats(scores, groups)
    assert list(out) == ["east", "west"]
    assert out["east"].n.tolist() == [2] and out["east"].mean.tolist() == [2.0]
    assert out["east"].sd[0] == pytest.approx(math.sqrt(2))
    assert out["west"].n.tolist() == [1] and out["west"].max.tolist() == [10.0]
    with pytest.raises(ValueError, match="4 group labels for 5 units"):
        group_stats(scores, groups[:4])


def test_empty_string_group_is_not_none() -> None:
    out = group_stats(np.array([[1.0], [2.0]]), ["", None])
    assert list(out) == [""] and out[""].n.tolist() == [1]


def test_correlation_matches_scipy_ignoring_nan_pairs() -> None:
    rng = np.random.default_rng(9)
    x = rng.normal(size=50)
    y = 0.6 * x + rng.normal(size=50)
    y[[1, 2]] = y[3]  # ties for Spearman
    x[5], y[9] = NAN, NAN
    keep = ~(np.isnan(x) | np.isnan(y))
    pearson, spearman = correlation(x, y)
    assert pearson == pytest.approx(sps.pearsonr(x[keep], y[keep])[0], abs=1e-12)
    assert spearman == pytest.approx(sps.spearmanr(x[keep], y[keep])[0], abs=1e-12)


def test_correlation_undefined() -> None:
    assert all(math.isnan(v) for v in correlation(np.array([1.0, NAN]), np.array([2.0, 3.0])))
    assert all(math.isnan(v) for v in correlation(np.array([1.0, 1.0]), np.array([2.0, 3.0])))
    assert correlation(np.array([1.0, 2.0, 3.0]), np.array([3.0, 2.0, 1.0])) == (-1.0, -1.0)
    with pytest.raises(ValueError, match="one length"):
        correlation(np.ones(3), np.ones(4))
