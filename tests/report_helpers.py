"""Helpers for the analysis and report tests (not a test module)."""

from __future__ import annotations

from pathlib import Path

from models.analysis import Analysis, analyse, observation_sources
from models.campaign_scoring import score_campaign
from models.workspace import Workspace


def sample_analysis(path: Path) -> Analysis:
    """The analysis of the sample workspace's campaign (read-only)."""
    with Workspace.open(path, read_only=True) as ws:
        scored = score_campaign(ws, ws.campaigns()[0])
        return analyse(scored, observation_sources(ws, scored))


def number_2(value: float) -> str:
    return f"{value:.2f}"


def number_3(value: float) -> str:
    return f"{value:.3f}"
