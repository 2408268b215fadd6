"""Uncertainty analysis: Monte Carlo over the assumptions behind the index, all at once.

Assumptions (each optional): weights (every node's weight times 1 + U(−x, x), x per level,
as COINr's `get_noisy_weights`), the normalisation method, the aggregation method, the
imputation method, and leaving out one indicator (weight 0) or none. Every sample is a row
of option indices; the data variants (imputation × normalisation) are computed once, then
all samples are aggregated as arrays by `scoring.batch` in memory-bounded chunks (progress
and cancellation are checked between chunks), ranked and put into tiers per sample.

Units are screened once, on the nominal pipeline: every sample ranks the same units.
Quantiles of ranks are R's default (type 7, numpy's "linear").
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar, get_args

import numpy as np
import pandas as pd

from scoring.aggregate import AggregateMethod
from scoring.batch import (
    BatchLevel,
    aggregate_batch,
    batch_levels,
    ranks_batch,
    tier_shares,
    tiers_batch,
)
from scoring.hierarchy import FloatArray, Hierarchy, IntArray, ScoringError
from scoring.normalise import NormaliseMethod, normalise
from scoring.pipeline import ScoringSettings
from scoring.prepare import DataSteps, Prepared, UnitData, parse_impute, prepare
from scoring.progress import CancelFn, ProgressFn, Ticker

ASSUMPTIONS = ("weights", "normalise", "aggregate", "impute", "drop")
T = TypeVar("T", bound=str)


@dataclass(frozen=True)
class UncertaintySpec:
    """What varies and how many samples. Empty choice tuples keep the nominal method.

    `weight_noise` is one share for every level or {level: share} with COINr's levels
    (1 = indicators, the root's level is never perturbed). `ranges` overrides the output
    range per normalisation method (default: the settings' range; (0, 1) i.e. mean 0 and
    sd 1 for zscore unless zscore is the nominal method).
    """

    samples: int = 1000
    weight_noise: float | Mapping[int, float] = 0.0
    normalise: tuple[NormaliseMethod, ...] = ()
    aggregate: tuple[AggregateMethod, ...] = ()
    impute: tuple[str, ...] = ()
    drop_indicators: bool = False
    seed: int | None = None
    ranges: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    chunk_elements: int = 6_000_000  # samples × units × nodes per batch (≈ 48 MB)

    def __post_init__(self) -> None:
        if self.samples < 1:
            raise ValueError("samples must be >= 1")
        noise = self.weight_noise
        shares = noise.values() if isinstance(noise, Mapping) else [noise]
        if not all(0.0 <= s < 1.0 for s in shares):
            raise ValueError("weight noise must be a share in [0, 1)")
        for m in self.normalise:
            if m not in get_args(NormaliseMethod):
                raise ValueError(f"unknown normalisation method {m!r}")
        for a in self.aggregate:
            if a not in get_args(AggregateMethod):
                raise ValueError(f"unknown aggregation method {a!r}")
        for text in self.impute:
            parse_impute(text)

    def noise_of_level(self, level: int) -> float:
        noise = self.weight_noise
        return float(noise.get(level, 0.0)) if isinstance(noise, Mapping) else float(noise)


@dataclass(frozen=True, eq=False)  # holds arrays
class Model:
    """Everything computed once: data variants, option lists, weight pool, the nominal."""

    hierarchy: Hierarchy
    levels: tuple[BatchLevel, ...]
    unit_codes: tuple[str, ...]
    leaf: FloatArray  # variants × units × leaves (normalised)
    variant: IntArray  # impute option × normalise option → index into `leaf`
    options: dict[str, tuple[str, ...]]  # option labels per active assumption ("weights": ())
    n_options: dict[str, int]  # per active assumption (weights: the pool size)
    assumptions: tuple[str, ...]  # active ones, in ASSUMPTIONS order
    aggregate: tuple[AggregateMethod, ...]
    weights: FloatArray  # nominal weights per node
    pool: FloatArray  # noisy weight sets × nodes (one per sample)
    nominal: tuple[int, int, int]  # nominal impute, normalise and aggregate option
    settings: ScoringSettings
    prepared: Prepared
    chunk_elements: int


@dataclass(frozen=True, eq=False)
class Config:
    """Per sample: data variant, weights and aggregation option."""

    variant: IntArray
    weights: FloatArray
    aggregate: IntArray


def build_model(
    h: Hierarchy,
    data: UnitData,
    settings: ScoringSettings,
    steps: DataSteps,
    spec: UncertaintySpec,
    rng: np.random.Generator,
) -> Model:
    """Prepare the nominal data, every data variant and the pool of noisy weights."""
    prepared = prepare(data, steps)
    nominal_impute = steps.impute or "none"
    imputes = _unique([nominal_impute, *spec.impute])
    norms = _unique([settings.normalise, *spec.normalise])
    aggs = tuple(_unique([settings.aggregate, *spec.aggregate]))
    kept = data.subset(prepared.kept)
    leaf: list[FloatArray] = []
    variant = np.empty((len(imputes), len(norms)), dtype=np.int64)
    for i, method in enumerate(imputes):
        values = _variant_values(kept, steps, method, prepared, nominal_impute)
        for j, norm in enumerate(norms):
            variant[i, j] = len(leaf)
            leaf.append(normalise(values, h, norm, _range(norm, settings, spec)))
    stack = np.array(leaf)
    if "geometric" in aggs:
        _check_positive(stack, norms)
    options: dict[str, tuple[str, ...]] = {
        "weights": (),
        "normalise": tuple(norms),
        "aggregate": aggs,
        "impute": tuple(imputes),
        "drop": ("none", *h.leaf_codes),
    }
    counts = {a: len(o) for a, o in options.items()} | {"weights": spec.samples}
    active = _active(spec, counts)
    return Model(
        hierarchy=h,
        levels=batch_levels(h),
        unit_codes=prepared.codes,
        leaf=stack,
        variant=variant,
        options={a: options[a] for a in active},
        n_options={a: counts[a] for a in active},
        assumptions=active,
        aggregate=aggs,
        weights=h.weight.copy(),
        pool=_weight_pool(h, spec, rng) if "weights" in active else h.weight[None, :],
        nominal=(0, 0, 0),
        settings=settings,
        prepared=prepared,
        chunk_elements=spec.chunk_elements,
    )


def _unique(items: Sequence[T]) -> list[T]:
    return list(dict.fromkeys(items))


def _variant_values(
    kept: UnitData, steps: DataSteps, method: str, prepared: Prepared, nominal: str
) -> FloatArray:
    if method == nominal:
        return prepared.values
    impute = None if method == "none" else method
    return prepare(kept, replace(steps, impute=impute, screen=None)).values


def _range(method: str, settings: ScoringSettings, spec: UncertaintySpec) -> tuple[float, float]:
    if method in spec.ranges:
        return spec.ranges[method]
    if method == settings.normalise:
        return settings.out_range
    if method == "zscore":
        return (0.0, 1.0)
    return settings.out_range if settings.normalise != "zscore" else (0.0, 1.0)


def _check_positive(stack: FloatArray, norms: Sequence[str]) -> None:
    for k in range(stack.shape[0]):
        if (stack[k] <= 0).any():
            raise ScoringError(
                f"geometric aggregation needs positive scores, but {norms[k % len(norms)]} "
                "normalisation gives values ≤ 0: choose a range above 0 (e.g. 1–100)"
            )


def _active(spec: UncertaintySpec, counts: Mapping[str, int]) -> tuple[str, ...]:
    noise = spec.weight_noise
    on = {
        "weights": any(noise.values()) if isinstance(noise, Mapping) else noise > 0,
        "normalise": counts["normalise"] > 1,
        "aggregate": counts["aggregate"] > 1,
        "impute": counts["impute"] > 1,
        "drop": spec.drop_indicators,
    }
    return tuple(a for a in ASSUMPTIONS if on[a])


def _weight_pool(h: Hierarchy, spec: UncertaintySpec, rng: np.random.Generator) -> FloatArray:
    """`samples` noisy weight sets: w·(1 + U(−x, x)) with x by level (level = height + 1)."""
    noise = np.array([spec.noise_of_level(int(ht) + 1) for ht in h.height])
    noise[h.root] = 0.0
    u = rng.random((spec.samples, len(h.codes)))
    pool: FloatArray = h.weight * (1.0 + (2.0 * u - 1.0) * noise)
    return pool


def configure(model: Model, design: IntArray) -> Config:
    """Turn option indices (samples × active assumptions) into per-sample settings."""
    col = {a: design[:, k] for k, a in enumerate(model.assumptions)}
    n = design.shape[0]
    zeros = np.zeros(n, dtype=np.int64)
    imp, norm = col.get("impute", zeros), col.get("normalise", zeros)
    weights = model.pool[col["weights"]] if "weights" in col else np.tile(model.weights, (n, 1))
    if "drop" in col:
        rows = np.flatnonzero(col["drop"] > 0)
        weights[rows, col["drop"][rows] - 1] = 0.0
    return Config(model.variant[imp, norm], weights, col.get("aggregate", zeros))


def nominal_config(model: Model) -> Config:
    i, j, a = model.nominal
    return Config(
        np.array([model.variant[i, j]]), model.weights[None, :], np.array([a], dtype=np.int64)
    )


def evaluate(model: Model, config: Config, ticker: Ticker | None = None) -> FloatArray:
    """Index scores `samples × units` of every configured sample."""
    h = model.hierarchy
    n = config.variant.size
    out = np.empty((n, len(model.unit_codes)))
    per_chunk = max(1, model.chunk_elements // max(1, model.leaf.shape[1] * len(h.codes)))
    for a, method in enumerate(model.aggregate):
        rows = np.flatnonzero(config.aggregate == a)
        for start in range(0, rows.size, per_chunk):
            chunk = rows[start : start + per_chunk]
            scores = aggregate_batch(
                h,
                model.leaf,
                config.variant[chunk],
                config.weights[chunk],
                method,
                model.settings.min_coverage,
                model.levels,
                fill_leaves=False,
            )
            out[chunk] = scores[:, :, h.root]
            if ticker is not None:
                ticker.step(chunk.size)
    return out


def ua_design(model: Model, n: int, rng: np.random.Generator) -> IntArray:
    """Option indices for `n` samples: sample s takes noisy weight set s; the other
    assumptions draw their option uniformly."""
    design = np.empty((n, len(model.assumptions)), dtype=np.int64)
    for k, a in enumerate(model.assumptions):
        if a == "weights":
            design[:, k] = np.arange(n) % model.pool.shape[0]
        else:
            design[:, k] = rng.integers(0, model.n_options[a], size=n)
    return design


@dataclass(frozen=True, eq=False)  # holds arrays
class UncertaintyResult:
    """Ranks of every unit in every sample and their summary."""

    unit_codes: tuple[str, ...]
    nominal_index: FloatArray
    nominal_rank: FloatArray
    index: FloatArray  # samples × units
    ranks: FloatArray  # samples × units
    tier_labels: tuple[str, ...]
    tier_prob: FloatArray  # units × tiers
    assumptions: tuple[str, ...]
    design: IntArray  # samples × assumptions: the option each sample took
    options: dict[str, tuple[str, ...]]
    log: tuple[str, ...]

    def rank_stats(self) -> dict[str, FloatArray]:
        """Mean, median, 5th and 95th percentile rank per unit (R quantile type 7)."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a unit never ranked: NaN
            q = np.nanquantile(self.ranks, [0.05, 0.5, 0.95], axis=0, method="linear")
            mean = np.nanmean(self.ranks, axis=0)
        return {"Mean": mean, "Median": q[1], "Q5": q[0], "Q95": q[2]}

    def frame(self) -> pd.DataFrame:
        """uCode, Nominal, Mean, Median, Q5, Q95, then one probability column per tier."""
        out = pd.DataFrame({"uCode": list(self.unit_codes), "Nominal": self.nominal_rank})
        for name, values in self.rank_stats().items():
            out[name] = values
        for k, label in enumerate(self.tier_labels):
            out[label] = self.tier_prob[:, k]
        return out


def summarise(
    model: Model, design: IntArray, index: FloatArray, nominal_index: FloatArray
) -> UncertaintyResult:
    rule = model.settings.tiers
    ranks = ranks_batch(index)
    tiers = tiers_batch(ranks, index, rule)
    return UncertaintyResult(
        unit_codes=model.unit_codes,
        nominal_index=nominal_index,
        nominal_rank=ranks_batch(nominal_index[None, :])[0],
        index=index,
        ranks=ranks,
        tier_labels=rule.labels,
        tier_prob=tier_shares(tiers, len(rule.labels)),
        assumptions=model.assumptions,
        design=design,
        options=model.options,
        log=model.prepared.log,
    )


def run_uncertainty(
    h: Hierarchy,
    data: UnitData,
    settings: ScoringSettings,
    steps: DataSteps,
    spec: UncertaintySpec,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> UncertaintyResult:
    """Monte Carlo uncertainty analysis of the ranks (see the module doc)."""
    rng = np.random.default_rng(spec.seed)
    model = build_model(h, data, settings, steps, spec, rng)
    ticker = Ticker(spec.samples, progress, cancelled)
    ticker.check()
    design = ua_design(model, spec.samples, rng)
    index = evaluate(model, configure(model, design), ticker)
    nominal = evaluate(model, nominal_config(model))[0]
    ticker.finish()
    return summarise(model, design, index, nominal)
