"""Creating a workspace from a framework template and a city list (Qt-free)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from models.audit import Actor
from models.cities import City
from models.framework import Framework
from models.workspace import Workspace
from scoring.pipeline import ScoringSettings


def create_workspace(
    path: Path,
    framework: Framework,
    cities: Sequence[City],
    campaign_name: str,
    actor: Actor,
) -> None:
    """A new workspace with one framework, the cities and one empty campaign over them.

    Refuses an existing path (WorkspaceExistsError) and bad input (ValueError) before
    anything is left behind: the file is removed again if a later step fails.
    """
    if not campaign_name.strip():
        raise ValueError("the campaign needs a name")
    if not cities:
        raise ValueError("the campaign needs at least one city")
    ws = Workspace.create(path, actor)
    try:
        framework_id = ws.add_framework(framework, actor)
        city_ids = ws.add_cities(cities, actor)
        settings = ScoringSettings().to_dict()
        ws.add_campaign(campaign_name.strip(), framework_id, city_ids, settings, actor)
    except BaseException:
        ws.close()
        for leftover in (
            path,
            path.with_name(path.name + "-wal"),
            path.with_name(path.name + "-shm"),
        ):
            leftover.unlink(missing_ok=True)
        raise
    ws.close()
