"""The entropy-weight method (熵权法) on the campaign's data, for a node's children or all
the leaves under it, optionally combined with the node's AHP weights."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models.weight_sets import WeightSet
from scoring.entropy import CombineMethod, EntropyError, EntropyResult, combine_weights
from scoring.hierarchy import FloatArray, ScoringError
from scoring.weighting import EntropyScope, effective_weights, entropy_for_node, leaves_under
from ui.message_bar import MessageBar
from ui.methods.bars import PALETTE, Series, horizontal_bars
from ui.methods.charts import ChartWidget
from ui.methods.common import NodePicker, WhenShown, refill_combo
from ui.methods.state import MethodsState
from ui.methods.table_model import TableModel, num_cell, table_view, text_cell
from ui.methods.weights_apply import (
    apply_to_framework,
    ask_weight_set_name,
    child_percentages,
    leaf_percentages,
    save_weight_set,
    scoring_weights,
)
from ui.session import Session


class EntropyPage(QWidget):
    def __init__(self, session: Session, state: MethodsState, parent: QWidget | None = None):
        super().__init__(parent)
        self._session, self._state = session, state
        self.result: EntropyResult | None = None
        self.ahp_weights: FloatArray | None = None  # aligned with result.codes
        self.final: FloatArray | None = None  # the weights applied or saved
        self.data_kind = "raw"
        self._build()
        self._lazy = WhenShown(self, self.recompute)  # scores needed: only when shown
        self._connect()
        self.retranslate()

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        self.node_label, self.scope_label = QLabel(self), QLabel(self)
        self.shift_label = QLabel(self)
        self.node_picker = NodePicker(self._session, self, min_children=2)
        self.scope = QComboBox(self)
        self.shift = QDoubleSpinBox(self)
        self.shift.setRange(0.0, 1.0)
        self.shift.setDecimals(4)
        self.shift.setSingleStep(0.001)
        self.combine = QCheckBox(self)
        self.combine_method = QComboBox(self)
        self.share = QSlider(Qt.Orientation.Horizontal, self)
        self.share.setRange(0, 100)
        self.share.setValue(50)
        self.share.setFixedWidth(140)
        self.share_label = QLabel(self)
        self.data_label = QLabel(self)
        self.data_label.setWordWrap(True)
        self.message = MessageBar(self)
        self.model = TableModel(self)
        self.view = table_view(self.model, self, sortable=True)
        self.chart = ChartWidget(self, row_height=22)
        self.apply_button, self.save_button = QPushButton(self), QPushButton(self)
        top = QHBoxLayout()
        for label, widget in (
            (self.node_label, self.node_picker),
            (self.scope_label, self.scope),
            (self.shift_label, self.shift),
        ):
            top.addWidget(label)
            top.addWidget(widget)
        top.addStretch(1)
        combine = QHBoxLayout()
        for item in (self.combine, self.combine_method, self.share, self.share_label):
            combine.addWidget(item)
        combine.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.chart)
        splitter.setSizes([720, 620])
        buttons = QHBoxLayout()
        buttons.addWidget(self.data_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(combine)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.node_picker.node_changed.connect(lambda _code: self.recompute())
        self.scope.currentIndexChanged.connect(lambda _i: self.recompute())
        self.shift.valueChanged.connect(lambda _v: self.recompute())
        self.combine.toggled.connect(lambda _on: self.recompute())
        self.combine_method.currentIndexChanged.connect(lambda _i: self.recompute())
        self.share.valueChanged.connect(lambda _v: self.recompute())
        self.apply_button.clicked.connect(self.apply)
        self.save_button.clicked.connect(self.ask_save)
        self._state.ahp_changed.connect(self._ahp_changed)
        self._session.scores_changed.connect(self._lazy.request)
        self._session.language_changed.connect(lambda _language: self._lazy.request())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.node_label.setText(self.tr("Node:"))
        self.scope_label.setText(self.tr("Weights for:"))
        self.shift_label.setText(self.tr("Shift:"))
        self.shift.setToolTip(
            self.tr("Added to the standardised values before p_ij, so that no value is 0")
        )
        refill_combo(
            self.scope,
            [
                (self.tr("its children"), "children"),
                (self.tr("all leaf indicators under it"), "leaves"),
            ],
        )
        refill_combo(
            self.combine_method,
            [
                (self.tr("multiplicative (AHP × entropy)"), "multiplicative"),
                (self.tr("linear (share of AHP)"), "linear"),
            ],
        )
        self.combine.setText(self.tr("Combine with this node's AHP weights:"))
        self.apply_button.setText(self.tr("Apply to framework"))
        self.save_button.setText(self.tr("Save as weight set…"))
        self._lazy.request()

    # ------------------------------------------------------------ computing

    def node(self) -> str | None:
        return self.node_picker.current_code()

    def scope_name(self) -> EntropyScope:
        return "leaves" if self.scope.currentData() == "leaves" else "children"

    def _ahp_changed(self, node: str) -> None:
        if node == self.node():
            self._lazy.request()

    def _data(self, node: str) -> FloatArray:
        """Raw leaf values; the children's scores when some children are aggregates."""
        scores = self._session.scores()
        h = scores.result.hierarchy
        kids = h.children(h.index[node])
        if self.scope_name() == "leaves" or all(int(k) < h.n_leaves for k in kids):
            self.data_kind = "raw"
            return scores.cells.values
        self.data_kind = "scores"
        return scores.result.scores

    def recompute(self) -> None:
        node = self.node()
        self.result, self.ahp_weights, self.final = None, None, None
        if node is None:
            self._show_nothing()
            return
        h = self._session.scores().result.hierarchy
        try:
            self.result = entropy_for_node(
                h, self._data(node), node, self.scope_name(), float(self.shift.value())
            )
            self.final = self._combined(node, self.result)
        except (EntropyError, ScoringError) as error:
            self._show_nothing()
            self.message.show_message(str(error))
            return
        self.message.clear()
        self._show(node, self.result)

    def _combined(self, node: str, result: EntropyResult) -> FloatArray:
        ahp = self._state.ahp(node)
        usable = ahp is not None and self.scope_name() == "children"
        usable = usable and ahp is not None and set(ahp.labels) == set(result.codes)
        self.combine.setEnabled(usable)
        linear = self.combine_method.currentData() == "linear"
        self.combine_method.setEnabled(usable and self.combine.isChecked())
        self.share.setEnabled(usable and self.combine.isChecked() and linear)
        self.share.setVisible(linear)
        self.share_label.setVisible(linear)
        self.share_label.setText(self.tr("AHP share: {share} %").format(share=self.share.value()))
        if not usable or ahp is None or not self.combine.isChecked():
            return result.weights
        by_code = ahp.weight_map()
        self.ahp_weights = np.array([by_code[c] for c in result.codes])
        method: CombineMethod = "linear" if linear else "multiplicative"
        return combine_weights(self.ahp_weights, result.weights, method, self.share.value() / 100)

    def _show_nothing(self) -> None:
        self.model.set_rows([], [])
        self.chart.clear()
        self.apply_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.data_label.clear()

    def _current(self, node: str, codes: tuple[str, ...]) -> FloatArray:
        h = self._session.scores().result.hierarchy
        if self.scope_name() == "leaves":
            share = effective_weights(h)
            values = np.array([share[h.index[c]] for c in leaves_under(h, node)])
        else:
            values = np.array([h.weight[h.index[c]] for c in codes])
        total = values.sum()
        out: FloatArray = values / total if total > 0 else values
        return out

    def _show(self, node: str, r: EntropyResult) -> None:
        assert self.final is not None
        framework = self._session.framework
        names = [self._session.name(framework[c]) for c in r.codes]
        current = self._current(node, r.codes)
        columns: list[tuple[str, FloatArray, str]] = [
            (self.tr("Entropy weight"), r.weights, PALETTE[0])
        ]
        if self.ahp_weights is not None:
            columns.append((self.tr("AHP weight"), self.ahp_weights, PALETTE[1]))
            columns.append((self.tr("Combined"), self.final, PALETTE[2]))
        columns.append((self.tr("Current"), current, "#b9b9b9"))
        headers = [
            self.tr("Code"),
            self.tr("Indicator"),
            "n",
            self.tr("Entropy e"),
            self.tr("Divergence d"),
        ] + [name for name, _v, _c in columns]
        rows = []
        for i, (code, name) in enumerate(zip(r.codes, names, strict=True)):
            cells = [
                text_cell(code),
                text_cell(name, tooltip=name),
                num_cell(float(r.n[i]), 0),
                num_cell(float(r.entropy[i]), 4),
                num_cell(float(r.divergence[i]), 4),
            ]
            cells += [num_cell(100 * float(v[i]), 2, " %") for _n, v, _c in columns]
            rows.append(cells)
        self.model.set_rows(headers, rows)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(1, min(self.view.columnWidth(1), 220))
        labels = [f"{c} {n}" for c, n in zip(r.codes, names, strict=True)]
        series = [Series(name, list(100.0 * values), colour) for name, values, colour in columns]
        horizontal_bars(self.chart, labels, series, self.tr("Weight (%)"))
        self.chart.set_title(self.tr("Entropy weights"))
        if self.data_kind == "raw":
            data = self.tr(
                "Data: the campaign's reconciled values of {n} cities (directions applied)."
            )
        else:
            data = self.tr(
                "Data: the children's scores for {n} cities (some children are aggregates)."
            )
        shift = self.tr("Shift {shift}.").format(shift=f"{r.shift:g}")
        self.data_label.setText(data.format(n=len(self._session.cities)) + " " + shift)
        self.apply_button.setEnabled(True)
        self.save_button.setEnabled(True)

    # ------------------------------------------------------------ actions

    def final_map(self) -> dict[str, float]:
        assert self.result is not None and self.final is not None
        return dict(zip(self.result.codes, (float(w) for w in self.final), strict=True))

    def _method(self) -> str:
        return "ahp+entropy" if self.ahp_weights is not None else "entropy"

    def _details(self, node: str) -> dict[str, object]:
        assert self.result is not None
        details: dict[str, object] = {
            "node": node,
            "scope": self.scope_name(),
            "data": self.data_kind,
        }
        details.update(self.result.options())
        if self.ahp_weights is not None:
            details["combine"] = str(self.combine_method.currentData())
            details["ahp_share"] = self.share.value() / 100
        return details

    def _weights(self, node: str, framework: bool) -> dict[str, float]:
        h = (
            self._session.framework.to_hierarchy()
            if framework
            else self._session.scores().result.hierarchy
        )
        if self.scope_name() == "leaves":
            return leaf_percentages(h, node, self.final_map())
        return child_percentages(h, node, self.final_map())

    def apply(self) -> None:
        node = self.node()
        if node is None or self.final is None:
            return
        text = self.tr("Entropy weights under {code}").format(code=node)
        reason = ", ".join(f"{k} {v}" for k, v in self._details(node).items())
        try:
            apply_to_framework(
                self._session, self._weights(node, True), text, self._method() + ": " + reason
            )
        except ValueError as error:
            self.message.show_message(str(error))
            return
        self.message.show_message(
            self.tr("Applied to the indicator system (Undo: Ctrl+Z)."), "info"
        )

    def ask_save(self) -> None:
        node = self.node()
        if node is None or self.final is None:
            return
        chosen = ask_weight_set_name(self._session, f"{self._method()} {node}", self)
        if chosen is not None:
            self.save_as(*chosen)

    def save_as(self, name: str, activate: bool) -> None:
        node = self.node()
        if node is None or self.final is None:
            return
        try:
            weights = scoring_weights(self._session, self._weights(node, False))
            save_weight_set(
                self._session,
                WeightSet(name, weights, self._method(), self._details(node)),
                activate,
            )
        except ValueError as error:
            self.message.show_message(str(error))
            return
        self.message.show_message(
            self.tr("Saved as weight set “{name}”.").format(name=name), "info"
        )
