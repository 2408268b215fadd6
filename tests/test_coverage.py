"""Coverage states (models.coverage): per cell, per block, and from a real workspace."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from models.campaign_scoring import score_campaign
from models.cities import CHANNELS
from models.coverage import (
    CellObservations,
    CellState,
    column_groups,
    coverage_grid,
    tally,
    worst,
)
from models.framework import Framework, Indicator, MeasurementSpec
from models.resources import load_framework_template
from models.schema import STATUSES
from models.workspace import Workspace

CITIES = (10, 20)
LEAVES = (1, 2, 3)


def observations(rows: list[tuple[int, int, float, str]]) -> CellObservations:
    """(city_id, indicator_id, value, status) rows, channel 0."""
    return CellObservations(
        city_id=np.array([r[0] for r in rows], dtype=np.int64),
        indicator_id=np.array([r[1] for r in rows], dtype=np.int64),
        value=np.array([r[2] for r in rows], dtype=np.float64),
        channel=np.zeros(len(rows), dtype=np.int64),
        status=np.array([STATUSES.index(r[3]) for r in rows], dtype=np.int64),
    )


def small_grid() -> tuple[np.ndarray, np.ndarray, CellObservations]:
    obs = observations(
        [
            (10, 1, 5.0, "verified"),
            (10, 1, 5.5, "verified"),
            (10, 2, 7.0, "submitted"),
            (10, 2, 7.1, "verified"),  # not all verified: entered
            (20, 1, 1.0, "verified"),
            (20, 1, 9.0, "verified"),
            (20, 2, 3.0, "verified"),
            (20, 2, 4.0, "rejected"),
            (20, 3, 4.0, "rejected"),
            (20, 99, 4.0, "draft"),  # an indicator that is no longer a leaf
        ]
    )
    count = np.array([[2, 2, 0], [2, 1, 0]], dtype=np.int64)  # non-rejected, as scoring
    discrepancy = np.array([[False, False, False], [True, False, False]])
    return count, discrepancy, obs


def test_cell_states() -> None:
    grid = coverage_grid(CITIES, LEAVES, *small_grid())
    expected = [
        [CellState.VERIFIED, CellState.ENTERED, CellState.MISSING],
        [CellState.DISCREPANCY, CellState.VERIFIED, CellState.MISSING],
    ]
    assert grid.state.tolist() == [[int(s) for s in row] for row in expected]
    assert grid.verified.tolist() == [[2, 1, 0], [2, 1, 0]]


def test_entries_keep_rejected_and_order() -> None:
    grid = coverage_grid(CITIES, LEAVES, *small_grid())
    assert grid.entries(1, 1) == [(CHANNELS[0], 3.0, "verified"), (CHANNELS[0], 4.0, "rejected")]
    assert grid.entries(0, 2) == []
    assert grid.entries(1, 2) == [(CHANNELS[0], 4.0, "rejected")]


def test_empty_campaign_is_all_missing() -> None:
    grid = coverage_grid(
        CITIES, LEAVES, np.zeros((2, 3), np.int64), np.zeros((2, 3), bool), observations([])
    )
    assert (grid.state == CellState.MISSING).all()
    assert grid.entries(0, 0) == []


def test_tally_and_worst() -> None:
    states = np.array([[3, 2, 0], [3, 3, 1]], dtype=np.int64)
    block = tally(states)
    assert (block.cells, block.missing, block.discrepancy, block.entered, block.verified) == (
        6,
        1,
        1,
        1,
        3,
    )
    assert block.filled == 5 and block.share == pytest.approx(5 / 6)
    assert worst(states).tolist() == [0, 1]
    assert worst(states[:, :0]).tolist() == [0, 0]
    assert tally(states[:0]).share == 0.0


def test_column_groups_of_the_smart_framework() -> None:
    framework = with_ids(load_framework_template())
    leaf_ids = [n.node_id or 0 for n in framework.leaves()]
    groups = column_groups(framework, leaf_ids)
    assert len(groups) == 16
    assert [g.node.code for g in groups][:3] == ["T1", "T2", "T3"]
    assert sum(len(g.leaves) for g in groups) == 52
    assert sorted(p for g in groups for p in g.leaves) == list(range(52))
    assert not any(g.is_leaf for g in groups)


def test_a_shallow_leaf_stands_alone() -> None:
    spec = MeasurementSpec("numeric", 0.0, 1.0)
    nodes = (
        Indicator("I", None, "指数", "Index", node_id=1),
        Indicator("A", "I", "甲", "A", node_id=2),
        Indicator("A1", "A", "甲一", "A1", spec=spec, node_id=3),
        Indicator("B", "I", "乙", "B", spec=spec, node_id=4),
    )
    groups = column_groups(Framework("f", nodes), [3, 4])
    assert [(g.node.code, g.leaves, g.is_leaf) for g in groups] == [
        ("A1", (0,), True),
        ("B", (1,), True),
    ]


def with_ids(framework: Framework) -> Framework:
    nodes = tuple(
        Indicator(**{**n.__dict__, "node_id": i}) for i, n in enumerate(framework.nodes, start=1)
    )
    return Framework(framework.name, nodes)


def test_from_a_workspace(sample_workspace_path: Path) -> None:
    with Workspace.open(sample_workspace_path) as ws:
        campaign = ws.campaigns()[0]
        scores = score_campaign(ws, campaign)
        cells = ws.cell_observations(campaign.campaign_id)
        live = ws.observations(campaign.campaign_id)
        leaf_ids = [scores.framework[c].node_id or 0 for c in scores.result.hierarchy.leaf_codes]
        city_ids = [c.city_id or 0 for c in scores.cities]
        grid = coverage_grid(
            city_ids, leaf_ids, scores.cells.count, scores.cells.discrepancy, cells
        )
    assert len(cells) == len(live)
    assert grid.state.shape == (50, 52)
    flagged = scores.cells.discrepancy & (scores.cells.count > 0)
    assert ((grid.state == CellState.DISCREPANCY) == flagged).all()
    assert ((grid.state == CellState.MISSING) == (scores.cells.count == 0)).all()
    first = [o for o in live if o.city_id == city_ids[0] and o.indicator_id == leaf_ids[0]]
    assert len(grid.entries(0, 0)) == len(first)
    all_verified = all(o.status == "verified" for o in first if o.status != "rejected")
    assert (grid.state[0, 0] == CellState.VERIFIED) == (all_verified and not flagged[0, 0])
