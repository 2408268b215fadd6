"""Charts of an uncertainty run: rank intervals per city (median and 5–95 % interval,
sorted by nominal rank), tier probabilities as stacked bars, sensitivity indices."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from scoring.sensitivity import SensitivityResult
from scoring.uncertainty import UncertaintyResult
from ui.methods.bars import PALETTE, Interval, Series, short, stacked_bars, vertical_bars
from ui.methods.charts import FOREGROUND, ChartWidget

TIER_COLOURS = ("#1f5f9e", "#5b9bd5", "#c9dcef", "#e9e9e9", "#f4b183", "#c55a11")


def nominal_order(ua: UncertaintyResult) -> np.ndarray:
    """Units by nominal rank (unranked last), ties in unit order."""
    rank = np.where(np.isnan(ua.nominal_rank), np.inf, ua.nominal_rank)
    return np.argsort(rank, kind="stable")


def rank_intervals(chart: ChartWidget, ua: UncertaintyResult, names: Sequence[str]) -> None:
    """One row per city (nominal rank 1 at the top): 5–95 % bar, median dot, nominal ◇."""
    translate = QCoreApplication.translate
    chart.clear()
    order = nominal_order(ua)
    stats = ua.rank_stats()
    median, q5, q95, mean = (stats[k][order] for k in ("Median", "Q5", "Q95", "Mean"))
    nominal = ua.nominal_rank[order]
    rows = np.arange(order.size, dtype=np.float64)
    legend = chart.add_legend()
    ok = np.isfinite(median) & np.isfinite(q5) & np.isfinite(q95)
    bars = pg.ErrorBarItem(
        x=median[ok],
        y=rows[ok],
        left=median[ok] - q5[ok],
        right=q95[ok] - median[ok],
        beam=0.35,
        pen=pg.mkPen(PALETTE[0], width=2),
    )
    chart.plot.addItem(bars)
    dots = pg.ScatterPlotItem(
        x=median[ok], y=rows[ok], symbol="o", size=7, brush=pg.mkBrush(PALETTE[0]), pen=None
    )
    chart.plot.addItem(dots)
    marks = pg.ScatterPlotItem(
        x=nominal,
        y=rows,
        symbol="d",
        size=9,
        brush=pg.mkBrush(None),
        pen=pg.mkPen(PALETTE[1], width=1.6),
    )
    chart.plot.addItem(marks)
    legend.addItem(dots, translate("UncertaintyCharts", "median rank, 5–95 % interval"))
    legend.addItem(marks, translate("UncertaintyCharts", "nominal rank"))
    labels = [names[i] for i in order]
    chart.set_ticks(
        "left", [(float(r), short(label, 10)) for r, label in zip(rows, labels, strict=True)]
    )
    chart.set_labels(bottom=translate("UncertaintyCharts", "Rank (1 = best)"))
    chart.plot.showAxis("top")  # the scale stays in sight at the top of a long chart
    chart.plot.getAxis("top").setStyle(showValues=True)
    chart.plot.invertY(True)
    n = max(order.size, 1)
    chart.plot.setYRange(-0.7, n - 0.3, padding=0)
    chart.plot.setXRange(0.5, n + 0.5, padding=0)
    chart.set_rows(order.size)
    chart.set_title(translate("UncertaintyCharts", "Rank intervals"))

    def hover(_x: float, y: float) -> str | None:
        row = round(y)
        if not 0 <= row < order.size:
            return None
        text = translate(
            "UncertaintyCharts",
            "{city}: nominal {nominal}, median {median}, 5–95 % [{q5}, {q95}], mean {mean}",
        )
        return text.format(
            city=labels[row],
            nominal=_rank(nominal[row]),
            median=_rank(median[row]),
            q5=_rank(q5[row]),
            q95=_rank(q95[row]),
            mean=_rank(mean[row], 2),
        )

    chart.set_hover(hover)
    chart.set_ready()


def _rank(value: float, digits: int = 1) -> str:
    if not np.isfinite(value):
        return "–"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.{digits}f}"


def tier_probabilities(
    chart: ChartWidget, ua: UncertaintyResult, names: Sequence[str], tiers: Sequence[str]
) -> None:
    translate = QCoreApplication.translate
    order = nominal_order(ua)
    colours = _tier_colours(len(tiers))
    parts = [Series(tier, list(ua.tier_prob[order, k]), colours[k]) for k, tier in enumerate(tiers)]
    stacked_bars(
        chart, [names[i] for i in order], parts, translate("UncertaintyCharts", "Probability")
    )
    chart.set_title(translate("UncertaintyCharts", "Tier probabilities"))


def _tier_colours(n: int) -> list[str]:
    if n <= 3:
        return ["#1f5f9e", "#7fb0dd", "#d9d9d9"][:n]
    return [TIER_COLOURS[k % len(TIER_COLOURS)] for k in range(n)]


def sensitivity_indices(chart: ChartWidget, sa: SensitivityResult, names: Sequence[str]) -> None:
    translate = QCoreApplication.translate
    series = [
        Series(translate("UncertaintyCharts", "first order Si"), list(sa.first_order), PALETTE[0]),
        Series(translate("UncertaintyCharts", "total STi"), list(sa.total), PALETTE[1]),
    ]
    intervals = [Interval(sa.first_q5, sa.first_q95), Interval(sa.total_q5, sa.total_q95)]
    vertical_bars(
        chart, names, series, intervals, translate("UncertaintyCharts", "Sensitivity index")
    )
    chart.plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen(FOREGROUND, width=1)))
    chart.set_title(translate("UncertaintyCharts", "Sensitivity of the mean absolute rank shift"))
