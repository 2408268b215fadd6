"""Statistical audit against pandas / scipy and hand-computed numbers."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from models.idata import read_idata
from models.imeta import read_imeta
from scoring.audit import (
    CorrMethod,
    correlation_audit,
    correlation_matrix,
    cronbach_alpha,
    cronbach_by_node,
    indicator_audit,
    run_audit,
)
from scoring.hierarchy import Hierarchy, NodeSpec
from scoring.pipeline import ScoringSettings, score

ASEM = Path(__file__).parent / "data" / "asem"
NAN = math.nan


def asem_raw() -> tuple[Hierarchy, pd.DataFrame]:
    meta = read_imeta(ASEM / "asem_iMeta.csv")
    units = read_idata(ASEM / "asem_iData.csv", meta)
    h = meta.framework.to_hierarchy()
    return h, pd.DataFrame(units.values, columns=list(h.leaf_codes))


def test_indicator_statistics_equal_pandas() -> None:
    _, frame = asem_raw()
    a = indicator_audit(frame.to_numpy(), list(frame.columns))
    assert a.n.tolist() == frame.count().tolist()
    assert a.missing == pytest.approx(frame.isna().mean().to_numpy())
    for ours, theirs in (
        (a.mean, frame.mean()),
        (a.sd, frame.std()),
        (a.min, frame.min()),
        (a.max, frame.max()),
        (a.skew, frame.skew()),
        (a.kurt, frame.kurt()),
    ):
        assert ours == pytest.approx(theirs.to_numpy(), rel=1e-9, nan_ok=True)
    assert a.unique == pytest.approx((frame.nunique() / frame.count()).to_numpy())
    assert a.zeros == pytest.approx(((frame == 0).sum() / frame.count()).to_numpy())
    out = a.frame()
    assert out.index.name == "iCode" and "outlier" in out.columns


def test_flags() -> None:
    x = np.array(
        [
            [0.0, 1.0, 1.0, 1.0],
            [0.0, 1.0, 2.0, 2.0],
            [0.0, 2.0, NAN, 3.0],
            [1.0, 2.0, NAN, 4.0],
            [0.0, 1.0, NAN, 100.0],
        ]
    )
    a = indicator_audit(x, ["zeros", "few", "sparse", "outlier"])
    assert a.many_zeros.tolist() == [True, False, False, False]
    assert a.few_distinct.tolist() == [True, True, False, False]  # 2/5 and 2/5 distinct
    assert a.low_availability.tolist() == [False, False, True, False]
    assert a.outlier.tolist() == [True, False, False, True]  # |skew| > 2 and kurt > 3.5


@pytest.mark.parametrize("method", ["pearson", "spearman"])
def test_correlations_equal_pandas(method: CorrMethod) -> None:
    _, frame = asem_raw()
    got = correlation_matrix(frame.to_numpy(), method)
    want = frame.corr(method=method).to_numpy()
    assert got == pytest.approx(want, abs=1e-12, nan_ok=True)
    complete = frame.dropna(axis=1)
    got = correlation_matrix(complete.to_numpy(), method)
    want = complete.corr(method=method).to_numpy()
    assert got == pytest.approx(want, abs=1e-12)


def test_correlation_flags() -> None:
    h = Hierarchy.from_nodes(
        [NodeSpec("I", None), NodeSpec("A", "I"), NodeSpec("B", "I")]
        + [NodeSpec(c, "A") for c in ("a1", "a2")]
        + [NodeSpec(c, "B") for c in ("b1", "b2", "b3")]
    )
    rng = np.random.default_rng(2)
    base, other = rng.normal(size=40), rng.normal(size=40)
    noise = rng.normal(0, 0.05, (40, 3))
    # b1 ≈ b2 (redundant), b3 ≈ −b1: B follows b1 + b2, so b3 runs against its parent
    x = np.column_stack([other, other + noise[:, 0], base, base + noise[:, 1], -base + noise[:, 2]])
    result = score(h, x, ScoringSettings(normalise="zscore"))
    audit = correlation_audit(h, result.scores)
    pairs = {(a, b) for a, b, _ in audit.redundant}
    assert {("a1", "a2"), ("b1", "b2")} <= pairs
    assert all(h.height[h.index[a]] == h.height[h.index[b]] for a, b in pairs)
    negative = {(c, p) for c, p, _ in audit.negative_with_parent}
    assert negative == {("b3", "B")}
    assert audit.frame().shape == (len(h.codes), len(h.codes))
    assert audit.flags_frame().columns.tolist() == ["A", "B", "r", "Flag"]


def test_cronbach_alpha_by_hand() -> None:
    items = np.array([[1.0, 2.0, 3.0], [2.0, 2.0, 4.0], [3.0, 4.0, 4.0], [4.0, 5.0, 6.0]])
    k = 3
    item_var = items.var(axis=0, ddof=1).sum()  # 5/3 + 9/4 + 19/12 = 5.5
    total_var = items.sum(axis=1).var(ddof=1)  # totals 6, 8, 11, 15: 46/3
    assert cronbach_alpha(items) == pytest.approx(k / (k - 1) * (1 - item_var / total_var))
    assert cronbach_alpha(items) == pytest.approx(1.5 * (1 - 5.5 / (46 / 3)))
    with_gap = np.vstack([items, [NAN, 1.0, 1.0]])
    assert cronbach_alpha(with_gap) == cronbach_alpha(items)  # listwise
    assert math.isnan(cronbach_alpha(items[:, :1]))


def test_cronbach_per_node_on_asem() -> None:
    h, frame = asem_raw()
    result = score(h, frame.to_numpy(), ScoringSettings(normalise="minmax"))
    alphas = cronbach_by_node(h, result.scores)
    assert set(alphas) == set(h.aggregate_codes)
    kids = [int(i) for i in h.children(h.index["Conn"])]
    assert alphas["Conn"] == pytest.approx(cronbach_alpha(result.scores[:, kids]))


def test_run_audit_bundles_everything() -> None:
    h, frame = asem_raw()
    result = score(h, frame.to_numpy(), ScoringSettings(normalise="minmax"))
    report = run_audit(h, frame.to_numpy(), result.scores)
    assert report.indicators.codes == h.leaf_codes
    assert report.pearson.method == "pearson" and report.spearman.method == "spearman"
    assert set(report.cronbach) == set(h.aggregate_codes)
