"""Statistical audit: indicator statistics and flags, correlations, Cronbach's alpha.

Flags follow COINr's `get_stats` defaults: availability < 0.65, share of non-zero values
< 0.5 ("many zeros"), share of distinct values < 0.5 ("few distinct"), and the outlier flag
|skew| > 2 AND kurtosis > 3.5 (bias-corrected skew and excess kurtosis, as pandas computes
them). Correlations are pairwise-complete Pearson and Spearman (pandas' `DataFrame.corr`);
a pair is flagged redundant above 0.9 when both nodes are at the same height, and a node is
flagged when it correlates negatively with its parent. Cronbach's alpha of a node uses its
children's scores over the units that have all of them (listwise), sample variances.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring.hierarchy import BoolArray, FloatArray, Hierarchy, IntArray
from scoring.ranking import column_ranks
from scoring.treatment import skew_kurt

CorrMethod = Literal["pearson", "spearman"]


@dataclass(frozen=True)
class AuditThresholds:
    availability: float = 0.65
    nonzero: float = 0.5
    unique: float = 0.5
    skew: float = 2.0
    kurt: float = 3.5
    redundant: float = 0.9


_STAT_COLUMNS = ("n", "missing", "mean", "sd", "min", "max", "skew", "kurt", "zeros", "unique")
_FLAG_COLUMNS = ("low_availability", "many_zeros", "few_distinct", "outlier")


@dataclass(frozen=True, eq=False)  # holds arrays
class IndicatorAudit:
    """Per column: counts, moments and flags (True = flagged)."""

    codes: tuple[str, ...]
    n: IntArray
    missing: FloatArray  # share missing
    mean: FloatArray
    sd: FloatArray  # sample sd (n − 1)
    min: FloatArray
    max: FloatArray
    skew: FloatArray
    kurt: FloatArray
    zeros: FloatArray  # share of zeros among the values present
    unique: FloatArray  # share of distinct values among the values present
    low_availability: BoolArray
    many_zeros: BoolArray
    few_distinct: BoolArray
    outlier: BoolArray

    def frame(self) -> pd.DataFrame:
        columns = [*_STAT_COLUMNS, *_FLAG_COLUMNS]
        return pd.DataFrame(
            {c: getattr(self, c) for c in columns}, index=pd.Index(self.codes, name="iCode")
        )


def indicator_audit(
    x: npt.ArrayLike, codes: Sequence[str], t: AuditThresholds | None = None
) -> IndicatorAudit:
    """Statistics and flags of every column of `x` (units × indicators, NaN = missing)."""
    t = t or AuditThresholds()
    a = np.asarray(x, dtype=np.float64)
    present = ~np.isnan(a)
    n = present.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(present, a, 0.0).sum(axis=0) / n
        dev = np.where(present, a - mean, 0.0)
        sd = np.sqrt((dev * dev).sum(axis=0) / (n - 1))
        zeros = (present & (a == 0)).sum(axis=0) / n
        unique = np.array([np.unique(a[present[:, j], j]).size for j in range(a.shape[1])]) / n
    sd[n < 2] = np.nan
    skew, kurt = skew_kurt(a)
    availability = n / a.shape[0] if a.shape[0] else np.zeros(a.shape[1])
    return IndicatorAudit(
        codes=tuple(codes),
        n=n.astype(np.int64),
        missing=1.0 - availability,
        mean=mean,
        sd=sd,
        min=np.fmin.reduce(a, axis=0, initial=np.nan),
        max=np.fmax.reduce(a, axis=0, initial=np.nan),
        skew=skew,
        kurt=kurt,
        zeros=zeros,
        unique=unique,
        low_availability=availability < t.availability,
        many_zeros=(1.0 - zeros) < t.nonzero,
        few_distinct=unique < t.unique,
        outlier=(np.abs(skew) > t.skew) & (kurt > t.kurt),
    )


def correlation_matrix(x: npt.ArrayLike, method: CorrMethod = "pearson") -> FloatArray:
    """Pairwise-complete correlations of the columns of `x`, like pandas' `corr`.

    Spearman ranks each pair over the rows both have (as pandas does), so missing values
    cost a loop over pairs; without missing values it is one matrix product.
    """
    a = np.asarray(x, dtype=np.float64)
    present = ~np.isnan(a)
    if present.all():
        b = column_ranks(a, "average") if method == "spearman" else a
        return _complete_corr(b)
    k = a.shape[1]
    out = np.full((k, k), np.nan)
    for i in range(k):
        for j in range(i, k):
            both = present[:, i] & present[:, j]
            out[i, j] = out[j, i] = _pair(a[both, i], a[both, j], method)
    return out


def _complete_corr(b: FloatArray) -> FloatArray:
    dev = b - b.mean(axis=0)
    ss = np.sqrt((dev * dev).sum(axis=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = (dev.T @ dev) / np.outer(ss, ss)
    np.fill_diagonal(r, np.where(ss > 0, 1.0, np.nan))
    out: FloatArray = np.clip(r, -1.0, 1.0)
    return out


def _pair(u: FloatArray, v: FloatArray, method: CorrMethod) -> float:
    if u.size < 2:
        return float("nan")
    if method == "spearman":
        u, v = column_ranks(u, "average"), column_ranks(v, "average")
    du, dv = u - u.mean(), v - v.mean()
    denom = np.sqrt((du * du).sum() * (dv * dv).sum())
    return float(np.clip((du * dv).sum() / denom, -1, 1)) if denom > 0 else float("nan")


@dataclass(frozen=True, eq=False)
class CorrelationAudit:
    """Correlations between all nodes (h.codes order) and the pairs flagged."""

    codes: tuple[str, ...]
    method: CorrMethod
    matrix: FloatArray
    redundant: tuple[tuple[str, str, float], ...]  # same height, r > threshold
    negative_with_parent: tuple[tuple[str, str, float], ...]  # (node, parent, r)

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.matrix, index=list(self.codes), columns=list(self.codes))

    def flags_frame(self) -> pd.DataFrame:
        rows = [(a, b, r, "redundant") for a, b, r in self.redundant]
        rows += [(a, b, r, "negative with parent") for a, b, r in self.negative_with_parent]
        return pd.DataFrame(rows, columns=["A", "B", "r", "Flag"])


def correlation_audit(
    h: Hierarchy,
    scores: npt.ArrayLike,
    method: CorrMethod = "pearson",
    threshold: float = 0.9,
) -> CorrelationAudit:
    """Correlations of a ScoreResult's scores (units × h.codes) within and across levels."""
    r = correlation_matrix(scores, method)
    i, j = np.triu_indices(len(h.codes), k=1)
    same = (h.height[i] == h.height[j]) & (r[i, j] > threshold)
    redundant = tuple(
        (h.codes[a], h.codes[b], float(r[a, b])) for a, b in zip(i[same], j[same], strict=True)
    )
    child = np.flatnonzero(h.parent >= 0)
    neg = child[r[child, h.parent[child]] < 0]
    negative = tuple((h.codes[c], h.codes[h.parent[c]], float(r[c, h.parent[c]])) for c in neg)
    return CorrelationAudit(tuple(h.codes), method, r, redundant, negative)


