"""COINr's data-treatment steps on raw values (units × indicators, NaN = missing).

Each step is a pure function returning the new values and a record of what it did:

* `denominate` — x · scale / denominator, COINr's `Denominate` (x / (d / ScaleFactor)).
* `impute` — indicator mean or median, or the mean or median of the unit's group; COINr's
  `i_mean`, `i_median`, `i_mean_grp`, `i_median_grp` (units in no group are left as they
  are; a group with no value leaves its gaps). Imputed cells are returned as a mask.
* `screen` — keep the units whose share of values present is ≥ the threshold (COINr's
  `Screen(unit_screen = "byNA")`: a unit is dropped when `Dat_Avail < dat_thresh`).
* `treat` — COINr 1.1.14's `Treat` defaults, checked against its source (R/treat.R):
  an indicator passes when |skew| < 2 OR kurtosis < 3.5 (`check_SkewKurt`; skew and excess
  kurtosis are e1071 type 2, i.e. pandas' bias-corrected `skew()` / `kurt()`); a failing
  indicator is winsorised (`winsorise`, winmax = 5): while it fails and fewer than 5 points
  have been changed, all points tied at the extreme on the side of the skew's sign (skew ≥ 0
  → the maximum) take the next value inwards; if it still fails, `log_CT` is applied to
  the ORIGINAL values instead (`combine_treat = FALSE`): log(x − min + 0.01·(max − min)).
  The result of the log is kept whether or not it passes. When the check cannot be made
  (a constant indicator: skew 0/0) COINr leaves the indicator untreated, and so do we; with
  fewer than 4 values COINr stops with an error, we leave the indicator untreated.
  (COINr's help text quotes a skew default of 2.25; the code uses 2 — we follow the code.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring.hierarchy import BoolArray, FloatArray, IntArray, ScoringError

ImputeMethod = Literal["none", "mean", "median", "group-mean", "group-median"]
IMPUTE_METHODS: tuple[ImputeMethod, ...] = ("none", "mean", "median", "group-mean", "group-median")

# points matrix codes of `Treated.points`
WIN_HIGH, WIN_LOW, LOGGED = 1, -1, 2


@dataclass(frozen=True, eq=False)  # holds arrays
class Denominated:
    values: FloatArray
    denominated: BoolArray  # per indicator
    undefined: BoolArray  # cells that became missing (denominator missing or 0)


def denominate(
    x: FloatArray,
    denominators: Mapping[str, FloatArray],
    by: Sequence[str | None],
    scale: float | Sequence[float] = 1.0,
) -> Denominated:
    """Divide indicator j by the denominator column `by[j]` (None: left alone), times scale.

    A denominator that is missing or 0 makes the cell missing (COINr would give Inf/NaN).
    """
    if len(by) != x.shape[1]:
        raise ScoringError(f"{len(by)} denominator entries for {x.shape[1]} indicators")
    scales = np.broadcast_to(np.asarray(scale, dtype=np.float64), (x.shape[1],))
    out = x.copy()
    undefined = np.zeros(x.shape, dtype=bool)
    for j, code in enumerate(by):
        if code is None:
            continue
        if code not in denominators:
            raise ScoringError(f"unknown denominator column {code!r}", code)
        d = np.asarray(denominators[code], dtype=np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            col = x[:, j] / (d / scales[j])
        bad = ~np.isfinite(col) & ~np.isnan(x[:, j])
        col[~np.isfinite(col)] = np.nan
        out[:, j], undefined[:, j] = col, bad
    return Denominated(out, np.array([b is not None for b in by], dtype=bool), undefined)


@dataclass(frozen=True, eq=False)
class Imputed:
    values: FloatArray
    imputed: BoolArray  # cells that were missing and got a value
    method: ImputeMethod
    group: str | None


def impute(
    x: FloatArray,
    method: ImputeMethod,
    groups: Sequence[str | None] | None = None,
    group_name: str | None = None,
) -> Imputed:
    """Fill missing cells by column mean/median, or by group mean/median (`groups`)."""
    if method not in IMPUTE_METHODS:
        raise ScoringError(f"unknown imputation method {method!r}")
    out = x.copy()
    if method in ("mean", "median"):
        _fill(out, np.ones(x.shape[0], dtype=bool), method)
    elif method != "none":
        if groups is None or len(groups) != x.shape[0]:
            raise ScoringError(f"{method} imputation needs one group label per unit")
        labels = np.array(["" if g is None else str(g) for g in groups], dtype=object)
        known = np.array([g is not None for g in groups], dtype=bool)
        stat = "mean" if method == "group-mean" else "median"
        for label in dict.fromkeys(labels[known]):
            _fill(out, known & (labels == label), stat)
    imputed = np.isnan(x) & ~np.isnan(out)
    return Imputed(out, imputed, method, group_name if method.startswith("group") else None)


def _fill(out: FloatArray, rows: BoolArray, stat: str) -> None:
    block = out[rows]
    gaps = np.isnan(block)
    if not gaps.any():
        return
    present = ~gaps
    usable = present.any(axis=0)  # a column with no value in the block keeps its gaps
    fill = np.full(block.shape[1], np.nan)
    if stat == "mean":
        fill[usable] = (
            np.where(present, block, 0.0)[:, usable].sum(axis=0) / present.sum(axis=0)[usable]
        )
    else:
        fill[usable] = np.nanmedian(block[:, usable], axis=0)
    block[gaps] = np.broadcast_to(fill, block.shape)[gaps]
    out[rows] = block


@dataclass(frozen=True, eq=False)
class Screened:
    keep: BoolArray  # per unit
    availability: FloatArray  # share of indicators present, per unit
    threshold: float


def screen(x: FloatArray, threshold: float) -> Screened:
    """Keep units with availability ≥ threshold (COINr `Screen`, unit_screen = "byNA")."""
    if not 0.0 <= threshold <= 1.0:
        raise ScoringError(f"the screening threshold must be between 0 and 1, got {threshold}")
    availability = 1.0 - np.isnan(x).mean(axis=1) if x.shape[1] else np.ones(x.shape[0])
    return Screened(availability >= threshold, availability, float(threshold))


# ---------------------------------------------------------------- outlier treatment

TreatStatus = Literal["passed", "winsorised", "log", "untreated"]


@dataclass(frozen=True, eq=False)
class Treated:
    """Treated values and, per indicator, what was done and the skew/kurtosis around it."""

    values: FloatArray
    status: tuple[TreatStatus, ...]
    skew_before: FloatArray
    kurt_before: FloatArray
    skew_after: FloatArray
    kurt_after: FloatArray
    n_winsorised: IntArray  # points changed by winsorisation (0 for log / passed)
    passes: BoolArray  # the final values pass the check
    points: npt.NDArray[np.int8]  # units × indicators: WIN_HIGH, WIN_LOW, LOGGED or 0

    def frame(self, codes: Sequence[str]) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "Status": self.status,
                "SkewBefore": self.skew_before,
                "KurtBefore": self.kurt_before,
                "SkewAfter": self.skew_after,
                "KurtAfter": self.kurt_after,
                "Winsorised": self.n_winsorised,
                "Passes": self.passes,
            },
            index=pd.Index(list(codes), name="iCode"),
        )


def skew_kurt(x: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Bias-corrected sample skewness and excess kurtosis per column of a 2-D array.

    NaN values are left out.

    e1071 type 2 (COINr's `skew` / `kurt`, Excel, pandas): NaN with fewer than 3 (skew) or
    4 (kurtosis) values, or when the column is constant.
    """
    a = x
    present = ~np.isnan(a)
    n = present.sum(axis=0).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(present, a, 0.0).sum(axis=0) / n
        dev = np.where(present, a - mean, 0.0)
        m2, m3, m4 = ((dev**k).sum(axis=0) for k in (2, 3, 4))
        g1 = np.sqrt(n) * m3 / m2**1.5
        skew = g1 * np.sqrt(n * (n - 1)) / (n - 2)
        r = n * m4 / m2**2
        kurt = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    skew = np.where((n >= 3) & (m2 > 0), skew, np.nan)
    kurt = np.where((n >= 4) & (m2 > 0), kurt, np.nan)
    return skew, kurt


