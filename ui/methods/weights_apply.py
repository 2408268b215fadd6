"""Putting computed weights to use: into the framework (one undoable, audited transaction)
or into a named weight set of the campaign (models.weight_sets), plus the name dialog."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from models.weight_sets import (
    WeightSet,
    active_name,
    weight_sets,
    with_active,
    with_weight_set,
    without_weight_set,
)
from scoring.hierarchy import Hierarchy
from scoring.weighting import node_weights, set_child_weights, spread_leaf_weights
from ui.methods.commands import ChangeCampaignSettings, SetMethodWeights
from ui.session import Session

PERCENT = 100.0  # the framework keeps weights as percentages of the parent
DECIMALS = 4  # as models.framework_weights rounds normalised groups


def rounded_groups(h: Hierarchy, weights: Mapping[str, float]) -> dict[str, float]:
    """`weights` rounded to 4 decimals, each sibling group's rounding rest on its largest
    member (so a group that summed to 100 still sums to exactly 100)."""
    out = {code: round(w, DECIMALS) for code, w in weights.items()}
    groups: dict[int, list[str]] = {}
    for code in weights:
        groups.setdefault(int(h.parent[h.index[code]]), []).append(code)
    for codes in groups.values():
        total = sum(weights[c] for c in codes)
        largest = max(codes, key=lambda c: out[c])
        out[largest] = round(out[largest] + round(total, DECIMALS) - sum(out[c] for c in codes), 6)
    return out


def child_percentages(h: Hierarchy, node: str, weights: Mapping[str, float]) -> dict[str, float]:
    """The children of `node` with `weights` (any scale) as percentages summing to 100."""
    full = set_child_weights(h, node, weights, total=PERCENT)
    return rounded_groups(h, {code: full[code] for code in weights})


def leaf_percentages(
    h: Hierarchy, node: str, leaf_weights: Mapping[str, float]
) -> dict[str, float]:
    """Every node below `node` such that its leaves get `leaf_weights` overall (each
    sibling group in percent)."""
    full = spread_leaf_weights(h, node, leaf_weights, total=PERCENT)
    below = {code: w for code, w in full.items() if code != node and _under(h, code, node)}
    return rounded_groups(h, below)


def _under(h: Hierarchy, code: str, node: str) -> bool:
    top, i = h.index[node], h.index[code]
    while i >= 0:
        if i == top:
            return True
        i = int(h.parent[i])
    return False


def apply_to_framework(
    session: Session, weights: Mapping[str, float], text: str, reason: str
) -> None:
    """Set the framework's weights of the nodes in `weights` (by code) in one undo step;
    ValueError (nothing changed) when the store refuses."""
    framework = session.framework
    by_id: dict[int, float] = {}
    for code, weight in weights.items():
        node_id = framework[code].node_id
        if node_id is None:
            raise ValueError(f"indicator {code!r} is not stored in the workspace")
        by_id[node_id] = float(weight)
    session.edit(SetMethodWeights(session, by_id, text, reason))


def scoring_weights(session: Session, changes: Mapping[str, float]) -> dict[str, float]:
    """The weights the scores use now (the active set's or the framework's) with `changes`."""
    out = node_weights(session.scores().result.hierarchy)
    out.update(changes)
    return out


def save_weight_set(session: Session, weight_set: WeightSet, activate: bool) -> None:
    """Store `weight_set` in the campaign's settings (one undo step), optionally active."""
    new = with_weight_set(session.campaign.settings, weight_set, activate)
    translate = QCoreApplication.translate
    text = translate("WeightSets", "Save weight set {name}").format(name=weight_set.name)
    reason = f"weight set {weight_set.name!r} ({weight_set.method}) saved"
    session.edit(ChangeCampaignSettings(session, new, text, reason))


def select_weight_set(session: Session, name: str | None) -> None:
    """Make `name` the active weight set (None: the framework's own weights)."""
    if active_name(session.campaign.settings) == name:
        return
    new = with_active(session.campaign.settings, name)
    translate = QCoreApplication.translate
    if name is None:
        text = translate("WeightSets", "Use the framework's weights")
        reason = "framework weights selected"
    else:
        text = translate("WeightSets", "Use weight set {name}").format(name=name)
        reason = f"weight set {name!r} selected"
    session.edit(ChangeCampaignSettings(session, new, text, reason))


def delete_weight_set(session: Session, name: str) -> None:
    new = without_weight_set(session.campaign.settings, name)
    text = QCoreApplication.translate("WeightSets", "Delete weight set {name}").format(name=name)
    session.edit(ChangeCampaignSettings(session, new, text, f"weight set {name!r} deleted"))


class SaveSetDialog(QDialog):
    """Asks for the name of a new weight set and whether the scores should use it now."""

    def __init__(self, session: Session, suggestion: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._existing = set(weight_sets(session.campaign.settings))
        self.setWindowTitle(self.tr("Save as weight set"))
        self.name = QLineEdit(suggestion, self)
        self.name.selectAll()
        self.activate = QCheckBox(self.tr("Use it for the scores now"), self)
        self.activate.setChecked(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self._save = buttons.button(QDialogButtonBox.StandardButton.Save)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.activate)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.name.textChanged.connect(self._check)
        self._check()
        self.resize(420, self.sizeHint().height())

    def chosen_name(self) -> str:
        return self.name.text().strip()

    def _check(self) -> None:
        name = self.chosen_name()
        self._save.setEnabled(bool(name))
        exists = name in self._existing
        self.note.setText(
            self.tr("A weight set of this name exists; saving replaces it.") if exists else ""
        )
        self.note.setVisible(exists)

    def _accept(self) -> None:
        if self.chosen_name() in self._existing:
            question = self.tr("Replace the weight set “{name}”?").format(name=self.chosen_name())
            yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
            if QMessageBox.question(self, self.windowTitle(), question, yes | no, no) != yes:
                return
        self.accept()


def ask_weight_set_name(
    session: Session, suggestion: str, parent: QWidget
) -> tuple[str, bool] | None:
    """The name and "use now" choice, or None when cancelled."""
    dialog = SaveSetDialog(session, suggestion, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen_name(), dialog.activate.isChecked()
