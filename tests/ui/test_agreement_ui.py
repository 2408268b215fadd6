"""The second-evaluator check dialog: a seeded sample, blind entry (values entered first are
never shown; their evaluators may not check), the agreement report and its export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models.audit import Actor
from models.framework import MeasurementSpec
from models.tables import read_table
from tests.ui.fieldwork_helpers import REVIEWER
from tests.ui.model_check import check_model
from ui.session import Session
from ui.verification.agreement_dialog import AgreementDialog, ValueDelegate
from ui.verification.check_model import SPEC_ROLE, VALUE_COLUMN


def test_blind_entry_and_report(
    session: Session, qtbot: QtBot, qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    session.set_actor(REVIEWER)
    dialog = AgreementDialog(session)
    qtbot.addWidget(dialog)
    dialog.name.setText("Round 1")
    dialog.sample_size.setValue(10)
    dialog.seed.setValue(2021)
    dialog.new_check()
    model = dialog.cells
    check = model.check
    assert check is not None and check.name == "Round 1" and len(check.cells) == 10
    assert all(model.data(model.index(r, VALUE_COLUMN)) == "" for r in range(10))  # blind
    check_model(qtmodeltester, model)
    for row in range(6):
        spec = model.data(model.index(row, VALUE_COLUMN), SPEC_ROLE)
        assert isinstance(spec, MeasurementSpec)
        value = spec.levels[-1].value if spec.levels else spec.high if spec.kind != "numeric" else 1
        assert model.setData(model.index(row, VALUE_COLUMN), value)
    assert dialog.progress.text() == "6 of 10 cells entered"
    refused: list[str] = []
    model.refused.connect(refused.append)
    assert not model.setData(model.index(7, VALUE_COLUMN), "lots")
    assert refused and "number" in refused[0]
    cell = check.cells[8]
    first = session.workspace.observations(
        session.campaign.campaign_id, cell.city_id, cell.indicator_id
    )[0]
    session.set_actor(Actor(first.evaluator, "their-laptop"))  # who entered it first
    assert not model.setData(model.index(8, VALUE_COLUMN), 1)
    assert "another evaluator" in refused[-1]
    dialog.tabs.setCurrentIndex(1)
    check_model(qtmodeltester, dialog.report)
    groups = [
        dialog.report.data(dialog.report.index(r, 0)) for r in range(dialog.report.rowCount())
    ]
    assert groups[-1] == "All" and "Indicator" in groups and "Evaluator" in groups
    out = tmp_path / "agreement.xlsx"
    from models.agreement import export_report

    export_report(out, dialog.rows, dialog._report_headers())
    assert len(read_table(out, "agreement").rows) == dialog.report.rowCount()
    assert dialog.report.headerData(5, Qt.Orientation.Horizontal) == "Cohen's kappa"


def test_the_same_seed_samples_the_same_cells(session: Session, qtbot: QtBot) -> None:
    dialog = AgreementDialog(session)
    qtbot.addWidget(dialog)
    cells = []
    for _round in range(2):
        dialog.sample_size.setValue(5)
        dialog.seed.setValue(77)
        dialog.new_check()
        assert dialog.cells.check is not None
        cells.append([(c.city_id, c.indicator_id) for c in dialog.cells.check.cells])
    assert cells[0] == cells[1] and dialog.check_box.count() == 2


def test_the_value_editor_follows_the_kind(session: Session, qtbot: QtBot) -> None:
    dialog = AgreementDialog(session)
    qtbot.addWidget(dialog)
    dialog.sample_size.setValue(40)
    dialog.new_check()
    delegate = ValueDelegate()
    model = dialog.cells
    kinds = set()
    for row in range(model.rowCount()):
        index = model.index(row, VALUE_COLUMN)
        editor = delegate.createEditor(dialog, QStyleOptionViewItem(), index)
        kinds.add(type(editor).__name__)
    assert kinds <= {"QComboBox", "QLineEdit"} and "QComboBox" in kinds


def test_no_check_yet_and_enter_does_not_sample_again(session: Session, qtbot: QtBot) -> None:
    session.set_actor(REVIEWER)
    dialog = AgreementDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "No check yet" in dialog.progress.text() and not dialog.check_box.isEnabled()
    assert not dialog.report_empty.isHidden()  # on the report tab
    dialog.sample_size.setValue(3)
    dialog.new_check()
    assert dialog.check_box.count() == 1 and dialog.check_box.isEnabled()
    assert dialog.progress.text() == "0 of 3 cells entered"
    dialog.entry_view.setFocus()
    dialog.entry_view.setCurrentIndex(dialog.cells.index(0, 1))
    QTest.keyClick(dialog.entry_view, Qt.Key.Key_Return)
    assert dialog.check_box.count() == 1  # the default button did not sample a new check
