"""The AHP page's results: consistency summary, the experts' consistency, the weights as
a table and as bars (next to the weights the scores use now)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from scoring.ahp import CR_LIMIT, AHPResult, GroupAHP
from ui.methods.bars import PALETTE, Series, horizontal_bars
from ui.methods.charts import ChartWidget
from ui.methods.table_model import (
    ALERT_BACKGROUND,
    TableModel,
    fit_rows,
    num_cell,
    table_view,
    text_cell,
)

OK_COLOUR, BAD_COLOUR = "#1d6b2f", "#a61b12"


def ri_table_name(table: str) -> str:
    names = {"saaty": "Saaty (1980)", "alonso-lamata": "Alonso & Lamata (2006)"}
    return names.get(table, table)


class AhpResults(QWidget):
    """Shows a GroupAHP; `show_group(group, shown, names, current)`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.experts_model = TableModel(self)
        self.experts_view = table_view(self.experts_model, self)
        self.weights_model = TableModel(self)
        self.weights_view = table_view(self.weights_model, self, stretch=False)
        self.chart = ChartWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.experts_view)
        layout.addWidget(self.weights_view)
        layout.addWidget(self.chart, 1)
        self.experts_view.hide()

    def clear(self, message: str = "") -> None:
        self._set_summary(message)
        self.experts_model.set_rows([], [])
        self.weights_model.set_rows([], [])
        self.experts_view.hide()
        self.chart.clear()

    def show_group(
        self,
        group: GroupAHP,
        shown: int,
        codes: Sequence[str],
        names: Sequence[str],
        current: Sequence[float],
    ) -> None:
        """`shown`: the expert whose matrix is on screen (−1: the combined matrix);
        `current`: the children's weights the scores use now (shares, sum 1)."""
        several = len(group.experts) > 1
        result = group.combined if shown < 0 or not several else group.experts[shown]
        who = self._who(shown, several)
        lines = [f"<b>{escape(who)}</b> — {self._consistency(result)}"]
        if several:
            combined = self.tr("Combined (geometric mean of {n} experts): CR = {cr}").format(
                n=len(group.experts), cr=f"{group.combined.cr:.3f}"
            )
            lines.append(f"{escape(combined)} {self._verdict(group.combined)}")
            lines.append(escape(self.tr("The combined weights are the ones applied or saved.")))
        self._set_summary("<br>".join(lines))
        self._fill_experts(group, several)
        self._fill_weights(group, codes, names, current, several)
        labels = [f"{c} {n}" for c, n in zip(codes, names, strict=True)]
        series = [
            Series(self.tr("AHP"), list(100.0 * group.combined.weights), PALETTE[0]),
            Series(self.tr("Current"), [100.0 * c for c in current], "#b9b9b9"),
        ]
        horizontal_bars(self.chart, labels, series, self.tr("Weight (% of the parent)"))
        self.chart.set_title(self.tr("AHP weights"))

    def _set_summary(self, text: str) -> None:
        """Set the text and make room for all its lines (a word-wrapped label keeps the
        height of its previous text otherwise)."""
        self.summary.setText(text)
        self._fit_summary()

    def _fit_summary(self) -> None:
        height = self.summary.heightForWidth(self.summary.width())
        if height > 0:
            self.summary.setMinimumHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_summary()

    def _who(self, shown: int, several: bool) -> str:
        if not several:
            return self.tr("Judgements")
        if shown < 0:
            return self.tr("Combined matrix")
        return self.tr("Expert {n}").format(n=shown + 1)

    def _verdict(self, result: AHPResult) -> str:
        """Rich text (the translated words escaped: "CR < 0.1" is not a tag)."""
        if result.consistent:
            text = escape(self.tr("acceptable (CR < {limit})").format(limit=CR_LIMIT))
            return f'<span style="color:{OK_COLOUR}">✓ {text}</span>'
        text = self.tr("inconsistent (CR ≥ {limit}): revise the judgements").format(limit=CR_LIMIT)
        return f'<span style="color:{BAD_COLOUR}"><b>⚠ {escape(text)}</b></span>'

    def _consistency(self, r: AHPResult) -> str:
        """Rich text: the method, then λmax, CI, RI and the table, then CR and the verdict."""
        method = self.tr("eigenvector") if r.method == "eigenvector" else self.tr("geometric mean")
        numbers = self.tr("λmax = {lam} · CI = {ci} · RI = {ri} (random-index table {table})")
        numbers = numbers.format(
            lam=f"{r.lambda_max:.4f}",
            ci=f"{r.ci:.4f}",
            ri=f"{r.ri:.4g}",
            table=ri_table_name(r.ri_table),
        )
        return f"{escape(method)}<br>{escape(numbers)}<br>CR = {r.cr:.4f} {self._verdict(r)}"

    def _fill_experts(self, group: GroupAHP, several: bool) -> None:
        self.experts_view.setVisible(several)
        if not several:
            self.experts_model.set_rows([], [])
            return
        rows = []
        results = [*group.experts, group.combined]
        for k, r in enumerate(results):
            who = self.tr("Combined") if k == len(group.experts) else self.tr("Expert {n}")
            flag = ALERT_BACKGROUND if r.flagged else None
            verdict = self.tr("consistent") if r.consistent else self.tr("inconsistent")
            rows.append(
                [
                    text_cell(who.format(n=k + 1), bold=k == len(group.experts)),
                    num_cell(r.lambda_max, 4),
                    num_cell(r.ci, 4),
                    num_cell(r.cr, 4, background=flag),
                    text_cell(verdict, background=flag),
                ]
            )
        headers = [self.tr("Matrix"), "λmax", "CI", "CR", self.tr("Consistency")]
        self.experts_model.set_rows(headers, rows)
        self.experts_view.resizeColumnsToContents()
        fit_rows(self.experts_view, 5)

    def _fill_weights(
        self,
        group: GroupAHP,
        codes: Sequence[str],
        names: Sequence[str],
        current: Sequence[float],
        several: bool,
    ) -> None:
        headers = [self.tr("Code"), self.tr("Criterion")]
        columns: list[np.ndarray] = []
        if several:
            for k, r in enumerate(group.experts):
                headers.append(self.tr("Expert {n}").format(n=k + 1))
                columns.append(r.weights)
        headers += [self.tr("AHP weight"), self.tr("Current")]
        columns += [group.combined.weights, np.asarray(current, dtype=np.float64)]
        tips = ["", "", *[""] * (len(columns) - 2)]
        tips += [
            self.tr("The weights these judgements give (share of the parent)"),
            self.tr("The weights the scores use now (the active weight set's or the framework's)"),
        ]
        rows = []
        for i, (code, name) in enumerate(zip(codes, names, strict=True)):
            cells = [text_cell(code), text_cell(name, tooltip=name)]
            for k, column in enumerate(columns):
                bold = k == len(columns) - 2
                cells.append(num_cell(100.0 * float(column[i]), 2, " %", bold=bold))
            rows.append(cells)
        self.weights_model.set_rows(headers, rows, tips)
        self.weights_view.resizeColumnsToContents()
        fit_rows(self.weights_view, 8)
