"""The open workspace as the GUI sees it: one Session per window, passed to every view.

It owns the undo stack and a cache of the current campaign's scores, and tells the
views what changed through signals. Every edit goes through `edit()`, which applies the
command at once (so a refused value changes nothing and raises) and only then pushes
it on the undo stack: each edit is a committed, audited transaction before the call
returns.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from models.audit import Actor
from models.campaign_scoring import CampaignScores, score_campaign
from models.campaigns import Campaign
from models.cities import City
from models.framework import Framework, Indicator
from models.observations import Observation
from models.workspace import Workspace


class AppliedCommand(QUndoCommand):
    """An undo command whose first redo already happened in `Session.edit`."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._applied = False

    def apply(self) -> None:
        """Do the change (raises on refusal, changing nothing)."""
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._applied:
            self.apply()
        self._applied = True

    def undo(self) -> None:
        self.revert()


class Session(QObject):
    """The workspace, the acting evaluator, the current campaign and its scores."""

    observations_changed = Signal()
    framework_changed = Signal()
    scores_changed = Signal()
    campaign_changed = Signal()
    language_changed = Signal(str)
    saved = Signal()

    def __init__(
        self,
        workspace: Workspace,
        actor: Actor,
        language: str = "zh",
        campaign_id: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace, self._actor, self._language = workspace, actor, language
        self.undo_stack = QUndoStack(self)
        self._scores: CampaignScores | None = None
        campaigns = workspace.campaigns()
        if not campaigns:
            raise ValueError(f"{workspace.path}: the workspace has no campaign")
        chosen = next((c for c in campaigns if c.campaign_id == campaign_id), campaigns[0])
        self._load(chosen)

    # ------------------------------------------------------------ state

    @property
    def workspace(self) -> Workspace:
        return self._workspace

    @property
    def actor(self) -> Actor:
        return self._actor

    @property
    def campaign(self) -> Campaign:
        return self._campaign

    @property
    def framework(self) -> Framework:
        return self._framework

    @property
    def cities(self) -> tuple[City, ...]:
        """The campaign's cities, in campaign order."""
        return self._cities

    @property
    def language(self) -> str:
        return self._language

    def set_language(self, language: str) -> None:
        if language != self._language:
            self._language = language
            self.language_changed.emit(language)

    def set_actor(self, actor: Actor) -> None:
        self._actor = actor

    def set_campaign(self, campaign_id: int) -> None:
        self._load(self._workspace.campaign(campaign_id))
        self.undo_stack.clear()
        self.campaign_changed.emit()
        self.scores_changed.emit()

    def _load(self, campaign: Campaign) -> None:
        self._campaign = campaign
        self._framework = self._workspace.framework(campaign.framework_id)
        by_id = {c.city_id: c for c in self._workspace.cities()}
        self._cities = tuple(by_id[i] for i in campaign.city_ids)
        self._scores = None

    def scores(self) -> CampaignScores:
        """The current campaign's scores, recomputed only after a change."""
        if self._scores is None:
            self._scores = score_campaign(self._workspace, self._campaign, self._framework)
        return self._scores

    # ------------------------------------------------------------ names

    def name(self, item: Indicator | City) -> str:
        """The item's name in the current language (falls back to the other one)."""
        first, second = (
            (item.name_en, item.name_zh)
            if self._language == "en"
            else (
                item.name_zh,
                item.name_en,
            )
        )
        return first or second

    def observations(self, city_id: int, indicator_id: int) -> list[Observation]:
        return self._workspace.observations(self._campaign.campaign_id, city_id, indicator_id)

    # ------------------------------------------------------------ edits

    def edit(self, command: AppliedCommand) -> None:
        """Apply `command` now (raising, unchanged, if refused), then make it undoable."""
        command.apply()
        self.undo_stack.push(command)

    def observations_edited(self) -> None:
        """Called by commands after they changed observations."""
        self._scores = None
        self.observations_changed.emit()
        self.scores_changed.emit()
        self.saved.emit()

    def campaign_settings_changed(self) -> None:
        """Called after the campaign's settings were changed in the workspace (e.g. the
        active weight set): reloads the campaign row, so scores() uses the new settings."""
        self._campaign = self._workspace.campaign(self._campaign.campaign_id)
        self._scores = None
        self.scores_changed.emit()
        self.saved.emit()

    def framework_edited(self) -> None:
        """Called by commands after they changed the framework."""
        self._framework = self._workspace.framework(self._campaign.framework_id)
        self._scores = None
        self.framework_changed.emit()
        self.scores_changed.emit()
        self.saved.emit()
