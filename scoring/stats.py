"""Descriptive statistics per node across units, by group, and correlations; NaN = missing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scoring.hierarchy import FloatArray, IntArray
from scoring.ranking import column_ranks


@dataclass(frozen=True, eq=False)  # holds arrays
class NodeStats:
    """Per node (column): count of values, mean, sample sd (ddof = 1), min, max.

    Undefined figures are NaN: everything but `n` for a node without values, `sd` for one value.
    """

    n: IntArray
    mean: FloatArray
    sd: FloatArray
    min: FloatArray
    max: FloatArray


def node_stats(scores: FloatArray) -> NodeStats:
    """Statistics of every column of a units × nodes array, skipping NaN."""
    present = scores == scores  # not NaN
    n = np.count_nonzero(present, axis=0)
    absent = ~present
    with np.errstate(divide="ignore", invalid="ignore"):  # n = 0 or 1 → NaN by definition
        dev = scores.copy()
        np.copyto(dev, 0.0, where=absent)
        mean = dev.sum(axis=0) / n
        dev -= mean
        np.copyto(dev, 0.0, where=absent)
        sd = np.sqrt(np.einsum("uj,uj->j", dev, dev) / (n - 1))
    sd[n < 2] = np.nan
    return NodeStats(
        n=n.astype(np.int64),
        mean=mean,
        sd=sd,
        min=np.fmin.reduce(scores, axis=0, initial=np.nan),  # skips NaN; all-NaN → NaN
        max=np.fmax.reduce(scores, axis=0, initial=np.nan),
    )


def group_stats(scores: FloatArray, groups: Sequence[str | None]) -> dict[str, NodeStats]:
    """`node_stats` per group label (one label per unit; None = in no group).

    Keys are in order of first appearance. One pass per group, not per unit.
    """
    if len(groups) != scores.shape[0]:
        raise ValueError(f"{len(groups)} group labels for {scores.shape[0]} units")
    labels = np.array([g if g is not None else "" for g in groups], dtype=object)
    in_group = np.array([g is not None for g in groups], dtype=bool)
    keys = dict.fromkeys(g for g in groups if g is not None)
    return {key: node_stats(scores[(labels == key) & in_group]) for key in keys}


def correlation(x: FloatArray, y: FloatArray) -> tuple[float, float]:
    """(Pearson, Spearman) of two vectors over the pairs where both are present.

    Spearman is Pearson on average ranks (scipy's definition). NaN with fewer than two pairs
    or when either side is constant.
    """
    a, b = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"correlation needs two vectors of one length, got {a.shape}, {b.shape}")
    keep = ~(np.isnan(a) | np.isnan(b))
    a, b = a[keep], b[keep]
    return _pearson(a, b), _pearson(column_ranks(a, "average"), column_ranks(b, "average"))


def _pearson(a: FloatArray, b: FloatArray) -> float:
    if a.size < 2:
        return float("nan")
    da, db = a - a.mean(), b - b.mean()
    denom = np.sqrt((da * da).sum() * (db * db).sum())
    if denom == 0.0:
        return float("nan")
    return float(np.clip((da * db).sum() / denom, -1.0, 1.0))
