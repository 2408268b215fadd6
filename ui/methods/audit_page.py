"""Statistical audit of the campaign: indicator statistics with COINr's flags, correlation
heat maps, Cronbach's alpha per node. Recomputed when the scores change (lazily, when
the page is shown)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from scoring.audit import AuditReport, IndicatorAudit, run_audit
from scoring.hierarchy import Hierarchy
from ui.message_bar import MessageBar
from ui.methods.audit_correlations import CorrelationPanel
from ui.methods.bars import Series, horizontal_bars, number
from ui.methods.charts import ChartWidget
from ui.methods.common import WhenShown
from ui.methods.table_model import (
    ALERT_BACKGROUND,
    FLAG_BACKGROUND,
    Cell,
    TableModel,
    num_cell,
    table_view,
    text_cell,
)
from ui.session import Session

ALPHA_GOOD = 0.7  # the usual reading: α ≥ 0.7 means the children measure one thing


class AuditPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.report: AuditReport | None = None
        self.message = MessageBar(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.indicators_summary = QLabel(self)
        self.indicators_summary.setWordWrap(True)
        self.indicators_model = TableModel(self)
        self.indicators_view = table_view(self.indicators_model, self, sortable=True)
        self.correlations = CorrelationPanel(session, self)
        self.alpha_note = QLabel(self)
        self.alpha_note.setWordWrap(True)
        self.alpha_model = TableModel(self)
        self.alpha_view = table_view(self.alpha_model, self, sortable=True)
        self.alpha_chart = ChartWidget(self, row_height=20)
        self._layout()
        self._lazy = WhenShown(self, self.refresh)  # audits only what is looked at
        session.scores_changed.connect(self._lazy.request)
        session.language_changed.connect(lambda _language: self._lazy.request())
        self.retranslate()

    def _layout(self) -> None:
        indicators = QWidget(self)
        column = QVBoxLayout(indicators)
        column.setContentsMargins(0, 4, 0, 0)
        column.addWidget(self.indicators_summary)
        column.addWidget(self.indicators_view, 1)
        alpha = QWidget(self)
        alpha_column = QVBoxLayout(alpha)
        alpha_column.setContentsMargins(0, 4, 0, 0)
        alpha_column.addWidget(self.alpha_note)
        splitter = QSplitter(Qt.Orientation.Horizontal, alpha)
        splitter.addWidget(self.alpha_view)
        splitter.addWidget(self.alpha_chart)
        splitter.setSizes([560, 760])
        alpha_column.addWidget(splitter, 1)
        self.tabs.addTab(indicators, "")
        self.tabs.addTab(self.correlations, "")
        self.tabs.addTab(alpha, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Indicators"))
        self.tabs.setTabText(1, self.tr("Correlations"))
        self.tabs.setTabText(2, self.tr("Cronbach's α"))
        self.alpha_note.setText(
            self.tr(
                "Cronbach's α of each node over its children's scores (cities with all of "
                "them). α ≥ {good} is usually read as the children measuring one thing."
            ).format(good=ALPHA_GOOD)
        )
        self._fill()

    # ------------------------------------------------------------ computing

    def refresh(self) -> None:
        """Audit the current scores (raw values for the indicator statistics)."""
        scores = self._session.scores()
        h = scores.result.hierarchy
        try:
            self.report = run_audit(h, scores.cells.values, scores.result.scores)
        except ValueError as error:
            self.report = None
            self.message.show_message(str(error))
            return
        self.message.clear()
        self.correlations.set_report(self.report, h)
        self._fill()

    def _fill(self) -> None:
        if self.report is None:
            return
        h = self._session.scores().result.hierarchy
        self._fill_indicators(self.report.indicators)
        self._fill_alpha(h, self.report.cronbach)

    def _flags(self, a: IndicatorAudit, j: int) -> list[str]:
        flags = []
        if a.low_availability[j]:
            flags.append(self.tr("low availability"))
        if a.many_zeros[j]:
            flags.append(self.tr("many zeros"))
        if a.few_distinct[j]:
            flags.append(self.tr("few distinct values"))
        if a.outlier[j]:
            flags.append(self.tr("outliers (skewness and kurtosis)"))
        return flags

    def _fill_indicators(self, a: IndicatorAudit) -> None:
        framework = self._session.framework
        rows, flagged = [], 0
        for j, code in enumerate(a.codes):
            flags = self._flags(a, j)
            flagged += bool(flags)
            mark = FLAG_BACKGROUND if flags else None
            name = self._session.name(framework[code]) if code in framework else code
            cells: list[Cell] = [
                text_cell(code, background=mark),
                text_cell(name, tooltip=name),
                num_cell(float(a.n[j]), 0),
                num_cell(100 * float(a.missing[j]), 1, " %", _bad(a.low_availability[j])),
            ]
            cells += [num_cell(float(v[j]), 3) for v in (a.mean, a.sd, a.min, a.max)]
            cells.append(num_cell(float(a.skew[j]), 2, background=_bad(a.outlier[j])))
            cells.append(num_cell(float(a.kurt[j]), 2, background=_bad(a.outlier[j])))
            cells.append(
                text_cell("; ".join(flags), background=ALERT_BACKGROUND if flags else None)
            )
            rows.append(cells)
        headers = [
            self.tr("Code"),
            self.tr("Indicator"),
            "n",
            self.tr("Missing"),
            self.tr("Mean"),
            self.tr("SD"),
            self.tr("Min"),
            self.tr("Max"),
            self.tr("Skewness"),
            self.tr("Kurtosis"),
            self.tr("Flags"),
        ]
        tips = [
            "",
            "",
            self.tr("Cities with a value"),
            self.tr("Share of cities without a value"),
            "",
            self.tr("Sample standard deviation (n − 1)"),
            "",
            "",
            self.tr("Bias-corrected sample skewness"),
            self.tr("Bias-corrected excess kurtosis"),
            self.tr(
                "COINr's flags: availability < 65 %, non-zero < 50 %, distinct values "
                "< 50 %, |skewness| > 2 and kurtosis > 3.5"
            ),
        ]
        self.indicators_model.set_rows(headers, rows, tips)
        self.indicators_view.resizeColumnsToContents()
        self.indicators_view.setColumnWidth(1, min(self.indicators_view.columnWidth(1), 230))
        self.indicators_summary.setText(
            self.tr(
                "{n} indicators over {cities} cities (the reconciled raw values); "
                "{flagged} flagged."
            ).format(n=len(a.codes), cities=len(self._session.cities), flagged=flagged)
        )

    def _fill_alpha(self, h: Hierarchy, alpha: dict[str, float]) -> None:
        framework = self._session.framework
        rows, labels, values = [], [], []
        aggregates = set(h.aggregate_codes)
        for code in [n.code for n in framework.walk() if n.code in aggregates]:  # tree order
            value = alpha.get(code, float("nan"))
            name = self._session.name(framework[code]) if code in framework else code
            weak = np.isfinite(value) and value < ALPHA_GOOD
            children = len(h.children(h.index[code]))
            rows.append(
                [
                    text_cell(code),
                    text_cell(name, tooltip=name),
                    num_cell(float(children), 0),
                    num_cell(value, 3, background=FLAG_BACKGROUND if weak else None),
                ]
            )
            labels.append(f"{code} {name}")
            values.append(value)
        headers = [self.tr("Code"), self.tr("Node"), self.tr("Children"), "α"]
        self.alpha_model.set_rows(headers, rows)
        self.alpha_view.resizeColumnsToContents()
        self.alpha_view.setColumnWidth(1, min(self.alpha_view.columnWidth(1), 240))
        series = [Series("α", values)]
        horizontal_bars(self.alpha_chart, labels, series, "Cronbach's α", number)
        line = pg.InfiniteLine(
            pos=ALPHA_GOOD, angle=90, pen=pg.mkPen("#a61b12", width=1.2, style=Qt.PenStyle.DashLine)
        )
        self.alpha_chart.plot.addItem(line)
        self.alpha_chart.set_title(self.tr("Cronbach's α per node"))


def _bad(flag: object) -> str | None:
    return ALERT_BACKGROUND if bool(flag) else None
