"""A print-like pyqtgraph chart (white background, dark text) with a hover readout and
export to PNG and SVG (a button menu and the chart's context menu).

SVG: pyqtgraph 0.14.0's SVGExporter fails on the closed paths ("… Z") that Qt 6's
QSvgGenerator writes (pyqtgraph issue #3495), so the chart is rendered into a
QSvgGenerator directly; PNG uses pyqtgraph's ImageExporter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pyqtgraph as pg
import pyqtgraph.exporters as pg_exporters
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QAction, QColor, QFont, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

HoverFn = Callable[[float, float], str | None]
FOREGROUND = "#202020"
GRID_ALPHA = 0.25
PNG_SCALE = 2  # exported PNGs at twice the on-screen size, for print
TICK_POINT_SIZE = 9


def configure_pyqtgraph() -> None:
    """Antialiased, white background and dark foreground (print-like charts)."""
    pg.setConfigOptions(antialias=True, background="w", foreground=FOREGROUND)


def tick_font() -> QFont:
    font = QFont()
    font.setPointSize(TICK_POINT_SIZE)
    return font


class ChartWidget(QWidget):
    """One PlotItem with a title, a hover readout below it and an Export menu.

    `rows` > 0 makes the plot at least `rows × row_height` pixels tall inside a scroll
    area (charts with one row per city stay readable; the export has every row).
    """

    exported = QtSignal(Path)
    export_failed = QtSignal(str)

    def __init__(self, parent: QWidget | None = None, row_height: int = 0) -> None:
        super().__init__(parent)
        configure_pyqtgraph()
        self._row_height, self._rows = row_height, 0
        self.view = pg.PlotWidget(background="w")
        self.plot: Any = self.view.getPlotItem()
        self._hover: HoverFn | None = None
        self._title = ""
        self._build()
        self.view.scene().sigMouseMoved.connect(self._moved)
        self.set_ready(False)
        self.retranslate()

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        plot = self.plot
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        plot.showGrid(x=True, y=True, alpha=GRID_ALPHA)
        for name in ("left", "bottom", "right", "top"):
            axis = plot.getAxis(name)
            axis.setStyle(tickFont=tick_font())
            axis.setTextPen(FOREGROUND)
            axis.setPen(FOREGROUND)
            axis.enableAutoSIPrefix(False)
        self.readout = QLabel(self)
        self.readout.setTextFormat(Qt.TextFormat.PlainText)
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.export_button = QToolButton(self)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.png_action, self.svg_action = QAction(self), QAction(self)
        self.png_action.triggered.connect(lambda: self.ask_export("png"))
        self.svg_action.triggered.connect(lambda: self.ask_export("svg"))
        menu = QMenu(self.export_button)
        menu.addAction(self.png_action)
        menu.addAction(self.svg_action)
        self.export_button.setMenu(menu)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addAction(self.png_action)
        self.view.addAction(self.svg_action)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(4, 0, 4, 0)
        bottom.addWidget(self.readout, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        if self._row_height > 0:
            self._scroll = QScrollArea(self)
            self._scroll.setWidgetResizable(True)
            self._scroll.setWidget(self.view)
            self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            layout.addWidget(self._scroll, 1)
        else:
            layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.export_button.setText(self.tr("Export chart"))
        self.export_button.setToolTip(self.tr("Save this chart as a PNG image or an SVG drawing"))
        self.png_action.setText(self.tr("Export as PNG…"))
        self.svg_action.setText(self.tr("Export as SVG…"))
        if not self.readout.text():
            self.readout.setText(self.tr("Point at the chart to read exact values."))

    # ------------------------------------------------------------ content

    def set_ready(self, ready: bool = True) -> None:
        """The chart shows a result: it can be exported."""
        self.export_button.setEnabled(ready)
        self.png_action.setEnabled(ready)
        self.svg_action.setEnabled(ready)

    def clear(self) -> None:
        """Remove every item (legend entries too) and the hover function."""
        self.set_ready(False)
        self.plot.clear()
        legend = self.plot.legend
        if legend is not None:
            legend.clear()
        self._hover = None
        self.readout.setText(self.tr("Point at the chart to read exact values."))

    def set_title(self, text: str) -> None:
        self._title = text
        self.plot.setTitle(text, color=FOREGROUND, size="10pt")

    def title(self) -> str:
        return self._title

    def set_labels(self, bottom: str = "", left: str = "") -> None:
        self.plot.setLabel("bottom", bottom, color=FOREGROUND)
        self.plot.setLabel("left", left, color=FOREGROUND)

    def set_ticks(self, axis: str, ticks: Sequence[tuple[float, str]]) -> None:
        """Category labels at the given positions (e.g. one per bar)."""
        self.plot.getAxis(axis).setTicks([list(ticks), []])

    def set_rows(self, rows: int) -> None:
        """Grow the plot to `rows × row_height` pixels (inside the scroll area)."""
        self._rows = rows
        if self._row_height > 0:
            self.view.setMinimumHeight(max(200, rows * self._row_height + 90))

    def set_hover(self, hover: HoverFn | None) -> None:
        """`hover(x, y)` in data coordinates → the text to show (None: nothing there)."""
        self._hover = hover

    def add_legend(self) -> Any:
        legend = self.plot.legend or self.plot.addLegend(offset=(-10, 10))
        legend.setLabelTextColor(FOREGROUND)
        legend.setBrush(pg.mkBrush(255, 255, 255, 220))
        legend.setPen(pg.mkPen("#bbbbbb"))
        return legend

    def hover_at(self, x: float, y: float) -> str | None:
        """The readout for data point (x, y), shown in the readout label."""
        text = self._hover(x, y) if self._hover is not None else None
        if text:
            self.readout.setText(text)
        return text

    def _moved(self, pos: QPointF) -> None:
        vb = self.plot.vb
        if self._hover is None or not vb.sceneBoundingRect().contains(pos):
            return
        point = vb.mapSceneToView(pos)
        text = self.hover_at(float(point.x()), float(point.y()))
        if text:
            global_pos = self.view.mapToGlobal(self.view.mapFromScene(pos))
            QToolTip.showText(global_pos, text, self.view)
        else:
            QToolTip.hideText()

    # ------------------------------------------------------------ export

    def ask_export(self, kind: str) -> None:
        caption = self.tr("Export chart")
        png, svg = self.tr("PNG image (*.png)"), self.tr("SVG drawing (*.svg)")
        pattern = png if kind == "png" else svg
        name = _file_stem(self._title) + "." + kind
        path, _chosen = QFileDialog.getSaveFileName(self, caption, name, pattern)
        if path:
            self.export(Path(path) if Path(path).suffix else Path(path + "." + kind))

    def export(self, path: Path) -> None:
        """Write the chart to `path` (.png or .svg); failures go to `export_failed`."""
        self._settle()
        try:
            if path.suffix.lower() == ".svg":
                self.export_svg(path)
            else:
                self.export_png(path)
        except (OSError, RuntimeError, ValueError) as error:
            self.export_failed.emit(
                self.tr("Could not export the chart: {error}").format(error=error)
            )
            return
        self.exported.emit(path)

    def _settle(self) -> None:
        """Paint once and apply the layout requests that painting posts: pyqtgraph sizes
        its axes to their labels while painting, so a chart never shown would otherwise
        be exported with labels that did not fit yet."""
        for _ in range(2):
            self.view.grab()
            QCoreApplication.sendPostedEvents()

    def export_png(self, path: Path) -> None:
        exporter = pg_exporters.ImageExporter(self.plot)
        width = max(1, int(self.plot.sceneBoundingRect().width()) * PNG_SCALE)
        exporter.parameters()["width"] = width
        exporter.export(str(path))
        if not path.exists() or path.stat().st_size == 0:
            raise OSError(f"{path} was not written")

    def export_svg(self, path: Path) -> None:
        rect = self.plot.sceneBoundingRect()
        target = QRectF(0, 0, rect.width(), rect.height())
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(target.size().toSize())
        generator.setViewBox(target)
        generator.setTitle(self._title)
        # pyqtgraph caches axes as QPictures recorded at the screen's resolution; replayed
        # on the generator's default 72 dpi they would shrink by 72/96
        generator.setResolution(self.view.logicalDpiX())
        painter = QPainter(generator)
        if not painter.isActive():
            raise OSError(f"cannot write {path}")
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(target, QColor("white"))
        self.view.scene().render(painter, target, rect)
        painter.end()


def _file_stem(title: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -_" else " " for c in title).strip()
    return "_".join(keep.split()) or "chart"
