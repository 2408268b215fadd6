"""The batched engine against the single-run engine; uncertainty and sensitivity analysis."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from models.idata import read_idata
from models.imeta import read_imeta
from scoring.aggregate import AggregateMethod
from scoring.batch import aggregate_batch, ranks_batch, tiers_batch
from scoring.hierarchy import Hierarchy, NodeSpec, ScoringError
from scoring.normalise import NormaliseMethod, normalise
from scoring.pipeline import ScoringSettings, TierRule, score
from scoring.prepare import DataSteps, UnitData, prepare
from scoring.progress import CancelledError
from scoring.ranking import rank_desc, tiers_by_share
from scoring.sensitivity import (
    bootstrap_intervals,
    run_sensitivity,
    saltelli_matrices,
    sobol_indices,
)
from scoring.uncertainty import (
    UncertaintySpec,
    build_model,
    configure,
    evaluate,
    run_uncertainty,
    ua_design,
)
from scoring.weighting import with_weights

ASEM = Path(__file__).parent / "data" / "asem"
MINMAX_100 = ScoringSettings(normalise="minmax", out_range=(0.0, 100.0))
COINR_STEPS = DataSteps(denominate=True, impute="group-mean:EurAsia_group", screen=0.9, treat=True)
NORMS: tuple[NormaliseMethod, ...] = ("minmax", "zscore", "rank")


def rng() -> np.random.Generator:
    return np.random.default_rng(3)


def asem() -> tuple[Hierarchy, UnitData]:
    meta = read_imeta(ASEM / "asem_iMeta.csv")
    units = read_idata(ASEM / "asem_iData.csv", meta)
    h = meta.framework.to_hierarchy()
    spec = {n.code: n.spec for n in meta.framework.nodes}
    by = tuple((s.denominator or None) if s else None for s in (spec[c] for c in h.leaf_codes))
    return h, UnitData(units.codes, units.values, units.groups, units.denominators, by)


def unbalanced() -> Hierarchy:
    """Root ← P (← l1, l2, G ← l3, l4), l5 (a leaf right under the root)."""
    return Hierarchy.from_nodes(
        [
            NodeSpec("R", None),
            NodeSpec("P", "R", 2.0),
            NodeSpec("l5", "R", 1.0, -1),
            NodeSpec("l1", "P"),
            NodeSpec("l2", "P", 0.5),
            NodeSpec("G", "P", 1.5),
            NodeSpec("l3", "G"),
            NodeSpec("l4", "G", 3.0, -1),
        ]
    )


@pytest.mark.parametrize("method", ["arithmetic", "geometric"])
@pytest.mark.parametrize("coverage", [0.0, 0.6])
@pytest.mark.parametrize("tree", ["asem", "unbalanced"])
def test_batch_equals_single_runs(method: AggregateMethod, coverage: float, tree: str) -> None:
    rng = np.random.default_rng(4)
    if tree == "asem":
        h, data = asem()
        raw = data.values
    else:
        h = unbalanced()
        raw = rng.uniform(0, 50, (30, h.n_leaves))
        raw[rng.random(raw.shape) < 0.2] = np.nan
    variants = np.array(
        [normalise(raw, h, "minmax", (1.0, 100.0)), normalise(raw, h, "rank", (1.0, 100.0))]
    )
    n = 12
    weights = h.weight * rng.uniform(0.5, 1.5, (n, len(h.codes)))
    weights[3, 0] = 0.0  # an indicator left out
    variant = rng.integers(0, 2, n)
    got = aggregate_batch(h, variants, variant, weights, method, coverage)
    for s in range(n):
        settings = ScoringSettings(
            normalise="minmax" if variant[s] == 0 else "rank",
            out_range=(1.0, 100.0),
            aggregate=method,
            min_coverage=coverage,
        )
        h_s = with_weights(h, dict(zip(h.codes, weights[s], strict=True)))
        want = score(h_s, raw, settings).scores
        assert got[s] == pytest.approx(want, rel=1e-12, abs=1e-12, nan_ok=True)


def test_batch_ranks_and_tiers_equal_single_runs() -> None:
    rng = np.random.default_rng(9)
    index = np.round(rng.uniform(0, 10, (20, 37)), 1)  # many ties
    index[3, [4, 7]] = np.nan
    ranks = ranks_batch(index)
    rule = TierRule()
    tiers = tiers_batch(ranks, index, rule)
    for s in range(20):
        assert np.array_equal(ranks[s], rank_desc(index[s]), equal_nan=True)
        assert np.array_equal(tiers[s], tiers_by_share(ranks[s], rule.values))


def test_zero_noise_single_method_gives_the_nominal_ranks() -> None:
    h, data = asem()
    result = run_uncertainty(h, data, MINMAX_100, COINR_STEPS, UncertaintySpec(samples=64, seed=1))
    prepared = prepare(data, COINR_STEPS)
    nominal = score(h, prepared.values, MINMAX_100, prepared.codes)
    assert np.array_equal(result.nominal_rank, nominal.rank)
    assert result.nominal_index == pytest.approx(nominal.index, rel=1e-12)
    assert (result.ranks == nominal.rank).all()
    stats = result.rank_stats()
    for name in ("Mean", "Median", "Q5", "Q95"):
        assert np.array_equal(stats[name], nominal.rank)
    assert result.assumptions == ()
    tiers = result.tier_prob.argmax(axis=1)
    assert np.array_equal(tiers, nominal.tier) and (result.tier_prob.max(axis=1) == 1).all()


def test_seeds_make_runs_reproducible() -> None:
    h, data = asem()
    spec = UncertaintySpec(
        samples=200, weight_noise=0.25, normalise=NORMS, drop_indicators=True, seed=7
    )
    a = run_uncertainty(h, data, MINMAX_100, DataSteps(impute="mean"), spec)
    b = run_uncertainty(h, data, MINMAX_100, DataSteps(impute="mean"), spec)
    assert np.array_equal(a.ranks, b.ranks) and np.array_equal(a.design, b.design)
    other = UncertaintySpec(**{**spec.__dict__, "seed": 8})
    c = run_uncertainty(h, data, MINMAX_100, DataSteps(impute="mean"), other)
    assert not np.array_equal(a.ranks, c.ranks)


def test_uncertainty_table_and_statistics() -> None:
    h, data = asem()
    spec = UncertaintySpec(samples=300, weight_noise=0.25, normalise=NORMS, seed=3)
    r = run_uncertainty(h, data, MINMAX_100, COINR_STEPS, spec)
    frame = r.frame()
    header = ["uCode", "Nominal", "Mean", "Median", "Q5", "Q95", "领军", "先锋", "探索"]
    assert list(frame.columns) == header
    assert len(frame) == 51 and r.assumptions == ("weights", "normalise")
    col = r.ranks[:, 5]
    assert frame["Q5"][5] == np.quantile(col, 0.05)  # R type 7 = numpy "linear"
    assert frame["Median"][5] == np.median(col) and frame["Mean"][5] == pytest.approx(col.mean())
    assert r.tier_prob.sum(axis=1) == pytest.approx(np.ones(51))
    assert r.design[:, 0].tolist() == list(range(300))  # sample s: noisy weight set s
    assert set(r.design[:, 1]) == {0, 1, 2}


def test_each_sample_is_a_single_run_with_its_settings() -> None:
    h, data = asem()
    spec = UncertaintySpec(samples=40, weight_noise=0.25, normalise=NORMS, seed=3)
    model = build_model(h, data, MINMAX_100, DataSteps(impute="mean"), spec, rng())
    design = ua_design(model, 40, rng())
    config = configure(model, design)
    index = evaluate(model, config)
    values = model.prepared.values
    for s in (0, 17, 33):
        method = NORMS[design[s, 1]]
        settings = ScoringSettings(
            normalise=method, out_range=(0.0, 1.0) if method == "zscore" else (0.0, 100.0)
        )
        h_s = with_weights(h, dict(zip(h.codes, config.weights[s], strict=True)))
        assert index[s] == pytest.approx(score(h_s, values, settings).index, rel=1e-12)


def test_geometric_with_zscore_is_refused() -> None:
    h, data = asem()
    spec = UncertaintySpec(samples=10, normalise=("zscore",), aggregate=("geometric",))
    with pytest.raises(ScoringError, match="positive"):
        run_uncertainty(h, data, MINMAX_100, DataSteps(impute="mean"), spec)


def test_progress_and_cancel() -> None:
    h, data = asem()
    spec = UncertaintySpec(samples=500, weight_noise=0.1, chunk_elements=20_000, seed=1)
    seen: list[float] = []
    run_uncertainty(h, data, MINMAX_100, DataSteps(), spec, progress=seen.append)
    assert len(seen) > 3 and seen == sorted(seen) and seen[-1] == 1.0
    with pytest.raises(CancelledError):
        run_uncertainty(h, data, MINMAX_100, DataSteps(), spec, cancelled=lambda: len(seen) > 0)
    calls: list[float] = []
    with pytest.raises(CancelledError):
        run_uncertainty(
            h, data, MINMAX_100, DataSteps(), spec, calls.append, lambda: len(calls) >= 2
        )
    assert 2 <= len(calls) < 10


# ---------------------------------------------------------------- sensitivity


def test_sobol_estimators_on_an_additive_function() -> None:
    # y = x1 + 2·x2 (centred), uniform inputs: S1 = 1/5, S2 = 4/5, additive, x3 does nothing
    rng = np.random.default_rng(0)
    n, k = 20000, 3
    x = saltelli_matrices(n, k, rng)
    y = (x[:, 0] - 0.5) + 2 * (x[:, 1] - 0.5)  # centred: the estimators' noise is smaller
    first, total, var = sobol_indices(y, n, k)
    assert var == pytest.approx(5 / 12, rel=0.03)
    assert first == pytest.approx([0.2, 0.8, 0.0], abs=0.03)
    assert total == pytest.approx([0.2, 0.8, 0.0], abs=0.03)
    assert total[2] == 0.0
    lo1, hi1, lo_t, hi_t = bootstrap_intervals(y, n, k, 200, rng)
    assert (lo1 <= first + 1e-12).all() and (first <= hi1 + 1e-12).all()
    assert (lo_t <= total + 1e-12).all() and (total <= hi_t + 1e-12).all()


def test_sensitivity_of_an_assumption_that_does_nothing_is_zero() -> None:
    h, data = asem()
    complete = UnitData(data.codes, np.nan_to_num(data.values, nan=1.0))
    # two imputation methods on data without gaps: identical variants, no effect
    spec = UncertaintySpec(
        samples=300,
        weight_noise=0.25,
        normalise=("minmax", "rank"),
        impute=("mean", "median"),
        seed=5,
    )
    sa = run_sensitivity(h, complete, MINMAX_100, DataSteps(), spec, bootstrap=200)
    assert sa.assumptions == ("weights", "normalise", "impute")
    frame = sa.frame()
    assert frame.loc["impute", "Si"] == pytest.approx(0.0, abs=1e-12)
    assert frame.loc["impute", "STi"] == pytest.approx(0.0, abs=1e-12)
    assert (sa.total[:2] > 0.05).all() and sa.first_order[2] == pytest.approx(0.0, abs=1e-12)
    assert sa.output.size == 300 * 5 and sa.uncertainty.ranks.shape == (600, 51)


def test_sensitivity_needs_something_to_vary() -> None:
    h, data = asem()
    with pytest.raises(ScoringError, match="nothing varies"):
        run_sensitivity(h, data, MINMAX_100, DataSteps(), UncertaintySpec(samples=10))


def test_dropping_an_indicator_is_weight_zero() -> None:
    h, data = asem()
    spec = UncertaintySpec(samples=200, drop_indicators=True, seed=11)
    r = run_uncertainty(h, data, MINMAX_100, DataSteps(impute="mean"), spec)
    values = prepare(data, DataSteps(impute="mean")).values
    s = int(np.flatnonzero(r.design[:, 0] > 0)[0])
    dropped = h.leaf_codes[r.design[s, 0] - 1]
    want = score(with_weights(h, {dropped: 0.0}), values, MINMAX_100)
    assert r.index[s] == pytest.approx(want.index, rel=1e-12)
    assert np.array_equal(r.ranks[s], want.rank)
