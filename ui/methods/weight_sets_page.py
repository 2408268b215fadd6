"""The campaign's named weight sets: choose the one the scores use, delete, compare."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models.framework import Framework
from models.weight_sets import WeightSet, active_name, weight_sets
from ui.message_bar import MessageBar
from ui.methods.common import WhenShown, node_label, refill_combo
from ui.methods.table_model import (
    FLAG_BACKGROUND,
    Cell,
    TableModel,
    num_cell,
    table_view,
    text_cell,
)
from ui.methods.weights_apply import delete_weight_set, select_weight_set
from ui.session import Session

NO_SET = ""  # list item data of "the framework's weights"
DIFFERENT = 0.005  # percentage points


def shares(framework: Framework, weights: Mapping[str, float], of_index: bool) -> dict[str, float]:
    """Every node's share (percent) of its parent, or of the index, under `weights` (codes
    the mapping lacks keep the framework's weight)."""
    weight = {n.code: float(weights.get(n.code, n.weight)) for n in framework.nodes}
    out: dict[str, float] = {}
    for node in framework.walk():
        if node.parent is None:
            out[node.code] = 100.0
            continue
        total = sum(weight[k.code] for k in framework.children(node.parent))
        share = weight[node.code] / total if total > 0 else 0.0
        out[node.code] = share * (out[node.parent] if of_index else 100.0)
    return out


class WeightSetsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.sets: dict[str, WeightSet] = {}
        self.list = QListWidget(self)
        self.use_button, self.delete_button = QPushButton(self), QPushButton(self)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = MessageBar(self)
        self.compare_label = QLabel(self)
        self.measure = QComboBox(self)
        self.model = TableModel(self)
        self.view = table_view(self.model, self, stretch=False)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self._layout()
        self.list.currentItemChanged.connect(lambda _c, _p: self._chosen())
        self.list.itemDoubleClicked.connect(lambda _item: self.use_selected())
        self.use_button.clicked.connect(self.use_selected)
        self.delete_button.clicked.connect(self.ask_delete)
        self.measure.currentIndexChanged.connect(lambda _i: self._fill_table())
        self._lazy = WhenShown(self, self.refresh)
        session.scores_changed.connect(self._lazy.request)
        session.framework_changed.connect(self._lazy.request)
        session.language_changed.connect(lambda _language: self._lazy.request())
        self.retranslate()

    def _layout(self) -> None:
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.delete_button)
        column.addLayout(buttons)
        column.addWidget(self.details)
        column.addWidget(self.hint)
        right = QWidget(self)
        table = QVBoxLayout(right)
        table.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.compare_label)
        row.addWidget(self.measure)
        row.addStretch(1)
        table.addLayout(row)
        table.addWidget(self.view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([380, 960])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.use_button.setText(self.tr("Use for the scores"))
        self.delete_button.setText(self.tr("Delete…"))
        self.compare_label.setText(self.tr("Compare the weights as:"))
        refill_combo(
            self.measure,
            [
                (self.tr("share of the parent (%)"), "parent"),
                (self.tr("share of the index (%)"), "index"),
            ],
        )
        self.hint.setText(
            self.tr(
                "Weight sets are made on the AHP and Entropy pages (“Save as weight set…”). "
                "The set in use replaces the framework's weights in every score; the "
                "indicator system itself is not changed."
            )
        )
        self._lazy.request()

    # ------------------------------------------------------------ content

    def active(self) -> str | None:
        return active_name(self._session.campaign.settings)

    def refresh(self) -> None:
        try:
            self.sets = weight_sets(self._session.campaign.settings)
        except ValueError as error:
            self.sets = {}
            self.message.show_message(str(error))
        chosen = self.selected_name()
        active = self.active()
        self.list.blockSignals(True)
        self.list.clear()
        self._add_item(self.tr("Framework weights (no weight set)"), NO_SET, active is None)
        for name, ws in self.sets.items():
            self._add_item(f"{name}  ·  {self._method(ws.method)}", name, name == active)
        keep = chosen if chosen is not None else (active or NO_SET)
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == keep:
                self.list.setCurrentRow(row)
        if self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self._chosen()
        self._fill_table()

    def _add_item(self, text: str, name: str, active: bool) -> None:
        item = QListWidgetItem(("✓ " if active else "    ") + text)
        item.setData(Qt.ItemDataRole.UserRole, name)
        if active:
            font = QFont()
            font.setBold(True)
            item.setFont(font)
            item.setToolTip(self.tr("The scores use these weights"))
        self.list.addItem(item)

    def _method(self, method: str) -> str:
        names = {
            "ahp": self.tr("AHP"),
            "entropy": self.tr("entropy"),
            "ahp+entropy": self.tr("AHP + entropy"),
            "manual": self.tr("manual"),
            "equal": self.tr("equal"),
        }
        return names.get(method, method)

    def selected_name(self) -> str | None:
        """The selected set's name; None for the framework's weights or no selection."""
        item = self.list.currentItem()
        name = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return name if isinstance(name, str) and name else None

    def _chosen(self) -> None:
        name = self.selected_name()
        item = self.list.currentItem()
        is_active = item is not None and (name == self.active())
        self.use_button.setEnabled(item is not None and not is_active)
        self.delete_button.setEnabled(name is not None)
        ws = self.sets.get(name) if name is not None else None
        if ws is None:
            self.details.setText(self.tr("The weights stored in the indicator system."))
            return
        self.details.setText("\n".join(self.describe(ws)))

    def describe(self, ws: WeightSet) -> list[str]:
        """What made the set, in words (from its recorded details)."""
        d = ws.details
        lines = [self.tr("Method: {method}").format(method=self._method(ws.method))]
        node = d.get("node")
        if isinstance(node, str):
            lines.append(self.tr("Node: {node}").format(node=node_label(self._session, node)))
        ahp = d.get("ahp")
        if isinstance(ahp, dict) and isinstance(ahp.get("cr"), int | float):
            experts = d.get("experts")
            count = len(experts) if isinstance(experts, list) else 1
            text = self.tr("AHP: CR = {cr} ({verdict}), {n} expert(s), {method}")
            verdict = self.tr("consistent") if ahp.get("consistent") else self.tr("inconsistent")
            lines.append(
                text.format(
                    cr=f"{ahp['cr']:.3f}", verdict=verdict, n=count, method=ahp.get("method", "")
                )
            )
        if d.get("scope") == "leaves":
            lines.append(self.tr("Entropy weights of all leaf indicators under the node"))
        elif d.get("scope") == "children":
            lines.append(self.tr("Entropy weights of the node's children"))
        if isinstance(d.get("shift"), int | float) and d.get("shift"):
            lines.append(self.tr("Shift: {shift}").format(shift=d["shift"]))
        if d.get("combine") == "linear":
            share = d.get("ahp_share", 0.5)
            share = share if isinstance(share, int | float) else 0.5
            lines.append(
                self.tr("Combined with AHP linearly, AHP share {share} %").format(
                    share=round(100 * share)
                )
            )
        elif d.get("combine") == "multiplicative":
            lines.append(self.tr("Combined with AHP multiplicatively"))
        return lines

    def _fill_table(self) -> None:
        framework = self._session.framework
        of_index = self.measure.currentData() == "index"
        columns: list[tuple[str, dict[str, float], str | None]] = [
            (self.tr("Framework"), shares(framework, {}, of_index), None)
        ]
        active = self.active()
        for name, ws in self.sets.items():
            title = ("✓ " if name == active else "") + name
            columns.append((title, shares(framework, ws.weights, of_index), name))
        base = columns[0][1]
        rows = []
        for node in framework.walk():
            if node.parent is None:
                continue
            indent = "\u3000" * (framework.depth(node.code) - 1)
            cells: list[Cell] = [text_cell(node.code), text_cell(indent + self._session.name(node))]
            for _title, values, _name in columns:
                value = values[node.code]
                differs = abs(value - base[node.code]) > DIFFERENT
                cells.append(num_cell(value, 2, background=FLAG_BACKGROUND if differs else None))
            rows.append(cells)
        headers = [self.tr("Code"), self.tr("Node")] + [title for title, _v, _n in columns]
        self.model.set_rows(headers, rows)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(1, min(self.view.columnWidth(1), 260))

    # ------------------------------------------------------------ actions

    def use(self, name: str | None) -> None:
        """Make `name` the weights of the scores (None: the framework's own)."""
        try:
            select_weight_set(self._session, name)
        except (KeyError, ValueError) as error:
            self.message.show_message(str(error))
            return
        self.message.clear()

    def use_selected(self) -> None:
        if self.list.currentItem() is not None:
            self.use(self.selected_name())

    def ask_delete(self) -> None:
        name = self.selected_name()
        if name is None:
            return
        question = self.tr("Delete the weight set “{name}”? (Undo brings it back.)").format(
            name=name
        )
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        if QMessageBox.question(self, self.tr("Weight sets"), question, yes | no, no) == yes:
            self.delete(name)

    def delete(self, name: str) -> None:
        try:
            delete_weight_set(self._session, name)
        except (KeyError, ValueError) as error:
            self.message.show_message(str(error))
