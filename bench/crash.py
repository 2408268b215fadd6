"""Crash safety under load: a store writer killed with SIGKILL N times (default 200).

Usage: python bench/crash.py [--json] [--kills N] [--seed S]
With --json, one JSON object: {"name": "crash-kill-N", "lost", "median_ms", "runs", …}
where `lost` counts reported (committed) observations or edits not found intact after a
kill (goal: 0) and `median_ms` is the median time to reopen and check the workspace
after a kill. The harness is tests/fixtures/crash.py (the test suite runs it 20 times).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))  # the harness lives in the tests package
    from tests.fixtures import crash

    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="crash-bench-") as folder:
        path = Path(folder) / "crash.smartcity"
        crash.prepare(path)
        report = crash.run_kills(path, args.kills, seed=args.seed)
    record = {
        "name": f"crash-kill-{args.kills}",
        # with a damaged or unopenable workspace the count means nothing: no figure then
        "lost": None if report.integrity else len(report.lost),
        "median_ms": round(statistics.median(report.reopen_ms), 2) if report.reopen_ms else None,
        "runs": report.kills,
        "observations": report.adds,
        "edits": report.edits,
        "killed_while_writing": report.killed_while_writing,
        "integrity_problems": len(report.integrity),
        "writer_errors": len(report.child_errors),
        "seconds": round(time.perf_counter() - start, 1),
    }
    if args.json:
        print(json.dumps(record, ensure_ascii=False))
    else:
        for key, value in record.items():
            print(f"{key:22s} {value}")
        for problem in [*report.lost, *report.integrity, *report.child_errors][:20]:
            print("  " + problem)
    return 0 if not (report.lost or report.integrity or report.child_errors) else 1


if __name__ == "__main__":
    raise SystemExit(main())
