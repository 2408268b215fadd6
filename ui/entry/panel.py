"""The entry panel: the value editor and the fields of one observation of the selected cell.

Which observation: the one chosen in the history, else the evaluator's most recent one of
the cell, else the most recent one; in an empty cell (or after "New observation") the
first value entered creates one with the panel's channel, date, source, note and status.
Every field is saved when it is left, as one undoable command (see `ObservationWriter`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QEvent, Qt, QTime, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from models.framework import Indicator
from models.store import StoreError
from ui.entry.cells import CityCells, default_observation
from ui.entry.editors import ValueEditor, make_editor
from ui.entry.evidence import EvidenceBox
from ui.entry.fields import ObservationFields
from ui.entry.labels import channel_label, range_text
from ui.entry.writer import Draft, ObservationWriter, Outcome, Target
from ui.session import Session

RED, ORANGE, QUIET = "color: #b3261e", "color: #9a5b00", "color: #1b5e20"


@dataclass(frozen=True)
class Pending:
    """A value held back by a soft warning until the user gives a reason."""

    raw: object
    detail: str
    advance: bool


class EntryPanel(QWidget):
    """Edits one observation of the selected city × indicator."""

    advance_requested = Signal()
    observation_shown = Signal(object)  # uuid (str) or None

    def __init__(self, session: Session, cells: CityCells, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._cells = session, cells
        self._writer = ObservationWriter(session, self)
        self._city_id: int | None = None
        self._indicator: Indicator | None = None
        self._uuid: str | None = None
        self._new_mode = False
        self._pending: Pending | None = None
        self._sticky = Draft(channel="实地调研", observed_on=_today())
        self._editor: ValueEditor | None = None
        self._hint_shown = True
        self._build()
        self.retranslate()
        self.show_nothing()

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        self.title = _label(self, bold=True)
        self.subtitle = _label(self)
        self.which = _label(self)
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.start_new)
        self.body = QWidget(self)
        form = QFormLayout(self.body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setContentsMargins(0, 0, 0, 0)
        self.value_label = QLabel(self.body)
        self.holder = QVBoxLayout()
        self.error = _label(self.body, style=RED)
        self.warning_box = self._warning_box()
        form.addRow(self.value_label, self.holder)
        form.addRow(self.error)
        form.addRow(self.warning_box)
        self.fields = ObservationFields(self._session, form, self.body)
        self.fields.edited.connect(self._on_field_edited)
        self.evidence = EvidenceBox(self._session, self)
        self.evidence.attached.connect(lambda _sha: self._saved())
        self.state = _label(self)
        self.state.setFrameShape(QFrame.Shape.StyledPanel)
        self.state.setMinimumHeight(2 * self.state.fontMetrics().lineSpacing() + 8)
        self._lay_out()

    def _warning_box(self) -> QFrame:
        box = QFrame(self.body)
        box.setFrameShape(QFrame.Shape.StyledPanel)
        self.warning = _label(box, style=ORANGE)
        self.reason = QLineEdit(box)
        self.reason.returnPressed.connect(lambda: self._accept_reason(advance=True))
        self.accept_button = QPushButton(box)
        self.accept_button.clicked.connect(lambda: self._accept_reason(advance=False))
        row = QHBoxLayout()
        row.addWidget(self.reason, 1)
        row.addWidget(self.accept_button)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.warning)
        layout.addLayout(row)
        box.hide()
        return box

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.which, 1)
        top.addWidget(self.new_button)
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.addWidget(self.title)
        column.addWidget(self.subtitle)
        column.addLayout(top)
        column.addWidget(self.body)
        column.addWidget(self.evidence)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.state)

    # ------------------------------------------------------------ what is shown

    @property
    def uuid(self) -> str | None:
        """The observation being edited (None: the next value creates one)."""
        return self._uuid

    @property
    def editor(self) -> ValueEditor | None:
        return self._editor

    @property
    def indicator(self) -> Indicator | None:
        return self._indicator

    def show_nothing(self, text: str = "") -> None:
        self.flush()
        self._city_id, self._indicator, self._uuid, self._pending = None, None, None, None
        self._set_editor(None)
        self.title.setText(text or self.tr("Choose a city, then an indicator"))
        self.subtitle.clear()
        for widget in (self.which, self.new_button, self.body, self.evidence):
            widget.hide()
        self.observation_shown.emit(None)

    def show_branch(self, indicator: Indicator, filled: int, total: int) -> None:
        self.show_nothing(f"{indicator.code}  {self._session.name(indicator)}")
        self.subtitle.setText(
            self.tr("{filled} of {total} indicators have a value. Choose one to enter it.").format(
                filled=filled, total=total
            )
        )

    def show_cell(self, city_id: int, indicator: Indicator, uuid: str | None = None) -> None:
        """Edit a cell: observation `uuid`, else the default one of the cell."""
        self.flush()
        same_spec = self._indicator is not None and self._indicator.spec == indicator.spec
        self._city_id, self._indicator, self._new_mode = city_id, indicator, False
        self._uuid = uuid if uuid is not None else self._default_uuid()
        if not same_spec or self._editor is None:
            self._set_editor(
                make_editor(indicator.spec, self._session.language, self.body)
                if indicator.spec
                else None
            )
        for widget in (self.which, self.new_button, self.body, self.evidence):
            widget.show()
        self._load()

    def edit_observation(self, uuid: str) -> None:
        if self._city_id is not None and self._indicator is not None and uuid != self._uuid:
            self.flush()
            self._uuid, self._new_mode = uuid, False
            self._load()

    def start_new(self) -> None:
        """Start another observation of the same cell (e.g. from another channel)."""
        if self._indicator is None:
            return
        self.flush()
        self._uuid, self._new_mode = None, True
        self._load()
        self.focus_value()

    def refresh(self) -> None:
        """The observations changed (an edit, an undo): show what is stored now."""
        if self._indicator is None or self._city_id is None:
            return
        if self._cells.find(self._uuid or "") is None and not (
            self._new_mode and self._uuid is None
        ):
            self._uuid, self._new_mode = self._default_uuid(), False
        self._load()

    def _default_uuid(self) -> str | None:
        if self._indicator is None or self._indicator.node_id is None:
            return None
        chosen = default_observation(
            self._cells.of(self._indicator.node_id), self._session.actor.evaluator
        )
        return chosen.uuid if chosen else None

    def _target(self) -> Target:
        assert self._indicator is not None and self._city_id is not None
        cell = self._cells.of(self._indicator.node_id) if self._indicator.node_id else []
        return Target(self._city_id, self._indicator, tuple(cell), self._uuid)

    def _load(self) -> None:
        target = self._target()
        obs = target.observation
        self._pending = None
        self.error.hide()
        self.warning_box.hide()
        self.reason.clear()
        if self._editor is not None:
            self._editor.load(obs.value if obs else None, obs.detail if obs else "")
        self.fields.load(obs, replace(self._sticky, source="", note="", status="draft"))
        self.evidence.set_observation(self._uuid)
        self._update_texts()
        self.observation_shown.emit(self._uuid)

    def _update_texts(self) -> None:
        if self._indicator is None:
            return
        indicator = self._indicator
        self.title.setText(f"{indicator.code}  {self._session.name(indicator)}")
        self.title.setToolTip(indicator.description)
        self.subtitle.setText(self._kind_text(indicator))
        cell = self._target().cell
        obs = self._target().observation
        if obs is not None:
            number = next(i for i, o in enumerate(cell) if o.uuid == obs.uuid) + 1
            channel = channel_label(obs.channel, self._session.language)
            self.which.setText(
                self.tr("Observation {i} of {n} · {channel} · {who}").format(
                    i=number, n=len(cell), channel=channel, who=obs.evaluator
                )
            )
        elif cell:
            self.which.setText(self.tr("New observation: the value you enter creates it"))
        else:
            self.which.setText(self.tr("No observation yet: the value you enter creates one"))

    def _kind_text(self, indicator: Indicator) -> str:
        spec = indicator.spec
        if spec is None:
            return ""
        kinds = {
            "numeric": self.tr("Number, {range}").format(range=range_text(spec)),
            "rating": self.tr("Rating: choose a level (keys 1–{n})").format(n=len(spec.levels)),
            "yesno": self.tr("Yes or no (keys 1–2)"),
            "checklist": self.tr("Checklist: tick what exists; the value is the count"),
        }
        text = kinds.get(spec.kind, "")
        return text + (self.tr("; lower is better") if indicator.direction < 0 else "")

    def _set_editor(self, editor: ValueEditor | None) -> None:
        old, self._editor = self._editor, editor
        focused = QApplication.focusWidget()
        had_focus = old is not None and focused is not None and old.isAncestorOf(focused)
        if editor is not None:
            self.holder.addWidget(editor)
            editor.show()  # a layout shows new children later (queued); focus needs it now
            editor.edited.connect(lambda: self._commit_value(advance=False))
            editor.enter_pressed.connect(lambda: self._commit_value(advance=True))
            editor.left.connect(lambda: self._commit_value(advance=False))
            self._chain_focus(editor)
            if had_focus:
                editor.focus()
        if old is not None:
            old.dispose()
            old.hide()
            old.deleteLater()

    def _chain_focus(self, editor: ValueEditor) -> None:
        chain = [self.new_button, *editor.focus_chain(), self.reason, self.accept_button]
        chain += [*self.fields.widgets(), self.evidence.choose, self.evidence.open]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def focus_value(self) -> None:
        if self._editor is not None:
            self._editor.focus()

    # ------------------------------------------------------------ saving

    def flush(self) -> None:
        """Save what the value editor holds before the panel shows something else."""
        editor, indicator = self._editor, self._indicator
        if editor is None or indicator is None or not editor.is_changed() or editor.raw() is None:
            return
        code = indicator.code
        try:
            outcome = self._save(editor.raw(), editor.detail(), "")
        except StoreError as exc:  # e.g. the workspace was closed first
            self._not_saved(str(exc))
            return
        if outcome.warnings:
            why = outcome.warnings[0]
            self._not_saved(self.tr("{code} needs a reason: {why}").format(code=code, why=why))

    def _commit_value(self, advance: bool) -> None:
        editor = self._editor
        if editor is None or self._indicator is None:
            return
        if not editor.is_changed():
            if advance:
                self.advance_requested.emit()
            return
        raw, detail = editor.raw(), editor.detail()
        if self._pending is not None and (self._pending.raw, self._pending.detail) == (raw, detail):
            self.reason.setFocus()
            return
        if raw is None:
            self._load()
            if self._uuid is not None:
                self.show_message(
                    self.tr("A value cannot be emptied; set the status to Rejected to withdraw it"),
                    ORANGE,
                )
            if advance:
                self.advance_requested.emit()
            return
        outcome = self._save(raw, detail, "")
        if outcome.warnings:
            self._ask_reason(Pending(raw, detail, advance), outcome.warnings)
        elif outcome.saved and advance:
            self.advance_requested.emit()

    def _accept_reason(self, advance: bool) -> None:
        pending = self._pending
        if pending is None:
            return
        reason = self.reason.text().strip()
        if not reason:
            self._not_saved(self.tr("type the reason for keeping this value"))
            self.reason.setFocus()
            return
        outcome = self._save(pending.raw, pending.detail, reason)
        if outcome.saved and (advance or pending.advance):
            self.advance_requested.emit()

    def _save(self, raw: object, detail: str, reason: str) -> Outcome:
        draft = self.fields.draft()
        outcome = self._writer.write_value(self._target(), raw, detail, draft, reason)
        self._show_outcome(outcome)
        if outcome.saved:
            self._sticky = replace(
                self._sticky, channel=draft.channel, observed_on=draft.observed_on
            )
            self._uuid, self._new_mode = outcome.uuid, False
            self._load()
        return outcome

    def _ask_reason(self, pending: Pending, warnings: tuple[str, ...]) -> None:
        self._pending = pending
        self.warning.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warning_box.show()
        self.reason.setFocus()
        self._not_saved(self.tr("unusual value: give a reason, or change it"), ORANGE)

    def _on_field_edited(self, name: str, value: object) -> None:
        if self._indicator is None:
            return
        if self._uuid is None:
            draft = self.fields.draft()
            self._sticky = replace(
                self._sticky, channel=draft.channel, observed_on=draft.observed_on
            )
            return
        self._show_outcome(self._writer.write_field(self._target(), name, value))

    def _show_outcome(self, outcome: Outcome) -> None:
        if outcome.error:
            self.error.setText(outcome.error)
            self.error.show()
            self._not_saved(outcome.error)
        elif outcome.saved:
            self.error.hide()
            self._saved()

    def _saved(self) -> None:
        time = QTime.currentTime().toString("HH:mm:ss")
        self.show_message(self.tr("Saved {time}").format(time=time))

    def _not_saved(self, reason: str, style: str = RED) -> None:
        self.show_message(self.tr("Not saved: {reason}").format(reason=reason), style)

    def show_message(self, text: str, style: str = QUIET) -> None:
        """The line below the panel: saved state, refusals, the city's completion."""
        self._hint_shown = False
        self.state.setText(text)
        self.state.setStyleSheet(style)

    @property
    def state_text(self) -> str:
        return self.state.text()

    # ------------------------------------------------------------ language

    def set_language(self, language: str) -> None:
        """Data labels (names, levels, channels) follow the session language."""
        self.fields.set_language(language)
        if self._editor is not None:
            self._editor.language = language
            self._editor.set_language(language)
        self._update_texts()

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the tab or closing the window saves what the value editor holds."""
        self.flush()
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("New observation"))
        self.new_button.setToolTip(
            self.tr("Add another observation of this cell, e.g. from another channel")
        )
        self.value_label.setText(self.tr("Value"))
        self.reason.setPlaceholderText(self.tr("Reason for keeping this value (required)"))
        self.accept_button.setText(self.tr("Keep value"))
        self.fields.retranslate()
        if self._editor is not None:
            self._editor.retranslate()
        self._update_texts()
        if self._hint_shown:
            self.state.setText(self.tr("Each field is saved as soon as you leave it"))


def _label(parent: QWidget, *, bold: bool = False, style: str = "") -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if bold:
        font = label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        label.setFont(font)
    if style:
        label.setStyleSheet(style)
    return label


def _today() -> date:
    return date.today()
