"""Importing entry workbooks: the round trip, stable keys, conflicts, every problem type
with its sheet, row and column, all or nothing, and the audited valid-rows-only choice."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from models.campaigns import Campaign
from models.excel_checks import Problem
from models.excel_import import (
    ImportRefusedError,
    check_workbook,
    import_workbook,
    observation_uuid,
    save_problems,
)
from models.excel_template import write_template
from models.framework import MeasurementSpec
from models.workspace import Workspace
from models.xlsx_write import SheetData, XValue, write_workbook
from tests.excel_helpers import TESTER, Snapshot, columns_of, entry_sheet, fill_template

HEADER = (
    "City code", "Indicator code", "Value", "Channel", "Date observed", "Source", "Note",
    "Status", "Evaluator",
)  # fmt: skip


@pytest.fixture
def opened(sample_workspace_path: Path) -> Iterator[tuple[Workspace, Campaign]]:
    with Workspace.open(sample_workspace_path) as ws:
        yield ws, ws.campaigns()[0]


def specs_of(ws: Workspace, campaign: Campaign) -> dict[str, MeasurementSpec]:
    leaves = ws.framework(campaign.framework_id).leaves()
    return {n.code: n.spec for n in leaves if n.spec is not None}


def plain_workbook(path: Path, rows: Sequence[Sequence[object]], title: str = "") -> Path:
    """A workbook with the entry columns (English headers), optionally a title row above."""
    book = openpyxl.Workbook()
    sheet = entry_sheet(book)
    sheet.title = "Data"
    if title:
        sheet.append([title])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def filled_template(
    opened: tuple[Workspace, Campaign], folder: Path, cities: list[str]
) -> tuple[Path, dict[tuple[str, str], float]]:
    ws, campaign = opened
    write_template(ws, campaign, folder / "template.xlsx", city_codes=cities)
    filled = folder / "filled.xlsx"
    return filled, fill_template(folder / "template.xlsx", filled, specs_of(ws, campaign))


def test_round_trip_imports_exactly_the_values_filled_in(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    before = Snapshot.of(ws, campaign)
    filled, expected = filled_template(opened, tmp_path, ["beijing", "wuhan", "xian"])
    plan = check_workbook(ws, campaign, filled)
    assert plan.ok, plan.problems[:5]
    assert (plan.rows_read, len(plan.new), plan.already_imported) == (156, 156, 0)
    result = import_workbook(ws, plan, TESTER)
    assert len(result.added) == 156 and result.rows_left_out == 0
    cities = {c.city_id: c.code for c in ws.cities()}
    nodes = {n.node_id: n.code for n in ws.framework(campaign.framework_id).nodes}
    added = [ws.observation(u) for u in result.added]
    got = {(cities[o.city_id], nodes[o.indicator_id]): o.value for o in added}
    assert got == expected
    assert {o.status for o in added} == {"submitted"}
    assert {o.evaluator for o in added} == {TESTER.evaluator}
    assert {o.channel for o in added} == {
        "实地调研",
        "电话访谈",
        "网络采样",
        "统计数据",
        "问卷调查",
    }
    after = Snapshot.of(ws, campaign)
    assert set(after.observations) - set(before.observations) == set(result.added)
    assert after.audit_rows == before.audit_rows + 156
    entry = ws.audit_trail("observation", result.added[0])[0]
    assert entry.reason == "Excel import from filled.xlsx: 156 new row(s)"


def test_importing_the_same_workbook_twice_adds_nothing(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    filled, _ = filled_template(opened, tmp_path, ["beijing"])
    import_workbook(ws, check_workbook(ws, campaign, filled), TESTER)
    before = Snapshot.of(ws, campaign)
    again = check_workbook(ws, campaign, filled)
    assert again.ok and again.new == () and again.already_imported == 52
    assert import_workbook(ws, again, TESTER).added == ()
    assert Snapshot.of(ws, campaign) == before


def test_an_edited_row_is_a_conflict_unless_edited_in_the_program(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    filled, _ = filled_template(opened, tmp_path, ["beijing"])
    result = import_workbook(ws, check_workbook(ws, campaign, filled), TESTER)
    ws.update_observation(result.added[0], "note", "checked", TESTER, "reviewed")
    assert check_workbook(ws, campaign, filled).ok  # edited in the program: no conflict
    book = openpyxl.load_workbook(filled)
    sheet = entry_sheet(book)
    col = columns_of(sheet)
    sheet.cell(2, col["source"]).value = "另一来源"  # T1.1 of beijing
    book.save(filled)
    before = Snapshot.of(ws, campaign)
    plan = check_workbook(ws, campaign, filled)
    assert [(p.row, p.kind) for p in plan.problems] == [(2, "conflict")]
    assert result.added[0] in plan.problems[0].message
    with pytest.raises(ImportRefusedError):
        import_workbook(ws, plan, TESTER)
    assert import_workbook(ws, plan, TESTER, valid_rows_only=True).added == ()
    assert Snapshot.of(ws, campaign) == before


BAD_ROWS: tuple[tuple[tuple[object, ...], str, str], ...] = (
    (("atlantis", "T1.1", 50, "实地调研", "2021-04-01"), "A", "unknown_city"),
    (("beijing", "Z9.9", 50, "实地调研", "2021-04-01"), "B", "unknown_indicator"),
    (("beijing", "T1", 50, "实地调研", "2021-04-01"), "B", "unknown_indicator"),
    (("beijing", "T1.1", "abc", "实地调研", "2021-04-01"), "C", "not_a_number"),
    (("beijing", "T1.1", 150, "实地调研", "2021-04-01"), "C", "invalid_value"),
    (("beijing", "T2.1", 30, "实地调研", "2021-04-01"), "C", "invalid_value"),
    (("beijing", "T1.1", 50, "pigeon", "2021-04-01"), "D", "unknown_channel"),
    (("beijing", "T1.1", 50, "实地调研", "2021-02-30"), "E", "bad_date"),
    (("beijing", "T1.1", 50, "实地调研", "2999-01-01"), "E", "bad_date"),
    (("beijing", "T1.1", 50, "实地调研", "2021-04-01", "", "", "maybe"), "H", "unknown_status"),
    (("beijing", "T1.1", "=1+2", "实地调研", "2021-04-01"), "C", "formula"),
    (("beijing", "T1.1", "#DIV/0!", "实地调研", "2021-04-01"), "C", "error_value"),
    (("beijing", "T1.1", 50, "实地调研", "2021-04-01", "#REF!"), "F", "error_value"),
    (("beijing", "T1.1", None, "实地调研", "2021-04-01"), "C", "missing"),
    (("beijing", "T1.2", 50, "实地调研", "2021-04-01"), "", ""),  # row 16: valid
    (("beijing", "T1.2", 50, "实地调研", "2021-04-01"), "A", "duplicate_row"),  # of row 16
    (("beijing", "T1.4", datetime(2021, 1, 1), "实地调研", "2021-04-01"), "C", "not_a_number"),
    (("beijing", "T2.2", 2.5, "实地调研", "2021-04-01"), "C", "invalid_value"),
    (("beijing", "S2.2", 2, "实地调研", "2021-04-01"), "C", "invalid_value"),
    (("beijing", "T1.1", 50, "实地调研", 44300), "E", "bad_date"),
    (("", "T1.1", 50, "", "2021-04-01"), "A", "missing"),  # and D: channel missing
)


def test_every_problem_is_reported_with_sheet_row_and_column(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    path = plain_workbook(tmp_path / "bad.xlsx", [row for row, _, _ in BAD_ROWS])
    plan = check_workbook(ws, campaign, path)
    found = {(p.sheet, p.row, p.column, p.kind) for p in plan.problems}
    expected = {
        ("Data", number, column, kind)
        for number, (_, column, kind) in enumerate(BAD_ROWS, start=2)
        if kind
    } | {("Data", 22, "D", "missing")}
    assert found == expected
    assert plan.rows_read == len(BAD_ROWS) and plan.problem_rows == len(BAD_ROWS) - 1
    assert len(plan.new) == 1
    by_row = {p.row: p for p in plan.problems}
    assert "outside the allowed range [0, 100]" in by_row[6].message
    assert "rating levels" in by_row[7].message
    assert "=1+2" in by_row[12].message and "#DIV/0!" in by_row[13].message
    assert by_row[17].message == "the same row as row 16"
    assert by_row[18].message == "the date 2021-01-01 is not a number"
    assert str(by_row[6]) == (
        "sheet 'Data', row 6, column C (Value): 150 is outside the allowed range [0, 100] %"
    )


def test_text_longer_than_a_cell_holds_is_a_problem(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    row: list[XValue] = ["beijing", "T1.3", 5, "实地调研", "2021-04-01", "", "长" * 40_000]
    write_workbook(tmp_path / "long.xlsx", [SheetData("Data", HEADER, [row])])  # no truncation
    plan = check_workbook(ws, campaign, tmp_path / "long.xlsx")
    assert [(p.row, p.column, p.kind) for p in plan.problems] == [(2, "G", "too_long")]
    assert "40000 characters" in plan.problems[0].message


def test_a_workbook_with_problems_imports_nothing(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    path = plain_workbook(tmp_path / "bad.xlsx", [row for row, _, _ in BAD_ROWS])
    before = Snapshot.of(ws, campaign)
    plan = check_workbook(ws, campaign, path)
    with pytest.raises(ImportRefusedError, match="nothing imported"):
        import_workbook(ws, plan, TESTER)
    assert Snapshot.of(ws, campaign) == before


def test_valid_rows_only_is_an_explicit_audited_choice(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    path = plain_workbook(tmp_path / "bad.xlsx", [row for row, _, _ in BAD_ROWS])
    plan = check_workbook(ws, campaign, path)
    result = import_workbook(ws, plan, TESTER, valid_rows_only=True)
    assert len(result.added) == 1 and result.rows_left_out == len(BAD_ROWS) - 1
    added = ws.observation(result.added[0])
    assert (added.value, added.channel, added.observed_on.isoformat()) == (
        50.0,
        "实地调研",
        "2021-04-01",
    )
    reason = ws.audit_trail("observation", result.added[0])[0].reason
    assert "VALID ROWS ONLY, chosen by the user" in reason
    assert f"{len(BAD_ROWS) - 1} row(s)" in reason and "bad.xlsx" in reason


def test_any_workbook_with_the_columns_imports_once(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    rows = [
        ("BEIJING", "t1.1", "95.5", "Field visit", "2021/4/1", "统计公报", "", "已核实", "李娜"),
        ("wuhan", "T2.1", "50 部分建成 / Partial", "统计数据 Statistics", "2021年4月2日"),
        ("wuhan", "S2.2", "是", "问卷调查", "2021.04.03"),
        ("wuhan", "S2.2", True, "问卷调查", "2021-04-04"),
    ]
    path = plain_workbook(tmp_path / "any.xlsx", rows, title="武汉 2021 调查")
    plan = check_workbook(ws, campaign, path)
    assert plan.ok, plan.problems
    assert plan.reviews_dropped == 1
    result = import_workbook(ws, plan, TESTER)
    assert "1 row(s) marked verified/rejected came in as submitted" in result.reason
    added = [ws.observation(u) for u in result.added]
    assert [o.value for o in added] == [95.5, 50.0, 1.0, 1.0]
    assert [o.channel for o in added] == ["实地调研", "统计数据", "问卷调查", "问卷调查"]
    assert [o.observed_on.day for o in added] == [1, 2, 3, 4]
    # "已核实" in a workbook is no review: only someone else, in the program, verifies
    assert (added[0].status, added[0].evaluator, added[0].source) == (
        "submitted",
        "李娜",
        "统计公报",
    )
    again = check_workbook(ws, campaign, path)
    assert again.new == () and again.already_imported == 4


def test_stable_keys_derive_from_workspace_campaign_and_row_key(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    filled, _ = filled_template(opened, tmp_path, ["beijing"])
    plan = check_workbook(ws, campaign, filled)
    key = str(entry_sheet(openpyxl.load_workbook(filled)).cell(2, 1).value)
    assert plan.new[0].uuid == observation_uuid(ws.workspace_id, campaign.campaign_id, key)
    assert observation_uuid(ws.workspace_id, campaign.campaign_id + 1, key) != plan.new[0].uuid


def test_a_template_for_another_campaign_is_a_problem(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    filled, _ = filled_template(opened, tmp_path, ["beijing"])
    other_id = ws.add_campaign("2022", campaign.framework_id, campaign.city_ids, {}, TESTER)
    plan = check_workbook(ws, ws.campaign(other_id), filled)
    assert [(p.sheet, p.row, p.column, p.kind) for p in plan.problems] == [
        ("_meta", 4, "B", "wrong_campaign")
    ]
    assert len(plan.new) == 52


def test_a_sheet_missing_required_columns_is_reported(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    book = openpyxl.Workbook()
    good = entry_sheet(book)
    good.append(HEADER)
    good.append(("beijing", "T1.1", 50, "实地调研", "2021-04-01"))
    partial = book.create_sheet("Partial")
    partial.append(("City code", "Indicator code", "Value"))
    partial.append(("beijing", "T1.2", 50))
    book.save(tmp_path / "two.xlsx")
    plan = check_workbook(ws, campaign, tmp_path / "two.xlsx")
    assert [(p.sheet, p.row, p.kind) for p in plan.problems] == [("Partial", 1, "missing_column")]
    assert "Channel" in plan.problems[0].message and "Date observed" in plan.problems[0].message
    assert len(plan.new) == 1


def test_problem_lists_save_as_csv_and_xlsx_without_formulas(tmp_path: Path) -> None:
    problems = [
        Problem("Data", 3, "C", "Value", "not_a_number", "'x' is not a number"),
        Problem("Data", 4, "F", "Source", "formula", '=HYPERLINK("http://x") formula'),
        Problem("_meta", None, None, "", "wrong_campaign", "made for another campaign"),
    ]
    save_problems(problems, tmp_path / "p.csv")
    with (tmp_path / "p.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["工作表 Sheet", "行 Row", "列 Column", "表头 Header", "问题 Problem",
                       "说明 Message"]  # fmt: skip
    assert rows[1] == ["Data", "3", "C", "Value", "not_a_number", "'x' is not a number"]
    assert rows[2][5] == '\'=HYPERLINK("http://x") formula'
    assert rows[3][:3] == ["_meta", "", ""]
    save_problems(problems, tmp_path / "p.xlsx")
    sheet = entry_sheet(openpyxl.load_workbook(tmp_path / "p.xlsx"))
    cell = sheet.cell(3, 6)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x") formula', "s")
    assert sheet.cell(2, 2).value == 3
    with pytest.raises(ValueError, match=r"\.xlsx or \.csv"):
        save_problems(problems, tmp_path / "p.txt")
