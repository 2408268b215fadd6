"""Bar charts on a ChartWidget: grouped horizontal bars (weights), stacked horizontal bars
(tier probabilities) and grouped vertical bars with interval whiskers (sensitivity)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg

from ui.methods.charts import ChartWidget

PALETTE = ("#3b75af", "#e1812c", "#3a923a", "#c03d3e", "#9372b2", "#845b53", "#d584bd")
AXIS_LABEL_CHARS = 22  # longer category names are shortened on the axis (hover has them)
Formatter = Callable[[float], str]


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    color: str = PALETTE[0]


def percent(value: float) -> str:
    """A value already in percent."""
    return "–" if not np.isfinite(value) else f"{value:.2f} %"


def number(value: float) -> str:
    return "–" if not np.isfinite(value) else f"{value:.3f}"


def short(text: str, limit: int = AXIS_LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _row(y: float, n: int) -> int | None:
    row = round(y)
    return row if 0 <= row < n else None


def _values(s: Series) -> np.ndarray:
    return np.nan_to_num(np.asarray(s.values, dtype=np.float64), nan=0.0)


def horizontal_bars(
    chart: ChartWidget,
    labels: Sequence[str],
    series: Sequence[Series],
    axis_label: str,
    fmt: Formatter = percent,
) -> None:
    """One row per label (first at the top), one bar per series in each row."""
    chart.clear()
    n, k = len(labels), max(len(series), 1)
    band = 0.8 / k
    legend = chart.add_legend() if len(series) > 1 else None
    top, bottom = 0.0, 0.0
    for s_index, s in enumerate(series):
        values = _values(s)
        y = np.arange(n) - 0.4 + band * (s_index + 0.5)
        item = pg.BarGraphItem(
            x0=0.0, y=y, height=band * 0.9, width=values, brush=s.color, pen=pg.mkPen(None)
        )
        chart.plot.addItem(item)
        if legend is not None:
            legend.addItem(item, s.name)
        top = max(top, float(values.max(initial=0.0)))
        bottom = min(bottom, float(values.min(initial=0.0)))
    chart.set_ticks("left", [(i, short(label)) for i, label in enumerate(labels)])
    chart.set_labels(bottom=axis_label)
    chart.plot.invertY(True)
    chart.plot.setYRange(-0.6, n - 0.4, padding=0)
    span = (top - bottom) or 1.0
    room = 0.3 if legend is not None else 0.08  # the legend sits top right
    chart.plot.setXRange(bottom - 0.04 * span * (bottom < 0), top + room * span, padding=0)
    chart.set_rows(n)

    def hover(_x: float, y: float) -> str | None:
        row = _row(y, n)
        if row is None:
            return None
        parts = [f"{s.name} {fmt(float(s.values[row]))}" for s in series]
        return f"{labels[row]}: " + "; ".join(parts)

    chart.set_hover(hover)
    chart.set_ready()


def stacked_bars(
    chart: ChartWidget, labels: Sequence[str], parts: Sequence[Series], axis_label: str
) -> None:
    """One row per label, the parts (e.g. tier probabilities) stacked left to right."""
    chart.clear()
    n = len(labels)
    legend = chart.add_legend()
    start = np.zeros(n)
    for part in parts:
        values = _values(part)
        item = pg.BarGraphItem(
            x0=start.copy(),
            y=np.arange(n),
            height=0.75,
            width=values,
            brush=part.color,
            pen=pg.mkPen("w", width=0.5),
        )
        chart.plot.addItem(item)
        legend.addItem(item, part.name)
        start = start + values
    chart.set_ticks("left", [(i, short(label, 12)) for i, label in enumerate(labels)])
    chart.set_labels(bottom=axis_label)
    chart.plot.invertY(True)
    chart.plot.setYRange(-0.6, n - 0.4, padding=0)
    chart.plot.setXRange(0.0, 1.42, padding=0)  # the legend sits right of the bars
    ticks = [(k / 5, f"{20 * k} %") for k in range(6)]  # no ticks beyond 100 %
    chart.set_ticks("bottom", ticks)
    if n > 25:
        chart.plot.showAxis("top")  # the scale stays in sight at the top of a long chart
        chart.set_ticks("top", ticks)
    chart.set_rows(n)

    def hover(_x: float, y: float) -> str | None:
        row = _row(y, n)
        if row is None:
            return None
        shares = [f"{p.name} {percent(100.0 * float(p.values[row]))}" for p in parts]
        return f"{labels[row]}: " + "; ".join(shares)

    chart.set_hover(hover)
    chart.set_ready()


@dataclass(frozen=True)
class Interval:
    low: Sequence[float] | np.ndarray
    high: Sequence[float] | np.ndarray


def vertical_bars(
    chart: ChartWidget,
    labels: Sequence[str],
    series: Sequence[Series],
    intervals: Sequence[Interval | None],
    axis_label: str,
    fmt: Formatter = number,
) -> None:
    """Grouped vertical bars, each series with optional interval whiskers."""
    chart.clear()
    n, k = len(labels), max(len(series), 1)
    band = 0.8 / k
    legend = chart.add_legend() if len(series) > 1 else None
    low_all, high_all = 0.0, 0.0
    for s_index, (s, interval) in enumerate(zip(series, intervals, strict=True)):
        values = _values(s)
        x = np.arange(n) - 0.4 + band * (s_index + 0.5)
        bars = pg.BarGraphItem(
            x=x, y0=0.0, width=band * 0.9, height=values, brush=s.color, pen=pg.mkPen(None)
        )
        chart.plot.addItem(bars)
        if legend is not None:
            legend.addItem(bars, s.name)
        low_all, high_all = (
            min(low_all, float(values.min(initial=0))),
            max(high_all, float(values.max(initial=0))),
        )
        if interval is not None:
            lo = np.asarray(interval.low, dtype=np.float64)
            hi = np.asarray(interval.high, dtype=np.float64)
            ok = np.isfinite(lo) & np.isfinite(hi)
            if ok.any():
                whisker = pg.ErrorBarItem(
                    x=x[ok],
                    y=values[ok],
                    top=np.maximum(hi[ok] - values[ok], 0),
                    bottom=np.maximum(values[ok] - lo[ok], 0),
                    beam=band * 0.3,
                    pen=pg.mkPen("#202020", width=1.2),
                )
                chart.plot.addItem(whisker)
                low_all = min(low_all, float(lo[ok].min()))
                high_all = max(high_all, float(hi[ok].max()))
    chart.set_ticks("bottom", [(i, short(label, 16)) for i, label in enumerate(labels)])
    chart.set_labels(left=axis_label)
    chart.plot.setXRange(-0.6, n - 0.4, padding=0)
    span = high_all - low_all or 1.0
    chart.plot.setYRange(low_all - 0.05 * span, high_all + 0.12 * span, padding=0)

    def hover(x: float, _y: float) -> str | None:
        col = _row(x, n)
        if col is None:
            return None
        parts = []
        for s, interval in zip(series, intervals, strict=True):
            text = f"{s.name} {fmt(float(s.values[col]))}"
            if interval is not None:
                lo, hi = float(interval.low[col]), float(interval.high[col])
                text += f" [{fmt(lo)}, {fmt(hi)}]"
            parts.append(text)
        return f"{labels[col]}: " + "; ".join(parts)

    chart.set_hover(hover)
    chart.set_ready()
