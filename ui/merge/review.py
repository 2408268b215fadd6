"""File → Field teams → Review conflicts and duplicates.

Conflicts: the master's row and a package's version side by side (differing fields marked),
each with its audit history; keep the master's, keep the package's, keep both (the
package's becomes an observation of its own) or edit. Duplicate candidates: the held
observation beside the one it duplicates; keep both or dismiss it. Every decision needs a
reason and is audited (models.conflicts); refusals are shown inline.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.conflicts import Conflict, Duplicate
from models.store import StoreError
from ui.merge.edit_dialog import ResolutionEditDialog
from ui.merge.merge_dialog import _table
from ui.merge.models import TextTable
from ui.merge.texts import (
    SHOWN_FIELDS,
    comparison_rows,
    conflict_rows,
    duplicate_rows,
    history_rows,
    history_tips,
)
from ui.session import Session
from ui.times import zone_name


def _fixed_widths(view: QTableView, widths: tuple[int, ...]) -> None:
    """Columns of these widths (text is elided; tooltips hold it whole), the last stretches."""
    header = view.horizontalHeader()
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)


class ConflictReviewDialog(QDialog):
    """The open conflicts and duplicate candidates of the session's campaign."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.conflicts: list[Conflict] = []
        self.duplicates: list[Duplicate] = []
        self.conflict_list = TextTable(self._list_headers, self)
        self.duplicate_list = TextTable(self._duplicate_headers, self)
        self.comparison = TextTable(self._comparison_headers, self)
        self.ours_history = TextTable(self._history_headers, self)
        self.theirs_history = TextTable(self._history_headers, self)
        self._build()
        self.retranslate()
        self.reload()
        self.resize(1340, 740)

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        self.lists = QTabWidget(self)
        self.conflict_view = _table(self, self.conflict_list)
        self.duplicate_view = _table(self, self.duplicate_list)
        self.lists.addTab(self.conflict_view, "")
        self.lists.addTab(self.duplicate_view, "")
        for view in (self.conflict_view, self.duplicate_view):
            view.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show())
        self.lists.currentChanged.connect(lambda _i: self._show())
        self.version = QComboBox(self)
        self.version.currentIndexChanged.connect(lambda _i: self._show_pair())
        self.compare_view = _table(self, self.comparison)
        self.ours_view = _table(self, self.ours_history)
        self.theirs_view = _table(self, self.theirs_history)
        for view in (self.ours_view, self.theirs_view):
            _fixed_widths(view, (118, 80, 160))
        _fixed_widths(self.conflict_view, (72, 188, 64))
        _fixed_widths(self.duplicate_view, (72, 146, 56, 74))
        self.ours_label, self.theirs_label = QLabel(self), QLabel(self)
        self.version_label, self.reason_label = QLabel(self), QLabel(self)
        self.reason = QLineEdit(self)
        self.reason_label.setBuddy(self.reason)
        self.nothing = QLabel(self)  # shown when there is nothing to review
        self.nothing.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        self.keep_ours, self.keep_theirs = QPushButton(self), QPushButton(self)
        self.keep_both, self.edit_button = QPushButton(self), QPushButton(self)
        self.dismiss, self.close_button = QPushButton(self), QPushButton(self)
        self.keep_ours.clicked.connect(lambda: self._decide("ours"))
        self.keep_theirs.clicked.connect(lambda: self._decide("theirs"))
        self.keep_both.clicked.connect(lambda: self._decide("both"))
        self.edit_button.clicked.connect(lambda: self._decide("edit"))
        self.dismiss.clicked.connect(lambda: self._decide("dismiss"))
        self.close_button.clicked.connect(self.accept)
        for button in (self.keep_ours, self.keep_theirs, self.keep_both, self.edit_button,
                       self.dismiss, self.close_button):  # fmt: skip
            button.setAutoDefault(False)  # Enter in the reason field decides nothing
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.lists)
        split.addWidget(self._detail())
        split.setSizes([440, 890])
        layout = QVBoxLayout(self)
        layout.addWidget(self.nothing)
        layout.addWidget(split, 1)
        layout.addLayout(self._decision_row())

    def _detail(self) -> QWidget:
        detail = QWidget(self)
        grid = QGridLayout(detail)
        grid.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.version_label)
        top.addWidget(self.version, 1)
        grid.addLayout(top, 0, 0, 1, 2)
        grid.addWidget(self.compare_view, 1, 0, 1, 2)
        grid.addWidget(self.ours_label, 2, 0)
        grid.addWidget(self.theirs_label, 2, 1)
        grid.addWidget(self.ours_view, 3, 0)
        grid.addWidget(self.theirs_view, 3, 1)
        view = self.compare_view
        rows = len(SHOWN_FIELDS) * view.verticalHeader().defaultSectionSize()
        view.setFixedHeight(
            rows + view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
        )
        grid.setRowStretch(3, 1)
        return detail

    def _decision_row(self) -> QVBoxLayout:
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason_label)
        reason_row.addWidget(self.reason, 1)
        buttons = QHBoxLayout()
        for button in (self.keep_ours, self.keep_theirs, self.keep_both, self.edit_button):
            buttons.addWidget(button)
        buttons.addWidget(self.dismiss)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        column = QVBoxLayout()
        column.addLayout(reason_row)
        column.addWidget(self.problem)
        column.addLayout(buttons)
        return column

    # ------------------------------------------------------------ content

    def reload(self) -> None:
        ws, campaign = self._session.workspace, self._session.campaign.campaign_id
        self.conflicts = ws.conflicts(campaign)
        self.duplicates = ws.duplicates(campaign)
        self.conflict_list.set_rows(conflict_rows(self._session, self.conflicts))
        self.duplicate_list.set_rows(duplicate_rows(self._session, self.duplicates))
        self._retitle_tabs()
        for view, items in (
            (self.conflict_view, self.conflicts),
            (self.duplicate_view, self.duplicates),
        ):
            if items and not view.currentIndex().isValid():
                view.selectionModel().setCurrentIndex(
                    view.model().index(0, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        if not self.conflicts and self.duplicates:
            self.lists.setCurrentIndex(1)
        self.nothing.setVisible(not self.conflicts and not self.duplicates)
        self._show()

    def current_conflict(self) -> Conflict | None:
        row = self.conflict_view.currentIndex().row()
        on = self.lists.currentIndex() == 0
        return self.conflicts[row] if on and 0 <= row < len(self.conflicts) else None

    def current_duplicate(self) -> Duplicate | None:
        row = self.duplicate_view.currentIndex().row()
        on = self.lists.currentIndex() == 1
        return self.duplicates[row] if on and 0 <= row < len(self.duplicates) else None

    def _show(self) -> None:
        self.problem.clear()
        conflict, duplicate = self.current_conflict(), self.current_duplicate()
        self.version.blockSignals(True)
        self.version.clear()
        if conflict is not None:
            for alt in conflict.alternatives:
                s = alt.source
                label = f"{s.evaluator}{f' ({s.team})' if s.team else ''} · {s.device} · {s.file}"
                self.version.addItem(label, alt.version.digest)
        self.version.blockSignals(False)
        self.version.setEnabled(self.version.count() > 1)
        self.version.setVisible(duplicate is None)
        self.version_label.setVisible(duplicate is None)
        for button in (self.keep_ours, self.keep_theirs, self.edit_button):
            button.setVisible(duplicate is None)
            button.setEnabled(conflict is not None)
        self.keep_both.setEnabled(conflict is not None or duplicate is not None)
        self.reason.setEnabled(conflict is not None or duplicate is not None)
        self.dismiss.setVisible(duplicate is not None)
        self._show_pair()

    def _show_pair(self) -> None:
        conflict, duplicate = self.current_conflict(), self.current_duplicate()
        ws = self._session.workspace
        if conflict is not None:
            alt = conflict.alternatives[max(self.version.currentIndex(), 0)]
            rows, marked = comparison_rows(self._session, conflict.current, alt.version)
            trail = ws.audit_trail("observation", conflict.uuid)
            packages = {a.source.device for a in conflict.alternatives}  # the other laptops'
            theirs = [e for e in trail if e.device == alt.source.device]
            ours = [e for e in trail if e.device not in packages]
        elif duplicate is not None and duplicate.other is not None:
            rows, marked = comparison_rows(self._session, duplicate.other, duplicate.held.version)
            ours = ws.audit_trail("observation", duplicate.duplicate_of)
            theirs = ws.audit_trail("observation", duplicate.uuid)
        else:
            rows, marked, ours, theirs = [], set(), [], []
        self._label_histories(duplicate is not None)
        self.comparison.set_rows(rows, marked)
        self.comparison.retranslate()  # its headers name the two sides
        s = self._session
        self.ours_history.set_rows(history_rows(s, ours), None, history_tips(s, ours))
        self.theirs_history.set_rows(history_rows(s, theirs), None, history_tips(s, theirs))
        self.compare_view.resizeColumnsToContents()

    # ------------------------------------------------------------ decisions

    def _decide(self, what: str) -> None:
        """Apply a decision on the current item; refusals are shown inline."""
        ws, s = self._session.workspace, self._session
        campaign, actor, reason = s.campaign.campaign_id, s.actor, self.reason.text()
        conflict, duplicate = self.current_conflict(), self.current_duplicate()
        digest = str(self.version.currentData() or "")
        try:
            if duplicate is not None:
                if what == "both":
                    ws.keep_duplicate(campaign, duplicate.uuid, actor, reason)
                else:
                    ws.dismiss_duplicate(campaign, duplicate.uuid, actor, reason)
            elif conflict is not None and what == "ours":
                ws.keep_current(campaign, conflict.uuid, actor, reason)
            elif conflict is not None and what == "theirs":
                ws.keep_version(campaign, conflict.uuid, digest, actor, reason)
            elif conflict is not None and what == "both":
                ws.keep_both(campaign, conflict.uuid, digest, actor, reason)
            elif conflict is not None and what == "edit":
                if not reason.strip():
                    raise ValueError(self.tr("Give a reason for the decision first."))
                values = self._edited(conflict, digest)
                if values is None:
                    return
                ws.resolve_by_edit(campaign, conflict.uuid, values, actor, reason)
            else:
                return
        except (ValueError, StoreError) as error:
            self.problem.setText(str(error))
            return
        self.reason.clear()
        s.observations_edited()
        self.reload()

    def _edited(self, conflict: Conflict, digest: str) -> dict[str, object] | None:
        theirs = next(a.version for a in conflict.alternatives if a.version.digest == digest)
        dialog = ResolutionEditDialog(self._session, conflict.current, theirs, self)
        return dialog.values() if dialog.exec() else None

    # ------------------------------------------------------------ language

    def _list_headers(self) -> list[str]:
        return [self.tr("City"), self.tr("Indicator"), self.tr("Versions"), self.tr("Differs in")]

    def _duplicate_headers(self) -> list[str]:
        return [self.tr("City"), self.tr("Indicator"), self.tr("Value"), self.tr("Evaluator"),
                self.tr("Date")]  # fmt: skip

    def _comparison_headers(self) -> list[str]:
        if self.current_duplicate() is not None:
            return [self.tr("Field"), self.tr("Observation it duplicates"), self.tr("Held back")]
        return [self.tr("Field"), self.tr("In the master"), self.tr("From the package")]

    def _history_headers(self) -> list[str]:
        when = self.tr("When ({zone})").format(zone=zone_name())
        return [when, self.tr("Who"), self.tr("Change"), self.tr("Reason")]

    def _label_histories(self, duplicates: bool) -> None:
        if duplicates:
            self.ours_label.setText(self.tr("History of the observation it duplicates"))
            self.theirs_label.setText(self.tr("History of the held-back observation"))
        else:
            self.ours_label.setText(self.tr("History in the master"))
            self.theirs_label.setText(self.tr("History from the package"))

    def _retitle_tabs(self) -> None:
        self.lists.setTabText(0, self.tr("Conflicts ({n})").format(n=len(self.conflicts)))
        self.lists.setTabText(1, self.tr("Duplicates ({n})").format(n=len(self.duplicates)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Review conflicts and duplicates"))
        self.version_label.setText(self.tr("Package version:"))
        self._label_histories(self.current_duplicate() is not None)
        self.reason_label.setText(self.tr("&Reason (kept in the audit trail):"))
        self.nothing.setText(
            self.tr(
                "Nothing to review: the merged packages brought no conflicts and no duplicate "
                "candidates (or all have been decided)."
            )
        )
        self.reason.setPlaceholderText(self.tr("e.g. the statistics yearbook confirms 38.2"))
        self.keep_ours.setText(self.tr("Keep the &master's"))
        self.keep_theirs.setText(self.tr("Keep the &package's"))
        self.keep_both.setText(self.tr("Keep &both"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.dismiss.setText(self.tr("&Dismiss as a duplicate"))
        self.close_button.setText(self.tr("Close"))
        self._retitle_tabs()
        for model in (self.conflict_list, self.duplicate_list, self.comparison):
            model.retranslate()
        self.ours_history.retranslate()
        self.theirs_history.retranslate()
