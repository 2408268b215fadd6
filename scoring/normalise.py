"""Normalisation of raw leaf values onto a common scale, all units and leaves at once.

Every function takes `x` (units × leaves, NaN = missing) and returns a new array of the
same shape; NaN stays NaN. `d` is the leaf direction (+1/−1). The relative methods
(minmax, zscore, rank, percentile) follow COINr 1.1.14: the raw value is first multiplied by
its direction (`Normalise.numeric`: `x <- x*direction`), then the column is normalised over the
units that have a value. Where COINr divides 0 by 0 (a constant column, or a single unit) the
result is NaN, i.e. the leaf counts as missing for those units, exactly as in COINr.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import numpy as np

from scoring.hierarchy import FloatArray, Hierarchy, ScoringError
from scoring.ranking import column_ranks

NormaliseMethod = Literal["goalposts", "minmax", "zscore", "rank", "percentile", "target"]
Normaliser = Callable[[FloatArray, Hierarchy, float, float], FloatArray]


def normalise(
    x: FloatArray, h: Hierarchy, method: NormaliseMethod, out_range: tuple[float, float]
) -> FloatArray:
    """Normalise raw leaf values (units × h.leaf_codes) with `method` onto `out_range`.

    For "zscore", `out_range` is (mean, sd) like COINr's `m_sd`.
    """
    func = _METHODS.get(method)
    if func is None:
        raise ScoringError(f"unknown normalisation method {method!r}")
    lo, hi = float(out_range[0]), float(out_range[1])
    with np.errstate(divide="ignore", invalid="ignore"):  # 0/0 → NaN is the documented result
        return func(x, h, lo, hi)


def _direction(h: Hierarchy) -> FloatArray:
    return h.direction[: h.n_leaves]


def goalposts(x: FloatArray, h: Hierarchy, lo: float, hi: float) -> FloatArray:
    """clip((x−low)/(high−low), 0, 1), or clip((high−x)/(high−low), 0, 1) for d = −1; scaled.

    Equal to COINr's `n_goalposts(trunc2posts = TRUE)` applied to x·d with flipped posts.
    """
    low, high = _leaf_param(h, "low"), _leaf_param(h, "high")
    bad = ~(high > low)
    if bad.any():
        code = h.leaf_codes[int(np.argmax(bad))]
        raise ScoringError(f"leaf {code!r}: goalposts normalisation needs low < high", code)
    d = _direction(h)
    # x·d − (low or −high) is x − low for d = +1 and high − x for d = −1, both exact
    y = x * d
    y -= np.where(d > 0, low, -high)
    y /= high - low
    return _scale(_clip01(y), lo, hi)


def minmax(x: FloatArray, h: Hierarchy, lo: float, hi: float) -> FloatArray:
    """COINr `n_minmax`: (y − min)/(max − min)·(u − l) + l with y = x·d; constant column → NaN."""
    y = x * _direction(h)
    # fmin skips NaN (a NaN initial is the identity) without the all-NaN warning of nanmin
    mn = np.fmin.reduce(y, axis=0, initial=np.nan)
    mx = np.fmax.reduce(y, axis=0, initial=np.nan)
    out: FloatArray = (y - mn) / (mx - mn) * (hi - lo) + lo
    return out


def zscore(x: FloatArray, h: Hierarchy, lo: float, hi: float) -> FloatArray:
    """COINr `n_zscore`: (y − mean)/sd·m_sd[2] + m_sd[1], y = x·d, sample sd (n − 1).

    Fewer than two values or a constant column → NaN (R's sd is NA / 0 there).
    """
    y = x * _direction(h)
    present = ~np.isnan(y)
    n = present.sum(axis=0)
    mean = np.where(present, y, 0.0).sum(axis=0) / n
    dev = np.where(present, y - mean, 0.0)
    sd = np.sqrt((dev * dev).sum(axis=0) / (n - 1))
    out: FloatArray = (y - mean) / sd * hi + lo
    return out


def rank(x: FloatArray, h: Hierarchy, lo: float, hi: float) -> FloatArray:
    """Average ranks of y = x·d (1 = lowest), scaled linearly from 1..n onto [lo, hi].

    Ties share their average rank, so an all-tied column sits at the midpoint; one unit → NaN.
    """
    y = x * _direction(h)
    r = column_ranks(y, ties="average")
    n = (~np.isnan(y)).sum(axis=0)
    return _scale((r - 1.0) / (n - 1), lo, hi)


def percentile(x: FloatArray, h: Hierarchy, lo: float, hi: float) -> FloatArray:
    """COINr `n_prank`: (min rank of y − 1)/(n − 1), the share of other units strictly below.

    Scaled onto [lo, hi]; an all-tied column gives lo, one unit → NaN (0/0, as in COINr).
    """
    y = x * _direction(h)
    r = column_ranks(y, ties="min")
    n = (~np.isnan(y)).sum(axis=0)
    return _scale((r - 1.0) / (n - 1), lo, hi)


def target(x: FloatArray, h: Hierarchy, lo: float, hi: float) -> FloatArray:
    """Distance to target: clip((x − low)/(target − low), 0, 1) for d = +1,
    clip((high − x)/(high − target), 0, 1) for d = −1; scaled onto [lo, hi].

    Reaching the target scores the top of the range, the worse goalpost the bottom.
    Needs the target and the worse goalpost (low for d = +1, high for d = −1) on every leaf.
    """
    d = _direction(h)
    tgt = _leaf_param(h, "target")
    worse = np.where(d > 0, _leaf_param(h, "low"), _leaf_param(h, "high"))
    bad = ~((tgt - worse) * d > 0)  # target must lie on the good side of the worse goalpost
    if bad.any():
        code = h.leaf_codes[int(np.argmax(bad))]
        raise ScoringError(
            f"leaf {code!r}: target normalisation needs a target beyond the worse goalpost "
            "(low < target for direction +1, target < high for direction −1)",
            code,
        )
    y = (x - worse) / (tgt - worse)
    return _scale(_clip01(y), lo, hi)


def _leaf_param(h: Hierarchy, name: Literal["low", "high", "target"]) -> FloatArray:
    values: FloatArray = getattr(h, name)
    return values[: h.n_leaves]


def _clip01(y: FloatArray) -> FloatArray:
    """Clip to [0, 1] in place, NaN kept (np.clip is several times slower on small arrays)."""
    np.maximum(y, 0.0, out=y)
    np.minimum(y, 1.0, out=y)
    return y


def _scale(unit: FloatArray, lo: float, hi: float) -> FloatArray:
    if lo == 0.0 and hi == 1.0:  # the default: skip two array passes
        return unit
    return unit * (hi - lo) + lo


_METHODS: dict[str, Normaliser] = {
    "goalposts": goalposts,
    "minmax": minmax,
    "zscore": zscore,
    "rank": rank,
    "percentile": percentile,
    "target": target,
}
