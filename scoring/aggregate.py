"""Bottom-up aggregation of every non-leaf node, one tree height at a time.

Equal to COINr's `a_amean` / `a_gmean` applied level by level (`Aggregate.coin`): missing
children are left out together with their weights and the remaining weights renormalised;
a node is missing when all its children are, when the weights present sum to 0 (COINr's
0/0), or when the share of sibling weight present is below `min_coverage`. Levels above use
the aggregated scores of the level below.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

from scoring.hierarchy import BoolArray, FloatArray, Hierarchy, LevelPlan, ScoringError

AggregateMethod = Literal["arithmetic", "geometric"]


def aggregate(
    h: Hierarchy,
    leaf_scores: FloatArray,
    method: AggregateMethod = "arithmetic",
    min_coverage: float = 0.0,
    unit_codes: Sequence[str] | None = None,
) -> FloatArray:
    """Return units × nodes scores (column order = h.codes), leaves copied from `leaf_scores`.

    Geometric: exp(Σ w·log x / Σ w) over the present children; any present child ≤ 0 in a
    node that would get a value raises ScoringError naming the node and the unit.
    """
    if method not in ("arithmetic", "geometric"):
        raise ScoringError(f"unknown aggregation method {method!r}")
    n_units = leaf_scores.shape[0]
    scores = np.empty((n_units, len(h.codes)), dtype=np.float64)
    scores[:, : h.n_leaves] = leaf_scores
    with np.errstate(divide="ignore", invalid="ignore"):  # 0/0 → NaN marks a missing node
        for plan in h.levels:
            scores[:, plan.nodes] = _level(scores, plan, method, min_coverage, h, unit_codes)
    return scores


def _level(
    scores: FloatArray,
    plan: LevelPlan,
    method: AggregateMethod,
    min_coverage: float,
    h: Hierarchy,
    unit_codes: Sequence[str] | None,
) -> FloatArray:
    kids = scores[:, plan.child]  # units × parents × max_children, a fresh copy
    present = kids == kids  # not NaN
    # einsum sums each unit's few children in one fixed order: tied rows stay tied
    weight_present = np.einsum("upc,pc->up", present, plan.weight)
    missing = weight_present == 0.0
    if min_coverage > 0.0:
        missing |= weight_present < min_coverage * plan.total
    if method == "arithmetic":
        np.copyto(kids, 0.0, where=~present)
        out: FloatArray = np.einsum("upc,pc->up", kids, plan.weight) / weight_present
    else:
        _check_positive(kids, present, missing, plan, h, unit_codes)
        np.copyto(kids, 1.0, where=~present)  # log 1 = 0: missing children add nothing
        out = np.exp(np.einsum("upc,pc->up", np.log(kids), plan.weight) / weight_present)
    out[missing] = np.nan
    return out


def _check_positive(
    kids: FloatArray,
    present: BoolArray,
    missing: BoolArray,
    plan: LevelPlan,
    h: Hierarchy,
    unit_codes: Sequence[str] | None,
) -> None:
    bad = (present & (kids <= 0.0)).any(axis=2) & ~missing
    if not bad.any():
        return
    unit, parent = (int(i) for i in np.argwhere(bad)[0])
    slot = int(np.argmax(present[unit, parent] & (kids[unit, parent] <= 0.0)))
    node, child = int(plan.nodes[parent]), int(plan.child[parent, slot])
    who = unit_codes[unit] if unit_codes is not None else f"#{unit}"
    raise ScoringError(
        f"node {h.codes[node]!r}, unit {who!r}: the geometric mean needs positive values, "
        f"but child {h.codes[child]!r} is {kids[unit, parent, slot]:g}",
        node=h.codes[node],
        unit=who,
        child=h.codes[child],
    )
