"""The scoring pipeline: settings, `score()` and its result.

`score()` runs normalise → aggregate every level → rank → tiers → statistics on plain numpy
arrays; pandas appears only in `ScoreResult.frame()`. Per-tree index work is compiled once
and cached on the Hierarchy (`Hierarchy.levels`), so repeated scoring of one tree is cheap.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache
from itertools import pairwise
from typing import Any, Literal, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring.aggregate import AggregateMethod, aggregate
from scoring.hierarchy import FloatArray, Hierarchy, IntArray, ScoringError
from scoring.normalise import NormaliseMethod, normalise
from scoring.ranking import rank_desc, tiers_by_share, tiers_by_threshold
from scoring.stats import NodeStats, node_stats

__all__ = [
    "AggregateMethod",
    "NodeStats",
    "NormaliseMethod",
    "ReconcileMethod",
    "ScoreResult",
    "ScoringError",
    "ScoringSettings",
    "TierRule",
    "score",
]

ReconcileMethod = Literal["mean", "latest", "channel_priority"]
TierKind = Literal["shares", "thresholds"]
DEFAULT_CHANNELS = ("统计数据", "实地调研", "网络采样", "电话访谈", "问卷调查")


@lru_cache(maxsize=8)
def _default_codes(n: int) -> tuple[str, ...]:
    return tuple(f"U{i + 1}" for i in range(n))


# --- validation (defined before the dataclasses: DEFAULT_SETTINGS is built at import) ------


def _check_tiers(rule: TierRule) -> None:
    if rule.kind not in get_args(TierKind):
        raise ValueError(f"tiers.kind must be one of {get_args(TierKind)}, got {rule.kind!r}")
    if not rule.labels or not all(isinstance(s, str) and s for s in rule.labels):
        raise ValueError("tiers.labels must be non-empty strings")
    if not all(_is_real(v) for v in rule.values):
        raise ValueError("tiers.values must be finite numbers")
    if rule.kind == "shares":
        if len(rule.values) != len(rule.labels) or min(rule.values) < 0:
            raise ValueError("tiers.values: one share >= 0 per label")
        if abs(sum(rule.values) - 1.0) > 1e-9:
            raise ValueError(f"tiers.values: shares must sum to 1, got {sum(rule.values)}")
    else:
        if len(rule.values) != len(rule.labels) - 1:
            raise ValueError("tiers.values: thresholds need len(labels) - 1 values")
        if any(a <= b for a, b in pairwise(rule.values)):
            raise ValueError("tiers.values: thresholds must be strictly descending")


def _check_settings(s: ScoringSettings) -> None:
    _check_choice("normalise", s.normalise, get_args(NormaliseMethod))
    _check_choice("aggregate", s.aggregate, get_args(AggregateMethod))
    _check_choice("reconcile", s.reconcile, get_args(ReconcileMethod))
    lo, hi = s.out_range if len(s.out_range) == 2 else (math.nan, math.nan)
    if not (_is_real(lo) and _is_real(hi)):
        raise ValueError("out_range must be two finite numbers")
    if s.normalise == "zscore" and not hi > 0:
        raise ValueError("out_range: for zscore it is (mean, sd) and sd must be > 0")
    if s.normalise != "zscore" and not lo < hi:
        raise ValueError("out_range must be (low, high) with low < high")
    if not (_is_real(s.min_coverage) and 0.0 <= s.min_coverage <= 1.0):
        raise ValueError("min_coverage must be a number between 0 and 1")
    if not (_is_real(s.discrepancy_share) and s.discrepancy_share >= 0.0):
        raise ValueError("discrepancy_share must be a number >= 0")
    if not isinstance(s.tiers, TierRule):
        raise ValueError("tiers must be a TierRule")
    channels = s.channel_priority
    if not all(isinstance(c, str) and c for c in channels) or len(set(channels)) != len(channels):
        raise ValueError("channel_priority must be distinct non-empty strings")


def _check_choice(key: str, value: object, allowed: tuple[object, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{key} must be one of {allowed}, got {value!r}")


def _is_real(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


# --- from_dict parsers: JSON lists back to tuples, each error names its key -------------------


def _identity(key: str, value: object) -> object:
    return value


def _as_tuple(key: str, value: object) -> tuple[Any, ...]:
    if not isinstance(value, list | tuple):
        raise ValueError(f"{key} must be a list, got {type(value).__name__}")
    return tuple(value)


def _as_numbers(key: str, value: object) -> tuple[Any, ...]:
    """A list whose real numbers become floats (JSON may give 0 for 0.0); the rest is left
    for validation to reject with the key's name."""
    return tuple(float(v) if _is_real(v) else v for v in _as_tuple(key, value))


def _as_tiers(key: str, value: object) -> TierRule:
    if isinstance(value, TierRule):
        return value
    if not isinstance(value, Mapping):
        raise ValueError(f"{key} must be an object with kind, values, labels")
    unknown = sorted(set(value) - {"kind", "values", "labels"})
    if unknown:
        raise ValueError(f"unknown scoring setting '{key}.{unknown[0]}'")
    parse = {"kind": _identity, "values": _as_numbers, "labels": _as_tuple}
    kwargs: dict[str, Any] = {k: parse[k](f"{key}.{k}", v) for k, v in value.items()}
    return TierRule(**kwargs)


_PARSERS: dict[str, Callable[[str, object], object]] = {
    "out_range": _as_numbers,
    "channel_priority": _as_tuple,
    "tiers": _as_tiers,
}


