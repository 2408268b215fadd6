"""The coverage tab: legend and options above the matrix of cities × indicators.

Double-click (or Enter) on a cell emits `cell_activated(city_id, indicator_id)`; a click
on a second-level column header shows its indicators, a click on one of those collapses
them again; "Show third level" expands every group.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QHideEvent,
    QShowEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.coverage import CellState
from ui.coverage.matrix_model import STATE_COLORS, CoverageModel
from ui.session import Session

MIN_COLUMN_WIDTH = 66  # fits "10/10" and a 4-character Chinese name per header line
MAX_COLUMN_WIDTH = 120  # columns share the view's width between these bounds
TOTAL_WIDTH = 96
HEADER_FONT_SCALE = 0.9  # column headers a little smaller: more of a long name fits
NAME_LINES = 3  # lines of an indicator name in a column header
LEGEND_ORDER = (CellState.MISSING, CellState.ENTERED, CellState.DISCREPANCY, CellState.VERIFIED)


class CoverageTab(QWidget):
    """What has been entered where: one coloured cell per city × indicator."""

    cell_activated = Signal(int, int)  # city_id, indicator_id (a leaf)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._column_width = MIN_COLUMN_WIDTH
        self.model = CoverageModel(session, self)
        self.model.follower.set_paused(True)  # until shown
        self.third_level = QCheckBox(self)
        self.third_level.toggled.connect(self.model.set_all_expanded)
        self._swatches = {state: (_swatch(state, self), QLabel(self)) for state in LEGEND_ORDER}
        self.summary = QLabel(self)
        self.hint = QLabel(self)
        self.view = self._make_view()
        self.model.wrap_name = self._wrap_name
        self._build_layout()
        self.retranslate()
        for signal in (self.model.modelReset, self.model.dataChanged):
            signal.connect(self._show_summary)
        self.model.modelReset.connect(self._size_sections)
        self.model.columnsInserted.connect(self._size_sections)
        session.language_changed.connect(lambda _language: self.retranslate())

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.third_level)
        bar.addSpacing(16)
        for swatch, label in self._swatches.values():
            bar.addWidget(swatch)
            bar.addWidget(label)
            bar.addSpacing(8)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)

    def _make_view(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.model)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setWordWrap(True)
        header = view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setHighlightSections(False)
        small = header.font()
        small.setPointSizeF(small.pointSizeF() * HEADER_FONT_SCALE)
        header.setFont(small)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self.model.toggle)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setHighlightSections(False)
        view.activated.connect(self._activated)
        view.viewport().installEventFilter(self)
        return view

    def _size_sections(self) -> None:
        """Share the view's width among the columns (scrolling below MIN_COLUMN_WIDTH)."""
        header = self.view.horizontalHeader()
        shown = max(len(self.model.columns), 1)
        room = self.view.viewport().width() - TOTAL_WIDTH - 2
        self._column_width = max(MIN_COLUMN_WIDTH, min(MAX_COLUMN_WIDTH, room // shown))
        for column in range(self.model.columnCount()):
            last = column == self.model.columnCount() - 1
            header.resizeSection(column, TOTAL_WIDTH if last else self._column_width)
        header.setFixedHeight(self._header_height())
        rows = self.view.verticalHeader()
        line = self.fontMetrics().height()
        rows.setDefaultSectionSize(line + 8)
        rows.resizeSection(self.model.rowCount() - 1, 2 * line + 8)  # totals: two lines

    def _header_height(self) -> int:
        """Room for the code and a name wrapped onto NAME_LINES lines."""
        return (NAME_LINES + 1) * self.view.horizontalHeader().fontMetrics().height() + 12

    def _wrap_name(self, name: str) -> str:
        """`name` broken into lines that fit a column, the last one elided if need be."""
        return wrap_text(
            name, self.view.horizontalHeader().font(), self._column_width - 10, NAME_LINES
        )

    # ------------------------------------------------------------ texts

    def _show_summary(self) -> None:
        overall = self.model.overall
        share = f"{overall.share:.1%}"
        verified = overall.verified / overall.cells if overall.cells else 0.0
        self.summary.setText(
            self.tr("Entered {filled}/{cells} ({share}) · verified {verified}").format(
                filled=overall.filled, cells=overall.cells, share=share, verified=f"{verified:.0%}"
            )
        )
        counts = {
            CellState.MISSING: overall.missing,
            CellState.ENTERED: overall.entered,
            CellState.DISCREPANCY: overall.discrepancy,
            CellState.VERIFIED: overall.verified,
        }
        for state, (_swatch_label, label) in self._swatches.items():
            label.setText(f"{self.model.texts.state_name(state)} ({counts[state]})")

    def retranslate(self) -> None:
        self.third_level.setText(self.tr("Show third level"))
        self.hint.setText(
            self.tr(
                "Double-click a cell to enter its data. Click a column header to show or hide "
                "its indicators. ✓ verified, ! observations disagree, – missing."
            )
        )
        self._show_summary()
        self._size_sections()
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The viewport changed size (window, city names' width): share its width again."""
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            before = self._column_width
            self._size_sections()
            if self._column_width != before:  # the names are wrapped to the width
                self.model.headerDataChanged.emit(
                    Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
                )
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        self.model.follower.set_paused(False)  # catch up with the edits made meanwhile
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.model.follower.set_paused(True)
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------ activation

    def _activated(self, index: QModelIndex) -> None:
        ids = self.model.cell_ids(index.row(), index.column()) if index.isValid() else None
        if ids is not None:
            self.cell_activated.emit(*ids)


def wrap_text(text: str, font: QFont, width: int, max_lines: int) -> str:
    """`text` laid out in lines of at most `width` pixels, broken between words (and
    between Chinese characters); a word too long for a line, and the rest of a text
    longer than `max_lines` lines, are elided with '…'."""
    metrics = QFontMetrics(font)
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    line = layout.createLine()
    while line.isValid() and len(lines) < max_lines:
        line.setLineWidth(width)
        start = line.textStart()
        last = len(lines) == max_lines - 1
        piece = text[start:] if last else text[start : start + line.textLength()]
        lines.append(metrics.elidedText(piece.strip(), Qt.TextElideMode.ElideRight, width))
        line = layout.createLine()
    layout.endLayout()
    return "\n".join(lines)


def _swatch(state: CellState, parent: QWidget) -> QLabel:
    swatch = QLabel(parent)
    swatch.setFixedSize(16, 16)
    color = STATE_COLORS[state].name()
    swatch.setStyleSheet(f"background: {color}; border: 1px solid #808080;")
    return swatch
