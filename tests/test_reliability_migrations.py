"""Every schema version ever released has a committed fixture that opens with its data intact.

tests/test_store_migrations.py covers the v1 fixture in detail and the chain's mechanics;
this file adds the v2 fixture, the rule that each released version has one, and checks
that each committed fixture is what its generator writes.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path
from types import ModuleType

import pytest

from models.schema import SCHEMA_VERSION
from models.workspace import Workspace
from tests.fixtures import make_v1_workspace as v1
from tests.fixtures import make_v2_workspace as v2
from tests.fixtures import make_v3_workspace as v3
from tests.fixtures.sample import ALICE

FIXTURES = Path(v1.FIXTURE).parent
GENERATORS: dict[int, ModuleType] = {1: v1, 2: v2, 3: v3}


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)


def _version(path: Path) -> int:
    conn = _connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def _contents(path: Path) -> list[str]:
    """The schema and every row, as sorted SQL statements (a dump)."""
    conn = _connect(path)
    try:
        return sorted(conn.iterdump())
    finally:
        conn.close()


def test_every_released_version_has_a_fixture_and_a_generator() -> None:
    for version in range(1, SCHEMA_VERSION + 1):
        fixture = FIXTURES / f"workspace_v{version}.sqlite"
        assert fixture.is_file(), f"add {fixture.name} (schema {version} is released)"
        assert _version(fixture) == version
        assert fixture == GENERATORS[version].FIXTURE


@pytest.mark.parametrize("version", sorted(GENERATORS))
def test_each_fixture_is_what_its_generator_writes(version: int, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.sqlite"
    GENERATORS[version].build(fresh)
    assert _contents(fresh) == _contents(FIXTURES / f"workspace_v{version}.sqlite")


@pytest.mark.parametrize("version", sorted(GENERATORS))
def test_each_fixture_opens_upgraded_and_editable(version: int, tmp_path: Path) -> None:
    committed = FIXTURES / f"workspace_v{version}.sqlite"
    digest = hashlib.sha256(committed.read_bytes()).hexdigest()
    path = tmp_path / committed.name
    shutil.copyfile(committed, path)
    with Workspace.open(path) as ws:
        assert ws.upgraded_from == (version if version < SCHEMA_VERSION else None)
        assert ws.workspace_id == GENERATORS[version].WORKSPACE_ID
        uuid = ws.observations(1)[0].uuid
        ws.update_observation(uuid, "note", "after opening", ALICE, "test")
    with Workspace.open(path, read_only=True) as ws:
        assert ws.observation(uuid).note == "after opening"
    assert _version(path) == SCHEMA_VERSION
    assert hashlib.sha256(committed.read_bytes()).hexdigest() == digest


@pytest.fixture
def v2_workspace(tmp_path: Path) -> Path:
    path = tmp_path / "v2.sqlite"
    shutil.copyfile(v2.FIXTURE, path)
    return path


def test_v2_keeps_its_data(v2_workspace: Path) -> None:
    with Workspace.open(v2_workspace) as ws:
        fw = ws.framework(1)
        assert [n.code for n in fw.nodes] == ["SMART", "T1", "T2", "C1"]
        assert fw["T1"].weight == 0.6
        assert fw["C1"].spec is not None and fw["C1"].spec.items == ("甲", "乙", "丙")
        shenzhen = ws.cities()[2]
        assert (shenzhen.code, shenzhen.gdp, shenzhen.groups) == (
            "SZ",
            {2019: 26927.1, 2020: 27670.2},
            {"band": "A", "coast": "1"},
        )
        first, second = ws.campaigns()
        assert first.city_ids == (1, 2, 3) and second.city_ids == (3, 1)
        assert second.settings == {"aggregate": "geometric", "normalise": "minmax"}
        checklist = ws.observation(v2.UUIDS[3])
        assert (checklist.value, checklist.detail, checklist.status) == (
            2.0,
            v2.CHECKED,
            "rejected",
        )
        restored = ws.observation(v2.UUIDS[4])
        assert (restored.deleted_at, restored.source, restored.note) == (
            None,
            "统计年鉴 2021",
            "重新核实",
        )
        assert [o.uuid for o in ws.observations(2)] == [v2.UUIDS[4]]
        assert len(ws.audit_trail()) == 15
        assert [e.action for e in ws.audit_trail("observation", v2.UUIDS[4])] == [
            "create",
            "delete",
            "restore",
        ]
        (attachment,) = ws.attachments(v1.UUIDS[0])
        assert ws.attachment_bytes(attachment.attachment_id) == v1.ATTACHMENT


def test_v2_read_only_opens_in_place(v2_workspace: Path) -> None:
    before = hashlib.sha256(v2_workspace.read_bytes()).hexdigest()
    with Workspace.open(v2_workspace, read_only=True) as ws:
        assert len(ws.observations(1)) == 3
    assert hashlib.sha256(v2_workspace.read_bytes()).hexdigest() == before