def _skew_kurt_1d(v: FloatArray) -> tuple[float, float]:
    s, k = skew_kurt(v[:, None])
    return float(s[0]), float(k[0])


def _passes(skew: float, kurt: float, skew_thresh: float, kurt_thresh: float) -> bool | None:
    """R's `(abs(sk) < t_s) | (kt < t_k)` with NA logic: None when undecidable."""
    a = None if np.isnan(skew) else abs(skew) < skew_thresh
    b = None if np.isnan(kurt) else kurt < kurt_thresh
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


@dataclass
class _Column:
    values: FloatArray
    status: TreatStatus
    n_win: int
    points: npt.NDArray[np.int8]


def treat(
    x: FloatArray, winmax: int = 5, skew_thresh: float = 2.0, kurt_thresh: float = 3.5
) -> Treated:
    """COINr's default outlier treatment of every column (see the module doc)."""
    skew0, kurt0 = skew_kurt(x)
    out = x.copy()
    points = np.zeros(x.shape, dtype=np.int8)
    status: list[TreatStatus] = []
    n_win = np.zeros(x.shape[1], dtype=np.int64)
    for j in range(x.shape[1]):
        passing = _passes(float(skew0[j]), float(kurt0[j]), skew_thresh, kurt_thresh)
        if passing is not False:
            status.append("passed" if passing else "untreated")
            continue
        col = _treat_column(x[:, j], winmax, skew_thresh, kurt_thresh)
        out[:, j], points[:, j], n_win[j] = col.values, col.points, col.n_win
        status.append(col.status)
    skew1, kurt1 = skew_kurt(out)
    final = np.array(
        [
            _passes(float(s), float(k), skew_thresh, kurt_thresh) is True
            for s, k in zip(skew1, kurt1, strict=True)
        ],
        dtype=bool,
    )
    return Treated(out, tuple(status), skew0, kurt0, skew1, kurt1, n_win, final, points)


