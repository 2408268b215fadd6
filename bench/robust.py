"""Benchmark of the uncertainty analysis (the batched Monte Carlo engine).

Usage: python bench/robust.py [--json] [--runs N]
Cases:
  ua-asem-1000     COINr's ASEM example as COINr builds it (denominate, impute by
                   EurAsia_group mean, screen 0.9, treat, min-max 0–100, arithmetic), N = 1000,
                   weights ±25 % at every level, normalisation drawn from min-max / z-score /
                   rank. Timed end to end: data treatment, variants, 1000 samples, ranks, tiers.
  ua-300x52-1000   300 units × 52 leaves (bench/score.py's synthetic tree), same assumptions.
  sa-asem-1000     sensitivity indices on ASEM: N = 1000 base rows, weights, normalisation,
                   imputation and dropping one indicator: 6000 model runs, 1000 bootstraps.
With --json, one JSON object per line: {"name", "median_ms", "runs"}. Reports, asserts nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from bench.common import bench_parser, median_ms, report_line
from models.idata import read_idata
from models.imeta import read_imeta
from scoring.hierarchy import Hierarchy
from scoring.normalise import NormaliseMethod
from scoring.pipeline import ScoringSettings
from scoring.prepare import DataSteps, UnitData
from scoring.sensitivity import run_sensitivity
from scoring.uncertainty import UncertaintySpec, run_uncertainty

ROOT = Path(__file__).resolve().parent.parent
ASEM = ROOT / "tests" / "data" / "asem"
COINR_STEPS = DataSteps(denominate=True, impute="group-mean:EurAsia_group", screen=0.9, treat=True)
MINMAX_100 = ScoringSettings(normalise="minmax", out_range=(0.0, 100.0))
NORMS: tuple[NormaliseMethod, ...] = ("minmax", "zscore", "rank")


def asem_data() -> tuple[Hierarchy, UnitData]:
    meta = read_imeta(ASEM / "asem_iMeta.csv")
    units = read_idata(ASEM / "asem_iData.csv", meta)
    h = meta.framework.to_hierarchy()
    spec = {n.code: n.spec for n in meta.framework.nodes}
    by = tuple((s.denominator or None) if s else None for s in (spec[c] for c in h.leaf_codes))
    return h, UnitData(units.codes, units.values, units.groups, units.denominators, by)


def cases() -> list[tuple[str, Callable[[], object]]]:
    if str(ROOT) not in sys.path:  # run as a script: bench/ itself is not installed
        sys.path.insert(0, str(ROOT))
    from bench.score import synthetic_case

    h_asem, asem = asem_data()
    h_syn, values = synthetic_case()
    syn = UnitData(tuple(f"U{i}" for i in range(values.shape[0])), values)
    ua = UncertaintySpec(samples=1000, weight_noise=0.25, normalise=NORMS, seed=1)
    sa = UncertaintySpec(
        samples=1000,
        weight_noise=0.25,
        normalise=NORMS,
        impute=("mean", "none"),
        drop_indicators=True,
        seed=1,
    )
    return [
        ("ua-asem-1000", lambda: run_uncertainty(h_asem, asem, MINMAX_100, COINR_STEPS, ua)),
        ("ua-300x52-1000", lambda: run_uncertainty(h_syn, syn, MINMAX_100, DataSteps(), ua)),
        ("sa-asem-1000", lambda: run_sensitivity(h_asem, asem, MINMAX_100, COINR_STEPS, sa)),
    ]


def main(argv: list[str] | None = None) -> int:
    args = bench_parser(__doc__, runs=20).parse_args(argv)
    for name, func in cases():
        ms = median_ms(func, args.runs, warmup=1)
        print(report_line(name, ms, args.runs, args.json))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
