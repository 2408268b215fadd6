"""The base of every analysis chart: a white pyqtgraph plot that shows a chart from
models.chart_data, tells exact values on hover, and exports to PNG and SVG.

Subclasses implement `_draw(chart)` (fill `self.plot`) and `hover_text(x, y)` (the text
for a point in data coordinates, or None). Rendering to an image works on a widget that
was never shown (the report renders offscreen); it must run on the GUI thread.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from models.chart_data import Chart

PALETTE = ("#2F5597", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#7030A0")
TEXT_COLOR = "#222222"
GRID_ALPHA = 0.25
CHART_POINT_SIZE = 9.0  # the chart's font size; exports use the same, so images match


def color(k: int, alpha: int = 255) -> QColor:
    c = QColor(PALETTE[k % len(PALETTE)])
    c.setAlpha(alpha)
    return c


class ExportableWidget(QWidget):
    """A widget that renders itself (shown or not) to PNG and SVG at a chosen size."""

    chart: Chart | None = None

    # ------------------------------------------------------------ export

    def render_image(self, size: QSize, scale: float = 2.0) -> QImage:
        """The chart drawn at `size` (logical pixels) into an image `scale` times larger."""
        self.resize(size)
        self._settle()
        image = QImage(size * scale, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(scale)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.render(painter, QPoint())
        painter.end()
        return image

    def png_bytes(self, size: QSize, scale: float = 2.0) -> bytes:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        QImageWriter(buffer, QByteArray(b"PNG")).write(self.render_image(size, scale))
        buffer.close()
        return bytes(data.data())

    def export_png(self, path: Path, size: QSize | None = None) -> None:
        image = self.render_image(size or self._export_size())
        if not QImageWriter(str(path), QByteArray(b"PNG")).write(image):
            raise OSError(f"{path}: could not write the PNG file")

    def export_svg(self, path: Path, size: QSize | None = None) -> None:
        size = size or self._export_size()
        self.resize(size)
        self._settle()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(size)
        generator.setViewBox(QRect(QPoint(0, 0), size))
        generator.setTitle(self.chart.title if self.chart else "")
        painter = QPainter(generator)
        self.render(painter, QPoint())
        if not painter.end():
            raise OSError(f"{path}: could not write the SVG file")

    def _export_size(self) -> QSize:
        size = self.size()
        return size if size.width() > 200 and size.height() > 150 else QSize(900, 520)

    def _settle(self) -> None:
        """Deliver the pending resize and layout events (the widget may be hidden)."""
        self.ensurePolished()
        layout = self.layout()
        if layout is not None:
            layout.activate()
        QApplication.sendPostedEvents()
        for view in self.findChildren(ChartView):
            view.settle_plot()
        if isinstance(self, ChartView):
            self.settle_plot()


class ChartView(ExportableWidget):
    """One chart: `set_chart(chart)` draws it; hover shows a tooltip with exact values."""

    def __init__(self, parent: QWidget | None = None, show_title: bool = True) -> None:
        super().__init__(parent)
        self._show_title = show_title
        self.chart: Chart | None = None
        self.widget = pg.PlotWidget(self, background="w")
        # the plot takes the room it is given (pyqtgraph's size hints would overflow it)
        self.widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.widget.setMinimumSize(80, 80)
        self.plot: pg.PlotItem = self.widget.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.getViewBox().setMouseEnabled(x=False, y=False)
        self.widget.setMouseTracking(True)
        self.widget.scene().sigMouseMoved.connect(self._mouse_moved)
        self.last_hover: str | None = None
        self._legend: pg.LabelItem | None = None
        self.legend_names: list[str] = []
        font = QFont(self.font())
        font.setPointSizeF(CHART_POINT_SIZE)
        self.chart_font = font
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.widget)

    # ------------------------------------------------------------ drawing

    def set_chart(self, chart: Chart) -> None:
        self.chart = chart
        self.plot.clear()
        if self._legend is not None:
            self._legend.setText("")
            self._legend.setVisible(False)
        self.legend_names = []
        self._style_axes()
        if self._show_title:
            self.plot.setTitle(chart.title, color=TEXT_COLOR, size=f"{CHART_POINT_SIZE + 2:g}pt")
        else:
            self.plot.setTitle(None)
        self._draw(chart)

    def _draw(self, chart: Chart) -> None:
        raise NotImplementedError

    def _style_axes(self) -> None:
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(TEXT_COLOR))
            axis.setTextPen(pg.mkPen(TEXT_COLOR))
            axis.setTickFont(self.chart_font)
            axis.setSIPrefixEnableRanges(())  # never "(x0.001)": scores are 0–1 as they are
            axis.enableAutoSIPrefix(False)

    def set_axis_label(self, name: str, label: str) -> None:
        self.plot.setLabel(
            name, label, color=TEXT_COLOR, **{"font-size": f"{CHART_POINT_SIZE:g}pt"}
        )

    def set_legend(self, entries: list[tuple[QColor, str, str]]) -> None:
        """A one-line legend under the plot, outside the data area: (colour, name, mark)
        with mark "box" (bars), "line", "dash" (reference lines) or "dot" (points)."""
        if self._legend is None:
            self._legend = pg.LabelItem(justify="center")
            self.plot.layout.addItem(self._legend, 4, 0, 1, 3)  # under the axes, full width
        marks = {"box": "■", "line": "━", "dash": "╍╍", "dot": "●"}
        parts = [
            f'<span style="color:{c.name()}">{marks.get(mark, "■")}</span>&nbsp;{escape(name)}'
            for c, name, mark in entries
        ]
        self.legend_names = [name for _c, name, _m in entries]
        self._legend.setText(
            "&nbsp;&nbsp;&nbsp;&nbsp;".join(parts), color=TEXT_COLOR, size=f"{CHART_POINT_SIZE:g}pt"
        )
        self._legend.setVisible(bool(entries))

    # ------------------------------------------------------------ hover

    def hover_text(self, x: float, y: float) -> str | None:
        """What to show for the data point (x, y); None when nothing is there."""
        raise NotImplementedError

    def hover_at(self, scene_pos: QPointF) -> str | None:
        """The hover text at a scene position (None outside the plot's data area)."""
        box = self.plot.getViewBox()
        if not box.sceneBoundingRect().contains(scene_pos):
            return None
        point = box.mapSceneToView(scene_pos)
        return self.hover_text(point.x(), point.y())

    def data_to_scene(self, x: float, y: float) -> QPointF:
        """Where the data point (x, y) is in the scene (for hover in tests)."""
        return QPointF(self.plot.getViewBox().mapViewToScene(QPointF(x, y)))

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        text = self.hover_at(scene_pos)
        self.last_hover = text
        if text:
            view_pos = self.widget.mapFromScene(scene_pos)
            QToolTip.showText(self.widget.mapToGlobal(view_pos), text, self.widget, QRect())
        else:
            QToolTip.hideText()

    def settle_plot(self) -> None:
        """Lay the plot out at the widget's current size, without showing it."""
        self.widget.resize(self.size())
        QApplication.sendPostedEvents()
        self.widget.setSceneRect(0, 0, self.width(), self.height())
        self.widget.centralWidget.setGeometry(0, 0, self.width(), self.height())
        QApplication.sendPostedEvents()
        self._after_resize()

    def _after_resize(self) -> None:
        """Hook for subclasses whose drawing depends on the pixel size."""
