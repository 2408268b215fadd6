"""Benchmarks of the frozen program (PyInstaller, build.spec), after a build.

Usage: python bench/frozen.py [--json] [--runs N] [--build | --build-only] [--dist DIR]

- frozen-first-paint: from process start to the first paint of the main window, warm
  (the first start, which writes the sample workspace, is not counted); goal 1.5 s;
- frozen-size-mib: the size of the onedir folder, dist/SMARTCityEvaluator; goal 200 MiB;
- build-seconds: how long the last build took (dist/build-info.json, written by a build
  made here: --build builds first, --build-only only builds; scripts/build uses that).

A missing build is an error (exit 1). Run by hand or by bench/run.py, not in CI's tests.
"""

from __future__ import annotations

import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import bench_parser, report_line
from bench.first_paint import WarmStarts
from models.version import VERSION

REPO = Path(__file__).resolve().parent.parent
NAME = "SMARTCityEvaluator"
INFO = "build-info.json"
MIB = 1024 * 1024


def program(dist: Path) -> Path:
    """The window program in the onedir bundle."""
    suffix = ".exe" if sys.platform == "win32" else ""
    return dist / NAME / f"{NAME}{suffix}"


def build(dist: Path, work: Path) -> float:
    """Build with PyInstaller (this interpreter's); returns the seconds, noted in INFO."""
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean"]
    command += ["--log-level", "WARN", "--distpath", str(dist), "--workpath", str(work)]
    start = time.perf_counter()
    subprocess.run([*command, str(REPO / "build.spec")], cwd=REPO, check=True)
    seconds = time.perf_counter() - start
    info = {
        "seconds": round(seconds, 1),
        "version": VERSION,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    (dist / INFO).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return seconds


def folder_bytes(folder: Path) -> int:
    """Bytes of the files under `folder` (links counted as links, not followed)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir() or p.is_symlink())


def first_paint_ms(exe: Path, runs: int) -> float:
    starts = WarmStarts([str(exe)])
    try:
        starts.start()  # the first start: writes the sample workspace
        return statistics.median(starts.start() for _ in range(runs)) * 1000.0
    finally:
        starts.close()


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(__doc__, runs=5)
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="PyInstaller's dist")
    parser.add_argument("--work", type=Path, default=REPO / "build", help="its work folder")
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--build", action="store_true", help="build first, then measure")
    how.add_argument("--build-only", action="store_true", help="build, measure nothing")
    args = parser.parse_args(argv)
    if args.build or args.build_only:
        seconds = build(args.dist, args.work)
        print(f"built {args.dist / NAME} in {seconds:.1f} s", file=sys.stderr)
        if args.build_only:
            return 0
    exe = program(args.dist)
    if not exe.is_file():
        print(f"error: no build at {exe}; run scripts/build first", file=sys.stderr)
        return 1
    print(report_line("frozen-first-paint", first_paint_ms(exe, args.runs), args.runs, args.json))
    size = folder_bytes(args.dist / NAME) / MIB
    print(_figure("frozen-size-mib", "size_mib", size, "MiB", args.json), flush=True)
    info = args.dist / INFO
    if info.is_file():  # no goal: bench/run.py shows it in ms, hence median_ms
        seconds = float(json.loads(info.read_text(encoding="utf-8"))["seconds"])
        print(_figure("build-seconds", "seconds", seconds, "s", args.json, seconds * 1000))
    return 0


def _figure(
    name: str, field: str, value: float, unit: str, as_json: bool, ms: float | None = None
) -> str:
    if as_json:
        record = {"name": name, field: round(value, 1), "value": round(value, 1)}
        return json.dumps(record | ({"median_ms": round(ms, 1), "runs": 1} if ms else {}))
    return f"{name:26s} {value:10.1f} {unit}"


if __name__ == "__main__":
    raise SystemExit(main())
