"""Grouping and comparison helpers for the analysis: GDP bands, a fitted line, and the
strengths and weaknesses of one unit against the sample (numpy only; NaN = missing)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from scoring.hierarchy import FloatArray, IntArray
from scoring.stats import correlation

DEFAULT_GDP_FLOORS: tuple[float, ...] = (20_000.0, 10_000.0, 5_000.0)  # 亿元


@dataclass(frozen=True)
class GdpBands:
    """Bands of GDP by descending floors: band 0 is GDP ≥ floors[0], band k is
    floors[k] ≤ GDP < floors[k−1], the last band is below floors[−1]. len(floors) + 1 bands."""

    floors: tuple[float, ...] = DEFAULT_GDP_FLOORS

    def __post_init__(self) -> None:
        if not self.floors:
            raise ValueError("GDP bands need at least one floor")
        if not all(isinstance(f, int | float) and math.isfinite(f) for f in self.floors):
            raise ValueError("GDP band floors must be finite numbers")
        if any(a <= b for a, b in pairwise(self.floors)):
            raise ValueError("GDP band floors must be strictly descending")

    @property
    def count(self) -> int:
        return len(self.floors) + 1

    def bounds(self, band: int) -> tuple[float | None, float | None]:
        """(lower, upper) of a band; None = unbounded. Lower is inclusive, upper exclusive."""
        if not 0 <= band < self.count:
            raise IndexError(f"band {band} of {self.count}")
        lower = self.floors[band] if band < len(self.floors) else None
        upper = self.floors[band - 1] if band > 0 else None
        return lower, upper

    def assign(self, gdp: npt.ArrayLike) -> IntArray:
        """Band index per value; −1 where the GDP is missing (NaN)."""
        x = np.asarray(gdp, dtype=np.float64)
        descending = np.asarray(self.floors, dtype=np.float64)
        # the number of floors above x is its band (x ≥ floors[k] ↔ band ≤ k)
        band = np.searchsorted(-descending, -x, side="left").astype(np.int64)
        band[np.isnan(x)] = -1
        return band


@dataclass(frozen=True)
class LineFit:
    """Least-squares line y = slope·x + intercept over the complete pairs, with Pearson r."""

    slope: float
    intercept: float
    r: float
    n: int

    def at(self, x: float) -> float:
        return self.slope * x + self.intercept


def fit_line(x: npt.ArrayLike, y: npt.ArrayLike) -> LineFit:
    """Ordinary least squares of y on x; NaN slope/intercept/r with fewer than two distinct x."""
    a, b = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    keep = ~(np.isnan(a) | np.isnan(b))
    a, b = a[keep], b[keep]
    n = int(a.size)
    r = correlation(a, b)[0] if n else math.nan
    dx = a - a.mean() if n else a
    sxx = float((dx * dx).sum())
    if n < 2 or sxx == 0.0:
        return LineFit(math.nan, math.nan, r, n)
    slope = float((dx * (b - b.mean())).sum() / sxx)
    return LineFit(slope, float(b.mean() - slope * a.mean()), r, n)


def deviations(values: FloatArray, mean: FloatArray, sd: FloatArray, k: float = 1.0) -> IntArray:
    """Per node: +1 where value ≥ mean + k·sd (a strength), −1 where value ≤ mean − k·sd
    (a weakness), 0 otherwise or where anything is missing or sd is 0."""
    v, m, s = (np.asarray(a, dtype=np.float64) for a in (values, mean, sd))
    usable = ~(np.isnan(v) | np.isnan(m) | np.isnan(s)) & (s > 0)
    out = np.zeros(v.shape, dtype=np.int64)
    with np.errstate(invalid="ignore"):
        out[usable & (v >= m + k * s)] = 1
        out[usable & (v <= m - k * s)] = -1
    return out


def group_order(labels: Sequence[str | None], preferred: Sequence[str] = ()) -> list[str]:
    """Distinct non-empty labels: those in `preferred` first (in its order), then the rest
    in order of first appearance."""
    present = dict.fromkeys(label for label in labels if label)
    first = [p for p in preferred if p in present]
    return first + [label for label in present if label not in first]
