"""Run every benchmark and print one table: benchmark, median, goal, ✓/✗ (and write JSON).

Usage: python bench/run.py [--out FILE] [--only SCRIPT ...] [--timeout S]

Every `bench/*.py` bench script is run as its own subprocess, `python <script> --json`,
from the repository root. A bench script is a file that has a `__main__` block and takes
`--json`; `run.py` itself, files whose name starts with "_" and helper modules are skipped.
Goals come from `bench/goals.toml`. A bench that is missing, fails, hangs or prints no
result is shown as such in the table; the runner itself carries on. Exit status: 0 when
every result that ran met its goal, 1 otherwise. Run by hand, not in CI.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import platform
import subprocess
import sys
import time
import tomllib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
DEFAULT_TIMEOUT_S = 1800.0
PASS, FAIL, MISSING, ERROR, NO_GOAL = "pass", "fail", "missing", "error", "no goal"
MARKS = {PASS: "✓", FAIL: "✗", MISSING: "missing", ERROR: "error", NO_GOAL: "—"}


@dataclass(frozen=True)
class Goal:
    name: str
    limit: float
    script: str | None = None
    metric: str = "median_ms"
    unit: str = "ms"
    issue: int | None = None


@dataclass
class ScriptRun:
    """One bench script's run: its JSON records and how it ended."""

    script: str
    status: str = "ok"  # ok, or why not: "exit 1: …", "timed out after …", "no results"
    seconds: float = 0.0
    records: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    name: str
    script: str
    value: float | None
    unit: str
    goal: float | None
    verdict: str
    note: str = ""


# ---------------------------------------------------------------- goals and scripts


def load_goals(path: Path) -> list[Goal]:
    """The goals file: one TOML table per benchmark name (see bench/goals.toml)."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    goals = []
    for name, spec in data.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("max"), int | float):
            raise ValueError(f"{path}: [{name}] needs a numeric 'max'")
        goals.append(
            Goal(
                name,
                float(spec["max"]),
                spec.get("script"),
                str(spec.get("metric", "median_ms")),
                str(spec.get("unit", "ms")),
                spec.get("issue"),
            )
        )
    return goals


def find_scripts(folder: Path) -> list[Path]:
    """The bench scripts in `folder`, by name (see the module docstring for the rule)."""
    scripts = []
    for path in sorted(folder.glob("*.py")):
        if path.name == Path(__file__).name or path.name.startswith("_"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if "--json" in text and "__main__" in text:
            scripts.append(path)
    return scripts


# ---------------------------------------------------------------- running


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def parse_records(stdout: str) -> list[dict[str, Any]]:
    """The JSON objects with a "name" among the output lines; other lines are ignored."""
    records = []
    for line in stdout.splitlines():
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict) and isinstance(value.get("name"), str):
            records.append(value)
    return records


def run_script(script: Path, timeout: float, cwd: Path = REPO) -> ScriptRun:
    """Run one bench script with --json; never raises for the script's own failures."""
    result = ScriptRun(script.name)
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(script), "--json"],
            cwd=cwd,
            env=_env(),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        result.status = f"timed out after {timeout:g} s"
    except OSError as exc:
        result.status = f"cannot start: {exc}"
    else:
        result.records = parse_records(done.stdout.decode("utf-8", "replace"))
        if done.returncode != 0:
            result.status = f"exit {done.returncode}: {_last_line(done.stderr)}"
        elif not result.records:
            result.status = "no results"
    result.seconds = time.perf_counter() - start
    return result


def _last_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1][:200] if lines else "(no message)"


# ---------------------------------------------------------------- the table


def build_rows(goals: Sequence[Goal], runs: Sequence[ScriptRun], present: set[str]) -> list[Row]:
    """One row per goal (in the goals' order), then one per result that has no goal.

    `present` holds the names of the bench scripts that exist.
    """
    found = {str(r["name"]): (run, r) for run in runs for r in run.records}
    by_script = {run.script: run for run in runs}
    rows = [_goal_row(goal, found, by_script, present) for goal in goals]
    known = {goal.name for goal in goals}
    for name, (run, record) in found.items():
        if name not in known:
            value = _number(record.get("median_ms", record.get("value")))
            rows.append(Row(name, run.script, value, "ms", None, NO_GOAL))
    return rows


