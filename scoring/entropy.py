"""The entropy-weight method (熵权法): weights from how much each indicator varies.

For indicator j over the n units that have a value:
  z_ij = (x_ij − min_j)/(max_j − min_j), or (max_j − x_ij)/(max_j − min_j) for direction −1,
  z_ij ← z_ij + shift                           (optional, to keep p_ij > 0; 0 by default)
  p_ij = z_ij / Σ_i z_ij
  e_j  = −(1/ln n_j) Σ_i p_ij ln p_ij            (0·ln 0 = 0; n_j = units with a value)
  d_j  = 1 − e_j,  w_j = d_j / Σ_k d_k.
Missing values are left out column by column (so n_j may differ between indicators). A
column that cannot be standardised (constant, or fewer than two values) carries no
information: e_j = 1, d_j = 0, weight 0. If no column carries information there are no
entropy weights (EntropyError).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring.hierarchy import FloatArray

CombineMethod = Literal["multiplicative", "linear"]


class EntropyError(ValueError):
    """Entropy weights cannot be computed for this data; the message says why."""


@dataclass(frozen=True, eq=False)  # holds arrays
class EntropyResult:
    """Per indicator (in the given column order): entropy, divergence, weight and count."""

    codes: tuple[str, ...]
    entropy: FloatArray  # e_j
    divergence: FloatArray  # d_j = 1 − e_j
    weights: FloatArray  # sum 1
    n: npt.NDArray[np.int64]  # units with a value
    shift: float  # added to the standardised values before p_ij

    def weight_map(self) -> dict[str, float]:
        return dict(zip(self.codes, (float(w) for w in self.weights), strict=True))

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "n": self.n,
                "Entropy": self.entropy,
                "Divergence": self.divergence,
                "Weight": self.weights,
            },
            index=pd.Index(self.codes, name="iCode"),
        )

    def options(self) -> dict[str, object]:
        """The choices behind these weights, for the record."""
        return {
            "method": "entropy",
            "standardise": "minmax by direction",
            "shift": self.shift,
            "missing": "left out per indicator",
        }


def standardise(x: FloatArray, direction: npt.ArrayLike) -> FloatArray:
    """Min-max to [0, 1] per column respecting direction; NaN stays NaN, 0/0 → NaN."""
    d = np.asarray(direction, dtype=np.float64)
    lo = np.fmin.reduce(x, axis=0, initial=np.nan)
    hi = np.fmax.reduce(x, axis=0, initial=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        up = (x - lo) / (hi - lo)
    out: FloatArray = np.where(d > 0, up, 1.0 - up)
    return out


def entropy_weights(
    x: npt.ArrayLike,
    direction: npt.ArrayLike | None = None,
    codes: Sequence[str] = (),
    shift: float = 0.0,
) -> EntropyResult:
    """Entropy weights of the columns of `x` (units × indicators, NaN = missing)."""
    a = np.asarray(x, dtype=np.float64)
    if a.ndim != 2:
        raise EntropyError(f"values must be units × indicators, got shape {a.shape}")
    k = a.shape[1]
    names = tuple(codes) or tuple(str(j + 1) for j in range(k))
    if len(names) != k:
        raise EntropyError(f"{len(names)} codes for {k} indicators")
    if not (np.isfinite(shift) and shift >= 0):
        raise EntropyError("shift must be a number >= 0")
    d = np.ones(k) if direction is None else np.asarray(direction, dtype=np.float64)
    z = standardise(a, d) + shift
    e = _entropy(z)
    n = (~np.isnan(a)).sum(axis=0).astype(np.int64)
    div = 1.0 - e
    total = div.sum()
    if not total > 0:
        raise EntropyError("no indicator varies across the units: entropy weights undefined")
    return EntropyResult(names, e, div, div / total, n, float(shift))


def _entropy(z: FloatArray) -> FloatArray:
    present = ~np.isnan(z)
    n = present.sum(axis=0)
    total = np.where(present, z, 0.0).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(present, z, 0.0) / total
        plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)  # 0·ln 0 = 0
        e = -plogp.sum(axis=0) / np.log(n)
    # a column without information (constant, < 2 values, all zero) has e = 1, d = 0
    e = np.where((n >= 2) & (total > 0) & np.isfinite(e), e, 1.0)
    out: FloatArray = np.clip(e, 0.0, 1.0)
    return out


def combine_weights(
    ahp: npt.ArrayLike,
    entropy: npt.ArrayLike,
    method: CombineMethod = "multiplicative",
    share: float = 0.5,
) -> FloatArray:
    """Subjective (AHP) and objective (entropy) weights together, summing to 1.

    multiplicative: w_j = a_j·e_j / Σ a_k·e_k; linear: w_j = share·a_j + (1 − share)·e_j
    with both sets normalised first (`share` is AHP's share).
    """
    a, e = _unit_sum(ahp, "AHP"), _unit_sum(entropy, "entropy")
    if a.shape != e.shape:
        raise EntropyError(f"{a.size} AHP weights but {e.size} entropy weights")
    if method == "multiplicative":
        product = a * e
        if not product.sum() > 0:
            raise EntropyError("the two weight sets have no indicator in common above 0")
        out: FloatArray = product / product.sum()
        return out
    if method == "linear":
        if not 0.0 <= share <= 1.0:
            raise EntropyError("share must be between 0 and 1")
        return share * a + (1.0 - share) * e
    raise EntropyError(f"unknown combination {method!r}")


def _unit_sum(w: npt.ArrayLike, what: str) -> FloatArray:
    a = np.asarray(w, dtype=np.float64)
    if a.ndim != 1 or not np.isfinite(a).all() or (a < 0).any() or not a.sum() > 0:
        raise EntropyError(f"{what} weights must be numbers >= 0 with a positive sum")
    out: FloatArray = a / a.sum()
    return out
