"""A merge killed midway (SIGKILL at random moments) leaves the master exactly as it was, or
holds the whole merge — never half of it (compared by a content digest)."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from models.workspace import Workspace
from tests.fixtures.crash import REPO, child_env
from tests.fixtures.fieldwork import CAMPAIGN, COORDINATOR, digest, make_master
from tests.fixtures.synthetic_packages import Made, target_of, write_package

KILLS = 8
SIZE = 6000  # observations per package; two packages


def _packages(master: Path, folder: Path) -> list[Path]:
    rng = random.Random(9)
    with Workspace.open(master) as ws:
        target = target_of(ws, CAMPAIGN)
        t1 = next(i for i, c in target.leaf_codes.items() if c == "T1")
    paths = []
    for p in range(2):
        made = [
            Made(str(uuid.UUID(int=rng.getrandbits(128), version=4)), rng.randrange(1, 4), t1,
                 float(rng.randrange(1000)), f"评估员 {p}", f"laptop-{p}",
                 f"2021-05-{rng.randrange(1, 29):02d}T08:00:00.000Z")
            for _ in range(SIZE)
        ]  # fmt: skip
        made[0].edits = [("2021-06-01T00:00:00.000Z", "note", "改 edited")]
        paths.append(write_package(folder / f"p{p}.smartpkg", target, made, device=f"laptop-{p}"))
    return paths


def _merge_in_child(path: Path, packages: list[Path]) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "tests.fixtures.merge_child", str(path), *map(str, packages)]
    return subprocess.Popen(
        args, cwd=REPO, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_merge_leaves_all_or_nothing(tmp_path: Path) -> None:
    pristine = tmp_path / "pristine.smartcity"
    site = make_master(pristine)
    site.add("SH", "S1", 1, COORDINATOR)
    site.close()
    packages = _packages(pristine, tmp_path)
    before = digest(pristine, merge_rows=True)
    complete = tmp_path / "complete.smartcity"
    shutil.copyfile(pristine, complete)
    started = time.perf_counter()
    child = _merge_in_child(complete, packages)
    out, err = child.communicate(timeout=300)
    duration = time.perf_counter() - started
    assert child.returncode == 0, err.decode()
    assert out.decode().split() == ["ready", "merged"]
    after = digest(complete, merge_rows=True)
    assert after != before
    rng, outcomes = random.Random(6), []
    for _kill in range(KILLS):
        target = tmp_path / "killed.smartcity"
        shutil.copyfile(pristine, target)
        child = _merge_in_child(target, packages)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.05, duration))
        child.kill()
        child.wait()
        with Workspace.open(target) as ws:  # recovery as the program opens it
            assert ws.campaign_by_name(CAMPAIGN) is not None
        found = digest(target, merge_rows=True)
        assert found in (before, after), "a killed merge left half of its work"
        outcomes.append(found == after)
        for leftover in tmp_path.glob("killed.smartcity*"):
            leftover.unlink()
    assert not all(outcomes), "every kill came too late to test anything"
