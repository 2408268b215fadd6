"""bench/run.py: runs every bench script, survives the broken ones, judges against the goals."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from bench import run

GOALS = """
[fast]
script = "good.py"
max = 5
[slow]
script = "good.py"
max = 10
[half]
script = "broken.py"
max = 10
[never]
script = "broken.py"
max = 10
[hung]
script = "hang.py"
max = 1
[silent]
script = "quiet.py"
max = 1
[absent]
script = "gone.py"
max = 1
[crash-kill-3]
script = "crashlike.py"
max = 0
metric = "lost"
unit = "lost"
[size]
script = "crashlike.py"
max = 200
metric = "size_mib"
unit = "MiB"
[figureless]
script = "crashlike.py"
max = 1
"""

MAIN = 'if __name__ == "__main__":  # takes --json\n'
SCRIPTS = {
    "good.py": """
        import json
        print("warming up")
        for name, ms in (("fast", 1.5), ("slow", 20.0), ("extra", 3.0)):
            print(json.dumps({"name": name, "median_ms": ms, "runs": 10}))
    """,
    "broken.py": """
        import json
        print(json.dumps({"name": "half", "median_ms": 2.0}), flush=True)
        raise RuntimeError("boom in the bench")
    """,
    "hang.py": """
        import time
        time.sleep(30)
    """,
    "quiet.py": "pass",
    "crashlike.py": """
        import json
        print(json.dumps({"name": "crash-kill-3", "lost": 2, "median_ms": 5.0}))
        print(json.dumps({"name": "size", "value": 150}))
        print(json.dumps({"name": "figureless", "median_ms": "fast"}))
    """,
    "_helper.py": "raise SystemExit('a helper is never run')",
    "util.py": "VALUE = 1  # a helper module without a main block",
}


@pytest.fixture
def bench_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "bench"
    folder.mkdir()
    for name, body in SCRIPTS.items():
        code = textwrap.dedent(body).strip() + "\n"
        if not name.startswith("_") and name != "util.py":
            code = MAIN + textwrap.indent(code, "    ")
        (folder / name).write_text(code, encoding="utf-8")
    (folder / "goals.toml").write_text(GOALS, encoding="utf-8")
    return folder


def test_scripts_are_found_and_helpers_skipped(bench_dir: Path) -> None:
    names = [p.name for p in run.find_scripts(bench_dir)]
    assert names == ["broken.py", "crashlike.py", "good.py", "hang.py", "quiet.py"]


def test_every_outcome_gets_its_row(bench_dir: Path) -> None:
    goals = run.load_goals(bench_dir / "goals.toml")
    rows, runs = run.run_all(bench_dir, goals, [], timeout=2.0)
    by_name = {r.name: r for r in rows}
    assert [r.name for r in rows] == [g.name for g in goals] + ["extra"]
    assert (by_name["fast"].value, by_name["fast"].verdict) == (1.5, run.PASS)
    assert (by_name["slow"].value, by_name["slow"].verdict) == (20.0, run.FAIL)
    assert by_name["extra"].verdict == run.NO_GOAL and by_name["extra"].goal is None
    assert by_name["half"].verdict == run.PASS and "boom in the bench" in by_name["half"].note
    assert by_name["never"].verdict == run.ERROR and "exit 1" in by_name["never"].note
    assert by_name["hung"].verdict == run.ERROR and "timed out" in by_name["hung"].note
    assert by_name["silent"].verdict == run.ERROR and by_name["silent"].note == "no results"
    assert by_name["absent"].verdict == run.MISSING
    assert (by_name["crash-kill-3"].value, by_name["crash-kill-3"].verdict) == (2.0, run.FAIL)
    assert (by_name["size"].value, by_name["size"].verdict) == (150.0, run.PASS)
    assert by_name["figureless"].verdict == run.ERROR
    assert run.exit_status(rows) == 1
    assert {r.script for r in runs} == {
        "broken.py",
        "crashlike.py",
        "good.py",
        "hang.py",
        "quiet.py",
    }


def test_table_and_json(bench_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = bench_dir / "results.json"
    goals = bench_dir / "goals.toml"
    args = ["--dir", str(bench_dir), "--goals", str(goals), "--out", str(out)]
    status = run.main([*args, "--only", "good", "crashlike.py"])
    table = capsys.readouterr().out
    lines = table.splitlines()
    assert lines[0].split() == ["benchmark", "median", "goal", "script", "note"]
    assert any(line.startswith("fast ") and "✓" in line and "≤ 5 ms" in line for line in lines)
    assert any(line.startswith("slow ") and "✗" in line for line in lines)
    assert any(line.startswith("crash-kill-3 ") and "2 lost" in line for line in lines)
    assert "hung" not in table  # --only: the goals of scripts not run are left out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {r["name"]: r["verdict"] for r in data["rows"]}["fast"] == "pass"
    assert [s["script"] for s in data["scripts"]] == ["crashlike.py", "good.py"]
    assert status == 1


def test_all_met_is_exit_zero() -> None:
    rows = [
        run.Row("a", "a.py", 1.0, "ms", 2.0, run.PASS),
        run.Row("b", "b.py", None, "ms", 2.0, run.MISSING),
    ]
    assert run.exit_status(rows) == 0


def test_goals_need_a_number(tmp_path: Path) -> None:
    bad = tmp_path / "goals.toml"
    bad.write_text('[x]\nmax = "fast"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"\[x\] needs a numeric 'max'"):
        run.load_goals(bad)


def test_the_shipped_goals_cover_every_issue() -> None:
    goals = {g.name: g for g in run.load_goals(run.BENCH_DIR / "goals.toml")}
    assert {name: g.limit for name, g in goals.items()} == {
        "score-asem": 0.3,
        "score-300x52": 0.5,
        "gui-first-paint": 1000,
        "gui-edit-50": 50,
        "gui-edit-300": 100,
        "gui-table-100k-open": 500,
        "gui-table-100k-sort": 300,
        "gui-table-100k-filter": 100,
        "report-50": 10000,
        "report-300": 60000,
        "excel-import-50k": 5000,
        "excel-export-50k": 5000,
        "merge-20x5k": 10000,
        "ua-asem-1000": 100,
        "ua-300x52-1000": 500,
        "frozen-first-paint": 1500,
        "frozen-size-mib": 200,
        "crash-kill-200": 0,
    }
    assert (goals["crash-kill-200"].metric, goals["frozen-size-mib"].unit) == ("lost", "MiB")
    assert all(g.script for g in goals.values())
