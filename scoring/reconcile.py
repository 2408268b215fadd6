"""Reconcile several observations of one unit × leaf into one cell value, vectorised.

Observations arrive as flat parallel arrays (one entry per observation). Rejected
observations and those without a value (NaN) are ignored everywhere. Then, per cell:

- "mean": the mean of the values;
- "latest": the value with the greatest `time` (the mean if several share that time;
  a NaN time counts as older than any other);
- "channel_priority": the values of the first channel in `settings.channel_priority` that
  has any, averaged; channels not in the list (index −1 or out of range) come last, together.

`count` is the number of values considered and `discrepancy` flags cells whose values
(whatever the method picks) spread by more than `discrepancy_share × span` of the leaf,
span being the goalposts' high − low; a leaf with a NaN span is never flagged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.hierarchy import BoolArray, FloatArray, IntArray, ScoringError
from scoring.pipeline import ScoringSettings


@dataclass(frozen=True, eq=False)  # holds arrays
class ObservationArrays:
    """One entry per observation. `channel` indexes `settings.channel_priority` (−1 = other);
    `time` is epoch seconds of the last change; `rejected` marks observations to ignore."""

    unit: IntArray
    leaf: IntArray
    value: FloatArray
    channel: IntArray
    time: FloatArray
    rejected: BoolArray


@dataclass(frozen=True, eq=False)  # holds arrays
class Reconciled:
    """Cell values (n_units × n_leaves, NaN = no usable observation), the number of
    observations used per cell and the discrepancy flags."""

    values: FloatArray
    count: IntArray
    discrepancy: BoolArray


def reconcile(
    obs: ObservationArrays,
    n_units: int,
    n_leaves: int,
    span: FloatArray,
    settings: ScoringSettings,
) -> Reconciled:
    """Reconcile observations into an n_units × n_leaves matrix with `settings.reconcile`."""
    _check(obs, n_units, n_leaves, span)
    keep = ~np.asarray(obs.rejected, dtype=bool) & ~np.isnan(obs.value)
    cell = (obs.unit * n_leaves + obs.leaf)[keep]
    value = obs.value[keep]
    size = n_units * n_leaves
    count = np.bincount(cell, minlength=size)
    if settings.reconcile == "latest":
        time = np.nan_to_num(obs.time[keep], nan=-np.inf)
        chosen = _best(cell, -time, size)
    elif settings.reconcile == "channel_priority":
        channel = obs.channel[keep]
        n_known = len(settings.channel_priority)
        order = np.where((channel >= 0) & (channel < n_known), channel, n_known)
        chosen = _best(cell, order.astype(np.float64), size)
    else:
        chosen = np.ones(cell.shape, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):  # empty cells: 0/0 → NaN
        values = np.bincount(cell[chosen], weights=value[chosen], minlength=size) / np.bincount(
            cell[chosen], minlength=size
        )
    spread = _spread(cell, value, size).reshape(n_units, n_leaves)
    return Reconciled(
        values=values.reshape(n_units, n_leaves),
        count=count.reshape(n_units, n_leaves).astype(np.int64),
        discrepancy=spread > settings.discrepancy_share * np.asarray(span)[None, :],
    )


def _best(cell: IntArray, key: FloatArray, size: int) -> BoolArray:
    """Mask of the observations whose key is the smallest within their cell."""
    least = np.full(size, np.inf)
    np.minimum.at(least, cell, key)
    chosen: BoolArray = key == least[cell]
    return chosen


def _spread(cell: IntArray, value: FloatArray, size: int) -> FloatArray:
    """max − min per cell; 0 for cells with fewer than two values."""
    lo, hi = np.full(size, np.inf), np.full(size, -np.inf)
    np.minimum.at(lo, cell, value)
    np.maximum.at(hi, cell, value)
    spread: FloatArray = np.where(np.isfinite(lo), hi - lo, 0.0)
    return spread


def _check(obs: ObservationArrays, n_units: int, n_leaves: int, span: FloatArray) -> None:
    n = len(obs.value)
    arrays = (obs.unit, obs.leaf, obs.channel, obs.time, obs.rejected)
    if any(len(a) != n for a in arrays):
        raise ScoringError("observation arrays must all have the same length")
    if len(span) != n_leaves:
        raise ScoringError(f"span has {len(span)} entries for {n_leaves} leaves")
    for name, idx, limit in (("unit", obs.unit, n_units), ("leaf", obs.leaf, n_leaves)):
        bad = (idx < 0) | (idx >= limit)
        if bad.any():
            i = int(np.argmax(bad))
            raise ScoringError(f"observation {i}: {name} index {int(idx[i])} not in 0..{limit - 1}")