def _goal_row(
    goal: Goal,
    found: dict[str, tuple[ScriptRun, dict[str, Any]]],
    by_script: dict[str, ScriptRun],
    present: set[str],
) -> Row:
    script = goal.script or ""
    if goal.name in found:
        run, record = found[goal.name]
        value = _number(record.get(goal.metric, record.get("value")))
        if value is None:
            return Row(goal.name, run.script, None, goal.unit, goal.limit, ERROR, "no figure")
        verdict = PASS if value <= goal.limit else FAIL
        return Row(
            goal.name, run.script, value, goal.unit, goal.limit, verdict, _note(run, record, goal)
        )
    run_of_script = by_script.get(script)
    if run_of_script is not None and run_of_script.status != "ok":
        note = run_of_script.status
        return Row(goal.name, script, None, goal.unit, goal.limit, ERROR, note)
    if script and script not in present:
        return Row(goal.name, script, None, goal.unit, goal.limit, MISSING, "no such script")
    note = "not run" if run_of_script is None else "not in its output"
    return Row(goal.name, script, None, goal.unit, goal.limit, MISSING, note)


def _note(run: ScriptRun, record: dict[str, Any], goal: Goal) -> str:
    """The script's failure if any; beside a count or a size, the median time if given."""
    if run.status != "ok":
        return run.status
    median = _number(record.get("median_ms"))
    if median is None or goal.metric == "median_ms":
        return ""
    return f"median {_fmt(median, 'ms')}"


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    text = f"{value:.4g}" if abs(value) < 100 else f"{value:.0f}"
    return f"{text} {unit}"


def format_table(rows: Sequence[Row]) -> str:
    header = ("benchmark", "median", "goal", "", "script", "note")
    cells = [
        (
            r.name,
            _fmt(r.value, r.unit),
            "—" if r.goal is None else "≤ " + _fmt(r.goal, r.unit),
            MARKS[r.verdict],
            r.script,
            r.note,
        )
        for r in rows
    ]
    widths = [max(len(c[i]) for c in [header, *cells]) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *cells]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def results_json(rows: Sequence[Row], runs: Sequence[ScriptRun]) -> dict[str, Any]:
    return {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()} ({os.cpu_count()} CPUs)",
        "rows": [asdict(r) for r in rows],
        "scripts": [asdict(run) for run in runs],
    }


def exit_status(rows: Sequence[Row]) -> int:
    return 1 if any(r.verdict in (FAIL, ERROR) for r in rows) else 0


# ---------------------------------------------------------------- main


def run_all(
    folder: Path, goals: Sequence[Goal], only: Sequence[str], timeout: float
) -> tuple[list[Row], list[ScriptRun]]:
    scripts = find_scripts(folder)
    chosen = [s for s in scripts if not only or s.name in only or s.stem in only]
    runs = []
    for script in chosen:
        print(f"running {script.name} …", file=sys.stderr, flush=True)
        runs.append(run_script(script, timeout))
        print(f"  {runs[-1].status} in {runs[-1].seconds:.1f} s", file=sys.stderr, flush=True)
    selected = [g for g in goals if not only or g.script in {s.name for s in chosen}]
    return build_rows(selected, runs, {s.name for s in scripts}), runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "results.json")
    parser.add_argument("--goals", type=Path, default=BENCH_DIR / "goals.toml")
    parser.add_argument("--dir", type=Path, default=BENCH_DIR, help="folder of bench scripts")
    parser.add_argument("--only", nargs="*", default=[], metavar="SCRIPT", help="e.g. score")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, help="per script")
    args = parser.parse_args(argv)
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")  # ✓/✗ on a console that cannot show them
    rows, runs = run_all(args.dir, load_goals(args.goals), args.only, args.timeout)
    print(format_table(rows))
    args.out.write_text(
        json.dumps(results_json(rows, runs), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    print(f"\nwritten to {args.out}")
    return exit_status(rows)


if __name__ == "__main__":
    raise SystemExit(main())
