"""Scores a workspace campaign: observations → reconciled cells → the scoring engine."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.campaigns import Campaign
from models.cities import City
from models.framework import Framework
from models.workspace import Workspace
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


def score_campaign(ws: Workspace, campaign: Campaign) -> CampaignScores:
    framework = ws.framework(campaign.framework_id)
    settings = ScoringSettings.from_dict(campaign.settings)
    hierarchy = framework.to_hierarchy()
    by_id = {c.city_id: c for c in ws.cities()}
    stored = ws.observation_arrays(campaign.campaign_id)
    cities = tuple(by_id[i] for i in stored.city_ids)
    leaf_of_node = np.full(max((n.node_id or 0) for n in framework.nodes) + 1, -1, np.int64)
    for node in framework.nodes:
        if node.node_id is not None and node.code in hierarchy.index:
            position = hierarchy.index[node.code]
            leaf_of_node[node.node_id] = position if position < hierarchy.n_leaves else -1
    leaf = leaf_of_node[stored.indicator_id]
    on_leaf = leaf >= 0  # observations of nodes that are no longer leaves are not scored
    channel_map = np.array(
        [
            settings.channel_priority.index(c) if c in settings.channel_priority else -1
            for c in stored.channels
        ],
        dtype=np.int64,
    )
    arrays = ObservationArrays(
        unit=stored.city_index[on_leaf],
        leaf=leaf[on_leaf],
        value=stored.value[on_leaf],
        channel=channel_map[stored.channel[on_leaf]]
        if len(channel_map)
        else stored.channel[on_leaf].astype(np.int64),
        time=stored.changed_at[on_leaf],
        rejected=stored.rejected[on_leaf],
    )
    span = hierarchy.high[: hierarchy.n_leaves] - hierarchy.low[: hierarchy.n_leaves]
    cells = reconcile(arrays, len(cities), hierarchy.n_leaves, span, settings)
    result = score(hierarchy, cells.values, settings, [c.code for c in cities])
    return CampaignScores(campaign, framework, cities, settings, cells, result)
