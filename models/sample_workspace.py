"""Writes the sample workspace: the SMART 2021 framework, the 50 cities and the synthetic
campaign of models.sample, reproducibly (same seed → same observations and uuids)."""

from __future__ import annotations

import uuid
from pathlib import Path

from models.audit import Actor
from models.cities import City, load_city_list
from models.framework import Framework
from models.observations import NewObservation
from models.resources import city_list_path, load_framework_template
from models.sample import SAMPLE_CAMPAIGN, SAMPLE_SEED, SampleObservation, generate
from models.workspace import Workspace
from scoring.pipeline import ScoringSettings

SAMPLE_ACTOR = Actor(evaluator="示例数据生成器 / sample generator", device="sample")
_UUID_NAMESPACE = uuid.UUID("6c1b1a52-9d0e-4f7e-8a44-2021c57c0001")


def write_sample_workspace(
    path: Path,
    framework: Framework | None = None,
    cities: list[City] | None = None,
    seed: int = SAMPLE_SEED,
) -> None:
    """Create the sample workspace at `path` (which must not exist)."""
    framework = framework or load_framework_template()
    cities = cities if cities is not None else load_city_list(city_list_path())
    generated = generate(framework, cities, seed)
    with Workspace.create(path, SAMPLE_ACTOR) as ws:
        framework_id = ws.add_framework(framework, SAMPLE_ACTOR)
        stored = ws.framework(framework_id)
        city_ids = ws.add_cities(cities, SAMPLE_ACTOR)
        settings = ScoringSettings().to_dict()
        campaign_id = ws.add_campaign(
            SAMPLE_CAMPAIGN, framework_id, city_ids, settings, SAMPLE_ACTOR
        )
        indicator_ids = {n.code: n.node_id for n in stored.nodes}
        city_by_code = dict(zip((c.code for c in cities), city_ids, strict=True))
        rows = [
            _new(
                o, k, campaign_id, city_by_code[o.city_code], indicator_ids[o.indicator_code], seed
            )
            for k, o in enumerate(generated)
        ]
        ws.add_observations(rows, SAMPLE_ACTOR)


def _new(
    obs: SampleObservation,
    k: int,
    campaign_id: int,
    city_id: int,
    indicator_id: int | None,
    seed: int,
) -> NewObservation:
    assert indicator_id is not None, f"indicator {obs.indicator_code} was not stored"
    stamp = f"{obs.observed_on}T10:00:00.000Z"
    return NewObservation(
        campaign_id=campaign_id,
        city_id=city_id,
        indicator_id=indicator_id,
        value=obs.value,
        channel=obs.channel,
        observed_on=obs.observed_on,
        source=obs.source,
        note=obs.note,
        detail=obs.detail,
        status=obs.status,
        uuid=str(uuid.uuid5(_UUID_NAMESPACE, f"{seed}/{k}")),
        evaluator=obs.evaluator,
        device=obs.device,
        created_at=stamp,
        updated_at=stamp,
    )
