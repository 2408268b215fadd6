"""Entry templates: a workbook evaluators fill in Excel or WPS, offline, and hand in.

One row per city × leaf (third-level) indicator, with what the evaluator needs to know
(codes, names in zh and en, measurement kind, unit, allowed values, optionally the values
already observed) and the columns to fill: value, channel, date observed, evaluator,
source, note, status. The sheet is protected without a password: headers and key columns
are locked, the fill columns are not; drop-down lists for channel, status, rating levels
and yes/no; numeric bounds on values; a date format and date check; a frozen header.

Stable keys: a hidden column `key` holds uuid5(template id, "city/indicator") for every
row; the template id (a fresh UUID per export) and the workspace and campaign it was
made for are in the very hidden sheet `_meta`. The importer derives each observation's
uuid from the key (see models.excel_import), so a workbook imported twice adds nothing.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from models.campaigns import Campaign
from models.cities import CHANNELS, CHANNELS_EN, City
from models.excel_columns import (
    ALL_COLUMNS,
    EXISTING,
    STATUS_LABELS,
    Column,
    allowed_text,
    kind_label,
    options,
)
from models.framework import Indicator, MeasurementSpec
from models.observations import Observation
from models.store import utc_now
from models.tables import format_number
from models.workspace import Workspace
from models.xlsx_write import safe_text

ENTRY_SHEET, HELP_SHEET, LISTS_SHEET, META_SHEET = "录入 Entry", "说明 Help", "Lists", "_meta"
TEMPLATE_FORMAT = "smart-city-entry/1"
_HEADER_FILL = PatternFill("solid", fgColor="FFDDE4EE")
_FILL_FILL = PatternFill("solid", fgColor="FFFFF2CC")
_UNLOCKED = Protection(locked=False)
_DATE_RANGE = (36526, 73050)  # 2000-01-01 … 2099-12-31 as Excel serial numbers


@dataclass(frozen=True)
class TemplateInfo:
    """What was written: the template id, and the numbers of rows, cities and indicators."""

    path: Path
    template_id: str
    rows: int
    cities: int
    indicators: int


def row_key(template_id: str, city_code: str, indicator_code: str) -> str:
    """The stable key of one template row."""
    return str(uuid.uuid5(uuid.UUID(template_id), f"{city_code}/{indicator_code}"))


def write_template(
    ws: Workspace,
    campaign: Campaign,
    path: Path,
    *,
    city_codes: Sequence[str] | None = None,
    with_values: bool = False,
) -> TemplateInfo:
    """Write an entry template for `campaign` (all its cities, or `city_codes`) to `path`.

    Raises ValueError naming city codes that are not in the campaign.
    """
    cities = _chosen_cities(ws, campaign, city_codes)
    leaves = [n for n in ws.framework(campaign.framework_id).leaves() if n.spec is not None]
    existing = _existing(ws, campaign) if with_values else None
    template_id = str(uuid.uuid4())
    book = openpyxl.Workbook()
    entry = book.active
    assert entry is not None
    entry.title = ENTRY_SHEET
    lists = _write_lists(book, leaves)
    columns = [c for c in ALL_COLUMNS if with_values or c is not EXISTING]
    _write_header(entry, columns)
    rows = _write_rows(entry, columns, cities, leaves, template_id, existing)
    _add_validations(entry, columns, cities, leaves, lists)
    _protect(entry, columns)
    _write_help(book)
    _write_meta(book, ws, campaign, template_id)
    temp = path.with_name(f".{path.name}.part")
    try:
        book.save(temp)
        temp.replace(path)
    finally:
        temp.unlink(missing_ok=True)
    return TemplateInfo(path, template_id, rows, len(cities), len(leaves))


def _chosen_cities(ws: Workspace, campaign: Campaign, codes: Sequence[str] | None) -> list[City]:
    by_id = {c.city_id: c for c in ws.cities()}
    cities = [by_id[i] for i in campaign.city_ids]
    if codes is None:
        return cities
    known = {c.code: c for c in cities}
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ValueError(f"not cities of campaign {campaign.name!r}: {', '.join(unknown)}")
    return [known[c] for c in dict.fromkeys(codes)]


def _existing(ws: Workspace, campaign: Campaign) -> dict[tuple[int, int], list[Observation]]:
    found: dict[tuple[int, int], list[Observation]] = defaultdict(list)
    for obs in ws.observations(campaign.campaign_id):
        if obs.status != "rejected":
            found[(obs.city_id, obs.indicator_id)].append(obs)
    return found


def _existing_text(observations: list[Observation]) -> str:
    return "; ".join(
        f"{format_number(o.value)} ({o.channel} {o.observed_on.isoformat()} {o.evaluator})"
        for o in observations
    )


# ---------------------------------------------------------------- the entry sheet


def _write_header(sheet: Worksheet, columns: list[Column]) -> None:
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=number)
        safe_text(cell, column.header)
        cell.font = Font(bold=True)
        cell.fill = _FILL_FILL if column.fill else _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = column.width
    sheet.column_dimensions["A"].hidden = True  # the row key
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "E2"  # header row; key, city and indicator code stay in view


def _write_rows(
    sheet: Worksheet,
    columns: list[Column],
    cities: list[City],
    leaves: list[Indicator],
    template_id: str,
    existing: dict[tuple[int, int], list[Observation]] | None,
) -> int:
    position = {c.id: i for i, c in enumerate(columns, start=1)}
    fills = [i for i, c in enumerate(columns, start=1) if c.fill]
    row = 1
    for city in cities:
        for leaf in leaves:
            row += 1
            spec = leaf.spec
            assert spec is not None
            texts = {
                "key": row_key(template_id, city.code, leaf.code),
                "city_code": city.code,
                "city": f"{city.name_zh} {city.name_en}".strip(),
                "indicator_code": leaf.code,
                "indicator_zh": leaf.name_zh,
                "indicator_en": leaf.name_en,
                "kind": kind_label(spec.kind),
                "unit": spec.unit,
                "allowed": allowed_text(spec),
            }
            if existing is not None:
                cell_obs = existing.get((city.city_id or 0, leaf.node_id or 0), [])
                texts["existing"] = _existing_text(cell_obs)
            for column_id, text in texts.items():
                if text:
                    safe_text(sheet.cell(row=row, column=position[column_id]), text)
            for number in fills:
                sheet.cell(row=row, column=number).protection = _UNLOCKED
            sheet.cell(row=row, column=position["observed_on"]).number_format = "yyyy-mm-dd"
    return row - 1


def _protect(sheet: Worksheet, columns: list[Column]) -> None:
    """Protect without a password: locked cells stay, filtering and resizing allowed."""
    protection = sheet.protection
    protection.sheet = True
    protection.autoFilter = False
    protection.formatColumns = False
    protection.formatRows = False
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{sheet.max_row}"


# ---------------------------------------------------------------- validation


def _write_lists(book: Workbook, leaves: list[Indicator]) -> dict[tuple[str, ...], str]:
    """The hidden sheet of drop-down options; returns option texts → range formula."""
    sheet = book.create_sheet(LISTS_SHEET)
    sheet.sheet_state = "hidden"
    lists: list[tuple[str, ...]] = [
        tuple(f"{c} {CHANNELS_EN[c]}" for c in CHANNELS),
        tuple(f"{zh} {code}" for code, zh in STATUS_LABELS.items()),
    ]
    for leaf in leaves:
        assert leaf.spec is not None
        texts = tuple(text for _, text in options(leaf.spec))
        if texts and texts not in lists:
            lists.append(texts)
    ranges: dict[tuple[str, ...], str] = {}
    for number, texts in enumerate(lists, start=1):
        letter = get_column_letter(number)
        for row, text in enumerate(texts, start=1):
            safe_text(sheet.cell(row=row, column=number), text)
        ranges[texts] = f"{LISTS_SHEET}!${letter}$1:${letter}${len(texts)}"
    sheet.protection.sheet = True
    return ranges


def _add_validations(
    sheet: Worksheet,
    columns: list[Column],
    cities: list[City],
    leaves: list[Indicator],
    lists: dict[tuple[str, ...], str],
) -> None:
    position = {c.id: get_column_letter(i) for i, c in enumerate(columns, start=1)}
    last = 1 + len(cities) * len(leaves)
    if last < 2:
        return
    channel_list, status_list = list(lists.values())[:2]
    for column_id, formula, what in (
        ("channel", channel_list, "渠道请从下拉列表选择 / Pick a channel from the list"),
        ("status", status_list, "状态请从下拉列表选择 / Pick a status from the list"),
    ):
        dv = _validation(_Rule("list", what, formula))
        dv.add(f"{position[column_id]}2:{position[column_id]}{last}")
        sheet.add_data_validation(dv)
    low, high = map(str, _DATE_RANGE)
    date_check = _validation(_Rule("date", "日期 YYYY-MM-DD / A date (YYYY-MM-DD)", low, high))
    date_check.add(f"{position['observed_on']}2:{position['observed_on']}{last}")
    sheet.add_data_validation(date_check)
    _add_value_validations(sheet, position["value"], len(leaves), len(cities), leaves, lists)


@dataclass(frozen=True)
class _Rule:
    """A data validation of value cells: type, message and formulas."""

    kind: Literal["list", "date", "whole", "decimal"]
    message: str
    formula1: str
    formula2: str | None = None


def _add_value_validations(
    sheet: Worksheet,
    letter: str,
    per_city: int,
    n_cities: int,
    leaves: list[Indicator],
    lists: dict[tuple[str, ...], str],
) -> None:
    groups: dict[_Rule, list[str]] = defaultdict(list)
    for k, leaf in enumerate(leaves):
        assert leaf.spec is not None
        rule = _value_rule(leaf.spec, lists)
        groups[rule].extend(f"{letter}{2 + c * per_city + k}" for c in range(n_cities))
    for rule, cells in groups.items():
        dv = _validation(rule)
        dv.sqref = MultiCellRange(" ".join(cells))
        sheet.add_data_validation(dv)


def _value_rule(spec: MeasurementSpec, lists: dict[tuple[str, ...], str]) -> _Rule:
    """The validation of a leaf's value cells."""
    allowed = allowed_text(spec)
    texts = tuple(text for _, text in options(spec))
    if texts:
        return _Rule("list", f"请从下拉列表选择 / Pick from the list: {allowed}", lists[texts])
    if spec.kind == "checklist":
        most = len(spec.items) if spec.items else spec.high
        return _Rule("whole", f"整数 / A whole number: {allowed}", "0", format_number(most))
    if spec.bounded and spec.has_goalposts:
        low, high = format_number(spec.low), format_number(spec.high)
        return _Rule("decimal", f"数值 / A number: {allowed}", low, high)
    return _Rule("decimal", "数值 / A number", "-1E+15", "1E+15")


