"""Variance-based sensitivity of the ranks to each assumption (Saltelli design).

The output studied is the mean absolute rank shift of a sample against the nominal ranks,
y = mean over units |rank − nominal rank| (COINr's `get_sensitivity` with
`SA_type = "SA"`). Inputs are one uniform variable per active assumption (see
`scoring.uncertainty`), mapped to an option by ⌊u·m⌋ (weights: one of the noisy weight
sets). As COINr's `SA_sample` / `SA_estimate`: matrices A and B (N × k), and A_B^(i) = A with
column i from B, so N(k + 2) runs; V = var(y_A ∪ y_B) (sample variance);
  first order   S_i  = mean(y_B · (y_AB^i − y_A)) / V          (Saltelli 2010)
  total order   ST_i = mean((y_A − y_AB^i)²) / (2V)             (Jansen 1999)
and bootstrap intervals: the N rows resampled with replacement, 5th and 95th percentiles.
The rank statistics of the result come from the 2N independent runs of A and B.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.batch import ranks_batch
from scoring.hierarchy import FloatArray, Hierarchy, IntArray, ScoringError
from scoring.pipeline import ScoringSettings
from scoring.prepare import DataSteps, UnitData
from scoring.progress import CancelFn, ProgressFn, Ticker
from scoring.uncertainty import (
    Model,
    UncertaintyResult,
    UncertaintySpec,
    build_model,
    configure,
    evaluate,
    nominal_config,
    summarise,
)


@dataclass(frozen=True, eq=False)  # holds arrays
class SensitivityResult:
    """First-order and total indices per assumption, with bootstrap 5–95 % intervals."""

    assumptions: tuple[str, ...]
    first_order: FloatArray
    total: FloatArray
    first_q5: FloatArray
    first_q95: FloatArray
    total_q5: FloatArray
    total_q95: FloatArray
    variance: float  # of the output over A ∪ B
    samples: int  # N, rows of A
    output: FloatArray  # y of all N(k + 2) runs: A, B, then A_B^1 … A_B^k
    uncertainty: UncertaintyResult  # rank statistics from the runs of A and B

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "Si": self.first_order,
                "Si_q5": self.first_q5,
                "Si_q95": self.first_q95,
                "STi": self.total,
                "STi_q5": self.total_q5,
                "STi_q95": self.total_q95,
            },
            index=pd.Index(self.assumptions, name="Assumption"),
        )


def saltelli_matrices(n: int, k: int, rng: np.random.Generator) -> FloatArray:
    """The N(k + 2) × k input sample: A, B, then A with column i from B for each i."""
    a, b = rng.random((n, k)), rng.random((n, k))
    blocks = [a, b]
    for i in range(k):
        ab = a.copy()
        ab[:, i] = b[:, i]
        blocks.append(ab)
    return np.vstack(blocks)


def sobol_indices(y: FloatArray, n: int, k: int) -> tuple[FloatArray, FloatArray, float]:
    """(S_i, ST_i, V) from outputs ordered as `saltelli_matrices` orders the runs."""
    y_a, y_b, y_ab = _split(y, n, k)
    var = float(np.var(np.concatenate([y_a, y_b]), ddof=1))
    if not var > 0:
        return np.zeros(k), np.zeros(k), var
    first = (y_b[:, None] * (y_ab - y_a[:, None])).mean(axis=0) / var
    total = ((y_a[:, None] - y_ab) ** 2).mean(axis=0) / (2.0 * var)
    return first, total, var


def bootstrap_intervals(
    y: FloatArray, n: int, k: int, draws: int, rng: np.random.Generator
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """5th and 95th percentiles of S_i and ST_i over `draws` resamples of the N rows.

    As COINr's `SA_estimate`: the variance is not re-estimated per draw.
    """
    y_a, y_b, y_ab = _split(y, n, k)
    var = float(np.var(np.concatenate([y_a, y_b]), ddof=1))
    if draws < 1 or not var > 0:
        nan = np.full(k, np.nan)
        return nan, nan, nan, nan
    first_terms = y_b[:, None] * (y_ab - y_a[:, None])  # N × k
    total_terms = (y_a[:, None] - y_ab) ** 2
    rows = rng.integers(0, n, size=(draws, n))
    # how often each row is drawn, per draw: the resampled means become one product
    picks = np.bincount((rows + n * np.arange(draws)[:, None]).ravel(), minlength=draws * n)
    counts = picks.reshape(draws, n).astype(np.float64)
    first = counts @ first_terms / (n * var)  # draws × k
    total = counts @ total_terms / (2.0 * n * var)
    q_first = np.quantile(first, [0.05, 0.95], axis=0)
    q_total = np.quantile(total, [0.05, 0.95], axis=0)
    return q_first[0], q_first[1], q_total[0], q_total[1]


def _split(y: FloatArray, n: int, k: int) -> tuple[FloatArray, FloatArray, FloatArray]:
    if y.size != n * (k + 2):
        raise ValueError(f"expected N(k + 2) = {n * (k + 2)} outputs, got {y.size}")
    return y[:n], y[n : 2 * n], y[2 * n :].reshape(k, n).T


def rank_shift(ranks: FloatArray, nominal: FloatArray) -> FloatArray:
    """Mean absolute rank change per sample (rows), over the units ranked in both."""
    diff = np.abs(ranks - nominal[None, :])
    present = ~np.isnan(diff)
    with np.errstate(invalid="ignore", divide="ignore"):
        out: FloatArray = np.where(present, diff, 0.0).sum(axis=1) / present.sum(axis=1)
    return out


def _design(model: Model, u: FloatArray) -> IntArray:
    counts = np.array([model.n_options[a] for a in model.assumptions])
    idx: IntArray = np.minimum((u * counts).astype(np.int64), counts - 1)
    return idx


def run_sensitivity(
    h: Hierarchy,
    data: UnitData,
    settings: ScoringSettings,
    steps: DataSteps,
    spec: UncertaintySpec,
    bootstrap: int = 1000,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> SensitivityResult:
    """Sensitivity indices of the mean absolute rank shift to each active assumption.

    `spec.samples` is N, the rows of A: the model runs N(k + 2) times.
    """
    rng = np.random.default_rng(spec.seed)
    model = build_model(h, data, settings, steps, spec, rng)
    k, n = len(model.assumptions), spec.samples
    if k == 0:
        raise ScoringError("nothing varies: choose at least one assumption to vary")
    ticker = Ticker(n * (k + 2), progress, cancelled)
    ticker.check()
    design = _design(model, saltelli_matrices(n, k, rng))
    index = evaluate(model, configure(model, design), ticker)
    nominal = evaluate(model, nominal_config(model))[0]
    ua = summarise(model, design[: 2 * n], index[: 2 * n], nominal)
    y = rank_shift(np.vstack([ua.ranks, ranks_batch(index[2 * n :])]), ua.nominal_rank)
    first, total, var = sobol_indices(y, n, k)
    f5, f95, t5, t95 = bootstrap_intervals(y, n, k, bootstrap, rng)
    ticker.finish()
    return SensitivityResult(model.assumptions, first, total, f5, f95, t5, t95, var, n, y, ua)
