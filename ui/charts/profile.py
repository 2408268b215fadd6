"""A city's profile: the radar of its five first-level scores against the sample mean,
the bars of its second-level scores against the sample mean (± sd), and its strengths
and weaknesses listed underneath."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from models.chart_data import ProfileChart
from models.report_text import text
from ui.charts.bars import BarChartView
from ui.charts.base import ExportableWidget
from ui.charts.radar import RadarChartView

RADAR_SHARE = 2  # radar : bars = 2 : 3 of the width
BARS_SHARE = 3
LISTS_WIDTH = 240  # pixels for the strengths and weaknesses


class ProfileChartView(ExportableWidget):
    """Shows a models.chart_data.ProfileChart. `for_report=True` shows the two charts
    only: the report prints the title, summary, strengths and weaknesses as text."""

    def __init__(self, parent: QWidget | None = None, for_report: bool = False) -> None:
        super().__init__(parent)
        self.profile: ProfileChart | None = None
        self.title = QLabel(self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bold = self.title.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.title.setFont(bold)
        self.summary = QLabel(self)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.radar = RadarChartView(self, show_title=True)
        self.bars = BarChartView(self, show_title=True)
        for view in (self.radar, self.bars):  # share the width, whatever pyqtgraph would like
            view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.lists = QLabel(self)
        self.lists.setWordWrap(True)
        self.lists.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.lists.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lists.setContentsMargins(6, 6, 6, 6)
        scroll = QScrollArea(self)
        scroll.setWidget(self.lists)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumWidth(LISTS_WIDTH)
        scroll.setMaximumWidth(LISTS_WIDTH + 80)
        scroll.setVisible(not for_report)
        self.title.setVisible(not for_report)
        self.summary.setVisible(not for_report)
        self.lists_area = scroll
        charts = QHBoxLayout()
        charts.setContentsMargins(0, 0, 0, 0)
        charts.addWidget(self.radar, RADAR_SHARE)
        charts.addWidget(self.bars, BARS_SHARE)
        charts.addWidget(scroll, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(charts, 1)
        self.setStyleSheet("ProfileChartView { background: white; }")
        self.setAutoFillBackground(True)

    def set_chart(self, profile: ProfileChart, lang: str) -> None:
        self.profile = profile
        self.title.setText(profile.title)
        self.summary.setText(profile.summary)
        self.radar.set_chart(profile.radar)
        self.bars.set_chart(profile.bars)
        self.lists.setText(self._lists_html(profile, lang))

    @staticmethod
    def _lists_html(profile: ProfileChart, lang: str) -> str:
        def block(key: str, lines: tuple[str, ...], colour: str) -> str:
            body = "<br>".join(lines) if lines else text("none", lang)
            return f"<b style='color:{colour}'>{text(key, lang)}</b><br>{body}"

        return (
            f"{block('strengths', profile.strengths, '#2F5597')}<br>"
            f"{block('weaknesses', profile.weaknesses, '#C00000')}<br>"
            f"<span style='color:#666'>{text('strength_rule', lang)}</span>"
        )

    def _export_size(self) -> QSize:
        size = self.size()
        return size if size.width() > 300 and size.height() > 200 else QSize(1100, 620)
