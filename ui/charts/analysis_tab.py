"""The Analysis tab: the report's charts (tier shares, second-level means per first-level
indicator, GDP bands, index against GDP, economic circles, first-level means) and a city
profile, chosen from a list; each exports to PNG and SVG. The charts follow every edit
(redrawn at once when shown, on showing otherwise) and the window's language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.analysis import Analysis
from models.analysis_tables import ranking_order
from models.chart_data import BarChart, ChartSpec, ScatterChart, analysis_charts, profile_chart
from ui.charts.bars import BarChartView
from ui.charts.base import ExportableWidget
from ui.charts.profile import ProfileChartView
from ui.charts.scatter import ScatterChartView
from ui.results.source import AnalysisSource
from ui.session import Session

PROFILE_KEY = "profile"
LIST_WIDTH = 250


class AnalysisTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.source = AnalysisSource.of(session)
        self.specs: dict[str, ChartSpec] = {}
        self._dirty = True
        self.charts = QListWidget(self)
        self.charts.setFixedWidth(LIST_WIDTH)
        self.charts.setWordWrap(True)
        self.charts.currentItemChanged.connect(lambda _a, _b: self.redraw())
        self.city = QComboBox(self)
        self.city.currentIndexChanged.connect(lambda _i: self.redraw())
        self._city_label = QLabel(self)
        self.export_png = QPushButton(self)
        self.export_svg = QPushButton(self)
        self.export_png.clicked.connect(lambda: self.ask_export(".png"))
        self.export_svg.clicked.connect(lambda: self.ask_export(".svg"))
        self.message = QLabel(self)
        self.bars = BarChartView(self)
        self.scatter = ScatterChartView(self)
        self.profile = ProfileChartView(self)
        self.stack = QStackedWidget(self)
        for view in (self.bars, self.scatter, self.profile):
            self.stack.addWidget(view)
        self._build_layout()
        self.retranslate()
        self.source.changed.connect(self._changed)
        session.language_changed.connect(lambda _lang: self.retranslate())

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self._city_label)
        bar.addWidget(self.city)
        bar.addStretch(1)
        bar.addWidget(self.message)
        bar.addWidget(self.export_png)
        bar.addWidget(self.export_svg)
        right = QVBoxLayout()
        right.addLayout(bar)
        right.addWidget(self.stack, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.charts)
        layout.addLayout(right, 1)

    # ------------------------------------------------------------ content

    def _changed(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Recompute the chart list (and the cities) from the current analysis."""
        self._dirty = False
        lang = self._session.language
        try:
            analysis = self.source.analysis()
        except ValueError as error:
            self.message.setText(str(error))
            return
        self.message.clear()
        self.specs = {spec.key: spec for spec in analysis_charts(analysis, lang)}
        current = self.current_key() or "tiers"
        self.charts.blockSignals(True)
        self.charts.clear()
        for spec in self.specs.values():
            item = QListWidgetItem(spec.title, self.charts)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            if spec.report_figure:
                item.setToolTip(
                    self.tr("Report figure {numbers}").format(numbers=spec.report_figure)
                )
        profile = QListWidgetItem(self.tr("City profile"), self.charts)
        profile.setData(Qt.ItemDataRole.UserRole, PROFILE_KEY)
        keys = [*self.specs, PROFILE_KEY]
        self.charts.setCurrentRow(keys.index(current) if current in keys else 0)
        self.charts.blockSignals(False)
        self._fill_cities(analysis)
        self.redraw()

    def _fill_cities(self, analysis: Analysis) -> None:
        code = self.city.currentData()
        self.city.blockSignals(True)
        self.city.clear()
        lang = self._session.language
        for i in ranking_order(analysis):
            self.city.addItem(analysis.city_name(i, lang), analysis.cities[i].code)
        self.city.setCurrentIndex(max(self.city.findData(code), 0))
        self.city.blockSignals(False)

    def current_key(self) -> str | None:
        item = self.charts.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def select(self, key: str, city_code: str | None = None) -> None:
        """Show the chart `key` (a ChartSpec key or "profile") and, for a profile, a city."""
        if self._dirty:
            self.refresh()
        if city_code is not None:
            self.city.setCurrentIndex(max(self.city.findData(city_code), 0))
        for row in range(self.charts.count()):
            if self.charts.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.charts.setCurrentRow(row)
        self.redraw()

    def current_view(self) -> ExportableWidget:
        widget = self.stack.currentWidget()
        assert isinstance(widget, ExportableWidget)
        return widget

    def redraw(self) -> None:
        key = self.current_key()
        is_profile = key == PROFILE_KEY
        self.city.setVisible(is_profile)
        self._city_label.setVisible(is_profile)
        if key is None:
            return
        if is_profile:
            self._draw_profile()
            return
        chart = self.specs[key].chart
        if isinstance(chart, ScatterChart):
            self.scatter.set_chart(chart)
            self.stack.setCurrentWidget(self.scatter)
        elif isinstance(chart, BarChart):
            self.bars.set_chart(chart)
            self.stack.setCurrentWidget(self.bars)

    def _draw_profile(self) -> None:
        try:
            analysis = self.source.analysis()
        except ValueError:
            return
        code = self.city.currentData()
        positions = [i for i, c in enumerate(analysis.cities) if c.code == code]
        if positions:
            lang = self._session.language
            self.profile.set_chart(profile_chart(analysis, positions[0], lang), lang)
        self.stack.setCurrentWidget(self.profile)

    # ------------------------------------------------------------ export

    def ask_export(self, suffix: str) -> None:
        key = self.current_key() or "chart"
        if key == PROFILE_KEY:
            key = f"profile-{self.city.currentData()}"
        folder = self._session.workspace.path.parent
        kind = self.tr("PNG image (*.png)") if suffix == ".png" else self.tr("SVG image (*.svg)")
        chosen, _f = QFileDialog.getSaveFileName(
            self, self.tr("Export chart"), str(folder / f"{key}{suffix}"), kind
        )
        if chosen:
            self.export(Path(chosen).with_suffix(suffix))

    def export(self, path: Path) -> None:
        view = self.current_view()
        try:
            if path.suffix.lower() == ".svg":
                view.export_svg(path)
            else:
                view.export_png(path)
        except OSError as error:
            self.message.setText(str(error))
            return
        self.message.setText(self.tr("Saved {name}").format(name=path.name))

    # ------------------------------------------------------------ events

    def retranslate(self) -> None:
        self._city_label.setText(self.tr("City:"))
        self.export_png.setText(self.tr("Export PNG…"))
        self.export_svg.setText(self.tr("Export SVG…"))
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
