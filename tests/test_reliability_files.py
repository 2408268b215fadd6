"""Hostile files and other programs: what tests/test_store.py does not cover yet.

- a workspace held by another running instance is refused and left byte-identical;
- another program holding an SQLite write lock makes edits fail with a named error;
- a stray or garbage `-wal` file beside a workspace loses nothing;
- seeded random damage to a workspace file: a refused file is byte-identical, and the
  refusal (or a later read) is a named StoreError, never another exception.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from models.store import StoreError, WorkspaceLockedError, lock_path, wal_path
from models.workspace import Workspace
from tests.fixtures.crash import REPO, child_env
from tests.fixtures.sample import ALICE
from tests.fixtures.workspaces import open_setup

VARIANTS = 150


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed workspace with 30 observations and their audit rows."""
    path = tmp_path_factory.mktemp("template") / "template.smartcity"
    s = open_setup(path)
    for n in range(30):
        s.add("T1", n, note=f"观察 {n}")
    s.ws.close()
    return path


@pytest.fixture
def workspace_file(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "城市 workspace.smartcity"
    shutil.copyfile(template, path)
    return path


class Helper:
    """Another process, started with a script; it prints "ready" and waits for a line."""

    def __init__(self, script: str, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", script, *args],
            cwd=REPO,
            env=child_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "ready"

    def finish(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()
        assert self.proc.wait(timeout=10) == 0


@pytest.fixture
def helpers() -> Iterator[list[Helper]]:
    started: list[Helper] = []
    yield started
    for helper in started:
        if helper.proc.poll() is None:
            helper.proc.kill()
            helper.proc.wait()


_INSTANCE = """
import sys
from models.workspace import Workspace
ws = Workspace.open(sys.argv[1])
ws.observations(1)
print("ready", flush=True)
sys.stdin.readline()
ws.close()
"""

_FOREIGN_WRITER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("ready", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
conn.close()
"""


def _files(folder: Path) -> dict[str, str]:
    return {p.name: sha256(p) for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_workspace_open_in_another_instance_is_refused_untouched(
    workspace_file: Path, helpers: list[Helper]
) -> None:
    helpers.append(holder := Helper(_INSTANCE, str(workspace_file)))
    before = _files(workspace_file.parent)
    with pytest.raises(WorkspaceLockedError, match=f"process {holder.proc.pid}") as caught:
        Workspace.open(workspace_file)
    assert str(workspace_file) in str(caught.value)
    assert _files(workspace_file.parent) == before  # the file, its WAL and the lock note
    with Workspace.open(workspace_file, read_only=True) as reader:
        assert len(reader.observations(1)) == 30
    holder.finish()
    with Workspace.open(workspace_file) as ws:
        assert len(ws.observations(1)) == 30


def test_another_program_writing_makes_edits_fail_with_a_named_error(
    workspace_file: Path, helpers: list[Helper]
) -> None:
    with Workspace.open(workspace_file) as ws:
        uuid = ws.observations(1)[0].uuid
        helpers.append(writer := Helper(_FOREIGN_WRITER, str(workspace_file)))
        with pytest.raises(WorkspaceLockedError, match="locked") as caught:
            ws.update_observation(uuid, "note", "blocked", ALICE)
        assert str(workspace_file) in str(caught.value)
        assert ws.observation(uuid).note == "观察 0"  # reading still works, nothing changed
        writer.finish()
        ws.update_observation(uuid, "note", "after", ALICE)  # and the edit works again
        assert ws.observation(uuid).note == "after"


@pytest.mark.parametrize("garbage", [b"", b"garbage" * 1000, b"\x37\x7f\x06\x82" + bytes(60)])
def test_a_stray_wal_file_loses_nothing(workspace_file: Path, garbage: bytes) -> None:
    wal_path(workspace_file).write_bytes(garbage)
    before = sha256(workspace_file)
    with Workspace.open(workspace_file, read_only=True) as ws:
        assert len(ws.observations(1)) == 30
    assert sha256(workspace_file) == before
    with Workspace.open(workspace_file) as ws:
        assert len(ws.observations(1)) == 30
        ws.update_observation(ws.observations(1)[0].uuid, "note", "edited", ALICE)
    with Workspace.open(workspace_file) as ws:
        assert ws.observations(1)[0].note == "edited"


# ---------------------------------------------------------------- seeded random damage


@dataclass(frozen=True)
class Outcome:
    seed: int
    opened: bool
    error: BaseException | None  # from opening, or from reading what was opened
    identical: bool  # when refused: the file is byte-identical; else True
    lock_left: bool


def _damage(data: bytes, rng: random.Random) -> bytes:
    damaged = bytearray(data)
    kind = rng.choice(("bytes", "page", "truncate"))
    if kind == "bytes":
        for _ in range(rng.randint(1, 6)):
            damaged[rng.randrange(100, len(damaged))] = rng.randrange(256)
    elif kind == "page":
        page = rng.randrange(1, len(damaged) // 4096)
        damaged[page * 4096 : (page + 1) * 4096] = rng.randbytes(4096)
    else:
        del damaged[rng.randrange(100, len(damaged)) :]
    return bytes(damaged)


def _targeted(data: bytes) -> list[bytes]:
    """Damage inside row contents, which quick_check does not look at: a date made
    invalid ("2021-05-0p") and Chinese text made invalid UTF-8, at every place they occur."""
    variants = []
    for pattern, offset, byte in ((b"2021-05-01", 9, ord("p")), ("观察".encode(), 0, 0xFF)):
        start = data.find(pattern)
        while start >= 0:
            damaged = bytearray(data)
            damaged[start + offset] = byte
            variants.append(bytes(damaged))
            start = data.find(pattern, start + 1)
    return variants


def _read_everything(ws: Workspace) -> None:
    for campaign in ws.campaigns():
        ws.framework(campaign.framework_id)
        ws.observations(campaign.campaign_id, include_deleted=True)
        ws.observation_arrays(campaign.campaign_id)
    ws.cities()
    ws.audit_trail()


def _try(path: Path, seed: int) -> Outcome:
    before = sha256(path)
    try:
        ws = Workspace.open(path)
    except Exception as refused:
        return Outcome(seed, False, refused, sha256(path) == before, lock_path(path).exists())
    with ws:
        try:
            _read_everything(ws)
        except Exception as failed:
            return Outcome(seed, True, failed, True, False)
    return Outcome(seed, True, None, True, False)


@pytest.fixture(scope="module")
def outcomes(template: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Outcome]:
    folder, data = tmp_path_factory.mktemp("damaged"), template.read_bytes()
    variants = [_damage(data, random.Random(seed)) for seed in range(VARIANTS)]
    results = []
    for seed, damaged in enumerate([*variants, *_targeted(data)]):
        path = folder / f"damaged-{seed}.smartcity"
        path.write_bytes(damaged)
        results.append(_try(path, seed))
    return results


def test_a_refused_damaged_file_is_left_byte_identical(outcomes: list[Outcome]) -> None:
    refused = [o for o in outcomes if not o.opened]
    assert len(refused) >= VARIANTS // 4  # the damage is real enough to be noticed
    assert len(outcomes) > VARIANTS + 30
    assert [o.seed for o in refused if not o.identical or o.lock_left] == []


def _unnamed(outcomes: list[Outcome], opened: bool) -> list[str]:
    return [
        f"seed {o.seed}: {type(o.error).__name__}: {o.error}"
        for o in outcomes
        if o.opened == opened and o.error is not None and not isinstance(o.error, StoreError)
    ]


def test_a_damaged_file_is_refused_with_a_named_error(outcomes: list[Outcome]) -> None:
    assert _unnamed(outcomes, opened=False) == []


def test_reading_a_damaged_workspace_raises_only_named_errors(outcomes: list[Outcome]) -> None:
    assert _unnamed(outcomes, opened=True) == []