def _validation(rule: _Rule) -> DataValidation:
    return DataValidation(
        type=rule.kind,
        formula1=rule.formula1,
        formula2=rule.formula2,
        operator=None if rule.kind == "list" else "between",
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle="取值无效 / Invalid value",
        error=rule.message[:225],
        prompt=rule.message[:255],
    )


# ---------------------------------------------------------------- other sheets

HELP_LINES: tuple[str, ...] = (
    "智慧城市发展水平评估 · 数据录入模板",
    "1. 在「录入 Entry」工作表中，每行是一个城市的一项三级指标。"
    "只填写黄色列：数值、调查渠道、调查日期、评估员、数据来源、备注、状态。"
    "其他列已锁定（无密码保护），请勿修改。",
    "2. 数值须符合「取值范围」：评级与是否类指标请从下拉列表选择；清单类填写勾选项数（整数）。",
    "3. 调查渠道与状态请从下拉列表选择；日期格式为 YYYY-MM-DD。状态留空即为「已提交」。",
    "4. 请直接输入数值，不要使用公式；含公式或错误值（如 #DIV/0!）的单元格会被拒绝。",
    "5. 未填写数值的行在导入时跳过。同一工作簿重复导入不会重复添加数据。",
    "6. 导入时逐行检查，所有问题一次列出（工作表、行、列）；有任何问题时默认不导入任何数据。",
    "",
    "SMART City Evaluator · data entry template",
    "1. On the sheet 'Entry' each row is one city and one third-level indicator. Fill in the "
    "yellow columns only: value, channel, date observed, evaluator, source, note, status. "
    "The other columns are locked (protected without a password); do not change them.",
    "2. The value must fit 'Allowed values': pick ratings and yes/no from the drop-down list; "
    "for checklists type the number of items ticked (a whole number).",
    "3. Pick channel and status from their lists; dates are YYYY-MM-DD. An empty status means "
    "'submitted'.",
    "4. Type values, not formulas: cells with a formula or an error value (#DIV/0!) are refused.",
    "5. Rows without a value are skipped. Importing the same workbook again adds nothing.",
    "6. The import checks every row and lists all problems at once (sheet, row, column); a "
    "workbook with any problem imports nothing unless the user chooses the valid rows only.",
)


def _write_help(book: Workbook) -> None:
    sheet = book.create_sheet(HELP_SHEET, 1)
    sheet.column_dimensions["A"].width = 110
    for row, line in enumerate(HELP_LINES, start=1):
        cell = sheet.cell(row=row, column=1)
        safe_text(cell, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row in (1, 9):
            cell.font = Font(bold=True, size=13)


def _write_meta(book: Workbook, ws: Workspace, campaign: Campaign, template_id: str) -> None:
    sheet = book.create_sheet(META_SHEET)
    sheet.sheet_state = "veryHidden"
    pairs = (
        ("format", TEMPLATE_FORMAT),
        ("template_id", template_id),
        ("workspace_id", ws.workspace_id),
        ("campaign", campaign.name),
        ("created", utc_now()),
    )
    for row, (name, value) in enumerate(pairs, start=1):
        safe_text(sheet.cell(row=row, column=1), name)
        safe_text(sheet.cell(row=row, column=2), value)
