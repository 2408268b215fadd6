"""Uncertainty and sensitivity analysis of the ranks, run off the GUI thread: settings on
the left; rank intervals, tier probabilities and sensitivity indices (chart + table)."""

from __future__ import annotations

from functools import partial

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from models.weight_sets import scoring_part
from scoring.pipeline import ScoringSettings
from ui.message_bar import MessageBar
from ui.methods.charts import ChartWidget
from ui.methods.table_model import TableModel, num_cell, table_view, text_cell
from ui.methods.uncertainty_charts import (
    nominal_order,
    rank_intervals,
    sensitivity_indices,
    tier_probabilities,
)
from ui.methods.uncertainty_run import TIER_EN, Analysis, analyse, analysis_input
from ui.methods.uncertainty_settings import UncertaintySettings
from ui.session import Session
from ui.tasks import TaskRunner

CITY_ROW_HEIGHT = 16
ROUGH_INTERVAL = 0.2  # bootstrap 5–95 % width of a sensitivity index worth a warning


class UncertaintyPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.analysis: Analysis | None = None
        self.runner = TaskRunner(self)
        self.settings = UncertaintySettings(self)
        self.message = MessageBar(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.rank_chart = ChartWidget(self, row_height=CITY_ROW_HEIGHT)
        self.tier_chart = ChartWidget(self, row_height=CITY_ROW_HEIGHT)
        self.sa_chart = ChartWidget(self)
        self.rank_model, self.tier_model, self.sa_model = (TableModel(self) for _ in range(3))
        self.rank_view = table_view(self.rank_model, self, sortable=True)
        self.tier_view = table_view(self.tier_model, self, sortable=True)
        self.sa_view = table_view(self.sa_model, self)
        self._layout()
        self.settings.run_requested.connect(self.run)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.runner.cancelled.connect(self._cancelled)
        session.scores_changed.connect(self._scores_changed)
        session.language_changed.connect(lambda _language: self._show())
        self._nominal()
        self.retranslate()

    def _layout(self) -> None:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.settings)
        scroll.setMinimumWidth(250)
        for chart, view in (
            (self.rank_chart, self.rank_view),
            (self.tier_chart, self.tier_view),
            (self.sa_chart, self.sa_view),
        ):
            pair = QSplitter(Qt.Orientation.Horizontal, self)
            pair.addWidget(chart)
            pair.addWidget(view)
            pair.setSizes([560, 480])
            self.tabs.addTab(pair, "")
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.message)
        column.addWidget(self.status)
        column.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setSizes([280, 1060])
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Rank intervals"))
        self.tabs.setTabText(1, self.tr("Tier probabilities"))
        self.tabs.setTabText(2, self.tr("Sensitivity"))
        if self.analysis is None and not self.runner.running:
            self.status.setText(
                self.tr(
                    "How much do the ranks depend on the choices behind the index? Choose "
                    "what varies and press Run; the ranks of every sample give each city's "
                    "rank interval and tier probabilities."
                )
            )
        self._show()

    def _nominal(self) -> None:
        """The campaign's own methods (read from its settings: no scoring needed)."""
        try:
            settings = ScoringSettings.from_dict(scoring_part(self._session.campaign.settings))
        except ValueError:
            settings = ScoringSettings()
        self.settings.set_nominal(settings.normalise, settings.aggregate)

    # ------------------------------------------------------------ running

    def run(self) -> bool:
        """Start the analysis in the background (False if one is running or bad input)."""
        if self.runner.running:
            return False
        try:
            inp = analysis_input(
                self._session,
                self.settings.spec(),
                self.settings.sensitivity.isChecked(),
                self.settings.bootstrap.value(),
            )
        except ValueError as error:
            self.message.show_message(str(error))
            return False
        self.message.clear()
        self.settings.run_button.setEnabled(False)
        self.status.setText(self.tr("Running…"))
        return self.runner.start(partial(analyse, inp), self.tr("Uncertainty analysis"), self)

    def _finished(self, result: object) -> None:
        self.settings.update_runs()
        if isinstance(result, Analysis):
            self.analysis = result
            self.message.clear()
            self._show()

    def _failed(self, message: str) -> None:
        self.settings.update_runs()
        self.message.show_message(self.tr("The analysis failed: {reason}").format(reason=message))
        self._status()

    def _cancelled(self) -> None:
        self.settings.update_runs()
        self.message.show_message(
            self.tr("Cancelled; the results shown are from the previous run."), "info"
        )
        self._status()

    def _scores_changed(self) -> None:
        self._nominal()
        if self.analysis is not None:
            self.message.show_message(
                self.tr("The data or the weights changed after this run: run it again."), "warning"
            )

    # ------------------------------------------------------------ results

    def _status(self) -> None:
        a = self.analysis
        if a is None:
            self.status.setText(self.tr("No results yet."))
            return
        names = ", ".join(self.assumption_name(x) for x in a.uncertainty.assumptions)
        text = self.tr("{runs} runs in {seconds} s; varied: {names}.").format(
            runs=f"{a.runs:,}", seconds=f"{a.seconds:.2f}", names=names or "–"
        )
        sa = a.sensitivity
        if sa is not None:
            widths = np.concatenate([sa.first_q95 - sa.first_q5, sa.total_q95 - sa.total_q5])
            widest = float(np.nanmax(widths)) if np.isfinite(widths).any() else 0.0
            if widest > ROUGH_INTERVAL:
                text += " " + self.tr(
                    "The sensitivity estimates are rough (intervals up to {width} wide): "
                    "increase N for firmer ones."
                ).format(width=f"{widest:.2f}")
        self.status.setText(text)

    def assumption_name(self, key: str) -> str:
        names = {
            "weights": self.tr("weights"),
            "normalise": self.tr("normalisation"),
            "aggregate": self.tr("aggregation"),
            "impute": self.tr("imputation"),
            "drop": self.tr("left-out indicator"),
        }
        return names.get(key, key)

    def _city_names(self) -> list[str]:
        by_code = {c.code: self._session.name(c) for c in self._session.cities}
        assert self.analysis is not None
        return [by_code.get(code, code) for code in self.analysis.uncertainty.unit_codes]

    def _tiers(self) -> list[str]:
        assert self.analysis is not None
        labels = self.analysis.uncertainty.tier_labels
        if self._session.language == "en":
            return [TIER_EN.get(t, t) for t in labels]
        return list(labels)

    def _show(self) -> None:
        if self.analysis is None:
            return
        self._status()
        names, tiers = self._city_names(), self._tiers()
        ua = self.analysis.uncertainty
        rank_intervals(self.rank_chart, ua, names)
        tier_probabilities(self.tier_chart, ua, names, tiers)
        self._fill_ranks(names)
        self._fill_tiers(names, tiers)
        sa = self.analysis.sensitivity
        if sa is not None:
            labels = [self.assumption_name(a) for a in sa.assumptions]
            sensitivity_indices(self.sa_chart, sa, labels)
            self._fill_sensitivity(labels)
        else:
            self.sa_chart.clear()
            self.sa_model.set_rows([], [])
            self.sa_chart.readout.setText(self.tr("Tick “Sensitivity indices” and run again."))

    def _fill_ranks(self, names: list[str]) -> None:
        assert self.analysis is not None
        ua = self.analysis.uncertainty
        stats = ua.rank_stats()
        rows = []
        for i in nominal_order(ua):
            rows.append(
                [
                    num_cell(float(ua.nominal_rank[i]), 0),
                    text_cell(names[i]),
                    num_cell(float(stats["Median"][i]), 1),
                    num_cell(float(stats["Q5"][i]), 1),
                    num_cell(float(stats["Q95"][i]), 1),
                    num_cell(float(stats["Mean"][i]), 2),
                    num_cell(float(stats["Q95"][i] - stats["Q5"][i]), 1),
                ]
            )
        headers = [
            self.tr("Nominal"),
            self.tr("City"),
            self.tr("Median"),
            "Q5",
            "Q95",
            self.tr("Mean"),
            self.tr("Width"),
        ]
        tips = [
            self.tr("Rank with the campaign's own settings"),
            "",
            "",
            self.tr("5th percentile rank (R type 7)"),
            self.tr("95th percentile rank"),
            "",
            self.tr("Q95 − Q5"),
        ]
        self.rank_model.set_rows(headers, rows, tips)
        self.rank_view.resizeColumnsToContents()

    def _fill_tiers(self, names: list[str], tiers: list[str]) -> None:
        assert self.analysis is not None
        ua = self.analysis.uncertainty
        rows = []
        for i in nominal_order(ua):
            cells = [num_cell(float(ua.nominal_rank[i]), 0), text_cell(names[i])]
            cells += [num_cell(100 * float(p), 1, " %") for p in ua.tier_prob[i]]
            rows.append(cells)
        self.tier_model.set_rows([self.tr("Nominal"), self.tr("City"), *tiers], rows)
        self.tier_view.resizeColumnsToContents()

    def _fill_sensitivity(self, labels: list[str]) -> None:
        assert self.analysis is not None and self.analysis.sensitivity is not None
        sa = self.analysis.sensitivity
        rows = []
        for k, label in enumerate(labels):
            values = (
                sa.first_order,
                sa.first_q5,
                sa.first_q95,
                sa.total,
                sa.total_q5,
                sa.total_q95,
            )
            rows.append([text_cell(label), *(num_cell(float(v[k]), 3) for v in values)])
        headers = [self.tr("Assumption"), "Si", "Si 5 %", "Si 95 %", "STi", "STi 5 %", "STi 95 %"]
        self.sa_model.set_rows(headers, rows)
        self.sa_view.resizeColumnsToContents()
        if not np.isfinite(sa.variance) or sa.variance <= 0:
            self.sa_chart.readout.setText(self.tr("The ranks did not change in any run."))
