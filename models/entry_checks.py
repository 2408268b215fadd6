"""Soft checks on a value being entered: warnings that a value looks wrong, never refusals.

Hard limits (not a number, outside a bounded range, not a rating level) are refused by
`models.observations.validate_value`. The checks here only flag values that are
allowed but suspicious, so that the evaluator confirms them with a reason:

- `cell_deviation`: the value differs from one of the cell's other observations by more
  than the campaign's discrepancy share of the goalposts' range (the same rule that flags
  a reconciled cell as a discrepancy);
- `sample_deviation`: the value is far from the other cities' values of the indicator:
  outside mean ± k·sd *and* outside Tukey's fences (Q1 − k·IQR, Q3 + k·IQR), and further
  from the median than a minimum distance. Requiring both rules keeps discrete scales
  (ratings, yes/no) with a degenerate IQR from warning on every ordinary value.

Pure functions over plain numbers; no Qt, no SQL.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

DEFAULT_DISCREPANCY_SHARE = 0.10
SAMPLE_SD_FACTOR = 3.0
TUKEY_FACTOR = 1.5
MIN_SAMPLE_SIZE = 5


@dataclass(frozen=True)
class CellDeviation:
    """The value is further than `limit` from `other`, another observation of the cell."""

    value: float
    other: float
    difference: float
    limit: float


@dataclass(frozen=True)
class SampleDeviation:
    """The value lies outside the usual band [low, high] of `n` other cities' values."""

    value: float
    low: float
    high: float
    n: int
    median: float


SoftWarning = CellDeviation | SampleDeviation


def _finite(values: Iterable[float]) -> list[float]:
    return [float(v) for v in values if math.isfinite(float(v))]


def discrepancy_limit(low: float, high: float, share: float) -> float | None:
    """share × (high − low), or None when the goalposts are unknown or empty."""
    span = high - low
    if not math.isfinite(span) or span <= 0 or not math.isfinite(share) or share < 0:
        return None
    return share * span


def cell_deviation(
    value: float, others: Iterable[float], low: float, high: float, share: float
) -> CellDeviation | None:
    """The farthest other observation of the cell, if it is beyond the discrepancy limit."""
    limit = discrepancy_limit(low, high, share)
    candidates = _finite(others)
    if limit is None or not candidates or not math.isfinite(value):
        return None
    farthest = max(candidates, key=lambda other: abs(value - other))
    difference = abs(value - farthest)
    if difference <= limit * (1 + 1e-12):
        return None
    return CellDeviation(value, farthest, difference, limit)


def sample_deviation(
    value: float,
    sample: Iterable[float],
    *,
    min_distance: float = 0.0,
    sd_factor: float = SAMPLE_SD_FACTOR,
    tukey_factor: float = TUKEY_FACTOR,
    min_n: int = MIN_SAMPLE_SIZE,
) -> SampleDeviation | None:
    """A warning when `value` is outside both mean ± sd_factor·sd and the Tukey fences.

    `sample` holds the other cities' cell values (NaN = missing, ignored); with fewer than
    `min_n` values nothing is flagged. `min_distance` (e.g. the discrepancy limit) is how
    far from the median a value must at least be to count as far.
    """
    values = np.asarray(_finite(sample), dtype=np.float64)
    if len(values) < max(min_n, 2) or not math.isfinite(value):
        return None
    mean, sd = float(values.mean()), float(values.std(ddof=1))
    q1, median, q3 = (float(q) for q in np.percentile(values, [25, 50, 75]))
    iqr = q3 - q1
    sd_band = (mean - sd_factor * sd, mean + sd_factor * sd)
    tukey_band = (q1 - tukey_factor * iqr, q3 + tukey_factor * iqr)
    outside_sd = not sd_band[0] <= value <= sd_band[1]
    outside_tukey = not tukey_band[0] <= value <= tukey_band[1]
    if not (outside_sd and outside_tukey) or abs(value - median) <= min_distance:
        return None
    low, high = min(sd_band[0], tukey_band[0]), max(sd_band[1], tukey_band[1])
    return SampleDeviation(value, low, high, len(values), median)


def soft_warnings(
    value: float,
    cell_others: Sequence[float],
    sample: Sequence[float],
    low: float,
    high: float,
    share: float = DEFAULT_DISCREPANCY_SHARE,
) -> list[SoftWarning]:
    """Both checks for one value: the cell's other observations, then the other cities."""
    found: list[SoftWarning] = []
    in_cell = cell_deviation(value, cell_others, low, high, share)
    if in_cell is not None:
        found.append(in_cell)
    limit = discrepancy_limit(low, high, share) or 0.0
    in_sample = sample_deviation(value, sample, min_distance=limit)
    if in_sample is not None:
        found.append(in_sample)
    return found
