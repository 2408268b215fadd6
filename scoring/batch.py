"""The batched engine: many samples of one tree aggregated at once, ranks and tiers.

`aggregate_batch` is `scoring.aggregate.aggregate` with a leading sample axis: each sample
picks one of a few data variants (`V × U × K` normalised leaf scores, e.g. one per
normalisation method) and has its own weights (`samples × nodes`). Parents of leaves are
computed per variant as one contraction of the samples' weights with the variant's data;
higher levels gather their children into the padded `parents × max_children` block of the
single-run engine (padding has weight 0). Missing children are left out with their weights
(COINr's a_amean / a_gmean); a node is missing when no weight is present, or less than
`min_coverage` of it. Sums run through einsum in a fixed order per unit (no BLAS blocking),
so units with equal inputs get equal scores, as in the single-run engine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.aggregate import AggregateMethod
from scoring.hierarchy import FloatArray, Hierarchy, IntArray, ScoringError
from scoring.pipeline import TierRule
from scoring.ranking import column_ranks, share_bounds


@dataclass(frozen=True, eq=False)  # holds arrays
class BatchLevel:
    nodes: IntArray  # parents at this height
    child: IntArray  # parents × max_children node indices (padding repeats the first child)
    real: FloatArray  # 1 for a real child, 0 for padding


def batch_levels(h: Hierarchy) -> tuple[BatchLevel, ...]:
    """The per-height child blocks of `h` (from its cached LevelPlans; cheap to rebuild)."""
    out = []
    for plan in h.levels:
        real = np.zeros(plan.child.shape)
        for row, node in enumerate(plan.nodes):
            real[row, : len(h.children(int(node)))] = 1.0
        out.append(BatchLevel(plan.nodes, plan.child, real))
    return tuple(out)


def aggregate_batch(
    h: Hierarchy,
    leaf: FloatArray,
    variant: IntArray,
    weights: FloatArray,
    method: AggregateMethod = "arithmetic",
    min_coverage: float = 0.0,
    levels: tuple[BatchLevel, ...] | None = None,
    fill_leaves: bool = True,
) -> FloatArray:
    """Scores `S × U × nodes` (column order h.codes) of `S` samples at once.

    `leaf` holds `V` data variants (`V × U × K` normalised leaf scores), `variant` says
    which one each sample uses (`S` indices), `weights` is `S × nodes`. With
    `fill_leaves=False` the leaf columns of the result are left unset (faster when only
    aggregates are wanted). Geometric needs every present leaf score > 0 (ScoringError).
    """
    if method not in ("arithmetic", "geometric"):
        raise ScoringError(f"unknown aggregation method {method!r}")
    used = np.unique(variant)
    if method == "geometric" and (leaf[used] <= 0).any():
        raise ScoringError("the geometric mean needs positive values: normalise above 0")
    levels = levels if levels is not None else batch_levels(h)
    # node-major (nodes × samples × units): every node's scores are one contiguous slab
    scores = np.empty((len(h.codes), variant.size, leaf.shape[1]))
    upper_leaves = _leaves_above_first_level(levels, h.n_leaves)
    if fill_leaves or upper_leaves.size:
        cols = np.arange(h.n_leaves) if fill_leaves else upper_leaves
        scores[cols] = np.moveaxis(leaf[:, :, cols][variant], 2, 0)
    geometric = method == "geometric"
    with np.errstate(divide="ignore", invalid="ignore"):
        for k, level in enumerate(levels):
            if k == 0 and (level.child < h.n_leaves).all():
                _first_level(scores, leaf, variant, used, weights, level, geometric, min_coverage)
            else:
                scores[level.nodes] = _level(scores, level, weights, geometric, min_coverage)
    out: FloatArray = np.moveaxis(scores, 0, 2)
    return out


def _leaves_above_first_level(levels: tuple[BatchLevel, ...], n_leaves: int) -> IntArray:
    kids = [lv.child[(lv.child < n_leaves) & (lv.real > 0)] for lv in levels[1:]]
    return np.unique(np.concatenate(kids)) if kids else np.empty(0, dtype=np.int64)


def _first_level(
    scores: FloatArray,
    leaf: FloatArray,
    variant: IntArray,
    used: IntArray,
    weights: FloatArray,
    level: BatchLevel,
    geometric: bool,
    min_coverage: float,
) -> None:
    """Parents of leaves only: per data variant, every parent is one small contraction
    `samples × children` by `units × children` (the data do not vary within a variant).
    einsum (not BLAS) sums each unit's children in one fixed order: tied rows stay tied."""
    for v in used:
        rows = np.flatnonzero(variant == v)
        every = rows.size == variant.size
        x = leaf[v]
        present = x == x
        x0 = np.where(present, np.log(x) if geometric else x, 0.0)
        complete = bool(present.all())
        w = weights[rows]
        for p, node in enumerate(level.nodes):
            kids = level.child[p, level.real[p] > 0]
            wk = w[:, kids]
            num = np.einsum("sc,uc->su", wk, x0[:, kids])
            if complete:
                den = np.broadcast_to(wk.sum(axis=1)[:, None], num.shape)
            else:
                den = np.einsum("sc,uc->su", wk, present[:, kids].astype(np.float64))
            out = num / den
            if geometric:
                np.exp(out, out=out)
            missing = den == 0.0
            if min_coverage > 0.0:
                missing = missing | (den < min_coverage * wk.sum(axis=1)[:, None])
            out[missing] = np.nan
            if every:
                scores[node] = out
            else:
                scores[node, rows] = out


