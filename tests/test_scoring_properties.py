"""Property tests of the scoring engine on random trees and data (hypothesis)."""

from __future__ import annotations

import math
from typing import cast

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from scoring.aggregate import AggregateMethod
from scoring.hierarchy import FloatArray, Hierarchy, NodeSpec
from scoring.normalise import NormaliseMethod
from scoring.pipeline import ScoringSettings, score

FAST = settings(max_examples=60, deadline=None)
BOUNDED: tuple[NormaliseMethod, ...] = ("goalposts", "minmax", "rank", "percentile", "target")
ORDER_FREE: tuple[NormaliseMethod, ...] = BOUNDED  # no sums over units: bitwise reproducible


def leaf(code: str, parent: str, weight: float, direction: int) -> NodeSpec:
    target = 8.0 if direction > 0 else 2.0
    return NodeSpec(code, parent, weight, direction, low=0.0, high=10.0, target=target)


@st.composite
def trees(draw: st.DrawFn) -> list[NodeSpec]:
    """Root ← 1–3 pillars ← 1–3 children, each a leaf or a group of 1–3 leaves (uneven depth)."""
    weight = st.floats(0.1, 5.0)
    direction = st.sampled_from([1, -1])
    nodes = [NodeSpec("R", None)]
    for p in range(draw(st.integers(1, 3))):
        nodes.append(NodeSpec(f"P{p}", "R", draw(weight)))
        for c in range(draw(st.integers(1, 3))):
            if draw(st.booleans()):
                nodes.append(leaf(f"L{p}_{c}", f"P{p}", draw(weight), draw(direction)))
                continue
            nodes.append(NodeSpec(f"G{p}_{c}", f"P{p}", draw(weight)))
            for k in range(draw(st.integers(1, 3))):
                nodes.append(leaf(f"L{p}_{c}_{k}", f"G{p}_{c}", draw(weight), draw(direction)))
    return nodes


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[NodeSpec], Hierarchy, FloatArray]:
    nodes = draw(trees())
    h = Hierarchy.from_nodes(nodes)
    n_units = draw(st.integers(1, 12))
    cell = st.one_of(st.just(math.nan), st.floats(-3.0, 13.0), st.sampled_from([0.0, 5.0, 10.0]))
    values = draw(arrays(np.float64, (n_units, h.n_leaves), elements=cell))
    return nodes, h, values


@FAST
@given(
    case=cases(),
    method=st.sampled_from(BOUNDED),
    lo=st.floats(-5.0, 5.0),
    width=st.floats(0.5, 100.0),
    geometric=st.booleans(),
)
def test_scores_stay_in_out_range(
    case: tuple[list[NodeSpec], Hierarchy, FloatArray],
    method: NormaliseMethod,
    lo: float,
    width: float,
    geometric: bool,
) -> None:
    _, h, values = case
    if geometric:
        lo = abs(lo) + 1.0  # the geometric mean needs positive scores
    how: AggregateMethod = "geometric" if geometric else "arithmetic"
    s = ScoringSettings(normalise=method, out_range=(lo, lo + width), aggregate=how)
    scores = score(h, values, s).scores
    present = scores[~np.isnan(scores)]
    eps = 1e-9 * (1.0 + abs(lo) + width)
    assert (present >= lo - eps).all() and (present <= lo + width + eps).all()


@FAST
@given(case=cases(), method=st.sampled_from((*BOUNDED, "zscore")), seed=st.integers(0, 2**32 - 1))
def test_permuting_units_changes_no_units_result(
    case: tuple[list[NodeSpec], Hierarchy, FloatArray], method: NormaliseMethod, seed: int
) -> None:
    _, h, values = case
    perm = np.random.default_rng(seed).permutation(values.shape[0])
    codes = [f"u{i}" for i in range(values.shape[0])]
    s = ScoringSettings(normalise=method)
    a = score(h, values, s, codes)
    b = score(h, values[perm], s, [codes[i] for i in perm])
    if method in ORDER_FREE:
        np.testing.assert_array_equal(b.scores, a.scores[perm])
        np.testing.assert_array_equal(b.ranks, a.ranks[perm])
        np.testing.assert_array_equal(b.tier, a.tier[perm])
    else:  # z-scores sum over units, so the order may move the last bit
        np.testing.assert_allclose(b.scores, a.scores[perm], rtol=0, atol=1e-9)
    np.testing.assert_allclose(b.stats.mean, a.stats.mean, atol=1e-9)
    np.testing.assert_array_equal(b.stats.n, a.stats.n)


@FAST
@given(case=cases(), data=st.data())
def test_raising_a_positive_leaf_never_lowers_the_index(
    case: tuple[list[NodeSpec], Hierarchy, FloatArray], data: st.DataObject
) -> None:
    _, h, values = case
    candidates = [
        (u, j)
        for u in range(values.shape[0])
        for j in range(h.n_leaves)
        if h.direction[j] > 0 and not math.isnan(values[u, j])
    ]
    assume(candidates)
    u, j = data.draw(st.sampled_from(candidates))
    raised = values.copy()
    raised[u, j] += data.draw(st.floats(0.0, 20.0))
    before = score(h, values).index[u]
    after = score(h, raised).index[u]
    assert after >= before


@FAST
@given(case=cases(), data=st.data(), method=st.sampled_from(("goalposts", "minmax")))
def test_missing_child_equals_child_removed(
    case: tuple[list[NodeSpec], Hierarchy, FloatArray], data: st.DataObject, method: str
) -> None:
    nodes, h, values = case
    siblings = {p: int((h.parent == h.index[p]).sum()) for p in h.aggregate_codes}
    droppable = [j for j in range(h.n_leaves) if siblings[h.codes[int(h.parent[j])]] >= 2]
    assume(droppable)
    j = data.draw(st.sampled_from(droppable))
    gone = h.codes[j]
    missing = values.copy()
    missing[:, j] = math.nan
    s = ScoringSettings(normalise=cast(NormaliseMethod, method))
    full = score(h, missing, s)
    smaller = Hierarchy.from_nodes([n for n in nodes if n.code != gone])
    cut = score(smaller, np.delete(values, j, axis=1), s)
    for k, code in enumerate(smaller.codes):
        np.testing.assert_allclose(
            cut.scores[:, k], full.scores[:, h.index[code]], rtol=0, atol=1e-12, err_msg=code
        )
    np.testing.assert_array_equal(cut.rank, full.rank)
