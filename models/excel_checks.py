"""Row checks of an entry workbook: every cell a row needs, checked at once, each problem
with its sheet, row and column.

Problems found per row: a formula or an error value (#DIV/0!, #REF!) in a cell, text
longer than a cell may hold, an unknown city or indicator code, a value that is not a
number or breaks the indicator's rules (bounds, rating levels, yes/no, whole checklist
counts), an unknown channel or status, a bad or implausible date, a value missing where
other fill columns are filled. Repeated rows and conflicts with the workspace are found
by models.excel_import, which sees the whole file.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import NamedTuple

from models.excel_columns import (
    BY_ID,
    DEFAULT_STATUS,
    FILL_IDS,
    allowed_text,
    channel_of,
    option_value,
    options,
    status_of,
)
from models.framework import MeasurementSpec
from models.observations import Status, validate_value
from models.tables import cell_number, format_number
from models.xlsx_read import MAX_CELL_CHARS, XCell, XRow

PROBLEM_KINDS: dict[str, str] = {
    "formula": "a formula instead of a value",
    "error_value": "an error value such as #DIV/0! or #REF!",
    "too_long": "text longer than a cell may hold",
    "missing": "a required cell is empty",
    "unknown_city": "a city code that is not in the campaign",
    "unknown_indicator": "an indicator code that is not a leaf of the framework",
    "not_a_number": "a value that is not a number",
    "invalid_value": "a value outside the bounds, levels or counts of its indicator",
    "unknown_channel": "a channel that is not one of the five",
    "bad_date": "a date that cannot be read or is implausible",
    "unknown_status": "a status that is not draft/submitted/verified/rejected",
    "bad_key": "a row key that is not usable",
    "duplicate_row": "a row repeated in the file",
    "conflict": "a row imported before, now with different content",
    "missing_column": "a required column is missing from a sheet",
    "wrong_campaign": "a template made for another campaign",
}
EARLIEST_DATE = date(1990, 1, 1)
MAX_KEY_CHARS = 200
# the text columns the importer reads (other columns, e.g. names, are for people only)
_TEXT_IDS = (
    "key",
    "city_code",
    "indicator_code",
    "channel",
    "evaluator",
    "source",
    "note",
    "status",
)
_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


@dataclass(frozen=True)
class Problem:
    """One problem: where (sheet, spreadsheet row, column letter and header) and what."""

    sheet: str
    row: int | None
    column: str | None
    header: str
    kind: str
    message: str

    def location(self) -> str:
        where = f"sheet {self.sheet!r}"
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
            if self.header:
                where += f" ({self.header})"
        return where

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"


@dataclass(frozen=True)
class Lookup:
    """What rows are checked against: the campaign's cities and leaf indicators by code."""

    cities: dict[str, int]  # code (case-folded) → city id
    leaves: dict[str, tuple[int, MeasurementSpec]]  # code (case-folded) → node id, spec
    today: date


@dataclass(frozen=True)
class SheetColumns:
    """A data sheet's columns: column id → 0-based index, and the header texts."""

    sheet: str
    index: dict[str, int]
    headers: dict[int, str]

    @cached_property
    def fill_indexes(self) -> tuple[int, ...]:
        return tuple(i for c, i in self.index.items() if c in FILL_IDS)

    def letter(self, column_id: str) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(self.index[column_id] + 1)

    def header(self, column_id: str) -> str:
        return self.headers.get(self.index[column_id], column_id).split("\n")[0]


class EntryRow(NamedTuple):  # a tuple: 50 000 of them are made per large import
    """A row that passed every check; `key` is its stable key (see models.excel_import)."""

    sheet: str
    row: int
    key: str
    city_id: int
    indicator_id: int
    value: float
    channel: str
    observed_on: date
    evaluator: str | None
    source: str
    note: str
    status: Status


class _RowProblems:
    def __init__(self, columns: SheetColumns, row: int) -> None:
        self.columns, self.row = columns, row
        self.found: list[Problem] = []
        self.unusable: set[str] = set()  # columns whose cell was a formula, error, too long

    def missing(self, column_id: str, message: str) -> None:
        """An empty cell, unless the cell held something unusable (already reported)."""
        if column_id not in self.unusable:
            self.add(column_id, "missing", message)

    def add(self, column_id: str, kind: str, message: str) -> None:
        c = self.columns
        letter = c.letter(column_id) if column_id in c.index else None
        header = c.header(column_id) if column_id in c.index else BY_ID[column_id].en
        self.found.append(Problem(c.sheet, self.row, letter, header, kind, message))


def is_blank(row: XRow, columns: SheetColumns) -> bool:
    """True when none of the fill columns holds anything (an unfilled template row)."""
    cells = row.cells
    return not any(i in cells for i in columns.fill_indexes)


def check_row(
    row: XRow, columns: SheetColumns, lookup: Lookup
) -> tuple[EntryRow | None, list[Problem]]:
    """The checked row, or None and its problems (all of them)."""
    problems = _RowProblems(columns, row.number)
    texts = {c: _text(row, columns, c, problems) for c in _TEXT_IDS if c in columns.index}
    city = _city(texts.get("city_code"), lookup, problems)
    leaf = _leaf(texts.get("indicator_code"), lookup, problems)
    value = _value(row, columns, leaf[1] if leaf else None, problems)
    channel = _channel(texts.get("channel"), problems)
    observed_on = _date(row, columns, lookup.today, problems)
    status = _status(texts.get("status"), problems)
    key = texts.get("key") or ""
    if len(key) > MAX_KEY_CHARS:
        problems.add("key", "bad_key", f"the row key is longer than {MAX_KEY_CHARS} characters")
    if problems.found:
        return None, problems.found
    assert city is not None and leaf is not None and value is not None
    assert channel is not None and observed_on is not None and status is not None
    return (
        EntryRow(
            columns.sheet,
            row.number,
            key,
            city,
            leaf[0],
            value,
            channel,
            observed_on,
            texts.get("evaluator") or None,
            texts.get("source") or "",
            texts.get("note") or "",
            status,
        ),
        [],
    )


