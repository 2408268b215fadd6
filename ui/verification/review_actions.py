"""Verification in the Observations tab: Submit, Verify…, Reject…, Reopen… on the selected
rows (several at once), from a "Review" button and the table's context menu.

The rules (who may verify, which changes are allowed, when a reason is needed) are the
models' (models.verification); a refused change is shown in the dialog and changes
nothing (all selected rows or none). Each review is one undoable step.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.observations import Status
from models.store import StoreError
from ui.observations.tab import ObservationsTab
from ui.session import AppliedCommand, Session


class ReviewObservations(AppliedCommand):
    """Set the status of several observations (one transaction); undo puts each back."""

    def __init__(self, session: Session, uuids: Sequence[str], status: Status, reason: str) -> None:
        super().__init__(QCoreApplication.translate("commands", "Review observations"))
        self._session, self._uuids = session, list(uuids)
        self._status, self._reason = status, reason
        ws = session.workspace
        self._before: dict[str, Status] = {u: ws.observation(u).status for u in self._uuids}
        self.changed = 0

    def apply(self) -> None:
        ws, actor = self._session.workspace, self._session.actor
        self.changed = ws.review(self._uuids, self._status, actor, self._reason)
        self._session.observations_edited()

    def revert(self) -> None:
        ws, actor = self._session.workspace, self._session.actor
        for status in sorted(set(self._before.values())):
            back = [u for u, s in self._before.items() if s == status]
            ws.review(back, status, actor, "undo")
        self._session.observations_edited()


class ReasonDialog(QDialog):
    """Asks for the reason of a review and applies it on OK; a refusal shows inline."""

    def __init__(
        self,
        session: Session,
        uuids: Sequence[str],
        status: Status,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session, self._uuids, self._status = session, list(uuids), status
        self.setWindowTitle(title)
        self.what = QLabel(self.tr("%n observation(s) selected.", "", len(self._uuids)), self)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(
            self.tr("Reason (required)") if status == "rejected" else self.tr("Reason (optional)")
        )
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(title)  # "Verify", "Reject"…: says what OK does
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.what, self.reason, self.problem, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(480)

    def accept(self) -> None:
        command = ReviewObservations(self._session, self._uuids, self._status, self.reason.text())
        try:
            self._session.edit(command)
        except (ValueError, StoreError) as error:
            self.problem.setText(str(error))
            return
        super().accept()


class ReviewActions(QObject):
    """The review actions installed on one Observations tab."""

    def __init__(self, tab: ObservationsTab, session: Session) -> None:
        super().__init__(tab)
        self._tab, self._session = tab, session
        self.submit, self.verify = QAction(self), QAction(self)
        self.reject, self.reopen = QAction(self), QAction(self)
        self.submit.triggered.connect(lambda _c=False: self.submit_selected())
        self.verify.triggered.connect(lambda _c=False: self.ask("verified", self.verify))
        self.reject.triggered.connect(lambda _c=False: self.ask("rejected", self.reject))
        self.reopen.triggered.connect(lambda _c=False: self.ask("submitted", self.reopen))
        self.menu = QMenu(tab)
        self.menu.addActions([self.submit, self.verify, self.reject, self.reopen])
        self.button = QPushButton(tab)  # its size includes the menu arrow
        self.button.setMenu(self.menu)
        view = tab.view
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.addActions([self.submit, self.verify, self.reject, self.reopen])
        self.retranslate()
        tab.installEventFilter(self)
        view.selectionModel().selectionChanged.connect(lambda _s, _d: self._enable())
        tab.proxy.modelReset.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        """The actions work on the selected rows: without a selection they are off."""
        selected = self._tab.view.selectionModel().hasSelection()
        for action in (self.submit, self.verify, self.reject, self.reopen):
            action.setEnabled(selected)
        self.button.setToolTip(
            "" if selected else self.tr("Select one or more observations in the table first.")
        )

    def selected_uuids(self) -> list[str]:
        tab = self._tab
        rows = sorted({i.row() for i in tab.view.selectionModel().selectedRows()})
        return [tab.model.uuid(tab.proxy.source_row(r)) for r in rows]

    def submit_selected(self) -> bool:
        uuids = self.selected_uuids()
        if not uuids:
            return False
        try:
            self._session.edit(ReviewObservations(self._session, uuids, "submitted", ""))
        except (ValueError, StoreError) as error:
            self._tab.count_label.setText(str(error))
            return False
        return True

    def ask(self, status: Status, action: QAction) -> bool:
        """The reason dialog for a review of the selected rows; True when applied."""
        uuids = self.selected_uuids()
        if not uuids:
            return False
        title = plain_title(action.text())
        return bool(ReasonDialog(self._session, uuids, status, title, self._tab).exec())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._tab and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.button.setText(self.tr("Review"))
        self.submit.setText(self.tr("&Submit"))
        self.verify.setText(self.tr("&Verify…"))
        self.reject.setText(self.tr("&Reject…"))
        self.reopen.setText(self.tr("Re&open…"))


def plain_title(text: str) -> str:
    """An action's text as a window title: no mnemonic ("&V", "(&V)") and no trailing dots."""
    text = re.sub(r"\(&\w\)", "", text).replace("&", "")
    return text.rstrip("….").strip()


def observations_tab_with_review(session: Session) -> ObservationsTab:
    """The Observations tab with the review actions (for ui.tabs)."""
    tab = ObservationsTab(session)
    actions = ReviewActions(tab, session)
    layout = tab.layout()
    item = layout.itemAt(0) if layout is not None else None
    bar = item.layout() if item is not None else None
    if isinstance(bar, QHBoxLayout):  # the filter bar: the button goes at its end
        bar.addWidget(actions.button)
    return tab
