"""Turns what the panel's fields hold into undoable commands: hard checks refuse, soft
checks ask for a reason, then one command per saved field (value + checklist items
together)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QObject

from models.entry_checks import CellDeviation, SoftWarning, soft_warnings
from models.framework import Indicator, MeasurementSpec
from models.observations import NewObservation, Observation, Status, validate_value
from models.store import StoreError
from ui.commands import (
    AddObservation,
    EditObservation,
    EditObservationFields,
)
from ui.entry.cells import ScoreLookup
from ui.entry.labels import number_text, range_text, value_text
from ui.session import AppliedCommand, Session

STATUSES: tuple[Status, ...] = ("draft", "submitted", "verified", "rejected")


def _status(text: str) -> Status:
    return next((s for s in STATUSES if s == text), "draft")


@dataclass(frozen=True)
class Draft:
    """The panel's other fields, used when the first value creates an observation."""

    channel: str
    observed_on: date
    source: str = ""
    note: str = ""
    status: str = "draft"


@dataclass(frozen=True)
class Target:
    """The cell being edited and the observation in it (None: the value creates one)."""

    city_id: int
    indicator: Indicator
    cell: tuple[Observation, ...]
    uuid: str | None

    @property
    def observation(self) -> Observation | None:
        return next((o for o in self.cell if o.uuid == self.uuid), None)


@dataclass(frozen=True)
class Outcome:
    """What happened: saved (uuid of the observation), refused (error), or held back
    until a reason is given (warnings). `unchanged`: nothing to save."""

    saved: bool = False
    uuid: str | None = None
    error: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)
    unchanged: bool = False


class ObservationWriter(QObject):
    """Validates and saves the fields of the observation the entry panel shows."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session

    # ------------------------------------------------------------ the value

    def write_value(
        self, target: Target, raw: object, detail: str, draft: Draft, reason: str = ""
    ) -> Outcome:
        spec = target.indicator.spec
        if spec is None:
            return Outcome(error=self.tr("This indicator is an aggregate; it has no value"))
        try:
            value = validate_value(spec, raw)
        except ValueError as exc:
            return Outcome(error=self.refusal(spec, raw, exc))
        current = target.observation
        if (
            current is not None
            and current.value == value
            and (spec.kind != "checklist" or current.detail == detail)
        ):
            return Outcome(unchanged=True, uuid=current.uuid)
        warnings = self._warnings(target, spec, value)
        if warnings and not reason.strip():
            return Outcome(warnings=tuple(warnings))
        detail = detail if spec.kind == "checklist" else (current.detail if current else "")
        return self._save_value(target, value, detail, draft, reason.strip())

    def _save_value(
        self, target: Target, value: float, detail: str, draft: Draft, reason: str
    ) -> Outcome:
        current = target.observation
        if current is None:
            new = self._new(target, value, detail, draft)
            add = AddObservation(self._session, new, reason)
            return self._run(add, lambda: add.uuid)
        changes: tuple[tuple[str, object, object], ...] = (("value", current.value, value),)
        if detail != current.detail:
            changes = (*changes, ("detail", current.detail, detail))
        command = EditObservationFields(self._session, current.uuid, changes, reason)
        return self._run(command, lambda: current.uuid)

    def _new(self, target: Target, value: float, detail: str, draft: Draft) -> NewObservation:
        return NewObservation(
            campaign_id=self._session.campaign.campaign_id,
            city_id=target.city_id,
            indicator_id=target.indicator.node_id or 0,
            value=value,
            channel=draft.channel,
            observed_on=draft.observed_on,
            source=draft.source,
            note=draft.note,
            detail=detail,
            status=_status(draft.status),
        )

    # ------------------------------------------------------------ other fields

    def write_field(self, target: Target, name: str, new: object) -> Outcome:
        current = target.observation
        if current is None:
            return Outcome(unchanged=True)
        old = getattr(current, name)
        if old == new or (isinstance(old, date) and old.isoformat() == new):
            return Outcome(unchanged=True, uuid=current.uuid)
        return self._run(
            EditObservation(self._session, current.uuid, name, old, new), lambda: current.uuid
        )

    def _run(self, command: AppliedCommand, uuid: Callable[[], str | None]) -> Outcome:
        try:
            self._session.edit(command)
        except ValueError as exc:
            return Outcome(error=str(exc))
        except (StoreError, LookupError) as exc:
            return Outcome(
                error=self.tr("the workspace refused the change ({error})").format(error=exc)
            )
        return Outcome(saved=True, uuid=uuid())

    # ------------------------------------------------------------ checks and messages

    def _warnings(self, target: Target, spec: MeasurementSpec, value: float) -> list[str]:
        others = [o.value for o in target.cell if o.uuid != target.uuid and o.status != "rejected"]
        scores = self._session.scores()
        sample = ScoreLookup(scores).sample(target.city_id, target.indicator.code)
        share = scores.settings.discrepancy_share
        found = soft_warnings(value, others, sample, spec.low, spec.high, share)
        return [self.warning_text(w, spec, share) for w in found]

    def warning_text(self, warning: SoftWarning, spec: MeasurementSpec, share: float) -> str:
        language = self._session.language
        if isinstance(warning, CellDeviation):
            return self.tr(
                "{value} differs from another observation of this cell ({other}) by more"
                " than {share}% of the range"
            ).format(
                value=value_text(spec, warning.value, language),
                other=value_text(spec, warning.other, language),
                share=number_text(share * 100),
            )
        low, high = warning.low, warning.high
        if spec.bounded and spec.has_goalposts:  # the usual band never leaves the allowed one
            low, high = max(low, spec.low), min(high, spec.high)
        return self.tr("{value} is far from the other {n} cities (usual: {low} to {high})").format(
            value=value_text(spec, warning.value, language),
            n=warning.n,
            low=number_text(low),
            high=number_text(high),
        )

    def refusal(self, spec: MeasurementSpec, raw: object, exc: ValueError) -> str:
        """The reason a value is refused, in the UI language."""
        try:
            number = float(str(raw).strip())
        except ValueError:
            return self.tr("“{text}” is not a number").format(text=raw)
        if not math.isfinite(number):
            return self.tr("“{text}” is not a number").format(text=raw)
        if spec.kind == "checklist":
            most = len(spec.items) if spec.items else spec.high
            return self.tr("must be a whole number from 0 to {n}").format(n=number_text(most))
        if spec.kind == "yesno":
            return self.tr("must be yes (1) or no (0)")
        if spec.kind == "rating" and spec.levels:
            levels = ", ".join(number_text(level.value) for level in spec.levels)
            return self.tr("must be one of the levels {levels}").format(levels=levels)
        if spec.bounded:
            return self.tr("{value} is outside the allowed range {range}").format(
                value=number_text(number), range=range_text(spec)
            )
        return str(exc)
