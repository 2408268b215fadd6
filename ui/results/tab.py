"""The Results tab: the ranking (filters by economic circle, GDP band, province and
administrative level; first-level columns expand into their second level), the tier rule
in force (editable), the GDP bands, the report's tables 3-2 and 3-13, and the outputs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.regions import admin_level_name, circle_name, province_name
from scoring.groups import GdpBands
from ui.report.panel import ReportPanel
from ui.results.ranking_model import RankingModel, RankingProxy
from ui.results.source import AnalysisSource
from ui.results.table_models import ReportTableModel
from ui.results.tier_rule import TierRuleEditor
from ui.session import Session

FILTER_KINDS = ("circle", "band", "province", "admin_level")


class ResultsTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.source = AnalysisSource.of(session)
        self.model = RankingModel(self.source, self)
        self.proxy = RankingProxy(self.model, self)
        self.filters = {kind: QComboBox(self) for kind in FILTER_KINDS}
        for kind, combo in self.filters.items():
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _i, k=kind: self._filter_changed(k))
        self._filter_labels = {kind: QLabel(self) for kind in FILTER_KINDS}
        self.second_level = QCheckBox(self)
        self.second_level.toggled.connect(self._show_second_level)
        self.count = QLabel(self)
        self.bands = QLineEdit(self)
        self.bands.setMinimumWidth(170)
        self.bands.editingFinished.connect(self._bands_edited)
        self._bands_label = QLabel(self)
        self.bands_error = QLabel(self)
        self.bands_error.setStyleSheet("color: #C00000;")
        self.tiers = TierRuleEditor(session, self)
        self.report = ReportPanel(self.source, self)
        self.view = self._ranking_view()
        self.table_3_2 = ReportTableModel(self.source, "3-2", self)
        self.table_3_13 = ReportTableModel(self.source, "3-13", self)
        self.pages = QTabWidget(self)
        self.pages.addTab(self.view, "")
        self.pages.addTab(self._table_view(self.table_3_2, wrap=True), "")
        self.pages.addTab(self._table_view(self.table_3_13), "")
        self._build_layout()
        self.retranslate()
        self._fill_filters()
        self.source.changed.connect(self._fill_filters)
        self.proxy.rowsInserted.connect(self._show_count)
        self.proxy.rowsRemoved.connect(self._show_count)
        self.proxy.modelReset.connect(self._show_count)
        self.proxy.layoutChanged.connect(self._show_count)
        session.language_changed.connect(lambda _lang: self.retranslate())

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        for kind in FILTER_KINDS:
            filters.addWidget(self._filter_labels[kind])
            filters.addWidget(self.filters[kind])
            filters.addSpacing(6)
        filters.addWidget(self.second_level)
        filters.addStretch(1)
        filters.addWidget(self.count)
        settings = QHBoxLayout()
        settings.addWidget(self.tiers, 3)
        settings.addSpacing(12)
        settings.addWidget(self._bands_label)
        settings.addWidget(self.bands)
        settings.addWidget(self.bands_error, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(settings)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.report)

    def _ranking_view(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.sectionDoubleClicked.connect(self._header_double_clicked)
        header.setToolTip(self.tr("Double-click a first-level header to show its second level"))
        return view

    def _table_view(self, model: ReportTableModel, wrap: bool = False) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.verticalHeader().setVisible(False)
        view.setWordWrap(wrap)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        if wrap:
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return view

    # ------------------------------------------------------------ filters

    def _fill_filters(self) -> None:
        try:
            analysis = self.source.analysis()
        except ValueError:
            return
        lang = self._session.language
        names = {
            "circle": lambda key: circle_name(key, lang),
            "band": lambda key: analysis.group_name("band", key, lang),
            "province": lambda key: province_name(key, lang),
            "admin_level": lambda key: admin_level_name(key, lang),
        }
        for kind, combo in self.filters.items():
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("All"), None)
            for group in analysis.groups.get(kind, ()):
                combo.addItem(f"{names[kind](group.key)} ({len(group.members)})", group.key)
            found = combo.findData(current)
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)
            self.proxy.set_filter(kind, combo.currentData())
        self.bands.setText(", ".join(f"{f:g}" for f in self.source.bands.floors))
        self._show_count()

    def _filter_changed(self, kind: str) -> None:
        self.proxy.set_filter(kind, self.filters[kind].currentData())
        self._show_count()

    def _show_count(self) -> None:
        self.count.setText(
            self.tr("{shown} of {total} cities").format(
                shown=self.proxy.rowCount(), total=self.model.rowCount()
            )
        )

    def _bands_edited(self) -> None:
        text = self.bands.text().replace("，", ",")
        try:
            floors = tuple(
                sorted((float(part) for part in text.split(",") if part.strip()), reverse=True)
            )
            bands = GdpBands(floors)
        except ValueError:
            self.bands_error.setText(
                self.tr("Give the lower bounds of the bands, e.g. 20000, 10000, 5000")
            )
            return
        self.bands_error.clear()
        self.source.set_bands(bands)

    # ------------------------------------------------------------ second level

    def _show_second_level(self, shown: bool) -> None:
        analysis = self.model.analysis
        if analysis is not None:
            self.model.set_expanded(set(analysis.first) if shown else set())

    def _header_double_clicked(self, section: int) -> None:
        self.model.toggle(section)  # the proxy keeps the model's columns

    # ------------------------------------------------------------ texts

    def retranslate(self) -> None:
        labels = {
            "circle": self.tr("Economic circle:"),
            "band": self.tr("GDP band:"),
            "province": self.tr("Province:"),
            "admin_level": self.tr("Level:"),
        }
        for kind, label in labels.items():
            self._filter_labels[kind].setText(label)
        self.second_level.setText(self.tr("Show second level"))
        self._bands_label.setText(self.tr("GDP bands (100 million CNY):"))
        self.bands.setToolTip(self.tr("Lower bounds of the GDP bands, largest first"))
        self.pages.setTabText(0, self.tr("Ranking"))
        self.pages.setTabText(1, self.tr("Table 3-2 Tiers"))
        self.pages.setTabText(2, self.tr("Table 3-13 Second level"))
        self._fill_filters()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
