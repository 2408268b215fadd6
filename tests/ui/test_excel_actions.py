"""File → Excel: a template exported for chosen cities, filled and imported; a workbook
with a problem imports nothing until the user chooses the valid rows only."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models.excel_import import check_workbook
from tests.excel_helpers import columns_of, entry_sheet, fill_template
from tests.ui.model_check import check_model
from ui.excel_actions import ExcelActions
from ui.excel_dialogs import ImportReviewDialog, ProblemModel, TemplateDialog
from ui.session import Session


@pytest.fixture
def actions(session: Session, qtbot: QtBot) -> ExcelActions:
    parent = QWidget()
    qtbot.addWidget(parent)
    return ExcelActions(parent, lambda: session)


def answer_files(monkeypatch: pytest.MonkeyPatch, save: Path | None, open_: Path | None) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(save), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(open_), ""))


def two_city_template(
    actions: ExcelActions, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    template = tmp_path / "template.xlsx"
    codes = [session.cities[0].code, session.cities[1].code]
    monkeypatch.setattr(TemplateDialog, "exec", lambda _self: 1)
    monkeypatch.setattr(TemplateDialog, "chosen_codes", lambda _self: codes)
    answer_files(monkeypatch, template, None)
    actions.export_template()
    return template


def test_template_round_trip(
    actions: ExcelActions, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = two_city_template(actions, session, tmp_path, monkeypatch)
    filled = tmp_path / "filled.xlsx"
    specs = {n.code: n.spec for n in session.framework.leaves() if n.spec is not None}
    expected = fill_template(template, filled, specs)
    assert len(expected) == 2 * 52
    before = len(session.workspace.observations(session.campaign.campaign_id))
    answer_files(monkeypatch, None, filled)
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda _self: 1)
    actions.import_workbook()
    after = session.workspace.observations(session.campaign.campaign_id)
    assert len(after) == before + 2 * 52
    actions.import_workbook()  # the same workbook again adds nothing
    assert len(session.workspace.observations(session.campaign.campaign_id)) == len(after)


def test_a_problem_imports_nothing_unless_valid_rows_chosen(
    actions: ExcelActions, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = two_city_template(actions, session, tmp_path, monkeypatch)
    filled = tmp_path / "filled.xlsx"
    specs = {n.code: n.spec for n in session.framework.leaves() if n.spec is not None}
    fill_template(template, filled, specs)
    book = openpyxl.load_workbook(filled)
    sheet = entry_sheet(book)
    sheet.cell(2, columns_of(sheet)["value"]).value = "很多"  # not a number
    book.save(filled)

    def count() -> int:
        return len(session.workspace.observations(session.campaign.campaign_id))

    before = count()
    answer_files(monkeypatch, None, filled)
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda _self: 0)  # Cancel
    actions.import_workbook()
    assert count() == before
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda _self: ImportReviewDialog.VALID_ONLY)
    actions.import_workbook()
    assert count() == before + 2 * 52 - 1
    trail = session.workspace.audit_trail("observation")
    assert "valid" in trail[-1].reason.lower() or "有效" in trail[-1].reason


def test_problem_model(
    actions: ExcelActions,
    session: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
) -> None:
    template = two_city_template(actions, session, tmp_path, monkeypatch)
    book = openpyxl.load_workbook(template)
    sheet = entry_sheet(book)
    sheet.cell(2, columns_of(sheet)["value"]).value = "=1/0"
    book.save(template)
    plan = check_workbook(session.workspace, session.campaign, template)
    assert plan.problems
    model = ProblemModel(plan.problems)
    check_model(qtmodeltester, model)
    assert model.data(model.index(0, 0)) == plan.problems[0].sheet