def cronbach_alpha(items: npt.ArrayLike) -> float:
    """k/(k − 1)·(1 − Σ var_i / var_total) over the complete rows; NaN if undefined."""
    a = np.asarray(items, dtype=np.float64)
    a = a[~np.isnan(a).any(axis=1)]
    k = a.shape[1]
    if k < 2 or a.shape[0] < 2:
        return float("nan")
    total = a.sum(axis=1).var(ddof=1)
    if total == 0:
        return float("nan")
    return float(k / (k - 1) * (1.0 - a.var(axis=0, ddof=1).sum() / total))


def cronbach_by_node(h: Hierarchy, scores: npt.ArrayLike) -> dict[str, float]:
    """Cronbach's alpha of every aggregate over its children's scores."""
    a = np.asarray(scores, dtype=np.float64)
    return {
        h.codes[p]: cronbach_alpha(a[:, h.children(p)]) for p in range(h.n_leaves, len(h.codes))
    }


@dataclass(frozen=True, eq=False)
class AuditReport:
    """The whole statistical audit of one scoring run."""

    indicators: IndicatorAudit
    pearson: CorrelationAudit
    spearman: CorrelationAudit
    cronbach: dict[str, float]


def run_audit(
    h: Hierarchy,
    values: npt.ArrayLike,
    scores: npt.ArrayLike,
    thresholds: AuditThresholds | None = None,
) -> AuditReport:
    """Indicator statistics of `values` (units × h.leaf_codes, e.g. raw or treated data) and
    correlations and Cronbach's alpha of `scores` (a ScoreResult's units × h.codes)."""
    t = thresholds or AuditThresholds()
    return AuditReport(
        indicators=indicator_audit(values, h.leaf_codes, t),
        pearson=correlation_audit(h, scores, "pearson", t.redundant),
        spearman=correlation_audit(h, scores, "spearman", t.redundant),
        cronbach=cronbach_by_node(h, scores),
    )