def _bad_cell(cell: XCell, column_id: str, problems: _RowProblems) -> bool:
    """Report formulas, error values and over-long text; True when the cell is unusable."""
    if cell.kind == "formula":
        shown = str(cell.value)[:60]
        problems.add(column_id, "formula", f"a formula ({shown}); type the value itself")
    elif cell.kind == "error":
        problems.add(column_id, "error_value", f"an error value ({cell.value})")
    elif cell.kind == "too_long":
        msg = f"text of {cell.value} characters; at most {MAX_CELL_CHARS}"
        problems.add(column_id, "too_long", msg)
    else:
        return False
    problems.unusable.add(column_id)
    return True


def _text(row: XRow, columns: SheetColumns, column_id: str, problems: _RowProblems) -> str:
    cell = row.cells.get(columns.index[column_id])
    if cell is None:
        return ""
    value = cell.value
    if cell.kind == "text":  # the usual case first
        return str(value).strip()
    if _bad_cell(cell, column_id, problems):
        return ""
    if cell.kind == "bool":
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    return format_number(float(value))


def _city(code: str | None, lookup: Lookup, problems: _RowProblems) -> int | None:
    if not code:
        problems.missing("city_code", "the city code is empty")
        return None
    found = lookup.cities.get(code.casefold())
    if found is None:
        problems.add("city_code", "unknown_city", f"unknown city code {code!r} in this campaign")
    return found


def _leaf(
    code: str | None, lookup: Lookup, problems: _RowProblems
) -> tuple[int, MeasurementSpec] | None:
    if not code:
        problems.missing("indicator_code", "the indicator code is empty")
        return None
    found = lookup.leaves.get(code.casefold())
    if found is None:
        msg = f"unknown indicator code {code!r} (not a leaf of the campaign's framework)"
        problems.add("indicator_code", "unknown_indicator", msg)
    return found


def _value(
    row: XRow, columns: SheetColumns, spec: MeasurementSpec | None, problems: _RowProblems
) -> float | None:
    cell = row.cells.get(columns.index["value"])
    if cell is None:
        problems.add("value", "missing", "the value is empty (other fill columns are not)")
        return None
    if _bad_cell(cell, "value", problems):
        return None
    number = _number(cell, spec)
    if number is None:
        msg = f"{_shown(cell)} is not a number"
        if spec is not None and options(spec):
            msg += f" nor one of: {allowed_text(spec)}"
        problems.add("value", "not_a_number", msg)
        return None
    if spec is None:
        return None
    try:
        return validate_value(spec, number)
    except ValueError as exc:
        problems.add("value", "invalid_value", str(exc))
        return None


def _number(cell: XCell, spec: MeasurementSpec | None) -> float | None:
    if cell.kind == "number" and isinstance(cell.value, float):
        return cell.value
    if cell.kind == "bool":
        return 1.0 if cell.value else 0.0
    if cell.kind != "text":
        return None
    text = str(cell.value).strip()
    if spec is not None and (found := option_value(spec, text)) is not None:
        return found
    try:
        number = cell_number(text.replace(",", "").replace("%", "").strip())
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None


def _shown(cell: XCell) -> str:
    if isinstance(cell.value, datetime):
        return f"the date {cell.value.date().isoformat()}"
    return repr(str(cell.value)[:60])


def _channel(text: str | None, problems: _RowProblems) -> str | None:
    if not text:
        problems.missing("channel", "the channel is empty")
        return None
    found = channel_of(text)
    if found is None:
        msg = f"unknown channel {text[:60]!r}; pick one from the drop-down list"
        problems.add("channel", "unknown_channel", msg)
    return found


def _status(text: str | None, problems: _RowProblems) -> Status | None:
    if not text:
        return DEFAULT_STATUS
    found = status_of(text)
    if found is None:
        msg = f"unknown status {text[:60]!r}; one of draft, submitted, verified, rejected"
        problems.add("status", "unknown_status", msg)
    return found


def _date(row: XRow, columns: SheetColumns, today: date, problems: _RowProblems) -> date | None:
    cell = row.cells.get(columns.index["observed_on"])
    if cell is None:
        problems.add("observed_on", "missing", "the date observed is empty")
        return None
    if _bad_cell(cell, "observed_on", problems):
        return None
    found = _as_date(cell)
    if found is None:
        msg = f"{_shown(cell)} is not a date; use YYYY-MM-DD or a date cell"
        problems.add("observed_on", "bad_date", msg)
    elif not EARLIEST_DATE <= found <= today + timedelta(days=1):
        msg = f"{found.isoformat()} is before {EARLIEST_DATE.year} or in the future"
        problems.add("observed_on", "bad_date", msg)
        return None
    return found


def _as_date(cell: XCell) -> date | None:
    if isinstance(cell.value, datetime):
        return cell.value.date()
    if cell.kind != "text":
        return None
    match = _DATE_TEXT.fullmatch(str(cell.value).strip())
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
