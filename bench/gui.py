"""Benchmarks of the GUI's item models over a 100 000-observation workspace (Qt offscreen).

Usage: python bench/gui.py [--json] [--runs N] [--only NAME...]
With --json, one JSON object per line: {"name", "median_ms", "runs"}; otherwise one
human-readable line per benchmark with its goal. The workspace (the sample framework and
cities with generated observations) is built once per run in a temporary folder.

A benchmark is a function `(Context) -> float` that does its untimed preparation, times
one run of its subject and returns the seconds; add it to BENCHMARKS with a goal.
Not imported by tests; it reports, it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from bench.first_paint import WarmStarts
from bench.gui_edit import edit_benchmark
from models.audit import Actor
from models.cities import load_city_list
from models.observation_table import TableFilter
from models.observations import NewObservation
from models.resources import city_list_path, load_framework_template
from models.sample import SampleObservation, generate
from models.schema import STATUSES
from models.workspace import Workspace
from scoring.pipeline import ScoringSettings
from ui.coverage.matrix_model import CoverageModel
from ui.observations.proxy import ObservationProxy
from ui.observations.table_model import Column, ObservationTableModel
from ui.session import Session

N_OBSERVATIONS = 100_000
FIRST_SCREEN_ROWS = 40
BENCH_ACTOR = Actor("基准测试 / benchmark", "bench")


@dataclass
class Context:
    """What the benchmarks share: the application and a Session on the big workspace."""

    app: QApplication
    session: Session
    cache: dict[str, object] = field(default_factory=dict)

    def table(self) -> tuple[ObservationTableModel, ObservationProxy]:
        """A model and proxy kept across runs (for the sort and filter benchmarks)."""
        if "table" not in self.cache:
            model = ObservationTableModel(self.session)
            self.cache["table"] = (model, ObservationProxy(model))
        found = self.cache["table"]
        assert isinstance(found, tuple)
        return found


# ---------------------------------------------------------------- the workspace


def build_workspace(path: Path, n: int = N_OBSERVATIONS) -> None:
    """The sample framework and cities with `n` observations (sample generator, many seeds)."""
    framework, cities = load_framework_template(), load_city_list(city_list_path())
    generated: list[SampleObservation] = []
    seed = 1
    while len(generated) < n:
        generated += generate(framework, cities, seed)
        seed += 1
    with Workspace.create(path, BENCH_ACTOR) as ws:
        framework_id = ws.add_framework(framework, BENCH_ACTOR)
        stored = ws.framework(framework_id)
        city_ids = ws.add_cities(cities, BENCH_ACTOR)
        settings = ScoringSettings().to_dict()
        campaign = ws.add_campaign("bench", framework_id, city_ids, settings, BENCH_ACTOR)
        node = {x.code: x.node_id for x in stored.nodes}
        city = dict(zip((c.code for c in cities), city_ids, strict=True))
        news = [
            NewObservation(
                campaign, city[o.city_code], node[o.indicator_code] or 0, o.value, o.channel,
                o.observed_on, o.source, o.note, o.detail, o.status,
                evaluator=o.evaluator, device=o.device,
            )
            for o in generated[:n]
        ]  # fmt: skip
        ws.add_observations(news, BENCH_ACTOR)


@contextmanager
def big_workspace() -> Iterator[Session]:
    with tempfile.TemporaryDirectory(prefix="smartcity-bench-") as folder:
        path = Path(folder) / "bench.smartcity"
        build_workspace(path)
        ws = Workspace.open(path)
        try:
            yield Session(ws, BENCH_ACTOR, language="zh")
        finally:
            ws.close()


# ---------------------------------------------------------------- benchmarks


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def first_screen(proxy: ObservationProxy) -> list[object]:
    """What a view asks for to show its first screen."""
    columns = proxy.columnCount()
    return [
        proxy.data(proxy.index(row, column))
        for row in range(min(FIRST_SCREEN_ROWS, proxy.rowCount()))
        for column in range(columns)
    ]


def table_open(ctx: Context) -> float:
    """Load the model (one query), build the proxy, format the first screen."""

    def run() -> None:
        model = ObservationTableModel(ctx.session)
        first_screen(ObservationProxy(model))

    return timed(run)


def table_sort(ctx: Context) -> float:
    """Sort by value, then by city (stable: by value within each city)."""
    _model, proxy = ctx.table()
    proxy.sort(-1)

    def run() -> None:
        proxy.sort(Column.VALUE)
        proxy.sort(Column.CITY)

    return timed(run)


def table_filter(ctx: Context) -> float:
    """Set a text filter and a status filter together (text search warmed up)."""
    _model, proxy = ctx.table()
    proxy.set_filter(TableFilter())
    wanted = TableFilter(status=STATUSES.index("verified"), text="公报")

    def run() -> None:
        proxy.set_filter(wanted)
        first_screen(proxy)

    return timed(run)


def table_filter_first(ctx: Context) -> float:
    """The first text filter on a freshly loaded table (its text columns not yet coded)."""
    model = ObservationTableModel(ctx.session)
    proxy = ObservationProxy(model)
    return timed(lambda: proxy.set_filter(TableFilter(text="公报")))


def table_reload(ctx: Context) -> float:
    """What an edit costs the table: reload (one query), re-filter and re-sort."""
    model, proxy = ctx.table()
    proxy.set_filter(TableFilter(status=STATUSES.index("verified"), text="公报"))
    proxy.sort(Column.VALUE)
    return timed(model.reload)


def coverage_refresh(ctx: Context) -> float:
    """The coverage matrix after an edit: status query and grid (scores cached)."""
    if "coverage" not in ctx.cache:
        ctx.cache["coverage"] = CoverageModel(ctx.session)
    model = ctx.cache["coverage"]
    assert isinstance(model, CoverageModel)
    return timed(model.refresh)


@dataclass(frozen=True)
class Benchmark:
    name: str
    func: Callable[[Context], float]
    goal_ms: float | None = None
    runs: int = 10


_edit_50, _edit_300 = edit_benchmark(50), edit_benchmark(300)


def edit_50(ctx: Context) -> float:
    return _edit_50(ctx.cache, ctx.app)


def edit_300(ctx: Context) -> float:
    return _edit_300(ctx.cache, ctx.app)


def first_paint(ctx: Context) -> float:
    """`python main.py` on the sample workspace (offscreen, private user folders): process
    start to the main window's first paint (see bench/first_paint.py). The warm-up run is
    the first start, which writes the sample; the timed runs are warm starts."""
    if "starts" not in ctx.cache:
        ctx.cache["starts"] = WarmStarts([sys.executable, str(REPO / "main.py")])
    starts = ctx.cache["starts"]
    assert isinstance(starts, WarmStarts)
    return starts.start()


REPO = Path(__file__).resolve().parent.parent
BENCHMARKS: list[Benchmark] = [
    Benchmark("gui-first-paint", first_paint, 1000, runs=5),
    Benchmark("gui-edit-50", edit_50, 50, runs=30),
    Benchmark("gui-edit-300", edit_300, 100, runs=30),
    Benchmark("gui-table-100k-open", table_open, 500, runs=5),
    Benchmark("gui-table-100k-sort", table_sort, 300),
    Benchmark("gui-table-100k-filter", table_filter, 100, runs=20),
    Benchmark("gui-table-100k-filter-first", table_filter_first, None, runs=3),
    Benchmark("gui-table-100k-reload", table_reload, None, runs=5),
    Benchmark("gui-coverage-100k-refresh", coverage_refresh, None, runs=10),
]


def median_ms(bench: Benchmark, ctx: Context, runs: int) -> float:
    bench.func(ctx)  # warm-up: imports, caches
    return statistics.median(bench.func(ctx) for _ in range(runs)) * 1000.0


def report(bench: Benchmark, ms: float, runs: int, as_json: bool) -> str:
    if as_json:
        return json.dumps({"name": bench.name, "median_ms": round(ms, 3), "runs": runs})
    goal = f"goal {bench.goal_ms:6.0f} ms" if bench.goal_ms is not None else ""
    verdict = "" if bench.goal_ms is None else ("ok" if ms <= bench.goal_ms else "SLOW")
    return f"{bench.name:30s} median {ms:9.2f} ms over {runs:3d} runs  {goal} {verdict}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--runs", type=int, default=None, help="runs per benchmark")
    parser.add_argument("--only", nargs="*", default=None, help="benchmark names to run")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    chosen = [b for b in BENCHMARKS if not args.only or b.name in args.only]
    with big_workspace() as session:
        ctx = Context(app, session)
        for bench in chosen:
            runs = args.runs or bench.runs
            print(report(bench, median_ms(bench, ctx, runs), runs, args.json), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
