"""The selected cell's observations and audit trail, with the discrepancy flag."""

from __future__ import annotations

import json

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.audit import AuditEntry
from models.framework import Indicator
from models.observations import Observation
from ui.entry.labels import channel_label, number_text, status_label, value_text
from ui.session import Session
from ui.times import local_time

AnyIndex = QModelIndex | QPersistentModelIndex
UUID_ROLE = Qt.ItemDataRole.UserRole + 1
DISAGREE = QColor("#b3261e")


class ObservationTableModel(QAbstractTableModel):
    """The live observations of one cell: channel, evaluator, value, status, date."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: list[Observation] = []
        self._indicator: Indicator | None = None
        self._current: str | None = None
        self._discrepancy = False

    def set_cell(
        self,
        indicator: Indicator | None,
        rows: list[Observation],
        current: str | None,
        disagree: bool,
    ) -> None:
        if [o.uuid for o in rows] != [o.uuid for o in self._rows] or indicator != self._indicator:
            self.beginResetModel()
            self._indicator, self._rows = indicator, list(rows)
            self._current, self._discrepancy = current, disagree
            self.endResetModel()
            return
        self._rows, self._current, self._discrepancy = list(rows), current, disagree
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 4))

    def row_of(self, uuid: str | None) -> int:
        return next((i for i, o in enumerate(self._rows) if o.uuid == uuid), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Channel"),
            self.tr("Evaluator"),
            self.tr("Value"),
            self.tr("Status"),
            self.tr("Observed"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        obs = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(obs, index.column())
        if role == UUID_ROLE:
            return obs.uuid
        if role == Qt.ItemDataRole.FontRole and obs.uuid == self._current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2 and self._discrepancy:
            return DISAGREE if obs.status != "rejected" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(obs)
        return None

    def _display(self, obs: Observation, column: int) -> str:
        language = self._session.language
        spec = self._indicator.spec if self._indicator else None
        texts = (
            lambda: channel_label(obs.channel, language),
            lambda: obs.evaluator,
            lambda: value_text(spec, obs.value, language),
            lambda: status_label(obs.status),
            lambda: obs.observed_on.isoformat(),
        )
        return texts[column]() if 0 <= column < len(texts) else ""

    def _tooltip(self, obs: Observation) -> str:
        lines = [obs.source, obs.note, self.tr("Device: {device}").format(device=obs.device)]
        if obs.uuid == self._current:
            lines.insert(0, self.tr("Shown in the entry panel"))
        return "\n".join(line for line in lines if line)


class AuditTableModel(QAbstractTableModel):
    """The audit rows of a cell's observations: when, who, what, old → new, reason."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: list[AuditEntry] = []
        self._indicator: Indicator | None = None

    def set_entries(self, indicator: Indicator | None, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self._indicator, self._rows = indicator, list(entries)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("When"),
            self.tr("Who"),
            self.tr("Change"),
            self.tr("Old → new"),
            self.tr("Reason"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            texts = (
                lambda: local_time(entry.at),
                lambda: entry.who,
                lambda: self._what(entry),
                lambda: self._change(entry),
                lambda: entry.reason,
            )
            column = index.column()
            return texts[column]() if 0 <= column < len(texts) else None
        if role == UUID_ROLE:
            return entry.row_key
        return None

    def _what(self, entry: AuditEntry) -> str:
        actions = {
            "create": self.tr("created"),
            "delete": self.tr("deleted"),
            "restore": self.tr("restored"),
        }
        if entry.action in actions:
            return actions[entry.action]
        fields = {
            "value": self.tr("value"),
            "channel": self.tr("channel"),
            "observed_on": self.tr("date observed"),
            "source": self.tr("source"),
            "note": self.tr("note"),
            "detail": self.tr("ticked items"),
            "status": self.tr("status"),
        }
        return fields.get(entry.field, entry.field)

    def _change(self, entry: AuditEntry) -> str:
        if entry.action == "create":
            snapshot = entry.new_value
            if isinstance(snapshot, dict):
                value = self._text("value", snapshot.get("value"))
                return f"{value} · {self._text('channel', snapshot.get('channel'))}"
            return ""
        if entry.action != "update":
            return ""
        old = self._text(entry.field, entry.old_value)
        return f"{old} → {self._text(entry.field, entry.new_value)}"

    def _text(self, field: str, value: object) -> str:
        language = self._session.language
        if value is None or value == "":
            return "∅"
        if field == "value" and isinstance(value, int | float):
            spec = self._indicator.spec if self._indicator else None
            return value_text(spec, float(value), language)
        if field == "channel":
            return channel_label(str(value), language)
        if field == "status":
            return status_label(str(value))
        if field == "detail":
            try:
                items = json.loads(str(value))
            except ValueError:
                return str(value)
            return (
                self.tr("{n} items").format(n=len(items)) if isinstance(items, list) else str(value)
            )
        if isinstance(value, float):
            return number_text(value)
        return str(value)


class HistoryView(QWidget):
    """A banner when the cell's observations disagree, then two tabs: observations, audit."""

    observation_selected = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.observations = ObservationTableModel(session, self)
        self.audit = AuditTableModel(session, self)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #b3261e; font-weight: bold")
        self.banner.hide()
        self.tabs = QTabWidget(self)
        self.observation_view = self._table(self.observations, stretch=None)
        self.audit_view = self._table(self.audit, stretch=3)
        self.tabs.addTab(self.observation_view, "")
        self.tabs.addTab(self.audit_view, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs)
        self._updating = False
        self._indicator: Indicator | None = None
        self._disagree = False
        self.observation_view.selectionModel().selectionChanged.connect(self._on_selection)
        self.retranslate()

    def _table(self, model: QAbstractTableModel, stretch: int | None) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(stretch is None)
        if stretch is not None:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return view

    def show_cell(
        self,
        city_id: int | None,
        indicator: Indicator | None,
        cell: list[Observation],
        current: str | None,
        disagree: bool,
    ) -> None:
        """Show one cell (indicator None: nothing selected)."""
        self._indicator, self._disagree = indicator, disagree
        self._updating = True
        try:
            self.observations.set_cell(indicator, cell, current, disagree)
            self._select(current)
        finally:
            self._updating = False
        self.audit.set_entries(indicator, self._entries(city_id, indicator))
        self.audit_view.scrollToBottom()
        self._update_banner()

    def set_current(
        self, indicator: Indicator, cell: list[Observation], current: str | None, disagree: bool
    ) -> None:
        """Highlight the observation the panel edits (the audit trail is unchanged)."""
        self._updating = True
        try:
            self.observations.set_cell(indicator, cell, current, disagree)
            self._select(current)
        finally:
            self._updating = False

    def _entries(self, city_id: int | None, indicator: Indicator | None) -> list[AuditEntry]:
        if city_id is None or indicator is None or indicator.node_id is None:
            return []
        ws, campaign = self._session.workspace, self._session.campaign.campaign_id
        every = ws.observations(campaign, city_id, indicator.node_id, include_deleted=True)
        entries = [e for o in every for e in ws.audit_trail("observation", o.uuid)]
        return sorted(entries, key=lambda e: e.entry_id)

    def _select(self, uuid: str | None) -> None:
        row = self.observations.row_of(uuid)
        if row < 0:
            self.observation_view.clearSelection()
        else:
            self.observation_view.selectRow(row)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._updating or not selected.indexes():
            return
        uuid = selected.indexes()[0].data(UUID_ROLE)
        if isinstance(uuid, str):
            self.observation_selected.emit(uuid)

    def _update_banner(self) -> None:
        self.banner.setVisible(self._disagree)
        share = round(self._session.scores().settings.discrepancy_share * 100)
        self.banner.setText(
            self.tr("⚠ These observations disagree by more than {share}% of the range").format(
                share=share
            )
        )
        count = self.observations.rowCount()
        self.tabs.setTabText(0, self.tr("Observations ({n})").format(n=count))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.tabs.setTabText(1, self.tr("Audit trail"))
        self._update_banner()
        for model in (self.observations, self.audit):
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
