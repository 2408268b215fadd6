"""The v2 → v3 step (field teams): a committed v2 workspace upgrades, keeps every row, and
then works with packages, teams and checks; the v3 fixture opens with its field-team data."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from models.schema import SCHEMA_VERSION
from models.workspace import Workspace
from tests.fixtures import make_v2_workspace as v2
from tests.fixtures import make_v3_workspace as v3
from tests.fixtures.fieldwork import COORDINATOR, FIELD_A

V3_TABLES = {
    "team_member", "package_export", "package_export_city", "merged_package",
    "merge_version", "merge_row", "merge_attachment", "agreement_check", "agreement_cell",
}  # fmt: skip


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    finally:
        conn.close()


def test_v2_upgrades_to_v3_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite"
    shutil.copyfile(v2.FIXTURE, path)
    assert not V3_TABLES & _tables(path)
    with Workspace.open(path) as ws:
        assert ws.upgraded_from == 2 and SCHEMA_VERSION >= 3
        before = len(ws.audit_trail())
        assert [o.uuid for o in ws.observations(2)] == [v2.UUIDS[4]]
        assert ws.observation(v2.UUIDS[3]).status == "rejected"
        # the new tables work on the upgraded file
        out = tmp_path / "upgraded.smartpkg"
        summary = ws.export_package(1, out, FIELD_A)
        assert summary.observations == len(ws.observations(1, include_deleted=True))
        assert ws.merge_packages([out], COORDINATOR)[0].skipped == summary.observations
        assert ws.teams()[(FIELD_A.evaluator, FIELD_A.device)] == (FIELD_A.team,)
        assert len(ws.audit_trail()) > before
    assert _tables(path) >= V3_TABLES


def test_the_v3_fixture_keeps_its_field_team_data(tmp_path: Path) -> None:
    path = tmp_path / "v3.sqlite"
    shutil.copyfile(v3.FIXTURE, path)
    with Workspace.open(path) as ws:
        (conflict,) = ws.conflicts(1)
        assert conflict.uuid == "22222222-2222-4222-8222-222222222222"
        assert conflict.alternatives[0].source.team == "A组"
        (held,) = ws.duplicates(1)
        assert (held.uuid, held.duplicate_of) == (v3.HELD, v3.ADDED)
        ws.keep_duplicate(1, v3.HELD, COORDINATOR, "two visits")
        (photo,) = ws.attachments(v3.HELD)
        assert ws.attachment_bytes(photo.attachment_id) == v3.PHOTO
        (check,) = ws.checks(1)
        assert (check.name, check.seed, check.entered) == ("复核 1", 7, 1)
        assert ws.teams()[("王芳", "laptop-03")] == ("B组",)
