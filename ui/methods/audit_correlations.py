"""The audit's correlation panel: heat map of Pearson or Spearman correlations between
the nodes of one level, or of one level against the level above (each node's own parent
outlined), within any branch; the flagged pairs beside it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from scoring.audit import AuditReport, CorrelationAudit
from scoring.hierarchy import Hierarchy
from scoring.weighting import descendants
from ui.methods.charts import ChartWidget
from ui.methods.common import NodePicker, refill_combo
from ui.methods.heatmap import HeatMap
from ui.methods.table_model import ALERT_BACKGROUND, TableModel, num_cell, table_view, text_cell
from ui.session import Session


class CorrelationPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.report: AuditReport | None = None
        self._h: Hierarchy | None = None
        self._level_set = False
        self.method_label, self.level_label = QLabel(self), QLabel(self)
        self.against_label, self.within_label = QLabel(self), QLabel(self)
        self.method, self.level, self.against = QComboBox(self), QComboBox(self), QComboBox(self)
        self.within = NodePicker(session, self)
        self.chart = ChartWidget(self)
        self.heatmap = HeatMap(self.chart)
        self.flags_label = QLabel(self)
        self.flags_model = TableModel(self)
        self.flags_view = table_view(self.flags_model, self, sortable=True)
        controls = QHBoxLayout()
        for label, combo in (
            (self.method_label, self.method),
            (self.level_label, self.level),
            (self.against_label, self.against),
            (self.within_label, self.within),
        ):
            controls.addWidget(label)
            controls.addWidget(combo)
        controls.addStretch(1)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.flags_label)
        side_layout.addWidget(self.flags_view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.chart)
        splitter.addWidget(side)
        splitter.setSizes([860, 460])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)
        for combo in (self.method, self.level, self.against):
            combo.currentIndexChanged.connect(lambda _i: self.redraw())
        self.within.node_changed.connect(lambda _code: self.redraw())
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.method_label.setText(self.tr("Correlation:"))
        self.level_label.setText(self.tr("Rows:"))
        self.against_label.setText(self.tr("Columns:"))
        self.within_label.setText(self.tr("Within:"))
        refill_combo(self.method, [("Pearson", "pearson"), ("Spearman", "spearman")])
        refill_combo(
            self.against,
            [
                (self.tr("the same level"), "same"),
                (self.tr("the level above (parents outlined)"), "parent"),
            ],
        )
        self._fill_levels()
        self.flags_label.setWordWrap(True)
        self.redraw()

    def _fill_levels(self) -> None:
        h = self._hierarchy()
        top = int(h.height.max(initial=0)) if h is not None else 0
        items = [(self.tr("Indicators (level 1)"), "0")]
        items += [(self.tr("Level {n}").format(n=k + 1), str(k)) for k in range(1, top)]
        refill_combo(self.level, items)
        if h is not None and not self._level_set:
            # first time: the level below the dimensions, a readable size
            self.level.setCurrentIndex(max(0, min(len(items) - 1, top - 2)))
            self._level_set = True

    def _hierarchy(self) -> Hierarchy | None:
        return self._h

    def set_report(self, report: AuditReport, h: Hierarchy) -> None:
        self.report, self._h = report, h
        self._fill_levels()
        self.redraw()

    def redraw(self) -> None:
        report, h = self.report, self._h
        if report is None or h is None:
            return
        audit = report.spearman if self.method.currentData() == "spearman" else report.pearson
        height = int(self.level.currentData() or 0)
        inside = set(descendants(h, self.within.current_code() or h.codes[h.root]))
        rows = [i for i in range(len(h.codes)) if h.height[i] == height and i in inside]
        if self.against.currentData() == "parent":
            parents = sorted({int(h.parent[i]) for i in rows if h.parent[i] >= 0})
            cols = parents
        else:
            cols = rows
        self._draw(h, audit, rows, cols)
        if not rows or not cols:
            self.chart.readout.setText(self.tr("No nodes of this level in the chosen branch."))
        self._fill_flags(h, audit, set(rows) | set(cols))

    def _draw(
        self, h: Hierarchy, audit: CorrelationAudit, rows: list[int], cols: list[int]
    ) -> None:
        framework = self._session.framework
        names = {c: f"{c} {self._session.name(framework[c])}" for c in h.codes if c in framework}
        matrix = audit.matrix[np.ix_(rows, cols)] if rows and cols else np.zeros((0, 0))
        marks = [(a, b) for a, i in enumerate(rows) for b, j in enumerate(cols) if h.parent[i] == j]
        self.heatmap.show(
            matrix,
            [h.codes[i] for i in rows],
            [h.codes[j] for j in cols],
            [names.get(h.codes[i], h.codes[i]) for i in rows],
            [names.get(h.codes[j], h.codes[j]) for j in cols],
            marks if self.against.currentData() == "parent" else (),
        )
        method = "Pearson" if audit.method == "pearson" else "Spearman"
        self.chart.set_title(self.tr("{method} correlations").format(method=method))

    def _fill_flags(self, h: Hierarchy, audit: CorrelationAudit, shown: set[int]) -> None:
        rows = []
        redundant, negative = self.tr("redundant (r > 0.9)"), self.tr("negative with its parent")
        pairs = [(a, b, r, redundant) for a, b, r in audit.redundant]
        pairs += [(a, b, r, negative) for a, b, r in audit.negative_with_parent]
        for a, b, r, what in pairs:
            if h.index[a] in shown or h.index[b] in shown:
                rows.append(
                    [
                        text_cell(a),
                        text_cell(b),
                        num_cell(r, 3),
                        text_cell(what, background=ALERT_BACKGROUND),
                    ]
                )
        headers = [self.tr("Node"), self.tr("With"), "r", self.tr("Flag")]
        self.flags_model.set_rows(headers, rows)
        self.flags_view.resizeColumnsToContents()
        rule = self.tr(
            "Flagged: pairs on one level with r > 0.9 (redundant?) and nodes that "
            "correlate negatively with their parent."
        )
        count = self.tr("{n} among the nodes shown ({all} in all).").format(
            n=len(rows), all=len(pairs)
        )
        self.flags_label.setText(f"{rule} {count}")
