"""Scoring properties not yet in tests/test_scoring_properties.py (which has ranges,
permutation invariance, monotonicity for positive leaves, missing child = child removed):
weight renormalisation, monotonicity for negative leaves, when a node is missing, and
ranks and tiers that agree with the index."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import cast

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scoring.hierarchy import FloatArray, Hierarchy, NodeSpec
from scoring.normalise import NormaliseMethod
from scoring.pipeline import ScoringSettings, score
from tests.test_scoring_properties import cases

FAST = settings(max_examples=60, deadline=None)
Case = tuple[list[NodeSpec], Hierarchy, FloatArray]


@FAST
@given(case=cases(), data=st.data(), method=st.sampled_from(("goalposts", "minmax", "rank")))
def test_scaling_sibling_weights_changes_nothing(
    case: Case, data: st.DataObject, method: str
) -> None:
    """Weights are relative among siblings: ×c on all children of one node is a no-op."""
    nodes, h, values = case
    parent = data.draw(st.sampled_from(h.aggregate_codes))
    factor = data.draw(st.sampled_from([0.001, 0.5, 3.0, 1000.0]))
    scaled = [replace(n, weight=n.weight * factor) if n.parent == parent else n for n in nodes]
    s = ScoringSettings(normalise=cast(NormaliseMethod, method))
    a, b = score(h, values, s), score(Hierarchy.from_nodes(scaled), values, s)
    np.testing.assert_allclose(b.scores, a.scores, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(b.rank, a.rank)


@FAST
@given(case=cases(), data=st.data())
def test_raising_a_negative_leaf_never_raises_the_index(case: Case, data: st.DataObject) -> None:
    _, h, values = case
    candidates = [
        (u, j)
        for u in range(values.shape[0])
        for j in range(h.n_leaves)
        if h.direction[j] < 0 and not math.isnan(values[u, j])
    ]
    assume(candidates)
    u, j = data.draw(st.sampled_from(candidates))
    raised = values.copy()
    raised[u, j] += data.draw(st.floats(0.0, 20.0))
    assert score(h, raised).index[u] <= score(h, values).index[u]


@FAST
@given(case=cases(), geometric=st.booleans())
def test_a_node_is_missing_exactly_when_all_its_children_are(case: Case, geometric: bool) -> None:
    _, h, values = case
    s = (  # the geometric mean needs positive scores
        ScoringSettings(aggregate="geometric", out_range=(1.0, 100.0))
        if geometric
        else ScoringSettings()
    )
    scores = score(h, values, s).scores
    for code in h.aggregate_codes:
        children = np.flatnonzero(h.parent == h.index[code])
        all_missing = np.isnan(scores[:, children]).all(axis=1)
        np.testing.assert_array_equal(np.isnan(scores[:, h.index[code]]), all_missing, code)


@FAST
@given(case=cases(), method=st.sampled_from(("goalposts", "minmax", "zscore", "percentile")))
def test_ranks_and_tiers_follow_the_index(case: Case, method: str) -> None:
    _, h, values = case
    result = score(h, values, ScoringSettings(normalise=cast(NormaliseMethod, method)))
    index, rank, tier = result.index, result.rank, result.tier
    present = ~np.isnan(index)
    assert (np.isnan(rank) == ~present).all() and (tier[~present] == -1).all()
    for a in np.flatnonzero(present):
        assert rank[a] == 1 + int((index[present] > index[a]).sum())  # ties share the best
        for b in np.flatnonzero(present):
            if index[a] > index[b]:
                assert rank[a] < rank[b] and tier[a] <= tier[b]
    if present.any():
        assert rank[present].min() == 1
