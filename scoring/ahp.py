"""AHP (层次分析法): weights from pairwise comparison matrices, consistency, several experts.

A judgement a_ij says how much more important criterion i is than j on Saaty's 1–9 scale
(1/9 … 9); the matrix is reciprocal (a_ji = 1/a_ij, a_ii = 1), so only the upper triangle is
entered (`matrix_from_upper`). Weights are the principal right eigenvector normalised to sum
1 (Saaty) or the normalised row geometric means (`method="geometric"`). λmax is the principal
eigenvalue for the eigenvector method and mean((A·w)_i / w_i) for the geometric-mean method
(they coincide for the eigenvector); CI = (λmax − n)/(n − 1), CR = CI/RI(n) with RI from a
named random-index table; n ≤ 2 is always consistent (RI = 0, CR = 0).

When CR ≥ 0.1 the judgement that contributes most to the inconsistency is the pair (i, j)
with the largest |ln(a_ij · w_j / w_i)|: the judgement furthest from the ratio w_i / w_j the
weights imply (Saaty's ε_ij), reported with that consistent value as the suggestion.
Several experts' matrices are combined element-wise by the geometric mean (Aczél–Saaty's
aggregation of individual judgements), which keeps the result reciprocal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring.hierarchy import FloatArray

AHPMethod = Literal["eigenvector", "geometric"]
CR_LIMIT = 0.1
SAATY_MIN, SAATY_MAX = 1.0 / 9.0, 9.0

#: Random consistency indices RI(n), index = n. Saaty (1980) as the issue gives it, n ≤ 10;
#: Alonso & Lamata (2006, Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems 14(4)),
#: n ≤ 15.
RANDOM_INDEX: dict[str, tuple[float, ...]] = {
    "saaty": (0.0, 0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49),
    "alonso-lamata": (
        0.0,
        0.0,
        0.0,
        0.5245,
        0.8815,
        1.1086,
        1.2479,
        1.3417,
        1.4056,
        1.4499,
        1.4854,
        1.5141,
        1.5365,
        1.5551,
        1.5713,
        1.5838,
    ),
}


class AHPError(ValueError):
    """A comparison matrix or option that AHP cannot work with; the message says why."""


@dataclass(frozen=True)
class Judgement:
    """The judgement a_ij (i < j) of a matrix and the consistent value w_i / w_j."""

    row: int
    column: int
    value: float
    consistent: float

    @property
    def error(self) -> float:
        """ln(a_ij · w_j / w_i): 0 when the judgement agrees with the weights."""
        return math.log(self.value / self.consistent)


@dataclass(frozen=True, eq=False)  # holds arrays
class AHPResult:
    """Weights and consistency of one comparison matrix (criteria in matrix order)."""

    matrix: FloatArray
    weights: FloatArray
    method: AHPMethod
    lambda_max: float
    ci: float
    ri: float
    cr: float
    ri_table: str
    worst: Judgement | None  # the most inconsistent judgement (None when n < 3)
    labels: tuple[str, ...] = ()

    @property
    def consistent(self) -> bool:
        """CR < 0.1 (Saaty's rule)."""
        return self.cr < CR_LIMIT

    @property
    def flagged(self) -> bool:
        return not self.consistent

    def weight_map(self) -> dict[str, float]:
        """Weights by label (labels default to "1", "2", …)."""
        labels = self.labels or tuple(str(i + 1) for i in range(len(self.weights)))
        return dict(zip(labels, (float(w) for w in self.weights), strict=True))

    def frame(self) -> pd.DataFrame:
        """The matrix with a Weight column; index and columns are the labels."""
        labels = list(self.labels or [str(i + 1) for i in range(len(self.weights))])
        out = pd.DataFrame(self.matrix, index=labels, columns=labels)
        out["Weight"] = self.weights
        return out

    def summary(self) -> dict[str, object]:
        """λmax, CI, RI, CR, the table and the worst judgement as plain data (for a log)."""
        worst = None
        if self.worst is not None:
            worst = {
                "row": self.worst.row,
                "column": self.worst.column,
                "value": self.worst.value,
                "consistent": self.worst.consistent,
            }
        return {
            "method": self.method,
            "lambda_max": self.lambda_max,
            "ci": self.ci,
            "ri": self.ri,
            "cr": self.cr,
            "ri_table": self.ri_table,
            "consistent": self.consistent,
            "worst": worst,
        }


def matrix_from_upper(upper: Sequence[float] | npt.ArrayLike, n: int) -> FloatArray:
    """The full reciprocal matrix from the upper triangle given row by row.

    `upper` holds a_12, a_13, …, a_1n, a_23, …, a_(n−1)n: n(n − 1)/2 judgements.
    """
    values = np.asarray(upper, dtype=np.float64).ravel()
    if values.size != n * (n - 1) // 2:
        raise AHPError(f"{n} criteria need {n * (n - 1) // 2} judgements, got {values.size}")
    a = np.ones((n, n))
    rows, cols = np.triu_indices(n, k=1)
    a[rows, cols] = values
    a[cols, rows] = 1.0 / values
    check_matrix(a)
    return a


def upper_of(matrix: npt.ArrayLike) -> FloatArray:
    """The upper triangle of a matrix, row by row (inverse of `matrix_from_upper`)."""
    a = np.asarray(matrix, dtype=np.float64)
    rows, cols = np.triu_indices(a.shape[0], k=1)
    return a[rows, cols]


def check_matrix(a: FloatArray, tolerance: float = 1e-9) -> None:
    """A square, positive, reciprocal matrix with judgements on Saaty's 1/9 … 9 scale."""
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise AHPError(f"a comparison matrix must be square, got shape {a.shape}")
    if not np.isfinite(a).all() or (a <= 0).any():
        raise AHPError("judgements must be positive numbers")
    low, high = SAATY_MIN * (1 - tolerance), SAATY_MAX * (1 + tolerance)
    outside = (a < low) | (a > high)
    if outside.any():
        i, j = (int(k) for k in np.argwhere(outside)[0])
        raise AHPError(f"judgement ({i + 1}, {j + 1}) = {a[i, j]:g} is outside 1/9 … 9")
    if not np.allclose(a * a.T, 1.0, rtol=tolerance, atol=0.0):
        raise AHPError("the matrix is not reciprocal (a_ji must be 1/a_ij, a_ii = 1)")


def random_index(n: int, table: str = "saaty") -> float:
    """RI(n) from a named table; AHPError when the table does not reach n."""
    values = RANDOM_INDEX.get(table)
    if values is None:
        raise AHPError(f"unknown random-index table {table!r}; known: {sorted(RANDOM_INDEX)}")
    if n >= len(values):
        longest = max(RANDOM_INDEX, key=lambda k: len(RANDOM_INDEX[k]))
        raise AHPError(
            f"the {table!r} random-index table stops at n = {len(values) - 1}, "
            f"got n = {n} (try {longest!r}, n ≤ {len(RANDOM_INDEX[longest]) - 1})"
        )
    return values[n]


def ahp_weights(
    matrix: npt.ArrayLike,
    method: AHPMethod = "eigenvector",
    ri_table: str = "saaty",
    labels: Sequence[str] = (),
) -> AHPResult:
    """Weights, λmax, CI, CR and the most inconsistent judgement of one matrix."""
    a = np.array(matrix, dtype=np.float64)
    check_matrix(a)
    n = a.shape[0]
    if labels and len(labels) != n:
        raise AHPError(f"{len(labels)} labels for {n} criteria")
    ri = random_index(n, ri_table)
    if method == "eigenvector":
        weights, lam = _principal(a)
    elif method == "geometric":
        weights = _row_geometric_means(a)
        lam = float(np.mean(a @ weights / weights))
    else:
        raise AHPError(f"unknown AHP method {method!r}")
    lam = max(lam, float(n))  # λmax ≥ n for reciprocal matrices; rounding may dip below
    ci = (lam - n) / (n - 1) if n > 1 else 0.0
    cr = ci / ri if ri > 0 else 0.0
    return AHPResult(
        matrix=a,
        weights=weights,
        method=method,
        lambda_max=lam,
        ci=ci,
        ri=ri,
        cr=cr,
        ri_table=ri_table,
        worst=_worst(a, weights) if n >= 3 else None,
        labels=tuple(labels),
    )


def _principal(a: FloatArray) -> tuple[FloatArray, float]:
    """Perron eigenvector (sum 1) and eigenvalue of a positive matrix."""
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    v = np.abs(vectors[:, k].real)
    return v / v.sum(), float(values[k].real)


def _row_geometric_means(a: FloatArray) -> FloatArray:
    g = np.exp(np.log(a).mean(axis=1))
    out: FloatArray = g / g.sum()
    return out


def _worst(a: FloatArray, w: FloatArray) -> Judgement:
    ratio = w[:, None] / w[None, :]
    error = np.abs(np.log(a / ratio))
    rows, cols = np.triu_indices(a.shape[0], k=1)
    k = int(np.argmax(error[rows, cols]))
    i, j = int(rows[k]), int(cols[k])
    return Judgement(i, j, float(a[i, j]), float(ratio[i, j]))


def combine_experts(matrices: Sequence[npt.ArrayLike]) -> FloatArray:
    """Element-wise geometric mean of several experts' matrices (a reciprocal matrix again)."""
    if not matrices:
        raise AHPError("no expert matrices to combine")
    arrays = [np.asarray(m, dtype=np.float64) for m in matrices]
    if len({m.shape for m in arrays}) != 1:
        raise AHPError("the experts' matrices must all have the same size")
    stack = np.array(arrays)
    for m in stack:
        check_matrix(m)
    combined: FloatArray = np.exp(np.log(stack).mean(axis=0))
    np.fill_diagonal(combined, 1.0)
    return combined


@dataclass(frozen=True)
class GroupAHP:
    """Several experts: each one's result and the result of the combined matrix."""

    experts: tuple[AHPResult, ...]
    combined: AHPResult


def ahp_group(
    matrices: Sequence[npt.ArrayLike],
    method: AHPMethod = "eigenvector",
    ri_table: str = "saaty",
    labels: Sequence[str] = (),
) -> GroupAHP:
    """Every expert's weights and CR, and those of their element-wise geometric mean."""
    experts = tuple(ahp_weights(m, method, ri_table, labels) for m in matrices)
    combined = ahp_weights(combine_experts(matrices), method, ri_table, labels)
    return GroupAHP(experts, combined)


def consistent_matrix(weights: npt.ArrayLike) -> FloatArray:
    """The perfectly consistent matrix a_ij = w_i / w_j of positive weights."""
    w = np.asarray(weights, dtype=np.float64)
    out: FloatArray = w[:, None] / w[None, :]
    return out
