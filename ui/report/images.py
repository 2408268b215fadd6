"""Chart images for the report: each Figure's chart drawn offscreen with the same chart
classes the Analysis tab shows, as PNG bytes. Runs on the GUI thread (widgets)."""

from __future__ import annotations

from PySide6.QtCore import QSize

from models.chart_data import BarChart, ChartSpec, ProfileChart, RadarChart, ScatterChart
from models.report_blocks import Figure
from ui.charts.bars import BarChartView
from ui.charts.base import ChartView, ExportableWidget
from ui.charts.profile import ProfileChartView
from ui.charts.radar import RadarChartView
from ui.charts.scatter import ScatterChartView

IMAGE_WIDTH = 900  # logical pixels for a 16 cm wide figure (about 11 pt text at 9 pt)
SCALE = 2.0  # image pixels per logical pixel
PROFILE_SCALE = 1.5  # the annex has a page per city: smaller files


class ChartRenderer:
    """Renders charts to PNG, reusing one hidden view per kind of chart."""

    def __init__(self, lang: str) -> None:
        self._lang = lang
        self._views: dict[type, ExportableWidget] = {}

    def _view(self, kind: type) -> ExportableWidget:
        if kind not in self._views:
            self._views[kind] = _make_view(kind)
        return self._views[kind]

    def png(self, figure: Figure) -> bytes:
        size = QSize(IMAGE_WIDTH, round(IMAGE_WIDTH * figure.aspect))
        return self.chart_png(figure.chart, size)

    def chart_png(self, spec: ChartSpec, size: QSize) -> bytes:
        chart = spec.chart
        view = self._view(type(chart))
        if isinstance(chart, ProfileChart):
            assert isinstance(view, ProfileChartView)
            view.set_chart(chart, self._lang)
            return view.png_bytes(size, PROFILE_SCALE)
        assert isinstance(view, ChartView)
        view.set_chart(chart)
        return view.png_bytes(size, SCALE)

    def close(self) -> None:
        for view in self._views.values():
            view.deleteLater()
        self._views.clear()


def _make_view(kind: type) -> ExportableWidget:
    """A hidden view for `kind`; without a title: the caption names the figure."""
    if kind is ProfileChart:
        return ProfileChartView(for_report=True)
    if kind is ScatterChart:
        return ScatterChartView(None, show_title=False)
    if kind is RadarChart:
        return RadarChartView(None, show_title=False)
    assert kind is BarChart, kind
    return BarChartView(None, show_title=False)
