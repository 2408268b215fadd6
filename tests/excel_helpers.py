"""Helpers of the Excel tests: filling a template by program, workspace snapshots, and
opening a workbook in LibreOffice (headless CSV conversion)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from models.audit import Actor
from models.campaigns import Campaign
from models.excel_columns import column_of, options
from models.framework import MeasurementSpec
from models.workspace import Workspace

TESTER = Actor("测试员 tester", "test-laptop")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed; CI installs libreoffice-calc-nogui",
)
_ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def libreoffice_csv(workbook: Path, folder: Path) -> dict[str, list[list[str]]]:
    """Every sheet of `workbook` as converted to CSV by LibreOffice: sheet name → rows."""
    assert SOFFICE is not None
    out = folder / f"lo-{workbook.stem}"
    out.mkdir(parents=True, exist_ok=True)
    command = [
        SOFFICE,
        f"-env:UserInstallation=file://{out / 'profile'}",
        "--headless",
        "--convert-to",
        _ALL_SHEETS_CSV,
        "--outdir",
        str(out),
        str(workbook),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240, check=False)
    sheets: dict[str, list[list[str]]] = {}
    for path in sorted(out.glob(f"{workbook.stem}-*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            sheets[path.stem[len(workbook.stem) + 1 :]] = list(csv.reader(handle))
    assert sheets, f"LibreOffice wrote no CSV: {done.stdout} {done.stderr}"
    return sheets


@dataclass(frozen=True)
class Snapshot:
    """What an import may change: the observations (with values) and the audit length."""

    observations: dict[str, float]
    audit_rows: int

    @classmethod
    def of(cls, ws: Workspace, campaign: Campaign) -> Snapshot:
        found = ws.observations(campaign.campaign_id, include_deleted=True)
        return cls({o.uuid: o.value for o in found}, len(ws.audit_trail()))


def entry_sheet(book: openpyxl.Workbook) -> Worksheet:
    sheet = book.worksheets[0]
    assert isinstance(sheet, Worksheet)
    return sheet


def columns_of(sheet: Worksheet) -> dict[str, int]:
    """Column id → 1-based column number, from the header row."""
    found: dict[str, int] = {}
    for cell in sheet[1]:
        column_id = column_of(str(cell.value)) if cell.value is not None else None
        if column_id is not None and cell.column is not None:
            found[column_id] = cell.column
    return found


def value_for(spec: MeasurementSpec, k: int) -> float:
    """A valid value of the indicator, varied by `k`."""
    if spec.kind == "rating" and spec.levels:
        return spec.levels[k % len(spec.levels)].value
    if spec.kind == "yesno":
        return float(k % 2)
    if spec.kind == "checklist":
        return float(k % (len(spec.items) + 1 if spec.items else 2))
    return round(spec.low + (spec.high - spec.low) * ((k * 37) % 100) / 100.0, 3)


def typed_value(spec: MeasurementSpec, value: float, k: int) -> float | str:
    """How an evaluator might type `value`: the drop-down option, a word, or the number."""
    choices = options(spec)
    if choices and k % 3 == 0:
        return next(text for v, text in choices if v == value)
    if spec.kind == "yesno" and k % 3 == 1:
        return "是" if value == 1.0 else "否"
    return value


def fill_template(
    template: Path, out: Path, specs: dict[str, MeasurementSpec]
) -> dict[tuple[str, str], float]:
    """Fill every row of a template like an evaluator; returns (city, indicator) → value."""
    book = openpyxl.load_workbook(template)
    sheet = entry_sheet(book)
    col = columns_of(sheet)
    expected: dict[tuple[str, str], float] = {}
    channels = ("实地调研", "Phone interview", "网络采样 Web sampling", "统计数据", "问卷调查")
    for row in range(2, sheet.max_row + 1):
        k = row - 2
        city = str(sheet.cell(row, col["city_code"]).value)
        code = str(sheet.cell(row, col["indicator_code"]).value)
        spec = specs[code]
        value = value_for(spec, k)
        expected[(city, code)] = value
        sheet.cell(row, col["value"]).value = typed_value(spec, value, k)
        sheet.cell(row, col["channel"]).value = channels[k % len(channels)]
        day = date(2021, 3, 1 + k % 28)
        sheet.cell(row, col["observed_on"]).value = day if k % 2 else day.isoformat()
        sheet.cell(row, col["source"]).value = f"来源 {k}"
    book.save(out)
    return expected
