"""What the entry tab knows about the selected city: its observations, cell by cell.

One query loads all live observations of the city (about 70 rows); the views read them
from here instead of querying per row. `reload()` after every observations change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from models.campaign_scoring import CampaignScores
from models.observations import Observation
from ui.session import Session


def default_observation(observations: Sequence[Observation], evaluator: str) -> Observation | None:
    """The observation to edit by default: the evaluator's most recent one, else the most
    recent one (by last change, then creation); None for an empty cell."""
    own = [o for o in observations if o.evaluator == evaluator]
    pool = own or list(observations)
    if not pool:
        return None
    return max(pool, key=lambda o: (o.updated_at, o.created_at))


@dataclass(frozen=True)
class CellScore:
    """The reconciled cell of one city × leaf: value (NaN = missing), count, discrepancy."""

    value: float
    count: int
    discrepancy: bool


MISSING = CellScore(float("nan"), 0, False)


class ScoreLookup:
    """Positions of cities and leaves in a campaign's score arrays."""

    def __init__(self, scores: CampaignScores) -> None:
        self.scores = scores
        self._city = {c.city_id: i for i, c in enumerate(scores.cities)}
        hierarchy = scores.result.hierarchy
        self._leaf = {code: i for i, code in enumerate(hierarchy.leaf_codes)}

    def cell(self, city_id: int, code: str) -> CellScore:
        row, column = self._city.get(city_id), self._leaf.get(code)
        if row is None or column is None:
            return MISSING
        cells = self.scores.cells
        return CellScore(
            float(cells.values[row, column]),
            int(cells.count[row, column]),
            bool(cells.discrepancy[row, column]),
        )

    def sample(self, city_id: int, code: str) -> list[float]:
        """The other cities' cell values of leaf `code` (missing ones left out)."""
        column = self._leaf.get(code)
        if column is None:
            return []
        values = self.scores.cells.values[:, column]
        keep = np.isfinite(values)
        row = self._city.get(city_id)
        if row is not None:
            keep[row] = False
        return [float(v) for v in values[keep]]

    def completion(self) -> dict[int, float]:
        """Share of leaves with at least one usable observation, per city id."""
        count = self.scores.cells.count
        n_leaves = max(count.shape[1], 1)
        filled = (count > 0).sum(axis=1) / n_leaves
        return {c.city_id: float(filled[i]) for i, c in enumerate(self.scores.cities) if c.city_id}


class CityCells:
    """The live observations of one city of the session's campaign, by indicator id."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.city_id: int | None = None
        self._by_indicator: dict[int, list[Observation]] = {}

    def load(self, city_id: int | None) -> None:
        self.city_id = city_id
        self.reload()

    def reload(self) -> None:
        self._by_indicator = {}
        if self.city_id is None:
            return
        campaign = self._session.campaign.campaign_id
        for obs in self._session.workspace.observations(campaign, self.city_id):
            self._by_indicator.setdefault(obs.indicator_id, []).append(obs)

    def of(self, indicator_id: int) -> list[Observation]:
        return list(self._by_indicator.get(indicator_id, ()))

    def find(self, uuid: str) -> Observation | None:
        for observations in self._by_indicator.values():
            for obs in observations:
                if obs.uuid == uuid:
                    return obs
        return None
