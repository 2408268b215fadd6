"""What every benchmark script shares: timing a function and printing its line."""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable


def bench_parser(doc: str | None, runs: int) -> argparse.ArgumentParser:
    """--json and --runs, the options every bench/*.py takes (bench/run.py passes --json)."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--runs", type=int, default=runs, help="timed runs per benchmark")
    return parser


def median_ms(
    func: Callable[[], object],
    runs: int,
    warmup: int = 0,
    setup: Callable[[], object] | None = None,
) -> float:
    """Median wall time of `func` in ms over `runs` runs; `setup` runs untimed before each."""
    for _ in range(warmup):
        func()
    times = []
    for _ in range(runs):
        if setup is not None:
            setup()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000.0


def report_line(name: str, ms: float, runs: int, as_json: bool) -> str:
    """One JSON object ({"name", "median_ms", "runs"}) or one readable line."""
    if as_json:
        return json.dumps({"name": name, "median_ms": round(ms, 4), "runs": runs})
    return f"{name:26s} median {ms:10.4f} ms over {runs} runs"
