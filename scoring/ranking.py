"""Ranks and tiers, vectorised over columns (one sort per call, no loop over units)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

from scoring.hierarchy import BoolArray, FloatArray, IntArray

Ties = Literal["min", "average"]


def column_ranks(y: FloatArray, ties: Ties = "min") -> FloatArray:
    """Ascending ranks (1 = smallest) of each column of `y` (or of a 1-D `y`); NaN stays NaN.

    Like R's `rank(y, ties.method = ties, na.last = "keep")`; ties are exact equality.
    Sorts the rows of a transposed copy, flattened: contiguous rows and 1-D fancy indexing
    are several times faster than `take_along_axis` on columns.
    """
    a = np.ascontiguousarray(y[None, :] if y.ndim == 1 else y.T)
    n_rows, n = a.shape
    if a.size == 0:
        return np.empty(y.shape)
    # quicksort (SIMD) is ~3× faster than the stable sort here; ties get equal ranks anyway
    order = (np.argsort(a, axis=1) + np.arange(0, a.size, n)[:, None]).ravel()
    s = a.ravel()[order]  # each row sorted ascending, NaN last
    ranks = np.tile(np.arange(1.0, n + 1.0), n_rows)  # rank by position when nothing ties
    same = s[1:] == s[:-1]  # NaN never equals, and row boundaries are cut below
    same[n - 1 :: n] = False
    if same.any():
        ranks = _tied_ranks(ranks, same, ties)
    out = np.empty(a.size)
    out[order] = ranks
    out[np.isnan(a.ravel())] = np.nan
    result = out.reshape(n_rows, n)
    return result[0] if y.ndim == 1 else result.T


def _tied_ranks(ranks: FloatArray, same: BoolArray, ties: Ties) -> FloatArray:
    """Give every run of equal sorted values its first ("min") or mean ("average") rank.

    `ranks` holds the rank by position within each row (changed in place); `same[i]` says
    sorted element i + 1 equals element i (never across rows). Only tied runs are touched.
    """
    idx = np.flatnonzero(same)  # element idx + 1 ties with element idx
    new = np.ones(idx.size, dtype=bool)
    new[1:] = idx[1:] != idx[:-1] + 1  # a gap in idx starts the next run of ties
    run = np.cumsum(new) - 1
    start = idx[new]  # first element of each run
    if ties == "min":
        ranks[idx + 1] = ranks[start][run]
    else:
        last = idx[np.append(new[1:], True)] + 1  # last element of each run
        mean = (ranks[start] + ranks[last]) / 2.0
        ranks[idx + 1] = mean[run]
        ranks[start] = mean
    return ranks


def rank_desc(scores: FloatArray) -> FloatArray:
    """Rank highest first, ties share the best rank: R's `rank(-x, ties.method = "min",
    na.last = "keep")`, per column."""
    return column_ranks(-scores, ties="min")


def share_bounds(n: int, shares: Sequence[float]) -> IntArray:
    """Last rank of each tier: round(n·cum_k), rounding halves away from zero.

    The count of tier k is bound_k − bound_{k−1}; 50 units at 16/34/50 % → 8/25/50 (8/17/25).
    The 1e-9 nudge keeps float error (e.g. 0.3·5 = 1.4999…) from turning a half down.
    """
    cum = np.cumsum(np.asarray(shares, dtype=np.float64)) * n
    bounds = np.floor(cum + 0.5 + 1e-9).astype(np.int64)
    bounds[-1] = n  # shares sum to 1: everybody ranked gets a tier
    return bounds


def tiers_by_share(rank: FloatArray, shares: Sequence[float]) -> IntArray:
    """Tier index per unit from its rank (NaN → −1), filling tiers in rank order.

    Tied units share the best rank, so they all land in the tier of the best of them (the
    higher tier); the tier below is then smaller by as many units as spilled over.
    """
    present = ~np.isnan(rank)
    bounds = share_bounds(int(present.sum()), shares)
    tier = np.searchsorted(bounds, np.where(present, rank, 1.0), side="left").astype(np.int64)
    tier[~present] = -1
    return tier


def tiers_by_threshold(score: FloatArray, thresholds: Sequence[float]) -> IntArray:
    """Tier index per unit: 0 when score ≥ thresholds[0], k when thresholds[k−1] > score ≥
    thresholds[k], the last tier below all thresholds; NaN → −1. Thresholds descend."""
    t = np.asarray(thresholds, dtype=np.float64)
    tier: IntArray = (score[:, None] < t[None, :]).sum(axis=1).astype(np.int64)
    tier[np.isnan(score)] = -1
    return tier
