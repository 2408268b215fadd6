"""The tier rule in force, shown and editable: by rank share (e.g. 16 % / 34 % / 50 %) or
by score thresholds. Applying saves it in the campaign's settings (audited, undoable)."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from models.weight_sets import scoring_part
from scoring.pipeline import ScoringSettings, TierRule
from ui.session import AppliedCommand, Session


class SetCampaignSettings(AppliedCommand):
    """Replace the campaign's settings (one audited transaction); undo puts back the old."""

    def __init__(self, session: Session, new: dict[str, object], text: str, reason: str) -> None:
        super().__init__(text)
        self._session = session
        self._old = dict(session.campaign.settings)
        self._new, self._reason = new, reason

    def apply(self) -> None:
        self._set(self._new, self._reason)

    def revert(self) -> None:
        self._set(self._old, "undo")

    def _set(self, settings: dict[str, object], reason: str) -> None:
        session = self._session
        session.workspace.set_campaign_settings(
            session.campaign.campaign_id, settings, session.actor, reason
        )
        session.campaign_settings_changed()


def tier_rule_of(session: Session) -> TierRule:
    """The tier rule in force for the session's campaign."""
    return session.scores().settings.tiers


def with_tier_rule(settings: dict[str, object], rule: TierRule) -> dict[str, object]:
    """The campaign settings with `rule` in place of the tier rule (validated)."""
    tiers = {"kind": rule.kind, "values": list(rule.values), "labels": list(rule.labels)}
    updated = {**settings, "tiers": tiers}
    ScoringSettings.from_dict(scoring_part(updated))  # raises ValueError when invalid
    return updated


class TierRuleEditor(QWidget):
    """Kind, one value per tier (shares in %, or thresholds), Apply, and an inline error."""

    applied = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.caption = QLabel(self)
        self.kind = QComboBox(self)
        self.kind.addItem("", "shares")
        self.kind.addItem("", "thresholds")
        self.kind.currentIndexChanged.connect(lambda _i: self._show_values(self._edited_kind()))
        self.labels: list[QLabel] = []
        self.spins: list[QDoubleSpinBox] = []
        self.apply_button = QPushButton(self)
        self.apply_button.clicked.connect(self.apply)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #C00000;")
        self._rule = TierRule()
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.caption)
        self._layout.addWidget(self.kind)
        self._values = QHBoxLayout()
        self._layout.addLayout(self._values)
        self._layout.addWidget(self.apply_button)
        self._layout.addWidget(self.error, 1)
        self.retranslate()
        self.load()
        session.scores_changed.connect(self.load)
        session.language_changed.connect(lambda _lang: self.retranslate())

    def _edited_kind(self) -> str:
        return str(self.kind.currentData())

    def load(self) -> None:
        """Show the rule in force."""
        try:
            rule = tier_rule_of(self._session)
        except ValueError:
            return
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(0 if rule.kind == "shares" else 1)
        self.kind.blockSignals(False)
        self._rule = rule
        self._show_values(rule.kind)
        self.error.clear()

    def _show_values(self, kind: str) -> None:
        rule = self._rule
        for widget in (*self.labels, *self.spins):
            self._values.removeWidget(widget)
            widget.deleteLater()
        self.labels, self.spins = [], []
        if kind == "shares":
            values = list(rule.values) if rule.kind == "shares" else [0.16, 0.34, 0.50]
            names = list(rule.labels)
            values = (values + [0.0] * len(names))[: len(names)]
        else:
            values = list(rule.values) if rule.kind == "thresholds" else [0.8, 0.7]
            names = [f"≥ {label}" for label in rule.labels[:-1]]
            values = (values + [0.0] * len(names))[: len(names)]
        for name, value in zip(names, values, strict=True):
            label = QLabel(name, self)
            spin = QDoubleSpinBox(self)
            if kind == "shares":
                spin.setRange(0.0, 100.0)
                spin.setDecimals(1)
                spin.setSuffix(" %")
                spin.setValue(value * 100)
            else:
                spin.setRange(-1000.0, 1000.0)
                spin.setDecimals(3)
                spin.setSingleStep(0.01)
                spin.setValue(value)
            self._values.addWidget(label)
            self._values.addWidget(spin)
            self.labels.append(label)
            self.spins.append(spin)

    def edited_rule(self) -> TierRule:
        """The rule as edited (raises ValueError, with the reason, when invalid)."""
        kind = self._edited_kind()
        values = [spin.value() for spin in self.spins]
        if kind == "shares":
            shares = [v / 100 for v in values]
            if abs(sum(values) - 100.0) > 0.05:
                raise ValueError(
                    QCoreApplication.translate("TierRuleEditor", "The shares must add up to 100 %")
                )
            shares[-1] = 1.0 - sum(shares[:-1])
            return TierRule("shares", tuple(shares), self._rule.labels)
        if any(a <= b for a, b in pairwise(values)):
            raise ValueError(
                QCoreApplication.translate(
                    "TierRuleEditor", "The thresholds must go down from tier to tier"
                )
            )
        return TierRule("thresholds", tuple(values), self._rule.labels)

    def apply(self) -> bool:
        """Save the edited rule in the campaign (False and an inline error if refused)."""
        try:
            rule = self.edited_rule()
            settings = with_tier_rule(dict(self._session.campaign.settings), rule)
        except ValueError as error:
            self.error.setText(str(error))
            return False
        if rule == self._rule:
            self.error.clear()
            return True
        command = SetCampaignSettings(
            self._session, settings, self.tr("Change the tier rule"), self.tr("tier rule changed")
        )
        try:
            self._session.edit(command)
        except ValueError as error:
            self.error.setText(str(error))
            return False
        self.error.clear()
        self.applied.emit()
        return True

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Tiers:"))
        self.kind.setItemText(0, self.tr("by rank share"))
        self.kind.setItemText(1, self.tr("by score threshold"))
        self.apply_button.setText(self.tr("Apply"))
        self.apply_button.setToolTip(
            self.tr("Save this tier rule in the campaign's scoring settings (can be undone)")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
