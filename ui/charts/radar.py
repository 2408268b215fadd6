"""A radar chart on a polar grid drawn with pyqtgraph PlotCurveItems: a closed curve
per series over the axes (the first axis points up, the others follow clockwise)."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QPolygonF
from PySide6.QtWidgets import QGraphicsPolygonItem, QWidget

from models.chart_data import Chart, RadarChart
from ui.charts.base import TEXT_COLOR, ChartView, color
from ui.coverage.tab import wrap_text

RINGS = (0.2, 0.4, 0.6, 0.8, 1.0)
LABEL_OFFSET = 1.1
HOVER_RADIUS = 0.08  # in units of the chart's maximum
AXIS_NAME_WIDTH = 120  # pixels; longer axis names wrap onto two lines


def spoke_angles(n: int) -> np.ndarray:
    """Angles (radians, counter-clockwise from +x) of n axes, the first pointing up."""
    return math.pi / 2 - 2 * math.pi * np.arange(n) / max(n, 1)


def polar_points(values: np.ndarray, maximum: float) -> tuple[np.ndarray, np.ndarray]:
    """x, y of each value on its spoke, closed (the first point repeated); NaN → centre."""
    r = np.nan_to_num(np.asarray(values, dtype=np.float64) / maximum, nan=0.0)
    angles = spoke_angles(len(r))
    x, y = r * np.cos(angles), r * np.sin(angles)
    return np.append(x, x[:1]), np.append(y, y[:1])


class RadarChartView(ChartView):
    """Draws a models.chart_data.RadarChart."""

    def __init__(self, parent: QWidget | None = None, show_title: bool = True) -> None:
        super().__init__(parent, show_title)
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.getViewBox().setAspectLocked(True)
        self.small_font = QFont(self.chart_font)
        self.small_font.setPointSizeF(self.chart_font.pointSizeF() * 0.85)

    def _style_axes(self) -> None:
        """The radar has no axes."""

    def _draw(self, chart: Chart) -> None:
        assert isinstance(chart, RadarChart)
        self._grid(chart)
        legend: list[tuple[QColor, str, str]] = []
        for k, series in enumerate(chart.series):
            x, y = polar_points(np.array(series.values), chart.maximum)
            fill = QGraphicsPolygonItem(
                QPolygonF([QPointF(a, b) for a, b in zip(x, y, strict=True)])
            )
            fill.setBrush(pg.mkBrush(color(k, 50)))
            fill.setPen(pg.mkPen(None))
            self.plot.addItem(fill)
            curve = pg.PlotCurveItem(x, y, pen=pg.mkPen(color(k), width=2.5))
            self.plot.addItem(curve)
            dots = pg.ScatterPlotItem(x[:-1], y[:-1], size=7, brush=pg.mkBrush(color(k)))
            self.plot.addItem(dots)
            legend.append((color(k), series.name, "line"))
        self.set_legend(legend)
        span = LABEL_OFFSET + 0.9  # room for the axis names left and right
        self.plot.getViewBox().setRange(xRange=(-span, span), yRange=(-1.25, 1.3), padding=0)

    def _grid(self, chart: RadarChart) -> None:
        n = len(chart.axes)
        angles = spoke_angles(n)
        pen = pg.mkPen("#c8c8c8", width=1)
        for ring in RINGS:
            x, y = polar_points(np.full(n, ring * chart.maximum), chart.maximum)
            self.plot.addItem(pg.PlotCurveItem(x, y, pen=pen))
            tick = pg.TextItem(f"{ring * chart.maximum:.1f}", color="#999999", anchor=(0, 1))
            tick.setFont(self.small_font)
            tick.setPos(0.02, ring)
            self.plot.addItem(tick)
        for angle, name in zip(angles, chart.axes, strict=True):
            ca, sa = math.cos(angle), math.sin(angle)
            self.plot.addItem(pg.PlotCurveItem([0.0, ca], [0.0, sa], pen=pen))
            anchor = (0.5 - 0.5 * ca, 0.5 + 0.5 * sa)
            wrapped = wrap_text(name, self.chart_font, AXIS_NAME_WIDTH, 2)
            label = pg.TextItem(wrapped, color=TEXT_COLOR, anchor=anchor)
            label.setFont(self.chart_font)
            label.setPos(LABEL_OFFSET * ca, LABEL_OFFSET * sa)
            self.plot.addItem(label)

    def hover_text(self, x: float, y: float) -> str | None:
        chart = self.chart
        if not isinstance(chart, RadarChart):
            return None
        best: tuple[float, int, int] | None = None
        for k, series in enumerate(chart.series):
            px, py = polar_points(np.array(series.values), chart.maximum)
            distance = np.hypot(px[:-1] - x, py[:-1] - y)
            i = int(np.argmin(distance))
            if distance[i] <= HOVER_RADIUS and (best is None or distance[i] < best[0]):
                best = (float(distance[i]), k, i)
        return None if best is None else self.describe(best[2])

    def describe(self, i: int) -> str:
        """Every series' exact value on axis `i`."""
        chart = self.chart
        assert isinstance(chart, RadarChart)
        lines = [chart.axes[i]]
        lines += [f"{s.name}: {s.values[i]:.4f}" for s in chart.series]
        return "\n".join(lines)
