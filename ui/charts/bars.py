"""Bar charts: grouped bars with optional sd error bars, value labels and dashed reference
lines. Up to HORIZONTAL_ABOVE categories the bars stand (category names wrapped under
them); more categories lie down, names on the left, so that long names stay readable."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QWidget

from models.chart_data import BarChart, Chart
from ui.charts.base import TEXT_COLOR, ChartView, color
from ui.coverage.tab import wrap_text

HORIZONTAL_ABOVE = 8
GROUP_WIDTH = 0.8
MAX_LABELLED_BARS = 24  # more bars than this: values on hover only
NAME_LINES = 3
LEFT_AXIS_MAX = 260  # pixels for category names in the horizontal layout
REFERENCE_COLOR = "#C00000"


def value_text(value: float, percent: bool) -> str:
    if math.isnan(value):
        return "–"
    return f"{value:.0%}" if percent else f"{value:.2f}"


class BarChartView(ChartView):
    """Draws a models.chart_data.BarChart."""

    def __init__(self, parent: QWidget | None = None, show_title: bool = True) -> None:
        super().__init__(parent, show_title)
        self.horizontal = False
        self.bar_positions: list[list[float]] = []  # per series, the bar's centre
        self.reference_lines: list[tuple[str, float]] = []

    def _draw(self, chart: Chart) -> None:
        assert isinstance(chart, BarChart)
        n, m = len(chart.categories), max(len(chart.series), 1)
        self.horizontal = n > HORIZONTAL_ABOVE
        width = GROUP_WIDTH / m
        self.bar_positions = []
        self.reference_lines = []
        labelled = n * m <= MAX_LABELLED_BARS
        top = 0.0
        legend: list[tuple[QColor, str, str]] = []
        step = -width if self.horizontal else width  # the first series on top / on the left
        for k, series in enumerate(chart.series):
            centres = [self._slot(i, n) - step * (m / 2 - k - 0.5) for i in range(n)]
            self.bar_positions.append(centres)
            values = np.array(series.values, dtype=np.float64)
            shown = np.nan_to_num(values, nan=0.0)
            errors = np.nan_to_num(np.array(series.errors or [0.0] * n, dtype=np.float64))
            bars = self._bars(centres, shown, width * 0.92, k)
            self.plot.addItem(bars)
            if m > 1:
                legend.append((color(k), series.name, "box"))
            if series.errors:
                self.plot.addItem(self._error_bars(centres, shown, errors, width))
            ends = shown + errors
            top = max(top, float(np.nanmax(ends, initial=0.0)))
            if labelled:
                for centre, value, end in zip(centres, values, ends, strict=True):
                    self._value_label(centre, float(value), float(end), chart.percent)
        if m == 1 and chart.reference:
            legend.append((color(0), chart.series[0].name, "box"))
        for name, value in chart.reference:
            self._reference(name, value, n, legend)
        self.set_legend(legend)
        self._ranges(chart, n, top)
        self._axes(chart)

    def _slot(self, i: int, n: int) -> float:
        return float(n - 1 - i) if self.horizontal else float(i)

    def _bars(
        self, centres: list[float], values: np.ndarray, width: float, k: int
    ) -> pg.BarGraphItem:
        brush, pen = pg.mkBrush(color(k)), pg.mkPen(color(k).darker(130))
        if self.horizontal:
            return pg.BarGraphItem(
                x0=0, y=centres, width=values, height=width, brush=brush, pen=pen
            )
        return pg.BarGraphItem(x=centres, height=values, width=width, brush=brush, pen=pen)

    def _error_bars(
        self, centres: list[float], values: np.ndarray, errors: np.ndarray, width: float
    ) -> pg.ErrorBarItem:
        pen = pg.mkPen("#333333", width=1)
        where = np.array(centres)
        if self.horizontal:
            return pg.ErrorBarItem(
                x=values, y=where, left=errors, right=errors, beam=width * 0.35, pen=pen
            )
        return pg.ErrorBarItem(
            x=where, y=values, top=errors, bottom=errors, beam=width * 0.35, pen=pen
        )

    def _value_label(self, centre: float, value: float, end: float, percent: bool) -> None:
        anchor = (0.0, 0.5) if self.horizontal else (0.5, 1.0)
        label = pg.TextItem(value_text(value, percent), color=TEXT_COLOR, anchor=anchor)
        small = self.chart_font
        label.setFont(small)
        if self.horizontal:
            label.setPos(end + 0.01, centre)
        else:
            label.setPos(centre, end)
        self.plot.addItem(label)

    def _reference(
        self, name: str, value: float, n: int, legend: list[tuple[QColor, str, str]]
    ) -> None:
        """A dashed line across the plot at `value`, named in the legend."""
        if math.isnan(value):
            return
        pen = pg.mkPen(REFERENCE_COLOR, width=1.5, style=Qt.PenStyle.DashLine)
        ends = [-0.6, n - 0.4]
        if self.horizontal:
            line = pg.PlotDataItem([value, value], ends, pen=pen)
        else:
            line = pg.PlotDataItem(ends, [value, value], pen=pen)
        self.plot.addItem(line)
        self.reference_lines.append((name, value))
        legend.append((QColor(REFERENCE_COLOR), f"{name} {value:.2f}", "dash"))

    def _ranges(self, chart: BarChart, n: int, top: float) -> None:
        room = 1.12 if chart.series and n * len(chart.series) <= MAX_LABELLED_BARS else 1.04
        high = max(chart.y_max or 0.0, top) * room if top > 0 or chart.y_max else 1.0
        box = self.plot.getViewBox()
        if self.horizontal:
            box.setRange(xRange=(0, high), yRange=(-0.6, n - 0.4), padding=0)
        else:
            box.setRange(xRange=(-0.6, n - 0.4), yRange=(0, high), padding=0)

    def _axes(self, chart: BarChart) -> None:
        value_axis = "bottom" if self.horizontal else "left"
        self.set_axis_label(value_axis, chart.y_label)
        category_axis = "left" if self.horizontal else "bottom"
        if chart.x_label and not self.horizontal:
            self.set_axis_label("bottom", chart.x_label)
        else:
            self.plot.getAxis(category_axis).showLabel(False)  # a label of a previous chart
        if chart.percent:
            ticks = [(v, f"{v:.0%}") for v in np.arange(0.0, 1.01, 0.1)]
            self.plot.getAxis(value_axis).setTicks([ticks])
        else:
            self.plot.getAxis(value_axis).setTicks(None)
        self.plot.showGrid(x=self.horizontal, y=not self.horizontal, alpha=0.25)
        self._category_ticks()

    def _category_ticks(self) -> None:
        chart = self.chart
        if not isinstance(chart, BarChart):
            return
        n = len(chart.categories)
        metrics = QFontMetrics(self.chart_font)
        if self.horizontal:
            axis = self.plot.getAxis("left")
            names = [
                metrics.elidedText(c, Qt.TextElideMode.ElideRight, LEFT_AXIS_MAX)
                for c in chart.categories
            ]
            axis.setTicks([[(self._slot(i, n), name) for i, name in enumerate(names)]])
            axis.setWidth(min(LEFT_AXIS_MAX, max(metrics.horizontalAdvance(s) for s in names)) + 12)
            return
        axis = self.plot.getAxis("bottom")
        room = max(40, int(self.plot.getViewBox().width() / max(n, 1)) - 6)
        names = [wrap_text(c, self.chart_font, room, NAME_LINES) for c in chart.categories]
        axis.setTicks([[(float(i), name) for i, name in enumerate(names)]])
        lines = max((name.count("\n") + 1 for name in names), default=1)
        label_room = metrics.height() + 6 if chart.x_label else 0
        axis.setHeight(lines * metrics.height() + 14 + label_room)

    def _after_resize(self) -> None:
        self._category_ticks()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._category_ticks()

    # ------------------------------------------------------------ hover

    def hover_text(self, x: float, y: float) -> str | None:
        chart = self.chart
        if not isinstance(chart, BarChart) or not self.bar_positions:
            return None
        along = y if self.horizontal else x
        width = GROUP_WIDTH / max(len(chart.series), 1)
        for k, centres in enumerate(self.bar_positions):
            for i, centre in enumerate(centres):
                if abs(along - centre) <= width / 2:
                    return self.describe(i, k)
        return None

    def describe(self, i: int, k: int) -> str:
        """The exact values of bar `i` of series `k`."""
        chart = self.chart
        assert isinstance(chart, BarChart)
        series = chart.series[k]
        value = series.values[i]
        exact = f"{value:.1%}" if chart.percent else f"{value:.4f}"
        parts = [f"{chart.categories[i]} — {series.name}: {exact}"]
        if series.errors and not math.isnan(series.errors[i]):
            parts.append(f"± {series.errors[i]:.4f}")
        if series.notes:
            parts.append(f"({series.notes[i]})")
        return " ".join(parts)
