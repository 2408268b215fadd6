"""Undoable edits of the Methods tab: weights computed by a method (one transaction with
the method named in the audit entry) and changes of the campaign's settings (weight sets:
save, select, delete)."""

from __future__ import annotations

from collections.abc import Mapping

from ui.framework_editor.commands import SetWeights
from ui.session import AppliedCommand, Session


class SetMethodWeights(SetWeights):
    """SetWeights whose audit entry says how the weights were made (e.g. "AHP, CR 0.03")."""

    def __init__(
        self, session: Session, weights: Mapping[int, float], text: str, reason: str
    ) -> None:
        super().__init__(session, weights, text)
        self._reason = reason

    def apply(self) -> None:
        self._set(self._new, self._reason)


class ChangeCampaignSettings(AppliedCommand):
    """Replace the campaign's settings (committed and audited at once); undo puts the old
    ones back. The session reloads the campaign, so scores follow at once."""

    def __init__(
        self, session: Session, new: Mapping[str, object], text: str, reason: str = ""
    ) -> None:
        super().__init__(text)
        self._session = session
        self._campaign_id = session.campaign.campaign_id
        self._old = dict(session.campaign.settings)
        self._new = dict(new)
        self._reason = reason or text

    def apply(self) -> None:
        self._set(self._new, self._reason)

    def revert(self) -> None:
        self._set(self._old, "undo")

    def _set(self, settings: dict[str, object], reason: str) -> None:
        session = self._session
        session.workspace.set_campaign_settings(self._campaign_id, settings, session.actor, reason)
        session.campaign_settings_changed()
