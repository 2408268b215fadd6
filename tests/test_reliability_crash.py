"""Crash safety of the store: a writer killed with SIGKILL 20 times loses nothing it reported.

The harness is tests/fixtures/crash.py (bench/crash.py runs it 200 times).
"""

from __future__ import annotations

from pathlib import Path

from models.workspace import Workspace
from tests.fixtures.crash import CAMPAIGN, prepare, run_kills

KILLS = 20


def test_killed_writer_loses_no_reported_observation(tmp_path: Path) -> None:
    path = tmp_path / "crash.smartcity"
    prepare(path)
    report = run_kills(path, KILLS, seed=20)
    assert report.child_errors == []
    assert report.kills == KILLS
    assert report.lost == []
    assert report.integrity == []
    # the test is only meaningful if the kills hit a busy writer
    assert report.killed_while_writing >= KILLS // 2
    assert report.adds >= KILLS and report.edits > 0
    with Workspace.open(path) as ws:
        campaign = ws.campaign_by_name(CAMPAIGN)
        assert campaign is not None
        live = {o.uuid for o in ws.observations(campaign.campaign_id, include_deleted=True)}
        created = {str(e.row_key) for e in ws.audit_trail("observation") if e.action == "create"}
    assert report.reported <= live
    assert live == created  # every row has its history, no history without its row
