"""Scores a workspace campaign: observations → reconciled cells → the scoring engine."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.campaigns import Campaign
from models.cities import City
from models.framework import Framework
from models.weight_sets import active_hierarchy, scoring_part
from models.workspace import Workspace
from scoring.hierarchy import Hierarchy, IntArray
from scoring.pipeline import ScoreResult, ScoringSettings, score
from scoring.reconcile import ObservationArrays, Reconciled, reconcile


@dataclass(frozen=True)
class CampaignScores:
    """A campaign's cities (in campaign order), its framework, cell values and scores."""

    campaign: Campaign
    framework: Framework
    cities: tuple[City, ...]
    settings: ScoringSettings
    cells: Reconciled
    result: ScoreResult


def score_campaign(
    ws: Workspace, campaign: Campaign, framework: Framework | None = None
) -> CampaignScores:
    """Score `campaign`; pass its `framework` when it is at hand, to save reading it again."""
    framework = framework or ws.framework(campaign.framework_id)
    settings = ScoringSettings.from_dict(scoring_part(campaign.settings))
    # The campaign's selected weight set, if any, replaces the framework's weights.
    hierarchy = active_hierarchy(framework.to_hierarchy(), campaign.settings)
    stored = ws.observation_arrays(campaign.campaign_id)
    by_id = {c.city_id: c for c in ws.cities()}
    cities = tuple(by_id[i] for i in stored.city_ids)
    largest = int(stored.indicator_id.max(initial=0))
    leaf = _leaf_positions(framework, hierarchy, largest)[stored.indicator_id]
    on_leaf = leaf >= 0  # observations of nodes that are no longer leaves are not scored
    channel = _channel_positions(stored.channels, settings)[stored.channel]
    arrays = ObservationArrays(
        unit=stored.city_index[on_leaf],
        leaf=leaf[on_leaf],
        value=stored.value[on_leaf],
        channel=channel[on_leaf],
        time=stored.changed_at[on_leaf],
        rejected=stored.rejected[on_leaf],
    )
    span = hierarchy.high[: hierarchy.n_leaves] - hierarchy.low[: hierarchy.n_leaves]
    cells = reconcile(arrays, len(cities), hierarchy.n_leaves, span, settings)
    result = score(hierarchy, cells.values, settings, [c.code for c in cities])
    return CampaignScores(campaign, framework, cities, settings, cells, result)


def _leaf_positions(framework: Framework, hierarchy: Hierarchy, largest_id: int) -> IntArray:
    """Store node id (up to `largest_id` at least) → the leaf's column in the engine's
    arrays; −1 for aggregates and for nodes no longer in the tree."""
    ids = [n.node_id for n in framework.nodes if n.node_id is not None]
    table = np.full(max([*ids, largest_id]) + 1, -1, np.int64)
    for node in framework.nodes:
        position = hierarchy.index[node.code]
        if node.node_id is not None and position < hierarchy.n_leaves:
            table[node.node_id] = position
    return table


def _channel_positions(channels: tuple[str, ...], settings: ScoringSettings) -> IntArray:
    """Store channel index → its place in the campaign's priority list (−1: not listed)."""
    priority = settings.channel_priority
    return np.array([priority.index(c) if c in priority else -1 for c in channels], np.int64)
