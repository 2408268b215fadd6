"""Aggregation rules: weights renormalised over present children, coverage, geometric mean."""

from __future__ import annotations

import math
from typing import cast

import numpy as np
import pytest

from scoring.aggregate import AggregateMethod, aggregate
from scoring.hierarchy import FloatArray, Hierarchy, NodeSpec, ScoringError

NAN = math.nan


def tree(weights: tuple[float, ...] = (1.0, 1.0, 2.0)) -> Hierarchy:
    """R ← A ← a0, a1, a2 (given weights), R ← B ← b0."""
    nodes = [NodeSpec("R", None), NodeSpec("A", "R"), NodeSpec("B", "R")]
    nodes += [NodeSpec(f"a{i}", "A", weight=w) for i, w in enumerate(weights)]
    nodes.append(NodeSpec("b0", "B"))
    return Hierarchy.from_nodes(nodes)


def run(
    h: Hierarchy,
    rows: list[list[float]],
    method: AggregateMethod = "arithmetic",
    min_coverage: float = 0.0,
) -> dict[str, list[float]]:
    scores = aggregate(h, np.array(rows, dtype=np.float64), method, min_coverage)
    return {code: scores[:, i].tolist() for i, code in enumerate(h.codes)}


def test_order_is_leaves_then_bottom_up() -> None:
    h = tree()
    assert h.leaf_codes == ("a0", "a1", "a2", "b0")
    assert h.codes[-1] == "R"
    assert h.levels is h.levels  # compiled once, cached on the tree


def test_weighted_mean_renormalises_over_present_children() -> None:
    out = run(tree(), [[0.2, 0.4, 0.7, 1.0], [0.2, NAN, 0.7, 0.0], [NAN, NAN, NAN, 0.5]])
    # A = (.2 + .4 + 2·.7)/4 = .5; without a1: (.2 + 1.4)/3 = 1.6/3; nothing → NaN
    assert out["A"][0] == pytest.approx(0.5, abs=1e-15)
    assert out["A"][1] == pytest.approx(1.6 / 3, abs=1e-15)
    assert math.isnan(out["A"][2])
    # R = mean(A, B) of the aggregated A (not of the leaves); unit 3: B alone
    assert out["R"] == pytest.approx([0.75, 0.8 / 3, 0.5], abs=1e-15)


def test_upper_level_uses_aggregated_children_not_leaves() -> None:
    out = run(tree((1.0, 1.0, 1.0)), [[0.0, 0.0, 0.0, 1.0]])
    assert out["R"] == [0.5]  # mean over all four leaves would be .25


def test_coverage_threshold_on_weight_share() -> None:
    rows = [[0.2, 0.4, NAN, 1.0], [NAN, NAN, 0.7, 1.0], [NAN, 0.4, NAN, 1.0]]
    # present share of A: 2/4, 2/4, 1/4
    assert run(tree(), rows, min_coverage=0.5)["A"][:2] == pytest.approx([0.3, 0.7])
    assert math.isnan(run(tree(), rows, min_coverage=0.5)["A"][2])
    assert np.isnan(run(tree(), rows, min_coverage=0.51)["A"]).all()
    assert not np.isnan(run(tree(), rows, min_coverage=0.25)["A"]).any()
    # a node below the threshold counts as missing further up: R falls back on B (share .5),
    # and the threshold applies at every level: with .51, R (half its weight) is dropped too
    assert run(tree(), rows, min_coverage=0.5)["R"] == pytest.approx([0.65, 0.85, 1.0])
    assert np.isnan(run(tree(), rows, min_coverage=0.51)["R"]).all()


def test_zero_weights_present_only_is_missing() -> None:
    out = run(tree((0.0, 1.0, 1.0)), [[0.3, NAN, NAN, 1.0], [0.3, 0.5, NAN, 1.0]])
    assert math.isnan(out["A"][0])  # COINr: w/sum(w) = 0/0
    assert out["A"][1] == 0.5


def test_geometric_weighted() -> None:
    out = run(tree((3.0, 1.0, 1.0)), [[4.0, 16.0, NAN, 2.0]], method="geometric")
    # exp((3 ln 4 + ln 16)/4) = 2^(10/4); R = sqrt(2^2.5 · 2)
    assert out["A"][0] == pytest.approx(2**2.5, rel=1e-14)
    assert out["R"][0] == pytest.approx(2**1.75, rel=1e-14)


@pytest.mark.parametrize("bad", [0.0, -1.5])
def test_geometric_non_positive_names_node_and_unit(bad: float) -> None:
    leaf = np.array([[1.0, 2.0, 3.0, 4.0], [1.0, bad, 3.0, 4.0]])
    with pytest.raises(ScoringError, match=r"node 'A', unit 'second'.*'a1'") as caught:
        aggregate(tree(), leaf, "geometric", unit_codes=["first", "second"])
    assert (caught.value.node, caught.value.unit, caught.value.child) == ("A", "second", "a1")


def test_geometric_ignores_missing_and_uncovered() -> None:
    leaf = np.array([[NAN, 2.0, 8.0, 4.0], [0.0, NAN, NAN, 4.0]])
    # unit 2 has a 0, but A is dropped there by coverage, so the geometric mean never sees it
    out = aggregate(tree((1.0, 1.0, 1.0)), leaf, "geometric", min_coverage=0.5)
    assert out[0, 4] == pytest.approx(4.0, rel=1e-14)
    assert math.isnan(out[1, 4])
    assert out[1, 6] == 4.0


def test_irregular_depth() -> None:
    # R ← A ← (a0, a1), R ← c (a leaf straight under the root)
    h = Hierarchy.from_nodes(
        [
            NodeSpec("R", None),
            NodeSpec("A", "R"),
            NodeSpec("a0", "A"),
            NodeSpec("a1", "A"),
            NodeSpec("c", "R", weight=3.0),
        ]
    )
    assert h.leaf_codes == ("a0", "a1", "c")
    out = run(h, [[0.0, 1.0, 1.0], [NAN, NAN, 0.2]])
    assert out["R"] == pytest.approx([(0.5 + 3.0) / 4, 0.2])


def test_identical_units_get_identical_scores() -> None:
    rng = np.random.default_rng(5)
    nodes = [NodeSpec("R", None)] + [NodeSpec(f"G{g}", "R", weight=g + 0.5) for g in range(7)]
    nodes += [NodeSpec(f"L{k}", f"G{k % 7}", weight=1 + k % 3) for k in range(45)]
    h = Hierarchy.from_nodes(nodes)
    leaf: FloatArray = rng.random((301, h.n_leaves))
    leaf[rng.random(leaf.shape) < 0.05] = NAN
    leaf[[1, 8, 150, 300]] = leaf[0]
    methods: tuple[AggregateMethod, ...] = ("arithmetic", "geometric")
    for method in methods:
        out = aggregate(h, leaf, method)
        for row in (1, 8, 150, 300):
            assert out[row].tobytes() == out[0].tobytes()  # bitwise: ties stay ties for ranks


def test_unknown_method() -> None:
    with pytest.raises(ScoringError, match="unknown"):
        aggregate(tree(), np.ones((1, 4)), cast(AggregateMethod, "harmonic"))
