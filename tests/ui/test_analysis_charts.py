"""The analysis charts: what they draw equals the analysis, hover tells exact values,
export to PNG and SVG, follow edits and the language; the radar's polar geometry."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from models.chart_data import BarChart, RadarChart, Series, profile_chart
from tests.ui.entry_helpers import clear_city
from ui.charts.analysis_tab import PROFILE_KEY, AnalysisTab
from ui.charts.bars import BarChartView
from ui.charts.radar import RadarChartView, polar_points, spoke_angles
from ui.results.source import AnalysisSource
from ui.session import Session


@pytest.fixture
def tab(session: Session, qtbot: QtBot) -> AnalysisTab:
    widget = AnalysisTab(session)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_lists_every_chart_of_the_report(tab: AnalysisTab) -> None:
    keys = [tab.charts.item(r).data(256) for r in range(tab.charts.count())]
    assert keys == ["tiers", "second-M", "second-T", "second-A", "second-S", "second-R",
                    "band-index", "band-first", "gdp", "circles", "first", PROFILE_KEY]  # fmt: skip


def test_first_level_chart_draws_the_means_with_sd(tab: AnalysisTab, session: Session) -> None:
    tab.select("first")
    chart = tab.bars.chart
    assert isinstance(chart, BarChart)
    analysis = AnalysisSource.of(session).analysis()
    assert chart.series[0].values == tuple(analysis.mean(c) for c in analysis.first)
    assert chart.series[0].errors == tuple(analysis.sd(c) for c in analysis.first)
    assert chart.categories[0] == "技术支撑度"
    assert chart.reference[0][1] == analysis.mean("Index")


def test_hover_shows_exact_values(tab: AnalysisTab, session: Session) -> None:
    tab.select("second-T")
    view = tab.bars
    analysis = AnalysisSource.of(session).analysis()
    x = view.bar_positions[0][3]  # 智慧终端
    mean = analysis.mean("T4")
    text = view.hover_at(view.data_to_scene(x, mean / 2))
    assert text is not None and "智慧终端" in text and f"{mean:.4f}" in text
    assert f"{analysis.sd('T4'):.4f}" in text
    assert view.hover_at(view.data_to_scene(x + 0.5, 0.1)) is None  # between two bars
    tab.select("gdp")
    scatter = tab.scatter
    chart = scatter.chart
    assert chart is not None and hasattr(chart, "x")
    x0, y0 = chart.x[0], chart.y[0]  # type: ignore[union-attr]
    hover = scatter.hover_at(scatter.data_to_scene(x0, y0))
    assert hover is not None and f"{y0:.4f}" in hover


def test_charts_follow_edits_at_once(tab: AnalysisTab, session: Session) -> None:
    tab.select("first")
    chart = tab.bars.chart
    assert isinstance(chart, BarChart)
    before = chart.series[0].values
    city = session.cities[0]
    assert city.city_id is not None
    clear_city(session, city.city_id)
    after = tab.bars.chart
    assert isinstance(after, BarChart) and after.series[0].values != before
    analysis = AnalysisSource.of(session).analysis()
    assert after.series[0].values == tuple(analysis.mean(c) for c in analysis.first)
    assert analysis.stats.n[analysis.column("Index")] == 49


def test_city_profile(tab: AnalysisTab, session: Session) -> None:
    tab.select(PROFILE_KEY, "shanghai")
    profile = tab.profile.profile
    assert profile is not None and profile.title.startswith("上海")
    assert len(profile.radar.axes) == 5 and len(profile.bars.categories) == 16
    assert "优势指标" in tab.profile.lists.text()
    analysis = AnalysisSource.of(session).analysis()
    position = next(i for i, c in enumerate(analysis.cities) if c.code == "shanghai")
    assert profile == profile_chart(analysis, position, "zh")
    radar = tab.profile.radar
    x, y = polar_points(np.array(profile.radar.series[0].values[:1]), 1.0)
    hover = radar.hover_at(radar.data_to_scene(0.0, float(profile.radar.series[0].values[0])))
    assert hover is not None and "技术支撑度" in hover
    del x, y


def test_exports_png_and_svg(tab: AnalysisTab, tmp_path: Path) -> None:
    for key in ("tiers", "gdp", PROFILE_KEY):
        tab.select(key)
        png, svg = tmp_path / f"{key}.png", tmp_path / f"{key}.svg"
        tab.export(png)
        tab.export(svg)
        image = QImage(str(png))
        assert image.width() > 500 and not image.isNull()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 37)
                   for y in range(0, image.height(), 37)}  # fmt: skip
        assert len(colours) > 3  # not blank
        text = svg.read_text(encoding="utf-8")
        assert text.startswith("<?xml") and "<svg" in text and len(text) > 5000
    assert tab.message.text()


def test_english_labels(tab: AnalysisTab, session: Session) -> None:
    session.set_language("en")
    tab.select("first")
    chart = tab.bars.chart
    assert isinstance(chart, BarChart)
    assert chart.title == "First-level indicators: sample means"
    assert chart.categories[0] == "Technology Support"
    assert tab.export_png.text() == "Export PNG…"


def test_radar_geometry() -> None:
    angles = spoke_angles(5)
    assert angles[0] == pytest.approx(math.pi / 2)  # the first axis points up
    x, y = polar_points(np.array([1.0, 0.5, np.nan, 0.0, 1.0]), 1.0)
    assert (x[0], y[0]) == pytest.approx((0.0, 1.0))
    assert (x[-1], y[-1]) == (x[0], y[0])  # closed
    assert (x[2], y[2]) == (0.0, 0.0)  # missing → centre
    assert math.hypot(x[1], y[1]) == pytest.approx(0.5)


def test_views_render_offscreen(qtbot: QtBot) -> None:
    bars = BarChartView()
    qtbot.addWidget(bars)
    many = tuple(f"指标{k}" for k in range(12))
    bars.set_chart(BarChart("k", "t", many, (Series("a", tuple(0.1 * k for k in range(12))),), "y"))
    assert bars.horizontal  # many categories lie down
    image = bars.render_image(QSize(600, 400), 1.0)
    assert image.width() == 600
    radar = RadarChartView()
    qtbot.addWidget(radar)
    radar.set_chart(RadarChart("r", "t", ("A", "B", "C"), (Series("s", (0.5, 0.6, 0.7)),)))
    assert radar.describe(1) == "B\ns: 0.6000"


def test_a_reused_view_never_rescales_its_axis(qtbot: QtBot) -> None:
    """A view that drew percentages then scores keeps the scores' own axis (no ×1000)."""
    view = BarChartView(show_title=False)
    qtbot.addWidget(view)
    shares = BarChart("s", "t", ("a", "b"), (Series("x", (0.16, 0.34)),), "y", percent=True)
    view.set_chart(shares)
    view.render_image(QSize(500, 300), 1.0)
    view.set_chart(BarChart("m", "t", ("a", "b"), (Series("x", (0.78, 0.76), (0.1, 0.1)),), "y"))
    view.render_image(QSize(500, 300), 1.0)
    assert view.plot.getAxis("left").autoSIPrefixScale == 1.0
