"""The index against GDP: one point per city, the least-squares line and Pearson's r."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from models.chart_data import Chart, ScatterChart
from ui.charts.base import TEXT_COLOR, ChartView, color

LABELLED_POINTS = 8  # the cities with the highest GDP and the highest index are named
HOVER_RADIUS = 0.02  # share of the axes' span within which a point counts as hovered


class ScatterChartView(ChartView):
    """Draws a models.chart_data.ScatterChart."""

    def __init__(self, parent: QWidget | None = None, show_title: bool = True) -> None:
        super().__init__(parent, show_title)
        self._span = (1.0, 1.0)

    def _draw(self, chart: Chart) -> None:
        assert isinstance(chart, ScatterChart)
        x, y = np.array(chart.x), np.array(chart.y)
        legend: list[tuple[QColor, str, str]] = [(color(0), chart.y_label, "dot")]
        points = pg.ScatterPlotItem(
            x, y, size=8, brush=pg.mkBrush(color(0, 200)), pen=pg.mkPen("w", width=0.5)
        )
        self.plot.addItem(points)
        if x.size and not math.isnan(chart.slope):
            ends = np.array([x.min(), x.max()])
            line = pg.PlotDataItem(
                ends,
                chart.slope * ends + chart.intercept,
                pen=pg.mkPen("#C00000", width=2, style=Qt.PenStyle.DashLine),
            )
            self.plot.addItem(line)
            legend.append((QColor("#C00000"), chart.fit_label, "dash"))
        for i in self._labelled(x, y):
            label = pg.TextItem(chart.labels[i], color=TEXT_COLOR, anchor=(0, 1))
            label.setFont(self.chart_font)
            label.setPos(float(x[i]), float(y[i]))
            self.plot.addItem(label)
        self.set_legend(legend)
        self.set_axis_label("bottom", chart.x_label)
        self.set_axis_label("left", chart.y_label)
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.getAxis("bottom").setTicks(None)
        self.plot.getAxis("left").setTicks(None)
        self._ranges(x, y)

    def _labelled(self, x: np.ndarray, y: np.ndarray) -> list[int]:
        by_gdp = np.argsort(-x, kind="stable")[:LABELLED_POINTS]
        by_index = np.argsort(-y, kind="stable")[:LABELLED_POINTS]
        return sorted({int(i) for i in (*by_gdp, *by_index)})

    def _ranges(self, x: np.ndarray, y: np.ndarray) -> None:
        if not x.size:
            self.plot.getViewBox().setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
            return
        x_low, x_high = 0.0, float(x.max()) * 1.12
        y_low = max(0.0, float(y.min()) - 0.08)
        y_high = min(1.05, float(y.max()) + 0.08) if y.max() <= 1 else float(y.max()) * 1.08
        self._span = (x_high - x_low, y_high - y_low)
        self.plot.getViewBox().setRange(xRange=(x_low, x_high), yRange=(y_low, y_high), padding=0)

    def hover_text(self, x: float, y: float) -> str | None:
        chart = self.chart
        if not isinstance(chart, ScatterChart) or not chart.x:
            return None
        dx = (np.array(chart.x) - x) / self._span[0]
        dy = (np.array(chart.y) - y) / self._span[1]
        distance = np.hypot(dx, dy)
        i = int(np.argmin(distance))
        if distance[i] > HOVER_RADIUS:
            return None
        return self.describe(i)

    def describe(self, i: int) -> str:
        chart = self.chart
        assert isinstance(chart, ScatterChart)
        return (
            f"{chart.labels[i]} — {chart.x_label}: {chart.x[i]:,.2f}; "
            f"{chart.y_label}: {chart.y[i]:.4f}"
        )
