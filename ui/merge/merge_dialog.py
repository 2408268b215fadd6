"""File → Field teams → Merge field packages: check each package first (a refused one says
why, one made for another indicator system shows its mapping for confirmation), then merge
them all in one transaction with a progress dialog that can cancel (nothing changes then),
and show what each package brought."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.framework_version import FrameworkMapping
from models.merge import FrameworkMismatchError, MergeCancelledError
from models.package_zip import PackageError
from models.store import StoreError
from ui.fieldwork.export_dialog import PACKAGE_FILTER
from ui.merge.models import PackageEntry, TextTable
from ui.session import Session
from ui.times import local_time, zone_name


def _table(parent: QWidget, model: TextTable) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setWordWrap(False)
    return view


class MergeDialog(QDialog):
    """Merges into the session's workspace; `review_requested` is set when the user asks to
    review the conflicts after merging."""

    def __init__(self, session: Session, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._folder = session, folder
        self.entries: list[PackageEntry] = []
        self.review_requested = False
        self.packages = TextTable(self._package_headers, self)
        self.mapping = TextTable(self._mapping_headers, self)
        self.package_view = _table(self, self.packages)
        self.mapping_view = _table(self, self.mapping)
        self.package_view.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._show_mapping(current.row())
        )
        self.add_button, self.remove_button = QPushButton(self), QPushButton(self)
        self.merge_button, self.review_button = QPushButton(self), QPushButton(self)
        self.close_button = QPushButton(self)
        self.accept_mapping = QCheckBox(self)
        self.mapping_label, self.status = QLabel(self), QLabel(self)
        self.refusal = QLabel(self)  # why the current package is refused, in full
        self.refusal.setWordWrap(True)
        self.refusal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refusal.setStyleSheet("color: #b00020")
        self.refusal.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.status.setWordWrap(True)
        self.mapping_label.setWordWrap(True)
        self.add_button.clicked.connect(self.choose_packages)
        self.remove_button.clicked.connect(self._remove_current)
        self.merge_button.clicked.connect(self.merge)
        self.review_button.clicked.connect(self._review)
        self.close_button.clicked.connect(self.accept)
        self.accept_mapping.toggled.connect(lambda _on: self._refresh())
        self._layout()
        self.retranslate()
        self._refresh()
        self.resize(1100, 640)

    def _layout(self) -> None:
        mapping_box = QWidget(self)
        lower = QVBoxLayout(mapping_box)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(self.mapping_label)
        lower.addWidget(self.refusal, 1)
        lower.addWidget(self.mapping_view, 1)
        lower.addWidget(self.accept_mapping)
        lower.addStretch(0)  # takes the room when there is no table and no refusal
        self._lower = lower
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.package_view)
        split.addWidget(mapping_box)
        split.setSizes([360, 220])
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.merge_button, self.review_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    # ------------------------------------------------------------ packages

    def choose_packages(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Merge field packages"), str(self._folder), PACKAGE_FILTER
        )
        self.add_packages([Path(n) for n in names])

    def add_packages(self, paths: list[Path]) -> None:
        known = {e.path.resolve() for e in self.entries}
        for path in paths:
            if path.resolve() not in known:
                known.add(path.resolve())
                self.entries.append(self._checked(path))
        self._refresh()
        if self.entries:
            self.package_view.selectionModel().setCurrentIndex(
                self.packages.index(len(self.entries) - 1, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _checked(self, path: Path) -> PackageEntry:
        entry = PackageEntry(path)
        workspace = self._session.workspace
        try:
            entry.check = workspace.check_package(path, accept_mapping=True)
            entry.mapping = entry.check.mapping
            entry.needs_mapping = not entry.check.mapping.identical
        except FrameworkMismatchError as error:
            entry.error, entry.mapping = error.message, error.mapping
        except (PackageError, StoreError) as error:
            entry.error = str(getattr(error, "message", error))
        return entry

    def _remove_current(self) -> None:
        row = self.package_view.currentIndex().row()
        if 0 <= row < len(self.entries) and self.entries[row].report is None:
            del self.entries[row]
            self._refresh()

    # ------------------------------------------------------------ merging

    def mergeable(self) -> bool:
        pending = [e for e in self.entries if e.report is None]
        if not pending or any(not e.ready for e in pending):
            return False
        return self.accept_mapping.isChecked() or not any(e.needs_mapping for e in pending)

    def _waiting(self) -> tuple[int, int]:
        """Observations in conflict and held duplicates of the campaign, after all merges
        (a package's counts are of versions: one observation may conflict in several)."""
        workspace, campaign = self._session.workspace, self._session.campaign.campaign_id
        return len(workspace.conflicts(campaign)), len(workspace.duplicates(campaign))

    def merge(self) -> bool:
        """Merge every listed package (one transaction); True when it happened."""
        pending = [e for e in self.entries if e.report is None]
        if not self.mergeable():
            return False
        progress = QProgressDialog(self.tr("Merging…"), self.tr("Cancel"), 0, len(pending), self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

        def step(done: int, _total: int, _what: str) -> bool:
            progress.setValue(done)
            QApplication.processEvents()
            return not progress.wasCanceled()

        session = self._session
        try:
            reports = session.workspace.merge_packages(
                [e.path for e in pending],
                session.actor,
                accept_mapping=self.accept_mapping.isChecked(),
                progress=step,
            )
        except MergeCancelledError:
            self.status.setText(self.tr("The merge was cancelled; nothing was changed."))
            return False
        except (PackageError, StoreError, ValueError) as error:
            self.status.setText(self.tr("Nothing was merged: {why}").format(why=error))
            return False
        finally:
            progress.close()
        for entry, report in zip(pending, reports, strict=True):
            entry.report = report
        session.undo_stack.clear()  # a merge is not undone step by step
        session.observations_edited()
        self._refresh()
        return True

    def _review(self) -> None:
        self.review_requested = True
        self.accept()

    # ------------------------------------------------------------ display

    def _package_headers(self) -> list[str]:
        return [
            self.tr("Package"), self.tr("Evaluator (team)"), self.tr("Device"),
            self.tr("Made ({zone})").format(zone=zone_name()), self.tr("Observations"),
            self.tr("Status"),
        ]  # fmt: skip

    def _mapping_headers(self) -> list[str]:
        return [
            self.tr("Indicator"),
            self.tr("In the package"),
            self.tr("Here"),
            self.tr("Differs"),
        ]

    def _status_text(self, entry: PackageEntry) -> str:
        if entry.report is not None:
            r = entry.report
            return self.tr(
                "Merged: {added} added, {updated} updated, {skipped} skipped, "
                "{conflicts} in conflict, {duplicates} duplicates"
            ).format(
                added=r.added, updated=r.updated, skipped=r.skipped,
                conflicts=r.conflicts, duplicates=r.duplicates,
            )  # fmt: skip
        if entry.error:
            return self.tr("Refused: {why}").format(why=entry.error)
        if entry.needs_mapping:
            return self.tr("Made for another version of the indicator system: check the mapping")
        return self.tr("Ready to merge")

    def _refresh(self) -> None:
        rows, tips, marked = [], {}, set()
        for n, e in enumerate(self.entries):
            m = e.check.manifest if e.check is not None else None
            who = f"{m.evaluator}{f' ({m.team})' if m.team else ''}" if m else ""
            made = local_time(m.created, seconds=False) if m else ""
            count = str(e.check.observations) if e.check is not None else ""
            status = self._status_text(e)
            rows.append([e.path.name, who, m.device if m else "", made, count, status])
            tips[n] = status
            if e.error or (e.needs_mapping and e.report is None):
                marked.add((n, 5))
        self.packages.set_rows(rows, marked, tips)
        self._show_mapping(self.package_view.currentIndex().row())
        pending = [e for e in self.entries if e.report is None]
        self.accept_mapping.setVisible(any(e.needs_mapping for e in pending))
        self.merge_button.setEnabled(self.mergeable())
        merged = [e.report for e in self.entries if e.report is not None]
        conflicts, duplicates = self._waiting() if merged else (0, 0)
        self.review_button.setEnabled(bool(merged))
        self.review_button.setDefault(conflicts + duplicates > 0)
        self.remove_button.setEnabled(bool(pending))
        if merged and not pending:
            self.status.setText(
                self.tr(
                    "Merged. {conflicts} observations in conflict and {duplicates} duplicate "
                    "candidates wait for a decision: press “Review conflicts…”."
                ).format(conflicts=conflicts, duplicates=duplicates)
                if conflicts + duplicates
                else self.tr("Merged. Nothing needs a decision.")
            )
        elif any(e.error for e in pending):
            self.status.setText(self.tr("Remove the refused packages to merge the others."))
        elif pending and not self.mergeable():
            self.status.setText(self.tr("Confirm the mapping below to merge."))
        elif not any(e.report is not None for e in self.entries):
            self.status.setText(
                ""
                if pending
                else self.tr(
                    "Add the package files (.smartpkg) the field teams gave you; each is "
                    "checked before anything is merged."
                )
            )

    def _show_mapping(self, row: int) -> None:
        entry = self.entries[row] if 0 <= row < len(self.entries) else None
        mapping: FrameworkMapping | None = entry.mapping if entry is not None else None
        rows, marked = [], set()
        shown = mapping.indicators if mapping is not None and not mapping.identical else ()
        for m in sorted(shown, key=lambda m: (not m.differences, m.code)):  # differences first
            theirs = f"{m.theirs.parent} · {_range(m.theirs.low, m.theirs.high)}"
            ours = f"{m.ours.parent} · {_range(m.ours.low, m.ours.high)}"
            names = {
                "parent": self.tr("parent"),
                "low": self.tr("lower goalpost"),
                "high": self.tr("upper goalpost"),
            }
            code = m.code
            if code in self._session.framework:
                code = f"{code} {self._session.name(self._session.framework[code])}"
            rows.append([code, theirs, ours, ", ".join(names[d] for d in m.differences)])
            if m.differences:
                marked |= {(len(rows) - 1, c) for c in range(4)}
        for problem in mapping.problems if mapping is not None else ():
            rows.append(["", problem, "", ""])
            marked.add((len(rows) - 1, 1))
        self.mapping.set_rows(rows, marked)
        self.mapping_view.setVisible(bool(rows))
        refused = entry is not None and bool(entry.error) and entry.report is None
        self.refusal.setVisible(refused)
        self._lower.setStretch(self._lower.count() - 1, 0 if rows or refused else 1)
        self.refusal.setText(
            self.tr("This package is refused and cannot be merged:\n{why}").format(why=entry.error)
            if entry is not None and refused
            else ""
        )
        differing = sum(1 for m in shown if m.differences)
        self.mapping_label.setText(
            self.tr(
                "How the package's indicators map onto this indicator system "
                "({differ} differ, {same} unchanged):"
            ).format(differ=differing, same=len(shown) - differing)
            if rows
            else self.tr("The package was made for this indicator system: nothing to map.")
            if entry is not None and entry.check is not None
            else self.tr("Choose a package above to see how its indicators map onto this system.")
            if entry is None and self.entries
            else ""
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Merge field packages"))
        self.add_button.setText(self.tr("&Add packages…"))
        self.remove_button.setText(self.tr("Re&move"))
        self.merge_button.setText(self.tr("Mer&ge"))
        self.review_button.setText(self.tr("&Review conflicts…"))
        self.close_button.setText(self.tr("Close"))
        self.accept_mapping.setText(self.tr("Merge with this mapping (indicators matched by code)"))
        self.packages.retranslate()
        self.mapping.retranslate()
        self._refresh()


def _range(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return "—"
    return f"{low:g}–{high:g}"
