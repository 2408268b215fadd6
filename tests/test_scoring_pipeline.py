"""score(): settings, result shape, tiers end to end, input errors."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from scoring.hierarchy import FloatArray, Hierarchy, NodeSpec
from scoring.pipeline import ScoringError, ScoringSettings, TierRule, score
from scoring.stats import node_stats

NAN = math.nan


def smart_tree() -> Hierarchy:
    """Root ← 5 pillars (SMART weights) ← 2 leaves each, goalposts 0..100, some −1."""
    weights = (0.10, 0.15, 0.25, 0.20, 0.30)
    nodes = [NodeSpec("Index", None)]
    for p, w in enumerate(weights):
        nodes.append(NodeSpec(f"P{p}", "Index", weight=w))
        nodes.append(NodeSpec(f"L{p}a", f"P{p}", 1.0, 1, 0.0, 100.0))
        nodes.append(NodeSpec(f"L{p}b", f"P{p}", 1.0, -1 if p % 2 else 1, 0.0, 100.0))
    return Hierarchy.from_nodes(nodes)


def values(n: int, seed: int = 0) -> FloatArray:
    rng = np.random.default_rng(seed)
    x: FloatArray = rng.uniform(0.0, 100.0, size=(n, 10))
    return x


def test_result_shapes_and_frame() -> None:
    h = smart_tree()
    x = values(6)
    x[2] = NAN
    r = score(h, x, unit_codes=[f"c{i}" for i in range(6)])
    assert r.scores.shape == (6, len(h.codes))
    assert r.ranks.shape == (6, len(h.aggregate_codes))
    np.testing.assert_array_equal(r.rank, r.ranks[:, -1])
    np.testing.assert_array_equal(r.index, r.scores[:, h.root])
    frame = r.frame()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.index) == [f"c{i}" for i in range(6)] and frame.index.name == "uCode"
    assert list(frame.columns) == list(h.codes)
    assert frame.loc["c2"].isna().all()
    assert r.tier[2] == -1 and math.isnan(r.rank[2])
    assert r.tier_labels()[2] is None and set(r.tier_labels()) <= {"领军", "先锋", "探索", None}
    np.testing.assert_array_equal(r.stats.mean, node_stats(r.scores).mean)


def test_goalposts_default_by_hand() -> None:
    h = smart_tree()
    x = np.full((1, 10), 50.0)
    x[0, 0] = 100.0  # L0a → 1, L0b → .5: P0 = .75; all other pillars .5
    r = score(h, x)
    assert r.unit_codes == ("U1",)
    assert r.frame().loc["U1", "Index"] == pytest.approx(0.10 * 0.75 + 0.90 * 0.5)


def test_tiers_8_17_25_for_50_units() -> None:
    r = score(smart_tree(), values(50))
    assert np.bincount(r.tier).tolist() == [8, 17, 25]
    order = np.argsort(r.rank)
    assert r.tier[order].tolist() == sorted(r.tier.tolist())  # tiers follow the ranking


def test_tiers_by_thresholds() -> None:
    rule = TierRule(kind="thresholds", values=(0.6, 0.4), labels=("A", "B", "C"))
    r = score(smart_tree(), values(30), ScoringSettings(tiers=rule))
    want = np.where(r.index >= 0.6, 0, np.where(r.index >= 0.4, 1, 2))
    np.testing.assert_array_equal(r.tier, want)
    assert r.tier_labels()[0] == ("A", "B", "C")[int(want[0])]


def test_settings_json_round_trip() -> None:
    s = ScoringSettings(
        normalise="zscore",
        out_range=(50.0, 10.0),
        aggregate="geometric",
        min_coverage=0.5,
        tiers=TierRule("thresholds", (0.7, 0.3), ("高", "中", "低")),
        reconcile="channel_priority",
        discrepancy_share=0.2,
        channel_priority=("实地调研", "统计数据"),
    )
    text = json.dumps(s.to_dict(), ensure_ascii=False)
    assert ScoringSettings.from_dict(json.loads(text)) == s
    assert ScoringSettings.from_dict({}) == ScoringSettings()
    ints = ScoringSettings.from_dict({"out_range": [0, 100]}).to_dict()["out_range"]
    assert ints == [0.0, 100.0] and all(type(v) is float for v in ints)
    assert ScoringSettings().to_dict()["tiers"] == {
        "kind": "shares",
        "values": [0.16, 0.34, 0.5],
        "labels": ["领军", "先锋", "探索"],
    }


@pytest.mark.parametrize(
    ("patch", "key"),
    [
        ({"normalise": "log"}, "normalise"),
        ({"aggregate": "median"}, "aggregate"),
        ({"reconcile": "first"}, "reconcile"),
        ({"out_range": [1, 0]}, "out_range"),
        ({"out_range": [0, 1, 2]}, "out_range"),
        ({"out_range": "0-1"}, "out_range"),
        ({"normalise": "zscore", "out_range": [0, 0]}, "out_range"),
        ({"min_coverage": 1.5}, "min_coverage"),
        ({"min_coverage": "half"}, "min_coverage"),
        ({"discrepancy_share": -0.1}, "discrepancy_share"),
        ({"channel_priority": ["a", "a"]}, "channel_priority"),
        ({"tiers": {"values": [0.5, 0.4, 0.2]}}, "tiers.values"),
        ({"tiers": {"values": [0.5, 0.5]}}, "tiers.values"),
        ({"tiers": {"kind": "thresholds", "values": [0.3, 0.6]}}, "tiers.values"),
        ({"tiers": {"kind": "quantiles"}}, "tiers.kind"),
        ({"tiers": {"colour": "red"}}, "tiers.colour"),
        ({"tiers": [0.5, 0.5]}, "tiers"),
        ({"weights": "equal"}, "weights"),
    ],
)
def test_bad_settings_name_the_key(patch: dict[str, object], key: str) -> None:
    with pytest.raises(ValueError, match=key.replace(".", r"\.")):
        ScoringSettings.from_dict(patch)


def test_shape_and_unit_code_errors() -> None:
    h = smart_tree()
    with pytest.raises(ScoringError, match="10 leaves"):
        score(h, np.ones((3, 9)))
    with pytest.raises(ScoringError, match="2 unit codes for 3 rows"):
        score(h, np.ones((3, 10)), unit_codes=["a", "b"])
    with pytest.raises(ScoringError, match="unique"):
        score(h, np.ones((2, 10)), unit_codes=["a", "a"])


def test_infinite_value_names_node_and_unit() -> None:
    x = values(3)
    x[1, 4] = np.inf
    with pytest.raises(ScoringError, match=r"node 'L2a', unit 'bj'") as caught:
        score(smart_tree(), x, unit_codes=["sh", "bj", "gz"])
    assert (caught.value.node, caught.value.unit) == ("L2a", "bj")


def test_geometric_zero_names_node_and_unit() -> None:
    x = values(3)
    x[2, 3] = 100.0  # L1b has direction −1: 100 → 0 on goalposts
    with pytest.raises(ScoringError, match=r"node 'P1', unit 'gz'"):
        score(smart_tree(), x, ScoringSettings(aggregate="geometric"), ["sh", "bj", "gz"])


def test_no_units() -> None:
    for method in ("goalposts", "minmax", "zscore", "rank", "percentile"):
        r = score(smart_tree(), np.empty((0, 10)), ScoringSettings.from_dict({"normalise": method}))
        assert r.scores.shape == (0, 16) and r.tier.shape == (0,) and r.stats.n.sum() == 0


def test_input_is_not_modified() -> None:
    x = values(5)
    x[0, 0] = NAN
    before = x.copy()
    for method in ("goalposts", "minmax", "zscore", "rank", "percentile"):
        score(smart_tree(), x, ScoringSettings.from_dict({"normalise": method}))
    np.testing.assert_array_equal(x, before)
