"""Entropy weights (hand-computed), combination with AHP, weight sets on a tree."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from models.idata import read_idata
from models.imeta import read_imeta
from scoring.entropy import EntropyError, combine_weights, entropy_weights, standardise
from scoring.hierarchy import Hierarchy, IntArray, NodeSpec, ScoringError
from scoring.pipeline import ScoringSettings, score
from scoring.weighting import (
    effective_weights,
    entropy_for_node,
    leaves_under,
    node_weights,
    set_child_weights,
    spread_leaf_weights,
    with_weights,
)

ASEM = Path(__file__).parent / "data" / "asem"


def plain_entropy(columns: list[list[float]], directions: list[int]) -> list[float]:
    """The textbook recipe, one column at a time with `math` only."""
    d = []
    for col, direction in zip(columns, directions, strict=True):
        lo, hi = min(col), max(col)
        z = [(v - lo) / (hi - lo) if direction > 0 else (hi - v) / (hi - lo) for v in col]
        p = [v / sum(z) for v in z]
        e = -sum(pi * math.log(pi) for pi in p if pi > 0) / math.log(len(col))
        d.append(1 - e)
    return [di / sum(d) for di in d]


def test_hand_computed_two_indicators() -> None:
    # A = 1, 2, 3 → z = 0, .5, 1 → p = 0, 1/3, 2/3; B (direction −1) = 10, 20, 10 → z = 1, 0, 1
    x = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 10.0]])
    r = entropy_weights(x, [1, -1], ["A", "B"])
    e_a = -(1 / 3 * math.log(1 / 3) + 2 / 3 * math.log(2 / 3)) / math.log(3)
    e_b = math.log(2) / math.log(3)
    assert r.entropy == pytest.approx([e_a, e_b], rel=1e-12)
    d = np.array([1 - e_a, 1 - e_b])
    assert r.weights == pytest.approx(d / d.sum(), rel=1e-12)
    assert r.weight_map()["A"] == pytest.approx(0.5326, abs=1e-4)
    assert r.n.tolist() == [3, 3] and r.options()["shift"] == 0.0
    assert list(r.frame().columns) == ["n", "Entropy", "Divergence", "Weight"]


def test_matches_plain_recipe_on_asem() -> None:
    meta = read_imeta(ASEM / "asem_iMeta.csv")
    units = read_idata(ASEM / "asem_iData.csv", meta)
    h = meta.framework.to_hierarchy()
    complete = ~np.isnan(units.values).any(axis=0)
    x = units.values[:, complete]
    d = h.direction[: h.n_leaves][complete]
    plain = plain_entropy([list(c) for c in x.T], [int(v) for v in d])
    assert entropy_weights(x, d).weights == pytest.approx(plain, rel=1e-9)


def test_shift_missing_and_constant_columns() -> None:
    x = np.array([[1.0, 5.0, 1.0], [2.0, 5.0, np.nan], [4.0, 5.0, 3.0], [8.0, 5.0, 2.0]])
    r = entropy_weights(x, shift=0.01)
    assert r.weights[1] == 0.0 and r.entropy[1] == 1.0  # constant: no information
    assert r.n.tolist() == [4, 4, 3]
    # column 3 over its 3 values only: 1, 3, 2 → z = 0, 1, .5, shifted by .01
    z = np.array([0.01, 1.01, 0.51])
    p = z / z.sum()
    assert r.entropy[2] == pytest.approx(-(p * np.log(p)).sum() / math.log(3), rel=1e-12)
    assert r.options()["shift"] == 0.01
    with pytest.raises(EntropyError, match="no indicator varies"):
        entropy_weights(np.ones((4, 2)))
    with pytest.raises(EntropyError, match="shift"):
        entropy_weights(x, shift=-1.0)


def test_standardise_respects_direction() -> None:
    z = standardise(np.array([[0.0, 0.0], [5.0, 5.0], [10.0, 10.0]]), [1, -1])
    assert z[:, 0].tolist() == [0.0, 0.5, 1.0] and z[:, 1].tolist() == [1.0, 0.5, 0.0]


@settings(max_examples=100, deadline=None)
@given(
    arrays(
        np.int64,
        st.tuples(st.integers(3, 30), st.integers(2, 8)),
        elements=st.integers(-1000, 1000),
    ),
    st.data(),
)
def test_entropy_properties(ints: IntArray, data: st.DataObject) -> None:
    x = ints.astype(np.float64)
    if not (np.ptp(x, axis=0) > 0).any():
        return
    r = entropy_weights(x)
    assert r.weights.sum() == pytest.approx(1.0, abs=1e-12)
    assert (r.weights >= 0).all()
    perm = np.array(data.draw(st.permutations(range(x.shape[1]))))
    assert entropy_weights(x[:, perm]).weights == pytest.approx(r.weights[perm], abs=1e-12)
    assert entropy_weights(x * 3.0 + 7.0).weights == pytest.approx(r.weights, abs=1e-9)


def test_combination_with_ahp() -> None:
    a, e = np.array([0.5, 0.3, 0.2]), np.array([0.2, 0.2, 0.6])
    m = combine_weights(a, e)
    assert m == pytest.approx(np.array([0.1, 0.06, 0.12]) / 0.28)
    lin = combine_weights(a, e, "linear", share=0.25)
    assert lin == pytest.approx(0.25 * a + 0.75 * e)
    assert combine_weights([2, 1, 1], [1, 1, 2], "linear", 1.0) == pytest.approx([0.5, 0.25, 0.25])
    with pytest.raises(EntropyError, match="share"):
        combine_weights(a, e, "linear", share=1.5)
    with pytest.raises(EntropyError, match="3 AHP weights but 2"):
        combine_weights(a, [0.5, 0.5])


# ---------------------------------------------------------------- weight sets on a tree


def small_tree() -> Hierarchy:
    return Hierarchy.from_nodes(
        [
            NodeSpec("Index", None),
            NodeSpec("A", "Index", 2.0),
            NodeSpec("B", "Index", 1.0),
            NodeSpec("a1", "A"),
            NodeSpec("a2", "A", direction=-1),
            NodeSpec("b1", "B"),
            NodeSpec("b2", "B", 3.0),
        ]
    )


def test_child_weights_and_effective_weights() -> None:
    h = small_tree()
    assert effective_weights(h) == pytest.approx([2 / 3 * 0.5, 2 / 3 * 0.5, 1 / 12, 3 / 12])
    new = set_child_weights(h, "Index", {"A": 1.0, "B": 3.0})
    assert new["A"] == 0.25 and new["B"] == 0.75 and new["b2"] == 3.0
    assert effective_weights(with_weights(h, new))[2] == pytest.approx(0.75 / 4)
    with pytest.raises(ScoringError, match="exactly its children"):
        set_child_weights(h, "Index", {"A": 1.0})
    with pytest.raises(ScoringError, match="unknown node"):
        with_weights(h, {"Z": 1.0})
    assert node_weights(h)["A"] == 2.0  # the tree itself is unchanged


def test_spread_leaf_weights_gives_each_leaf_its_share() -> None:
    h = small_tree()
    target = {"a1": 0.1, "a2": 0.2, "b1": 0.3, "b2": 0.4}
    new = with_weights(h, spread_leaf_weights(h, "Index", target))
    assert effective_weights(new) == pytest.approx([0.1, 0.2, 0.3, 0.4])
    percent = spread_leaf_weights(h, "Index", target, total=100.0)
    assert percent["A"] == pytest.approx(30.0) and percent["a1"] == pytest.approx(100 / 3)
    assert effective_weights(with_weights(h, percent)) == pytest.approx([0.1, 0.2, 0.3, 0.4])
    assert set_child_weights(h, "Index", {"A": 1.0, "B": 3.0}, total=100.0)["B"] == 75.0
    x = np.random.default_rng(1).uniform(0, 10, (6, 4))
    result = score(new, x, ScoringSettings(normalise="minmax"))
    leaf = result.scores[:, :4]
    assert result.index == pytest.approx(leaf @ np.array([0.1, 0.2, 0.3, 0.4]))


def test_entropy_for_a_node_and_for_its_leaves() -> None:
    meta = read_imeta(ASEM / "asem_iMeta.csv")
    units = read_idata(ASEM / "asem_iData.csv", meta)
    h = meta.framework.to_hierarchy()
    phys = entropy_for_node(h, units.values, "Physical")
    assert phys.codes == tuple(h.codes[int(i)] for i in h.children(h.index["Physical"]))
    assert phys.weights.sum() == pytest.approx(1.0)
    result = score(h, units.values, ScoringSettings(normalise="minmax"))
    pillars = entropy_for_node(h, result.scores, "Conn")
    assert pillars.codes == ("Physical", "ConEcFin", "Political", "Instit", "P2P")
    leaves = entropy_for_node(h, units.values, "Sust", scope="leaves")
    assert leaves.codes == leaves_under(h, "Sust")
    spread = with_weights(h, spread_leaf_weights(h, "Sust", leaves.weight_map()))
    share = effective_weights(spread)[[h.index[c] for c in leaves.codes]]
    assert share / share.sum() == pytest.approx(leaves.weights)
    with pytest.raises(ScoringError, match="aggregates"):
        entropy_for_node(h, units.values, "Conn")
