"""What the uncertainty page hands to the worker thread: plain arrays and settings (no
workspace, no Qt), and the pure function the worker runs."""

from __future__ import annotations

import time
from dataclasses import dataclass

from scoring.hierarchy import Hierarchy
from scoring.pipeline import ScoringSettings
from scoring.prepare import DataSteps, UnitData
from scoring.progress import CancelFn, ProgressFn
from scoring.sensitivity import SensitivityResult, run_sensitivity
from scoring.uncertainty import UncertaintyResult, UncertaintySpec, run_uncertainty
from ui.session import Session

TIER_EN = {"领军": "Leader", "先锋": "Pioneer", "探索": "Explorer"}


@dataclass(frozen=True, eq=False)
class AnalysisInput:
    hierarchy: Hierarchy
    data: UnitData
    settings: ScoringSettings
    steps: DataSteps
    spec: UncertaintySpec
    sensitivity: bool = True
    bootstrap: int = 500


@dataclass(frozen=True, eq=False)
class Analysis:
    uncertainty: UncertaintyResult
    sensitivity: SensitivityResult | None
    seconds: float
    runs: int


def analysis_input(
    session: Session, spec: UncertaintySpec, sensitivity: bool, bootstrap: int
) -> AnalysisInput:
    """The campaign's scored tree (active weight set applied), reconciled values and
    settings, copied out of the session (read on the GUI thread)."""
    scores = session.scores()
    data = UnitData(
        codes=tuple(c.code for c in scores.cities),
        values=scores.cells.values.copy(),
    )
    return AnalysisInput(
        scores.result.hierarchy, data, scores.settings, DataSteps(), spec, sensitivity, bootstrap
    )


def analyse(inp: AnalysisInput, progress: ProgressFn, cancelled: CancelFn) -> Analysis:
    """Monte Carlo ranks (and the sensitivity indices, whose N(k + 2) runs also give the
    rank statistics from their 2N independent runs)."""
    start = time.perf_counter()
    if inp.sensitivity:
        sa = run_sensitivity(
            inp.hierarchy,
            inp.data,
            inp.settings,
            inp.steps,
            inp.spec,
            inp.bootstrap,
            progress,
            cancelled,
        )
        runs = sa.output.size
        return Analysis(sa.uncertainty, sa, time.perf_counter() - start, runs)
    ua = run_uncertainty(
        inp.hierarchy, inp.data, inp.settings, inp.steps, inp.spec, progress, cancelled
    )
    return Analysis(ua, None, time.perf_counter() - start, inp.spec.samples)
