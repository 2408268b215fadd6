"""Benchmark of merging field packages into a master workspace.

Usage: python bench/merge.py [--json] [--runs N] [--packages P] [--size S]
Case `merge-20x5k`: 20 packages of 5 000 new observations each (one laptop and evaluator
per package, values spread over the sample's 50 cities × 52 indicators), merged in one
call into a copy of the sample workspace (~3 400 observations). With --json, one JSON
object per line: {"name", "median_ms", "runs", ...}. Not imported by tests.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _packages(master: Path, folder: Path, count: int, size: int) -> list[Path]:
    from models.sample import SAMPLE_CAMPAIGN
    from models.workspace import Workspace
    from tests.fixtures.synthetic_packages import Made, target_of, write_package

    rng = random.Random(6)
    with Workspace.open(master, read_only=True) as ws:
        target = target_of(ws, SAMPLE_CAMPAIGN)
        fw = ws.framework(ws.campaign(target.campaign_id).framework_id)
        specs = {n.node_id or 0: n.spec for n in fw.leaves() if n.spec is not None}
    cities, leaves = sorted(target.city_codes), sorted(specs)
    paths = []
    for p in range(count):
        evaluator, device = f"评估员 {p:02d}", f"laptop-{p:02d}"
        made = []
        for _ in range(size):
            leaf = rng.choice(leaves)
            spec = specs[leaf]
            value = (
                float(spec.levels[rng.randrange(len(spec.levels))].value) if spec.levels else 0.0
            )
            if spec.kind == "numeric" and spec.has_goalposts:
                value = round(rng.uniform(spec.low, spec.high), 2)
            elif spec.kind == "yesno":
                value = float(rng.randrange(2))
            elif spec.kind == "checklist":
                value = float(rng.randrange(len(spec.items) + 1))
            stamp = f"2021-05-{rng.randrange(1, 29):02d}T{rng.randrange(24):02d}:00:00.000Z"
            made.append(
                Made(str(uuid.UUID(int=rng.getrandbits(128), version=4)), rng.choice(cities),
                     leaf, value, evaluator, device, stamp, observed_on=stamp[:10])
            )  # fmt: skip
        paths.append(
            write_package(folder / f"team-{p:02d}.smartpkg", target, made, evaluator, device)
        )
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--packages", type=int, default=20)
    parser.add_argument("--size", type=int, default=5000)
    args = parser.parse_args(argv)
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from models.audit import Actor
    from models.sample_workspace import write_sample_workspace
    from models.workspace import Workspace

    coordinator = Actor("协调员 Coordinator", "master-pc", "总部")
    times, added = [], 0
    with tempfile.TemporaryDirectory(prefix="merge-bench-") as name:
        folder = Path(name)
        template = folder / "master.smartcity"
        write_sample_workspace(template)
        paths = _packages(template, folder, args.packages, args.size)
        for run in range(args.runs):
            target = folder / f"run-{run}.smartcity"
            shutil.copyfile(template, target)
            with Workspace.open(target) as ws:
                start = time.perf_counter()
                reports = ws.merge_packages(paths, coordinator)
                times.append((time.perf_counter() - start) * 1000)
            added = sum(r.added for r in reports)
    record = {
        "name": f"merge-{args.packages}x{args.size // 1000}k",
        "median_ms": round(statistics.median(times), 1),
        "runs": args.runs,
        "added": added,
    }
    if args.json:
        print(json.dumps(record, ensure_ascii=False))
    else:
        print(f"{record['name']}: median {record['median_ms']} ms over {args.runs} runs, "
              f"{added} observations added")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
