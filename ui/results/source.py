"""The current campaign's Analysis for the Results and Analysis tabs: one per Session
(a child object of it), recomputed after every change of the scores, shared by the tabs.

`AnalysisSource.of(session)` returns the session's source (making it on first use).
`analysis()` computes on demand; `changed` tells the views to fetch it again; the GDP
bands are a setting of the source (both tabs group by the same bands).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from models.analysis import Analysis, analyse, observation_sources
from scoring.groups import GdpBands
from ui.session import Session

OBJECT_NAME = "analysis-source"


class AnalysisSource(QObject):
    changed = Signal()

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setObjectName(OBJECT_NAME)
        self._session = session
        self._bands = GdpBands()
        self._analysis: Analysis | None = None
        self.error: str | None = None
        session.scores_changed.connect(self._invalidate)
        session.campaign_changed.connect(self._invalidate)

    @staticmethod
    def of(session: Session) -> AnalysisSource:
        found = session.findChild(AnalysisSource, OBJECT_NAME)
        return found if isinstance(found, AnalysisSource) else AnalysisSource(session)

    @property
    def session(self) -> Session:
        return self._session

    @property
    def bands(self) -> GdpBands:
        return self._bands

    def set_bands(self, bands: GdpBands) -> None:
        if bands != self._bands:
            self._bands = bands
            self._invalidate()

    def analysis(self) -> Analysis:
        """The analysis of the current scores (raises what scoring raises)."""
        if self._analysis is None:
            scored = self._session.scores()
            sources = observation_sources(self._session.workspace, scored)
            self._analysis = analyse(scored, sources, self._bands)
        return self._analysis

    def _invalidate(self) -> None:
        self._analysis = None
        self.changed.emit()
