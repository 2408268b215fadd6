"""Benchmark of the whole scoring pipeline (normalise, aggregate, rank, tiers, statistics).

Usage: python bench/score.py [--json] [--runs N]
With --json, one JSON object per line: {"name", "median_ms", "runs"}; otherwise one
human-readable line per case. Not imported by tests; it reports, it asserts nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench.common import bench_parser, median_ms, report_line
from scoring.hierarchy import FloatArray, Hierarchy, NodeSpec
from scoring.pipeline import ScoringSettings, score

ASEM = Path(__file__).resolve().parent.parent / "tests" / "data" / "asem"
PILLAR_WEIGHTS = (0.10, 0.15, 0.25, 0.20, 0.30)  # the SMART defaults


def synthetic_case(n_units: int = 300, seed: int = 1) -> tuple[Hierarchy, FloatArray]:
    """A 5/16/52 tree (root → 5 pillars → 16 groups → 52 leaves), 2 % of values missing."""
    rng = np.random.default_rng(seed)
    nodes = [NodeSpec("Index", None)]
    groups_per_pillar = (3, 3, 3, 3, 4)
    leaves_per_group = [3] * 12 + [4] * 4
    group = 0
    for p, (n_groups, w) in enumerate(zip(groups_per_pillar, PILLAR_WEIGHTS, strict=True)):
        nodes.append(NodeSpec(f"P{p}", "Index", weight=w))
        for _ in range(n_groups):
            nodes.append(NodeSpec(f"G{group}", f"P{p}"))
            for k in range(leaves_per_group[group]):
                direction = -1 if k == 2 else 1
                nodes.append(NodeSpec(f"L{group}_{k}", f"G{group}", 1.0, direction, 0.0, 100.0))
            group += 1
    h = Hierarchy.from_nodes(nodes)
    values = rng.uniform(-10.0, 110.0, size=(n_units, h.n_leaves))
    values[rng.random(values.shape) < 0.02] = np.nan
    return h, values


def asem_case() -> tuple[Hierarchy, FloatArray]:
    """COINr's ASEM example: 51 countries, 49 indicators, 4 levels."""
    with (ASEM / "asem_iMeta.csv").open(newline="", encoding="utf-8") as f:
        meta = [r for r in csv.DictReader(f) if r["Type"] in ("Indicator", "Aggregate")]
    nodes = [
        NodeSpec(r["iCode"], r["Parent"] or None, float(r["Weight"]), int(r["Direction"]))
        for r in meta
    ]
    h = Hierarchy.from_nodes(nodes)
    with (ASEM / "asem_iData.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    values = [
        [float(r[c]) if r[c] not in ("", "NA") else np.nan for c in h.leaf_codes] for r in rows
    ]
    return h, np.array(values, dtype=np.float64)


def main(argv: list[str] | None = None) -> int:
    args = bench_parser(__doc__, runs=2000).parse_args(argv)
    h_syn, v_syn = synthetic_case()
    h_asem, v_asem = asem_case()
    minmax = ScoringSettings(normalise="minmax")
    geo = ScoringSettings(normalise="minmax", out_range=(1.0, 100.0), aggregate="geometric")
    cases: list[tuple[str, Callable[[], object]]] = [
        ("score-300x52", lambda: score(h_syn, v_syn)),
        ("score-asem", lambda: score(h_asem, v_asem, minmax)),
        ("score-asem-geometric", lambda: score(h_asem, v_asem, geo)),
        ("score-300x52-zscore", lambda: score(h_syn, v_syn, ScoringSettings(normalise="zscore"))),
    ]
    for name, func in cases:
        ms = median_ms(func, args.runs, warmup=min(50, args.runs))  # caches, plan compilation
        print(report_line(name, ms, args.runs, args.json))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