def _level(
    scores: FloatArray,
    level: BatchLevel,
    weights: FloatArray,
    geometric: bool,
    min_coverage: float,
) -> FloatArray:
    kids = scores[level.child]  # parents × children × samples × units, a fresh copy
    w = np.moveaxis(weights[:, level.child] * level.real, 0, 2)  # parents × children × samples
    if geometric:
        np.log(kids, out=kids)
    present = kids == kids
    if present.all():
        parents, _, samples, units = kids.shape
        weight_present = np.broadcast_to(w.sum(axis=1)[:, :, None], (parents, samples, units))
    else:
        np.copyto(kids, 0.0, where=~present)
        weight_present = np.einsum("pcsu,pcs->psu", present, w)
    out: FloatArray = np.einsum("pcsu,pcs->psu", kids, w) / weight_present
    if geometric:
        np.exp(out, out=out)
    missing = weight_present == 0.0
    if min_coverage > 0.0:
        missing = missing | (weight_present < min_coverage * w.sum(axis=1)[:, :, None])
    out[missing] = np.nan
    return out


def ranks_batch(index: FloatArray) -> FloatArray:
    """Ranks per sample (rows of `S × U`), highest first, ties share the best (R "min")."""
    ranks: FloatArray = column_ranks(-index.T, ties="min").T
    return ranks


def tiers_batch(ranks: FloatArray, index: FloatArray, rule: TierRule) -> IntArray:
    """Tier index per sample and unit (−1 without a rank), as `scoring.ranking` does it."""
    present = ~np.isnan(ranks)
    if rule.kind == "thresholds":
        t = np.asarray(rule.values, dtype=np.float64)
        tier: IntArray = (index[..., None] < t).sum(axis=-1).astype(np.int64)
        tier[~present] = -1
        return tier
    tier = np.full(ranks.shape, -1, dtype=np.int64)
    counts = present.sum(axis=1)
    for n in np.unique(counts):
        rows = counts == n
        bounds = share_bounds(int(n), rule.values)
        r = np.where(present[rows], ranks[rows], 1.0)
        tier[rows] = np.searchsorted(bounds, r, side="left")
    tier[~present] = -1
    return tier


def tier_shares(tier: IntArray, n_tiers: int) -> FloatArray:
    """Share of samples (rows) that put each unit (column) in each tier: `U × n_tiers`."""
    out = np.empty((tier.shape[1], n_tiers))
    for k in range(n_tiers):
        out[:, k] = (tier == k).mean(axis=0)
    return out
