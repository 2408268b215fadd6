"""Entry templates: one row per city × leaf indicator, locked key columns, drop-downs,
bounds, date checks, a frozen header, instructions in zh and en, hidden keys."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from models.campaigns import Campaign
from models.excel_template import (
    ENTRY_SHEET,
    HELP_SHEET,
    LISTS_SHEET,
    META_SHEET,
    TemplateInfo,
    row_key,
    write_template,
)
from models.workspace import Workspace
from tests.excel_helpers import columns_of, entry_sheet, libreoffice_csv, needs_libreoffice


@pytest.fixture
def opened(sample_workspace_path: Path) -> Iterator[tuple[Workspace, Campaign]]:
    with Workspace.open(sample_workspace_path, read_only=True) as ws:
        yield ws, ws.campaigns()[0]


def _write(
    opened: tuple[Workspace, Campaign],
    path: Path,
    city_codes: list[str] | None = None,
    with_values: bool = False,
) -> tuple[TemplateInfo, Worksheet, openpyxl.Workbook]:
    ws, campaign = opened
    info = write_template(ws, campaign, path, city_codes=city_codes, with_values=with_values)
    book = openpyxl.load_workbook(path)
    return info, entry_sheet(book), book


def test_one_row_per_city_and_leaf_indicator(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    info, sheet, book = _write(opened, tmp_path / "t.xlsx")
    assert (info.rows, info.cities, info.indicators) == (2600, 50, 52)
    assert sheet.title == ENTRY_SHEET and sheet.max_row == 2601
    assert book.sheetnames == [ENTRY_SHEET, HELP_SHEET, LISTS_SHEET, META_SHEET]
    col = columns_of(sheet)
    assert list(col) == [
        "key", "city_code", "city", "indicator_code", "indicator_zh", "indicator_en",
        "kind", "unit", "allowed", "value", "channel", "observed_on", "evaluator",
        "source", "note", "status",
    ]  # fmt: skip
    assert sheet.cell(1, col["value"]).value == "数值\nValue"
    first = {k: sheet.cell(2, c).value for k, c in col.items()}
    ws, campaign = opened
    first_city = next(c for c in ws.cities() if c.city_id == campaign.city_ids[0])
    assert first["city_code"] == first_city.code
    assert first["city"] == f"{first_city.name_zh} {first_city.name_en}"
    assert first["indicator_code"] == "T1.1"
    assert first["indicator_zh"] == "家庭光纤入户率"
    assert first["kind"] == "数值 numeric" and first["unit"] == "%"
    assert first["allowed"] == "0–100 %"
    assert first["value"] is None and first["channel"] is None
    pairs = {(sheet.cell(r, 2).value, sheet.cell(r, 4).value) for r in range(2, 2602)}
    assert len(pairs) == 2600


def test_keys_are_stable_hidden_and_unique(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    info, sheet, book = _write(opened, tmp_path / "t.xlsx", city_codes=["beijing"])
    assert sheet.column_dimensions["A"].hidden
    keys = [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)]
    assert len(set(keys)) == len(keys) == 52
    assert keys[0] == row_key(info.template_id, "beijing", "T1.1")
    meta = book[META_SHEET]
    assert meta.sheet_state == "veryHidden"
    values = {meta.cell(r, 1).value: meta.cell(r, 2).value for r in range(1, meta.max_row + 1)}
    ws, campaign = opened
    assert values["template_id"] == info.template_id
    assert values["workspace_id"] == ws.workspace_id
    assert values["campaign"] == campaign.name


def test_protection_locks_everything_but_the_fill_columns(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    _, sheet, _ = _write(opened, tmp_path / "t.xlsx", city_codes=["wuhan", "beijing"])
    assert sheet.protection.sheet and not sheet.protection.password
    assert sheet.freeze_panes == "E2"
    col = columns_of(sheet)
    fill = {"value", "channel", "observed_on", "evaluator", "source", "note", "status"}
    for column_id, number in col.items():
        locked = sheet.cell(5, number).protection.locked
        assert locked == (column_id not in fill), column_id
        assert sheet.cell(1, number).protection.locked
    assert sheet.cell(5, col["observed_on"]).number_format == "yyyy-mm-dd"
    assert [sheet.cell(r, col["city_code"]).value for r in (2, 54)] == ["wuhan", "beijing"]


def test_validations_cover_channel_status_levels_bounds_and_dates(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    _, sheet, book = _write(opened, tmp_path / "t.xlsx", city_codes=["beijing"])
    col = columns_of(sheet)
    rules = sheet.data_validations.dataValidation
    by_cell: dict[str, DataValidation] = {}
    for dv in rules:
        for cell_range in dv.sqref.ranges:
            for row in cell_range.rows:
                for ref in row:
                    by_cell[f"{openpyxl.utils.get_column_letter(ref[1])}{ref[0]}"] = dv
    letter = {k: openpyxl.utils.get_column_letter(v) for k, v in col.items()}
    lists = book[LISTS_SHEET]
    assert lists.sheet_state == "hidden"
    channel = by_cell[f"{letter['channel']}2"]
    assert channel.type == "list" and channel.formula1 == "Lists!$A$1:$A$5"
    assert [lists.cell(r, 1).value for r in range(1, 6)] == [
        "实地调研 Field visit", "电话访谈 Phone interview", "网络采样 Web sampling",
        "统计数据 Statistics", "问卷调查 Questionnaire",
    ]  # fmt: skip
    assert by_cell[f"{letter['status']}30"].formula1 == "Lists!$B$1:$B$4"
    dates = by_cell[f"{letter['observed_on']}10"]
    assert dates.type == "date"
    rows = {sheet.cell(r, col["indicator_code"]).value: r for r in range(2, sheet.max_row + 1)}
    percent = by_cell[f"{letter['value']}{rows['T1.1']}"]
    assert (percent.type, percent.formula1, percent.formula2) == ("decimal", "0", "100")
    checklist = by_cell[f"{letter['value']}{rows['T2.2']}"]
    assert (checklist.type, checklist.formula2) == ("whole", "5")
    rating = by_cell[f"{letter['value']}{rows['T2.1']}"]
    assert rating.type == "list"
    found = re.match(r"Lists!\$([A-Z]+)\$1:", str(rating.formula1))
    assert found is not None
    column = found.group(1)
    options = [lists[f"{column}{r}"].value for r in range(1, 6)]
    assert options[1] == "25 起步 / Initial"
    yesno = by_cell[f"{letter['value']}{rows['S2.2']}"]
    assert yesno.type == "list"
    assert all(dv.showErrorMessage for dv in rules)


def test_instructions_are_in_chinese_and_english(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    _, _, book = _write(opened, tmp_path / "t.xlsx", city_codes=["beijing"])
    text = "\n".join(str(c.value) for c in book[HELP_SHEET]["A"] if c.value)
    assert "数据录入模板" in text and "data entry template" in text
    assert "公式" in text and "formula" in text


def test_with_values_lists_existing_observations(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    _, sheet, _ = _write(opened, tmp_path / "t.xlsx", ["beijing"], with_values=True)
    col = columns_of(sheet)
    assert "existing" in col
    row = next(r for r in range(2, 54) if sheet.cell(r, col["indicator_code"]).value == "T1.1")
    text = str(sheet.cell(row, col["existing"]).value)
    beijing = next(c for c in ws.cities() if c.code == "beijing")
    leaf = ws.framework(campaign.framework_id)["T1.1"]
    stored = ws.observations(campaign.campaign_id, beijing.city_id, leaf.node_id)
    assert stored and all(f"{o.value:g}" in text for o in stored if o.status != "rejected")
    assert sheet.cell(row, col["existing"]).protection.locked


def test_unknown_city_codes_are_refused(opened: tuple[Workspace, Campaign], tmp_path: Path) -> None:
    ws, campaign = opened
    with pytest.raises(ValueError, match="atlantis"):
        write_template(ws, campaign, tmp_path / "t.xlsx", city_codes=["beijing", "atlantis"])
    assert not (tmp_path / "t.xlsx").exists()


@needs_libreoffice
def test_template_opens_in_libreoffice(opened: tuple[Workspace, Campaign], tmp_path: Path) -> None:
    _write(opened, tmp_path / "t.xlsx", city_codes=["beijing"])
    sheets = libreoffice_csv(tmp_path / "t.xlsx", tmp_path)
    entry = sheets[ENTRY_SHEET]
    assert entry[0][9] == "数值\nValue"
    assert len(entry) == 53 and entry[1][1] == "beijing"