def _treat_column(x: FloatArray, winmax: int, skew_t: float, kurt_t: float) -> _Column:
    win, n_win, points, passing = _winsorise(x, winmax, skew_t, kurt_t)
    if passing is True:
        return _Column(win, "winsorised", n_win, points)
    if passing is None:  # COINr: f_pass returned NA → the original vector
        return _Column(x.copy(), "untreated", 0, np.zeros(x.size, dtype=np.int8))
    logged = log_ct(x)
    if _passes(*_skew_kurt_1d(logged), skew_t, kurt_t) is None:
        return _Column(x.copy(), "untreated", 0, np.zeros(x.size, dtype=np.int8))
    marks = np.where(np.isnan(x), 0, LOGGED).astype(np.int8)
    return _Column(logged, "log", 0, marks)


def _winsorise(
    x: FloatArray, winmax: int, skew_t: float, kurt_t: float
) -> tuple[FloatArray, int, npt.NDArray[np.int8], bool | None]:
    """COINr's `winsorise` loop on one column; returns values, points changed, marks, pass."""
    v = x.copy()
    points = np.zeros(x.size, dtype=np.int8)
    last_high: IntArray = np.empty(0, dtype=np.int64)
    last_low: IntArray = np.empty(0, dtype=np.int64)
    passing: bool | None = False
    n_win = 0
    while passing is False and n_win < winmax:
        high = _skew_kurt_1d(v)[0] >= 0
        extreme = np.nanmax(v) if high else np.nanmin(v)
        at = np.flatnonzero(v == extreme)
        rest = np.delete(v, at)
        if np.isnan(rest).all():
            break
        v[at] = np.nanmax(rest) if high else np.nanmin(rest)
        points[at] = WIN_HIGH if high else WIN_LOW
        if high:
            last_high = at
        else:
            last_low = at
        n_win = last_high.size + last_low.size  # COINr's count: the tied run at each end
        passing = _passes(*_skew_kurt_1d(v), skew_t, kurt_t)
    return v, int((points != 0).sum()), points, passing


def log_ct(x: FloatArray) -> FloatArray:
    """COINr's `log_CT`: log(x − min + 0.01·(max − min)), NaN left out of min and max."""
    lo, hi = np.nanmin(x), np.nanmax(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        out: FloatArray = np.log(x - lo + 0.01 * (hi - lo))
    return out
