"""Field-team scenes for the GUI tests: laptops copied from the session's workspace, edits on
them, and their packages."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from models.audit import Actor
from models.observations import NewObservation, Observation
from models.workspace import Workspace
from ui.session import Session

FIELD = Actor("张伟 Zhang", "laptop-a", "第一组")
OTHER = Actor("李娜 Li", "laptop-b", "第二组")
REVIEWER = Actor("审核员 Reviewer", "review-pc", "总部")


def first_observations(session: Session, count: int) -> list[Observation]:
    return session.workspace.observations(session.campaign.campaign_id)[:count]


def conflicted_packages(session: Session, folder: Path) -> tuple[Path, Path, list[str]]:
    """Two laptops edit the same observations differently (and one adds a duplicate);
    the master edits one of them too. Returns both packages and the edited uuids."""
    ws, campaign = session.workspace, session.campaign.campaign_id
    targets = first_observations(session, 3)
    ws.save_copy(folder / "a.smartcity")
    ws.save_copy(folder / "b.smartcity")
    ws.update_observation(targets[0].uuid, "note", "master note", session.actor, "checked")
    with Workspace.open(folder / "a.smartcity") as a:
        a.update_observation(targets[0].uuid, "note", "A's note", FIELD, "site visit")
        a.update_observation(targets[1].uuid, "source", "A's source", FIELD, "")
        dup = targets[2]
        new = NewObservation(
            campaign, dup.city_id, dup.indicator_id, dup.value, dup.channel, dup.observed_on
        )
        a.add_observation(replace(new, evaluator=dup.evaluator, device=FIELD.device), FIELD)
        a.export_package(campaign, folder / "a.smartpkg", FIELD)
    with Workspace.open(folder / "b.smartcity") as b:
        b.update_observation(targets[0].uuid, "note", "B's note", OTHER, "phoned")
        b.update_observation(targets[1].uuid, "source", "B's source", OTHER, "")
        b.export_package(campaign, folder / "b.smartpkg", OTHER)
    return folder / "a.smartpkg", folder / "b.smartpkg", [t.uuid for t in targets]
