"""The entry panel's fields other than the value: channel, date, evaluator, source, note,
status. Each is reported (`edited`) the moment the user leaves or changes it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QObject, QUrl, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from models.cities import CHANNELS
from models.observations import Observation
from ui.entry.evidence import open_url
from ui.entry.labels import STATUSES, channel_label, status_label
from ui.entry.writer import Draft
from ui.session import Session

URL_PREFIXES = ("http://", "https://", "www.")


def is_url(text: str) -> bool:
    return text.strip().lower().startswith(URL_PREFIXES) and " " not in text.strip()


class ObservationFields(QObject):
    """Creates the field widgets as rows of the panel's form and reports their edits."""

    edited = Signal(str, object)  # field name, new value

    def __init__(self, session: Session, form: QFormLayout, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self.channel = QComboBox(parent)
        self.date = QDateEdit(parent)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(QDate.currentDate())
        self.evaluator = QLabel(parent)
        self.evaluator.setWordWrap(True)
        self.source = QLineEdit(parent)
        self.link = QLabel(parent)
        self.note = QLineEdit(parent)
        self.status = QComboBox(parent)
        self.labels = [QLabel(parent) for _ in range(6)]
        source_row = QHBoxLayout()
        source_row.addWidget(self.source, 1)
        source_row.addWidget(self.link)
        fields = (self.channel, self.date, self.evaluator, None, self.note, self.status)
        for label, field in zip(self.labels, fields, strict=True):
            if field is None:
                form.addRow(label, source_row)
            else:
                form.addRow(label, field)
        self._fill_combos()
        self._connect()
        self.retranslate()

    def _connect(self) -> None:
        self.channel.activated.connect(
            lambda i: self.edited.emit("channel", CHANNELS[i]) if 0 <= i < len(CHANNELS) else None
        )
        self.status.activated.connect(
            lambda i: self.edited.emit("status", STATUSES[i]) if 0 <= i < len(STATUSES) else None
        )
        self.date.editingFinished.connect(self._date_edited)
        self.date.calendarWidget().clicked.connect(lambda _d: self._date_edited())
        self.source.editingFinished.connect(
            lambda: self.edited.emit("source", self.source.text().strip())
        )
        self.note.editingFinished.connect(
            lambda: self.edited.emit("note", self.note.text().strip())
        )
        self.source.textChanged.connect(self._update_link)
        self.link.linkActivated.connect(self._open_link)

    def _date_edited(self) -> None:
        self.edited.emit("observed_on", self.observed_on().isoformat())

    def _fill_combos(self) -> None:
        language = self._session.language
        for combo, keys, label in (
            (self.channel, CHANNELS, lambda c: channel_label(c, language)),
            (self.status, STATUSES, status_label),
        ):
            index = max(combo.currentIndex(), 0)
            combo.clear()
            combo.addItems([label(k) for k in keys])
            combo.setCurrentIndex(index)

    # ------------------------------------------------------------ content

    def load(self, obs: Observation | None, draft: Draft) -> None:
        """Show `obs`, or the draft's defaults when the cell gets a new observation."""
        channel = obs.channel if obs else draft.channel
        self.channel.setCurrentIndex(CHANNELS.index(channel) if channel in CHANNELS else 0)
        observed = obs.observed_on if obs else draft.observed_on
        self.date.setDate(QDate(observed.year, observed.month, observed.day))
        self.source.setText(obs.source if obs else draft.source)
        self.note.setText(obs.note if obs else draft.note)
        for line in (self.source, self.note):
            line.setCursorPosition(0)  # show the start of a long citation, not its end
        status = obs.status if obs else draft.status
        self.status.setCurrentIndex(STATUSES.index(status) if status in STATUSES else 0)
        me = self._session.actor.evaluator
        who = obs.evaluator if obs else me
        self.evaluator.setText(
            who if who == me else self.tr("{who} (you edit as {me})").format(who=who, me=me)
        )
        self.evaluator.setToolTip(obs.device if obs else self._session.actor.device)

    def draft(self) -> Draft:
        """The fields as they are now, for an observation yet to be created."""
        index = self.channel.currentIndex()
        observed = self.observed_on()
        return Draft(
            channel=CHANNELS[index] if 0 <= index < len(CHANNELS) else CHANNELS[0],
            observed_on=observed,
            source=self.source.text().strip(),
            note=self.note.text().strip(),
            status=STATUSES[max(self.status.currentIndex(), 0)],
        )

    def observed_on(self) -> date:
        chosen = self.date.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def widgets(self) -> list[QWidget]:
        """The focusable fields in tab order."""
        return [self.channel, self.date, self.source, self.note, self.status]

    # ------------------------------------------------------------ source link

    def _update_link(self, text: str) -> None:
        self.link.setVisible(is_url(text))
        self.link.setText(f'<a href="open">{self.tr("Open")}</a>')
        self.link.setToolTip(text)

    def _open_link(self, _href: str) -> None:
        text = self.source.text().strip()
        open_url(QUrl.fromUserInput(text))

    # ------------------------------------------------------------ language

    def set_language(self, _language: str) -> None:
        self._fill_combos()

    def retranslate(self) -> None:
        titles = (
            self.tr("Channel"),
            self.tr("Date observed"),
            self.tr("Evaluator"),
            self.tr("Source"),
            self.tr("Note"),
            self.tr("Status"),
        )
        for label, title in zip(self.labels, titles, strict=True):
            label.setText(title)
        self.source.setPlaceholderText(self.tr("Document, page or URL"))
        self.note.setPlaceholderText(self.tr("Anything the coordinator should know"))
        self.channel.setToolTip(self.tr("How the value was obtained"))
        self._fill_combos()
        self._update_link(self.source.text())
