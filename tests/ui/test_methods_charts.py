"""The Methods charts: hover values, PNG and SVG export (button menu and context menu)."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from ui.methods.bars import Series, horizontal_bars
from ui.methods.charts import ChartWidget


def bar_chart(qtbot: QtBot) -> ChartWidget:
    chart = ChartWidget()
    qtbot.addWidget(chart)
    chart.resize(600, 400)
    chart.show()
    qtbot.waitExposed(chart)
    labels = ["T 技术支撑度", "R 资源准备度"]
    horizontal_bars(chart, labels, [Series("AHP", [62.5, 37.5])], "权重 (%)")
    chart.set_title("AHP 权重")
    return chart


def test_hover_tells_the_exact_values(qtbot: QtBot) -> None:
    chart = bar_chart(qtbot)
    assert chart.hover_at(10.0, 1.1) == "R 资源准备度: AHP 37.50 %"
    assert chart.readout.text() == "R 资源准备度: AHP 37.50 %"
    assert chart.hover_at(10.0, 5.0) is None


def test_export_png_and_svg(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chart = bar_chart(qtbot)
    assert chart.export_button.isEnabled()
    assert chart.view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert chart.view.actions() == [chart.png_action, chart.svg_action]
    target = tmp_path / "weights"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(target), "PNG image (*.png)")
    )
    with qtbot.waitSignal(chart.exported) as blocker:
        chart.png_action.trigger()
    png = target.with_suffix(".png")
    assert blocker.args == [png]
    assert png.read_bytes()[:4] == b"\x89PNG" and png.stat().st_size > 2000
    svg = tmp_path / "weights.svg"
    chart.export(svg)
    root = ElementTree.parse(svg).getroot()
    texts = "".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert "AHP" in texts and "技术支撑度" in texts  # the labels stay text


def test_export_failure_is_reported(qtbot: QtBot, tmp_path: Path) -> None:
    chart = bar_chart(qtbot)
    with qtbot.waitSignal(chart.export_failed):
        chart.export(tmp_path / "missing" / "chart.svg")


def test_an_empty_chart_cannot_be_exported(qtbot: QtBot) -> None:
    chart = ChartWidget()
    qtbot.addWidget(chart)
    assert not chart.export_button.isEnabled() and not chart.png_action.isEnabled()
