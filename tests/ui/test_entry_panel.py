"""The panel's other fields, evidence files, the history beside it, and the language."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from models.cities import CHANNELS
from tests.ui.entry_helpers import city_with, live, make_tab, node_id, type_value, value_line
from ui.entry import evidence
from ui.entry.editors import ChoiceEditor
from ui.session import Session


def test_each_field_is_saved_when_left(session: Session, qtbot: QtBot) -> None:
    city = city_with(session, "T1.2")
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "T1.2"))
    [obs] = live(session, city, "T1.2")
    fields = tab.panel.fields
    fields.source.setFocus()
    fields.source.selectAll()
    QTest.keyClicks(fields.source, "https://example.org/report.pdf")
    QTest.keyClick(fields.source, Qt.Key.Key_Tab)  # to the note: the source is saved
    assert session.workspace.observation(obs.uuid).source == "https://example.org/report.pdf"
    assert fields.link.isVisible()  # a URL can be opened from the panel
    # the sample's value was verified: a new source needs a review again, and it shows
    assert session.workspace.observation(obs.uuid).status == "submitted"
    assert fields.status.currentIndex() == 1
    QTest.keyClicks(fields.note, "checked on site")
    QTest.keyClick(fields.note, Qt.Key.Key_Tab)
    assert session.workspace.observation(obs.uuid).note.endswith("checked on site")
    fields.status.setCurrentIndex(0)
    fields.status.activated.emit(0)  # what a user's choice in the list sends
    assert session.workspace.observation(obs.uuid).status == "draft"
    other = next(c for c in CHANNELS if c != obs.channel)
    fields.channel.setCurrentIndex(CHANNELS.index(other))
    fields.channel.activated.emit(CHANNELS.index(other))
    assert session.workspace.observation(obs.uuid).channel == other
    fields.date.setDate(QDate(2021, 6, 30))
    fields.date.editingFinished.emit()
    assert session.workspace.observation(obs.uuid).observed_on == date(2021, 6, 30)
    assert session.undo_stack.count() == 5
    trail = session.workspace.audit_trail("observation", obs.uuid)
    changed = [e.field for e in trail if e.action == "update"]
    assert changed[-6:] == ["source", "status", "note", "status", "channel", "observed_on"]
    assert "Saved" in tab.panel.state_text


def test_evidence_is_stored_with_its_sha256_and_opens(
    session: Session, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    city = city_with(session, "T1.1")
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "T1.1"))
    [obs] = live(session, city, "T1.1")
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 40)
    expected = hashlib.sha256(photo.read_bytes()).hexdigest()
    box = tab.panel.evidence
    assert box.attach([photo]) == [expected]
    [stored] = session.workspace.attachments(obs.uuid)
    assert (stored.sha256, stored.file_name) == (expected, "现场照片.jpg")
    assert box.list.count() == 1 and expected[:12] in box.list.item(0).text()
    assert expected in box.message.text()
    opened: list[QUrl] = []

    def record(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(evidence, "open_url", record)
    box.list.setCurrentRow(0)
    written = box.open_selected()
    assert written is not None and written.read_bytes() == photo.read_bytes()
    assert opened == [QUrl.fromLocalFile(str(written))]


def test_a_new_observation_takes_evidence_only_once_it_exists(
    session: Session, qtbot: QtBot
) -> None:
    city = city_with(session, "T1.1")
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "T1.1"))
    tab.panel.start_new()
    assert not tab.panel.evidence.choose.isEnabled()
    assert "value first" in tab.panel.evidence.message.text()


def test_choosing_an_observation_in_the_history_edits_it(session: Session, qtbot: QtBot) -> None:
    city = city_with(session, "T1.1", count=2)
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "T1.1"))
    cell = live(session, city, "T1.1")
    shown = next(o for o in cell if o.uuid == tab.panel.uuid)
    other = next(o for o in cell if o.uuid != tab.panel.uuid)
    view = tab.history.observation_view
    row = tab.history.observations.row_of(other.uuid)
    view.selectRow(row)
    assert tab.panel.uuid == other.uuid
    assert tab.panel.fields.source.text() == other.source
    assert tab.history.audit.rowCount() >= 2  # both observations' trails
    type_value(qtbot, tab, f"{shown.value:g}", Qt.Key.Key_Tab)  # agree with the first one
    assert session.workspace.observation(other.uuid).value == shown.value
    assert session.workspace.observation(shown.uuid) == shown


def test_the_history_flags_a_discrepancy(session: Session, qtbot: QtBot) -> None:
    scores = session.scores()
    row, column = (int(i[0]) for i in scores.cells.discrepancy.nonzero())
    city = scores.cities[row].city_id
    code = scores.result.hierarchy.leaf_codes[column]
    assert city is not None
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, code))
    assert tab.history.banner.isVisible()
    assert "disagree" in tab.history.banner.text()
    assert tab.history.observations.rowCount() >= 2


def test_names_follow_the_session_language(session: Session, qtbot: QtBot) -> None:
    city = city_with(session, "T2.1")
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "T2.1"))
    indicator = session.framework["T2.1"]
    index = tab.tree_model.index_of(node_id(session, "T2.1"))
    assert indicator.name_zh in index.data()
    session.set_language("en")
    assert indicator.name_en in index.data()
    assert indicator.name_en in tab.panel.title.text()
    levels = indicator.spec.levels  # type: ignore[union-attr]
    editor = tab.panel.editor
    assert isinstance(editor, ChoiceEditor)
    assert editor.labels[1].text() == levels[1].label_en
    city_index = tab.cities.proxy.index(0, 0)
    assert city_index.data() == session.cities[0].name_en


def test_files_dropped_on_the_evidence_box_are_attached(
    session: Session, qtbot: QtBot, tmp_path: Path
) -> None:
    city = city_with(session, "T1.2")
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "T1.2"))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 evidence")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(scan))])
    box = tab.panel.evidence
    where = QPointF(box.rect().center())
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        where.toPoint(), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(box, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        where, actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(box, drop)
    [stored] = session.workspace.attachments(tab.panel.uuid or "")
    assert stored.sha256 == hashlib.sha256(b"%PDF-1.4 evidence").hexdigest()


def test_leaving_the_tab_saves_a_value_being_typed(session: Session, qtbot: QtBot) -> None:
    city = city_with(session, "T1.3")
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "T1.3"))
    [obs] = live(session, city, "T1.3")
    line = tab.panel.editor.first_focus()  # type: ignore[union-attr]
    assert isinstance(line, QLineEdit)
    line.setText(f"{obs.value + 0.5:g}")  # typed, neither Enter nor Tab yet
    tab.hide()
    assert session.workspace.observation(obs.uuid).value == obs.value + 0.5


def test_an_emptied_value_is_not_saved_and_says_why(session: Session, qtbot: QtBot) -> None:
    city = city_with(session, "T1.3")
    tab = make_tab(session, qtbot)
    tab.select_cell(city, node_id(session, "T1.3"))
    [obs] = live(session, city, "T1.3")
    line = value_line(tab)
    line.setFocus()
    line.selectAll()
    QTest.keyClick(line, Qt.Key.Key_Delete)
    QTest.keyClick(line, Qt.Key.Key_Tab)
    assert session.workspace.observation(obs.uuid).value == obs.value
    assert float(line.text()) == obs.value  # the stored value is shown again
    assert "Rejected" in tab.panel.state_text
    assert session.undo_stack.count() == 0


def test_a_language_change_event_retranslates_in_place(session: Session, qtbot: QtBot) -> None:
    tab = make_tab(session, qtbot)
    tab.select_cell(city_with(session, "T1.1"), node_id(session, "T1.1"))
    before = tab.panel.new_button.text()
    QApplication.sendEvent(tab.panel, QEvent(QEvent.Type.LanguageChange))
    QApplication.sendEvent(tab.cities, QEvent(QEvent.Type.LanguageChange))
    assert tab.panel.new_button.text() == before  # no translator: English stays English
    assert tab.cities.province.itemText(0) == "All provinces"
    assert tab.panel.indicator is not None and tab.panel.indicator.code == "T1.1"
