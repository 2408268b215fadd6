"""The migration chain: a committed v1 workspace opens, upgrades and keeps its data."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from models import schema
from models.schema import MIGRATIONS, SCHEMA_VERSION, Migration, migrate
from models.store import StoreError, connect_rw
from models.workspace import Workspace
from tests.fixtures import make_v1_workspace as v1
from tests.fixtures.sample import ALICE


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    """A copy of the committed fixture (the committed file itself is never opened)."""
    target = tmp_path / "old.sqlite"
    shutil.copyfile(v1.FIXTURE, target)
    return target


def _version(path: Path) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_the_chain_is_ordered_and_complete() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
    assert SCHEMA_VERSION == 3


def test_fixture_is_a_v1_workspace() -> None:
    assert _version(v1.FIXTURE) == 1


def test_v1_workspace_opens_upgrades_and_keeps_its_data(v1_copy: Path) -> None:
    committed = hashlib.sha256(v1.FIXTURE.read_bytes()).hexdigest()
    with Workspace.open(v1_copy) as ws:
        assert ws.upgraded_from == 1
        assert ws.workspace_id == v1.WORKSPACE_ID
        fw = ws.framework(1)
        assert [n.code for n in fw.nodes] == ["SMART", "T1", "T2"]
        assert fw["T2"].spec is not None and [x.value for x in fw["T2"].spec.levels] == [0, 100]
        cities = ws.cities()
        assert [(c.code, c.gdp, c.groups) for c in cities] == [
            ("SH", {2020: 38700.6}, {}),
            ("CD", {}, {"band": "B"}),
        ]
        campaign = ws.campaign_by_name("2021")
        assert campaign is not None
        assert campaign.city_ids == (1, 2)
        assert campaign.settings == {"normalise": "goalposts"}
        live = ws.observations(campaign.campaign_id)
        assert [o.uuid for o in live] == list(v1.UUIDS[:2])
        assert live[0].status == "verified"
        assert ws.observation(v1.UUIDS[2]).deleted_at == v1.AT
        (attachment,) = ws.attachments(v1.UUIDS[0])
        assert attachment.sha256 == v1.ATTACHMENT_SHA256
        assert ws.attachment_bytes(attachment.attachment_id) == v1.ATTACHMENT
        assert len(ws.audit_trail()) == 5
        # and it can be edited with the current program
        ws.update_observation(v1.UUIDS[1], "note", "checked", ALICE, "after upgrade")
    assert _version(v1_copy) == SCHEMA_VERSION
    with Workspace.open(v1_copy) as again:
        assert again.upgraded_from is None
        assert again.observation(v1.UUIDS[1]).note == "checked"
    assert hashlib.sha256(v1.FIXTURE.read_bytes()).hexdigest() == committed


def test_v1_workspace_opened_read_only_is_upgraded_in_memory_only(v1_copy: Path) -> None:
    before = hashlib.sha256(v1_copy.read_bytes()).hexdigest()
    with Workspace.open(v1_copy, read_only=True) as ws:
        assert ws.upgraded_from == 1
        assert len(ws.observations(1)) == 2
    assert hashlib.sha256(v1_copy.read_bytes()).hexdigest() == before
    assert _version(v1_copy) == 1


def test_a_failing_step_leaves_the_previous_version(
    v1_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x INTEGER)")
        raise sqlite3.OperationalError("step failed half-way")

    broken_step = SCHEMA_VERSION + 1
    chain = (*MIGRATIONS, Migration(broken_step, "broken", broken))
    monkeypatch.setattr(schema, "MIGRATIONS", chain)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", broken_step)
    conn = connect_rw(v1_copy)
    try:
        with pytest.raises(StoreError, match="half-way"):
            migrate(conn, v1_copy, target=broken_step)
        # the released steps committed, the broken one rolled back
        assert schema.user_version(conn) == SCHEMA_VERSION
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema")}
        assert "half_done" not in tables
        assert "audit_row" in tables  # the v2 index
    finally:
        conn.close()
