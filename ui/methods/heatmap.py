"""A correlation heat map on a ChartWidget: an ImageItem (−1 … 1, diverging colours),
a colour bar, category ticks, marked cells (e.g. each node against its own parent) and
the exact r under the mouse."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from scoring.hierarchy import FloatArray
from ui.methods.charts import ChartWidget

COLOUR_MAP = "CET-D1"  # blue – white – red, perceptually uniform
MAX_TICKS = 40  # more rows/columns than this: every k-th label only (hover names all)


class HeatMap:
    """Draws matrices into `chart`; keeps one colour bar for its lifetime."""

    def __init__(self, chart: ChartWidget) -> None:
        self.chart = chart
        self._bar = pg.ColorBarItem(
            values=(-1.0, 1.0),
            colorMap=pg.colormap.get(COLOUR_MAP),
            interactive=False,
            width=16,
            label="r",
        )
        self._inserted = False
        self.matrix: FloatArray = np.zeros((0, 0))

    def show(
        self,
        matrix: FloatArray,
        row_labels: Sequence[str],
        column_labels: Sequence[str],
        row_names: Sequence[str],
        column_names: Sequence[str],
        marks: Sequence[tuple[int, int]] = (),
    ) -> None:
        """`matrix` rows × columns; labels on the axes (short), names in the hover text."""
        chart = self.chart
        chart.clear()
        self.matrix = np.asarray(matrix, dtype=np.float64)
        rows, cols = self.matrix.shape
        image = pg.ImageItem(self.matrix, axisOrder="row-major")
        image.setRect(QRectF(0, 0, cols, rows))
        chart.plot.addItem(image)
        if self._inserted:
            self._bar.setImageItem(image)
        else:
            self._bar.setImageItem(image, insert_in=chart.plot)
            self._inserted = True
        self._bar.setLevels((-1.0, 1.0))
        if marks:
            outline = pg.ScatterPlotItem(
                x=[j + 0.5 for _i, j in marks],
                y=[i + 0.5 for i, _j in marks],
                symbol="s",
                size=1.0,
                pxMode=False,
                brush=pg.mkBrush(None),
                pen=pg.mkPen("#202020", width=1.5),
            )
            chart.plot.addItem(outline)
        chart.plot.showGrid(x=False, y=False)
        chart.set_ticks("bottom", _ticks(column_labels))
        chart.set_ticks("left", _ticks(row_labels))
        chart.plot.invertY(True)
        chart.plot.setXRange(0, max(cols, 1), padding=0.01)
        chart.plot.setYRange(0, max(rows, 1), padding=0.01)
        chart.plot.setAspectLocked(False)

        def hover(x: float, y: float) -> str | None:
            i, j = math.floor(y), math.floor(x)
            if not (0 <= i < rows and 0 <= j < cols):
                return None
            r = self.matrix[i, j]
            value = f"{r:.3f}" if np.isfinite(r) else "–"
            return f"{row_names[i]}  ×  {column_names[j]}:  r = {value}"

        chart.set_hover(hover)
        chart.set_ready(rows > 0 and cols > 0)


def _ticks(labels: Sequence[str]) -> list[tuple[float, str]]:
    step = max(1, math.ceil(len(labels) / MAX_TICKS))
    return [(k + 0.5, label) for k, label in enumerate(labels) if k % step == 0]