@dataclass(frozen=True)
class TierRule:
    """Tiers by rank share (`values` sum to 1, one per label) or by descending score
    thresholds (`values` has len(labels) − 1 entries; a score ≥ values[0] is tier 0)."""

    kind: TierKind = "shares"
    values: tuple[float, ...] = (0.16, 0.34, 0.50)
    labels: tuple[str, ...] = ("领军", "先锋", "探索")

    def __post_init__(self) -> None:
        _check_tiers(self)


@dataclass(frozen=True)
class ScoringSettings:
    """Every scoring choice of a campaign; validated on construction (ValueError names the key)."""

    normalise: NormaliseMethod = "goalposts"
    out_range: tuple[float, float] = (0.0, 1.0)  # for zscore: (mean, sd), COINr's m_sd
    aggregate: AggregateMethod = "arithmetic"
    min_coverage: float = 0.0  # minimum share of sibling weight present
    tiers: TierRule = field(default_factory=TierRule)
    reconcile: ReconcileMethod = "mean"
    discrepancy_share: float = 0.10  # of the goalposts' range
    channel_priority: tuple[str, ...] = DEFAULT_CHANNELS

    def __post_init__(self) -> None:
        _check_settings(self)

    def to_dict(self) -> dict[str, object]:
        """JSON-safe dict (tuples become lists, the tier rule a nested dict)."""
        out: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, TierRule):
                value = {
                    "kind": value.kind,
                    "values": list(value.values),
                    "labels": list(value.labels),
                }
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, object]) -> ScoringSettings:
        """Inverse of `to_dict`; missing keys take defaults, unknown or bad keys raise."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(d) - known)
        if unknown:
            raise ValueError(f"unknown scoring setting {unknown[0]!r}")
        kwargs: dict[str, Any] = {}
        for key, value in d.items():
            kwargs[key] = _PARSERS.get(key, _identity)(key, value)
        return cls(**kwargs)


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields explicitly
class ScoreResult:
    """Scores of every unit on every node, ranks, tiers and node statistics.

    `scores`: units × nodes, column order = hierarchy.codes (leaves normalised, aggregates
    aggregated), NaN = missing. `ranks`: units × aggregates (column order =
    hierarchy.aggregate_codes), float with NaN. `rank`: the root's column of `ranks`.
    `tier`: index into settings.tiers.labels, −1 when the unit has no index score.
    """

    hierarchy: Hierarchy
    unit_codes: tuple[str, ...]
    scores: FloatArray
    ranks: FloatArray
    rank: FloatArray
    tier: IntArray
    stats: NodeStats
    settings: ScoringSettings

    @property
    def index(self) -> FloatArray:
        """The root (index) score per unit."""
        return self.scores[:, self.hierarchy.root]

    def tier_labels(self) -> list[str | None]:
        labels = self.settings.tiers.labels
        return [labels[t] if t >= 0 else None for t in self.tier.tolist()]

    def frame(self) -> pd.DataFrame:
        """Scores as a DataFrame: index = unit codes ("uCode"), columns = node codes."""
        return pd.DataFrame(
            self.scores,
            index=pd.Index(self.unit_codes, name="uCode"),
            columns=pd.Index(self.hierarchy.codes),
        )


DEFAULT_SETTINGS = ScoringSettings()


def score(
    h: Hierarchy,
    values: npt.ArrayLike,
    settings: ScoringSettings = DEFAULT_SETTINGS,
    unit_codes: Sequence[str] | None = None,
) -> ScoreResult:
    """Score `values` (units × h.leaf_codes raw values, NaN = missing) on tree `h`."""
    x = np.asarray(values, dtype=np.float64)
    units = _check_input(h, x, unit_codes)
    leaf = normalise(x, h, settings.normalise, settings.out_range)
    scores = aggregate(h, leaf, settings.aggregate, settings.min_coverage, units)
    ranks = rank_desc(scores[:, h.n_leaves :])
    root_rank = rank_desc(scores[:, h.root]) if h.n_leaves == len(h.codes) else ranks[:, -1]
    rule = settings.tiers
    if rule.kind == "shares":
        tier = tiers_by_share(root_rank, rule.values)
    else:
        tier = tiers_by_threshold(scores[:, h.root], rule.values)
    return ScoreResult(
        hierarchy=h,
        unit_codes=units,
        scores=scores,
        ranks=ranks,
        rank=root_rank,
        tier=tier,
        stats=node_stats(scores),
        settings=settings,
    )


def _check_input(h: Hierarchy, x: FloatArray, codes: Sequence[str] | None) -> tuple[str, ...]:
    """Validate the values' shape and finiteness and the unit codes; return the codes."""
    if x.ndim != 2 or x.shape[1] != h.n_leaves:
        raise ScoringError(f"values must be units × {h.n_leaves} leaves, got shape {x.shape}")
    units = _default_codes(x.shape[0]) if codes is None else tuple(codes)
    if len(units) != x.shape[0]:
        raise ScoringError(f"{len(units)} unit codes for {x.shape[0]} rows of values")
    if codes is not None and len(set(units)) != len(units):
        raise ScoringError("unit codes must be unique")
    infinite = np.isinf(x)
    if infinite.any():
        unit, leaf = (int(i) for i in np.argwhere(infinite)[0])
        code = h.codes[leaf]
        raise ScoringError(
            f"node {code!r}, unit {units[unit]!r}: value is infinite", code, units[unit]
        )
    return units
