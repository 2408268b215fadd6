"""Weight sets on a tree: read, replace per node, spread over a subtree, apply.

Weights are relative among siblings (the engine renormalises them where used). A weight
set is a plain `{node code: weight}` mapping; every function here is pure and returns a
new mapping (or a new Hierarchy) — storing it is the caller's business.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Literal

import numpy as np
import numpy.typing as npt

from scoring.entropy import EntropyResult, entropy_weights
from scoring.hierarchy import FloatArray, Hierarchy, ScoringError

EntropyScope = Literal["children", "leaves"]


def node_weights(h: Hierarchy) -> dict[str, float]:
    """The tree's weights by node code (the root's included)."""
    return {code: float(w) for code, w in zip(h.codes, h.weight, strict=True)}


def with_weights(h: Hierarchy, weights: Mapping[str, float]) -> Hierarchy:
    """A new Hierarchy whose nodes take `weights` (codes not given keep theirs)."""
    unknown = sorted(set(weights) - set(h.codes))
    if unknown:
        raise ScoringError(f"weight for unknown node {unknown[0]!r}", unknown[0])
    new = h.weight.copy()
    for code, w in weights.items():
        if not (np.isfinite(w) and w >= 0):
            raise ScoringError(f"node {code!r}: weight must be a number >= 0, got {w}", code)
        new[h.index[code]] = w
    return dataclasses.replace(h, weight=new)


def descendants(h: Hierarchy, node: str) -> list[int]:
    """Indices of every node below `node` (not the node itself), in h.codes order."""
    top = _node(h, node)
    inside = np.zeros(len(h.codes), dtype=bool)
    inside[top] = True
    for i in range(len(h.codes) - 1, -1, -1):  # parents come after children: walk down
        p = int(h.parent[i])
        if p >= 0 and inside[p]:
            inside[i] = True
    inside[top] = False
    return [int(i) for i in np.flatnonzero(inside)]


def leaves_under(h: Hierarchy, node: str) -> tuple[str, ...]:
    return tuple(h.codes[i] for i in descendants(h, node) if i < h.n_leaves)


def set_child_weights(
    h: Hierarchy, node: str, weights: Mapping[str, float], total: float = 1.0
) -> dict[str, float]:
    """The tree's weights with `node`'s children set to `weights`, rescaled to sum `total`
    (1, or 100 for the framework editor's percentages).

    `weights` must name exactly the children of `node`.
    """
    kids = {h.codes[int(i)] for i in h.children(_node(h, node))}
    if set(weights) != kids:
        extra, missing = sorted(set(weights) - kids), sorted(kids - set(weights))
        raise ScoringError(
            f"node {node!r}: weights must name exactly its children "
            f"(not children: {extra}, missing: {missing})",
            node,
        )
    out = node_weights(h)
    out.update({c: w * total for c, w in _normalised(weights, node).items()})
    return out


def spread_leaf_weights(
    h: Hierarchy, node: str, leaf_weights: Mapping[str, float], total: float = 1.0
) -> dict[str, float]:
    """The tree's weights such that the leaves under `node` get `leaf_weights` overall.

    Every node below `node` gets the share of its parent that its leaves carry, so each
    sibling group sums to `total` and (arithmetic mean, no missing values) leaf l's share
    of `node` is leaf_weights[l] / Σ leaf_weights.
    """
    leaves = set(leaves_under(h, node))
    if set(leaf_weights) != leaves:
        raise ScoringError(f"node {node!r}: weights must name exactly the leaves under it", node)
    subtree = np.zeros(len(h.codes))
    for code, w in _normalised(leaf_weights, node).items():
        subtree[h.index[code]] = w
    below = descendants(h, node)
    for i in below:  # ascending: every child before its parent
        subtree[h.parent[i]] += subtree[i]
    out = node_weights(h)
    for i in below:
        parent = subtree[h.parent[i]]
        out[h.codes[i]] = float(subtree[i] / parent * total) if parent > 0 else 0.0
    return out


def effective_weights(h: Hierarchy) -> FloatArray:
    """Each leaf's overall share of the index: the product of its normalised sibling
    weights up to the root (arithmetic mean, no missing values)."""
    share = np.zeros(len(h.codes))
    share[h.root] = 1.0
    sums = np.zeros(len(h.codes))
    np.add.at(sums, h.parent[h.parent >= 0], h.weight[h.parent >= 0])
    for i in range(len(h.codes) - 2, -1, -1):
        p = int(h.parent[i])
        share[i] = share[p] * h.weight[i] / sums[p] if sums[p] > 0 else 0.0
    return share[: h.n_leaves]


def entropy_for_node(
    h: Hierarchy,
    data: npt.ArrayLike,
    node: str,
    scope: EntropyScope = "children",
    shift: float = 0.0,
) -> EntropyResult:
    """Entropy weights of `node`'s children, or of all the leaves under it.

    `data` is either raw leaf values (units × h.leaf_codes: directions are applied) or a
    ScoreResult's scores (units × h.codes: already oriented, aggregates usable).
    """
    a = np.asarray(data, dtype=np.float64)
    if scope == "children":
        cols = [int(i) for i in h.children(_node(h, node))]
    else:
        cols = [h.index[c] for c in leaves_under(h, node)]
    if a.ndim != 2 or a.shape[1] not in (h.n_leaves, len(h.codes)):
        raise ScoringError(f"data must be units × {h.n_leaves} leaves or × {len(h.codes)} nodes")
    oriented = a.shape[1] == len(h.codes)
    if not oriented and any(i >= h.n_leaves for i in cols):
        raise ScoringError(
            f"node {node!r}: its children are aggregates; give scores of every node", node
        )
    direction = np.ones(len(cols)) if oriented else h.direction[cols]
    codes = [h.codes[i] for i in cols]
    return entropy_weights(a[:, cols], direction, codes, shift)


def _node(h: Hierarchy, code: str) -> int:
    if code not in h.index:
        raise ScoringError(f"unknown node {code!r}", code)
    return h.index[code]


def _normalised(weights: Mapping[str, float], node: str) -> dict[str, float]:
    values = np.array(list(weights.values()), dtype=np.float64)
    if not (np.isfinite(values).all() and (values >= 0).all() and values.sum() > 0):
        raise ScoringError(f"node {node!r}: weights must be >= 0 with a positive sum", node)
    total = values.sum()
    return {code: float(w) / total for code, w in zip(weights, values, strict=True)}
