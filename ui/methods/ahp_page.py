"""AHP (层次分析法): pairwise judgements of a node's children by one or several experts,
live weights and consistency, applied to the framework or saved as a weight set."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.weight_sets import WeightSet, active_name
from scoring.ahp import AHPError, AHPMethod, GroupAHP, ahp_group, consistent_matrix, upper_of
from scoring.hierarchy import FloatArray
from ui.message_bar import MessageBar
from ui.methods.ahp_matrix import JudgementDelegate, PairwiseModel, judgement_text, nearest_saaty
from ui.methods.ahp_results import AhpResults, ri_table_name
from ui.methods.common import NodePicker, WhenShown, refill_combo
from ui.methods.state import MethodsState
from ui.methods.weights_apply import (
    apply_to_framework,
    ask_weight_set_name,
    child_percentages,
    save_weight_set,
    scoring_weights,
)
from ui.session import Session

CELL_WIDTH = 58


class AhpPage(QWidget):
    """Choose a node; judge its children pairwise; read the weights and CR; apply or save."""

    def __init__(self, session: Session, state: MethodsState, parent: QWidget | None = None):
        super().__init__(parent)
        self._session, self._state = session, state
        self._drafts: dict[str, tuple[tuple[str, ...], list[FloatArray]]] = {}
        self._shown = 0  # expert on screen; −1: the combined matrix
        self.group: GroupAHP | None = None
        self._build()
        self._lazy = WhenShown(self, self.recompute)  # scores needed: only when shown
        self._connect()
        self.retranslate()
        self._show_matrix()

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        self.node_label, self.method_label = QLabel(self), QLabel(self)
        self.ri_label, self.expert_label = QLabel(self), QLabel(self)
        self.node_picker = NodePicker(self._session, self, min_children=2)
        self.method = QComboBox(self)
        self.ri_table = QComboBox(self)
        self.expert = QComboBox(self)
        self.add_expert_button = QPushButton(self)
        self.remove_expert_button = QPushButton(self)
        self.from_weights_button = QPushButton(self)
        self.message = MessageBar(self)
        self.model = PairwiseModel(self)
        self.matrix_view = QTableView(self)
        self.matrix_view.setModel(self.model)
        self.matrix_view.setItemDelegate(JudgementDelegate(self.matrix_view))
        header = self.matrix_view.horizontalHeader()
        header.setMinimumSectionSize(CELL_WIDTH)
        header.setMaximumSectionSize(2 * CELL_WIDTH)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.matrix_view.verticalHeader().setDefaultSectionSize(34)
        self.scale_label = QLabel(self)
        self.scale_label.setWordWrap(True)
        self.worst_frame = QFrame(self)
        self.worst_frame.setStyleSheet(
            "QFrame { background: #fde7c8; border: 1px solid #e0a84f; border-radius: 3px; }"
            " QLabel { border: none; }"
        )
        self.worst_label = QLabel(self.worst_frame)
        self.worst_label.setWordWrap(True)
        self.worst_label.setTextFormat(Qt.TextFormat.PlainText)
        self.use_suggestion_button = QPushButton(self.worst_frame)
        worst = QHBoxLayout(self.worst_frame)
        worst.setContentsMargins(8, 4, 8, 4)
        worst.addWidget(self.worst_label, 1)
        worst.addWidget(self.use_suggestion_button)
        self.worst_frame.hide()
        self.results = AhpResults(self)
        self.apply_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self._layout()

    def _layout(self) -> None:
        top = QHBoxLayout()
        for label, widget in (
            (self.node_label, self.node_picker),
            (self.method_label, self.method),
            (self.ri_label, self.ri_table),
        ):
            top.addWidget(label)
            top.addWidget(widget)
        top.addStretch(1)
        experts = QHBoxLayout()
        experts.addWidget(self.expert_label)
        experts.addWidget(self.expert)
        for button in (self.add_expert_button, self.remove_expert_button):
            experts.addWidget(button)
        experts.addStretch(1)
        experts.addWidget(self.from_weights_button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(experts)
        left_layout.addWidget(self.matrix_view, 1)
        left_layout.addWidget(self.worst_frame)
        left_layout.addWidget(self.scale_label)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.results, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.apply_button)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.node_picker.node_changed.connect(lambda _code: self._node_changed())
        self.method.currentIndexChanged.connect(lambda _i: self.recompute())
        self.ri_table.currentIndexChanged.connect(lambda _i: self.recompute())
        self.expert.currentIndexChanged.connect(lambda _i: self._expert_changed())
        self.add_expert_button.clicked.connect(self.add_expert)
        self.remove_expert_button.clicked.connect(self.remove_expert)
        self.from_weights_button.clicked.connect(self.from_current_weights)
        self.use_suggestion_button.clicked.connect(self.use_suggestion)
        self.model.judgement_changed.connect(self._judged)
        self.model.refused.connect(lambda text: self.message.show_message(text))
        self.apply_button.clicked.connect(self.ask_apply)
        self.save_button.clicked.connect(self.ask_save)
        self._session.scores_changed.connect(self._lazy.request)
        self._session.language_changed.connect(lambda _language: self._relabel())

    # ------------------------------------------------------------ texts

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.node_label.setText(self.tr("Node:"))
        self.node_picker.setToolTip(self.tr("The node whose children are compared"))
        self.method_label.setText(self.tr("Method:"))
        self.ri_label.setText(self.tr("Random index:"))
        self.expert_label.setText(self.tr("Matrix:"))
        refill_combo(
            self.method,
            [
                (self.tr("Principal eigenvector (Saaty)"), "eigenvector"),
                (self.tr("Row geometric mean"), "geometric"),
            ],
        )
        refill_combo(
            self.ri_table,
            [
                (ri_table_name("saaty") + self.tr(", n ≤ 10"), "saaty"),
                (ri_table_name("alonso-lamata") + self.tr(", n ≤ 15"), "alonso-lamata"),
            ],
        )
        self.add_expert_button.setText(self.tr("Add expert"))
        self.add_expert_button.setToolTip(
            self.tr("Another expert's matrix; all are combined by the geometric mean")
        )
        self.remove_expert_button.setText(self.tr("Remove expert"))
        self.from_weights_button.setText(self.tr("Start from current weights"))
        self.from_weights_button.setToolTip(
            self.tr("Fill this matrix with the judgements closest to the weights in use")
        )
        self.use_suggestion_button.setText(self.tr("Use suggested value"))
        self.apply_button.setText(self.tr("Apply to framework"))
        self.apply_button.setToolTip(
            self.tr("Set the children's weights in the indicator system (one undo step)")
        )
        self.save_button.setText(self.tr("Save as weight set…"))
        self.scale_label.setText(
            self.tr(
                "Read each cell as “how much more important is the row than the column”: "
                "1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more "
                "important (2, 4, 6, 8 in between); 1/3 … 1/9 when the column is more "
                "important. Edit above the diagonal; below it are the reciprocals."
            )
        )
        self._fill_experts()
        self._lazy.request()

    # ------------------------------------------------------------ state

    def node(self) -> str | None:
        return self.node_picker.current_code()

    def criteria(self) -> tuple[str, ...]:
        node = self.node()
        if node is None:
            return ()
        return tuple(k.code for k in self._session.framework.children(node))

    def experts(self) -> list[FloatArray]:
        """The experts' matrices of the current node (created all-1 on first use)."""
        node, kids = self.node(), self.criteria()
        if node is None:
            return []
        draft = self._drafts.get(node)
        if draft is None or draft[0] != kids:
            draft = (kids, [np.ones((len(kids), len(kids)))])
            self._drafts[node] = draft
        return draft[1]

    def _node_changed(self) -> None:
        self._shown = 0
        self.message.clear()
        self._fill_experts()
        self._show_matrix()
        self.recompute()

    def _relabel(self) -> None:
        self._show_matrix()
        self._lazy.request()

    def _fill_experts(self) -> None:
        count = len(self.experts())
        self.expert.blockSignals(True)
        self.expert.clear()
        for k in range(count):
            self.expert.addItem(self.tr("Expert {n}").format(n=k + 1), k)
        if count > 1:
            self.expert.addItem(self.tr("Combined (geometric mean)"), -1)
        self.expert.setCurrentIndex(max(self.expert.findData(self._shown), 0))
        self.expert.blockSignals(False)
        self.remove_expert_button.setEnabled(count > 1 and self._shown >= 0)

    def _expert_changed(self) -> None:
        shown = self.expert.currentData()
        self._shown = shown if isinstance(shown, int) else 0
        self.remove_expert_button.setEnabled(len(self.experts()) > 1 and self._shown >= 0)
        self._show_matrix()
        self.recompute()

    def _show_matrix(self) -> None:
        kids = self.criteria()
        framework = self._session.framework
        names = [self._session.name(framework[c]) for c in kids]
        experts = self.experts()
        editable = self._shown >= 0
        if not experts:
            matrix: FloatArray = np.ones((0, 0))
        elif editable:
            matrix = experts[min(self._shown, len(experts) - 1)]
        else:
            matrix = np.exp(np.log(np.array(experts)).mean(axis=0))
        self.model.set_matrix(kids, names, matrix, editable)
        self.from_weights_button.setEnabled(editable and bool(kids))

    def _judged(self, _i: int, _j: int, _value: float) -> None:
        experts = self.experts()
        if 0 <= self._shown < len(experts):
            experts[self._shown] = self.model.matrix()
        self.message.clear()
        self.recompute()

    # ------------------------------------------------------------ computing

    def method_name(self) -> str:
        return str(self.method.currentData() or "eigenvector")

    def recompute(self) -> None:
        node, kids = self.node(), self.criteria()
        experts = self.experts()
        self.group = None
        if node is None or len(kids) < 2:
            self._show_nothing(self.tr("Choose a node with at least two children."))
            return
        method: AHPMethod = "geometric" if self.method_name() == "geometric" else "eigenvector"
        table = str(self.ri_table.currentData() or "saaty")
        try:
            self.group = ahp_group(experts, method, table, kids)
        except AHPError as error:
            self._show_nothing("")
            self.message.show_message(str(error))
            self._state.set_ahp(node, None)
            return
        self._show_group(self.group, kids)
        self._state.set_ahp(node, self.group.combined)

    def _show_nothing(self, text: str) -> None:
        self.results.clear(text)
        self.model.set_highlight(None)
        self.worst_frame.hide()
        self.apply_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def _show_group(self, group: GroupAHP, kids: tuple[str, ...]) -> None:
        framework = self._session.framework
        names = [self._session.name(framework[c]) for c in kids]
        self.results.show_group(group, self._shown, kids, names, self._current(kids))
        shown = (
            group.combined
            if self._shown < 0 or len(group.experts) < 2
            else group.experts[self._shown]
        )
        worst = shown.worst
        if shown.flagged and worst is not None:
            i, j = worst.row, worst.column
            suggestion = nearest_saaty(worst.consistent)
            text = self.tr(
                "Most inconsistent judgement: {a} / {b} = {value}. The other judgements "
                "imply about {ratio} (nearest scale value {suggestion})."
            ).format(
                a=kids[i],
                b=kids[j],
                value=judgement_text(worst.value),
                ratio=f"{worst.consistent:.3g}",
                suggestion=judgement_text(suggestion),
            )
            self.model.set_highlight((i, j), text)
            self.worst_label.setText(text)
            self.use_suggestion_button.setVisible(self._shown >= 0)
            self.worst_frame.show()
        else:
            self.model.set_highlight(None)
            self.worst_frame.hide()
        self.apply_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def _current(self, kids: tuple[str, ...]) -> list[float]:
        h = self._session.scores().result.hierarchy
        weights = np.array([h.weight[h.index[c]] for c in kids])
        total = weights.sum()
        return list(weights / total) if total > 0 else [0.0] * len(kids)

    # ------------------------------------------------------------ actions

    def add_expert(self) -> None:
        experts = self.experts()
        if experts:
            experts.append(np.ones_like(experts[0]))
            self._shown = len(experts) - 1
            self._fill_experts()
            self._show_matrix()
            self.recompute()

    def remove_expert(self) -> None:
        experts = self.experts()
        if len(experts) > 1 and 0 <= self._shown < len(experts):
            del experts[self._shown]
            self._shown = min(self._shown, len(experts) - 1)
            self._fill_experts()
            self._show_matrix()
            self.recompute()

    def set_judgement(self, i: int, j: int, value: float) -> bool:
        """Enter a_ij (i < j) in the matrix on screen, as typing it would."""
        return self.model.setData(self.model.index(i, j), judgement_text(value))

    def from_current_weights(self) -> None:
        kids = self.criteria()
        if self._shown < 0 or len(kids) < 2:
            return
        ideal = consistent_matrix(np.maximum(self._current(kids), 1e-9))
        for k, value in enumerate(upper_of(ideal)):
            i, j = _pair(k, len(kids))
            self.model.set_judgement(i, j, nearest_saaty(float(value)))

    def use_suggestion(self) -> None:
        group = self.group
        if group is None or self._shown < 0:
            return
        worst = group.experts[min(self._shown, len(group.experts) - 1)].worst
        if worst is not None:
            self.model.set_judgement(worst.row, worst.column, nearest_saaty(worst.consistent))

    def _reason(self) -> str:
        assert self.group is not None
        r = self.group.combined
        return (
            f"AHP ({r.method}, {len(self.group.experts)} expert(s), "
            f"CR {r.cr:.4f}, RI table {r.ri_table})"
        )

    def _confirm_inconsistent(self) -> bool:
        """True unless the combined judgements are inconsistent and the user stops."""
        if self.group is None or self.group.combined.consistent:
            return True
        question = self.tr(
            "The judgements are inconsistent (CR = {cr} ≥ 0.1). Use these weights anyway?"
        ).format(cr=f"{self.group.combined.cr:.3f}")
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        return QMessageBox.question(self, self.tr("AHP"), question, yes | no, no) == yes

    def ask_apply(self) -> None:
        if self._confirm_inconsistent():
            self.apply()

    def apply(self) -> None:
        node, group = self.node(), self.group
        if node is None or group is None:
            return
        h = self._session.framework.to_hierarchy()
        weights = child_percentages(h, node, group.combined.weight_map())
        text = self.tr("AHP weights under {code}").format(code=node)
        try:
            apply_to_framework(self._session, weights, text, self._reason())
        except ValueError as error:
            self.message.show_message(str(error))
            return
        self._after_apply()

    def _after_apply(self) -> None:
        active = active_name(self._session.campaign.settings)
        if active is None:
            self.message.show_message(
                self.tr("Applied to the indicator system (Undo: Ctrl+Z)."), "info"
            )
        else:
            note = self.tr(
                "Applied to the indicator system. The scores use the weight set “{name}”; "
                "choose “Framework weights” on the Weight sets page to score with these."
            )
            self.message.show_message(note.format(name=active), "warning")

    def ask_save(self) -> None:
        node = self.node()
        if node is None or self.group is None or not self._confirm_inconsistent():
            return
        chosen = ask_weight_set_name(self._session, f"AHP {node}", self)
        if chosen is not None:
            self.save_as(*chosen)

    def save_as(self, name: str, activate: bool) -> None:
        """Save the weights in use with this node's children replaced by the AHP weights."""
        node, group = self.node(), self.group
        if node is None or group is None:
            return
        h = self._session.scores().result.hierarchy
        children = child_percentages(h, node, group.combined.weight_map())
        details = {
            "node": node,
            "criteria": list(self.criteria()),
            "ahp": group.combined.summary(),
            "experts": [[float(v) for v in upper_of(m.matrix)] for m in group.experts],
            "expert_cr": [float(m.cr) for m in group.experts],
        }
        try:
            weight_set = WeightSet(name, scoring_weights(self._session, children), "ahp", details)
            save_weight_set(self._session, weight_set, activate)
        except ValueError as error:
            self.message.show_message(str(error))
            return
        self.message.show_message(
            self.tr("Saved as weight set “{name}”.").format(name=name), "info"
        )


def _pair(k: int, n: int) -> tuple[int, int]:
    rows, cols = np.triu_indices(n, k=1)
    return int(rows[k]), int(cols[k])
