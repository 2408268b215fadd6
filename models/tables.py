"""Plain tables in CSV or XLSX files, read as rows of cells: the layer under the iMeta,
iData and city-list readers.

Reading: the format follows the suffix (`.xlsx`/`.xlsm` → XLSX, anything else → CSV), so
a file that is not what its name says is refused rather than guessed at. CSV is UTF-8
with or without BOM; GB18030 (what Chinese Excel writes for "CSV (逗号分隔)") is accepted
as a fallback. XLSX takes the sheet with the wanted name (any case), else the first sheet.
Cells are trimmed; empty cells are None. Rows keep their spreadsheet numbers (header = 1).

Writing: CSV is UTF-8 with BOM (so Excel shows Chinese text correctly), comma-separated,
numbers in full precision. XLSX writes numbers as numbers, text always as text.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import math
import re
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError, InvalidFileException
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from models.framework import SourceError

Cell = str | float | None  # a normalised cell: trimmed text, a number, or empty
XLSX_SUFFIXES = (".xlsx", ".xlsm")
MISSING_TOKENS = frozenset({"", "na", "n/a", "#n/a", "nan", "null"})  # number cells only
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


class DataError(SourceError):
    """A data table (or a file that should be a table) is invalid."""


@dataclass(frozen=True)
class Row:
    """One non-blank data row: its spreadsheet row number and cells padded to the header."""

    number: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class RawTable:
    """A table as read: the source name for messages, the header and the data rows."""

    source: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    header_row: int = 1

    def find(self, name: str) -> int | None:
        """Index of the column named `name`, ignoring case; None when absent."""
        wanted = name.casefold()
        return next((i for i, h in enumerate(self.header) if h.casefold() == wanted), None)


def read_table(path: Path, sheet: str, error: type[SourceError] = DataError) -> RawTable:
    """Read a CSV or XLSX table; `sheet` is the preferred XLSX sheet name.

    Raises `error` (naming the file, and the row and column where there is one) for a
    missing, empty, binary or malformed file, duplicate headers and cells outside the
    header's columns.
    """
    source = str(path)
    try:
        if path.suffix.lower() in XLSX_SUFFIXES:
            raw = _read_xlsx(path, sheet, source, error)
        elif path.suffix.lower() == ".xls":
            raise error(source, None, None, "old .xls workbooks are not supported; save as .xlsx")
        else:
            raw = _read_csv(path.read_bytes(), source, error)
    except OSError as exc:
        raise error(source, None, None, f"cannot read the file: {exc.strerror or exc}") from exc
    return _to_table(source, raw, error)


def _read_csv(data: bytes, source: str, error: type[SourceError]) -> list[list[Cell]]:
    if data.startswith(b"PK\x03\x04"):
        raise error(source, None, None, "this is an XLSX workbook, not CSV; name it .xlsx")
    if b"\x00" in data:
        raise error(source, None, None, "not a text table (binary data); expected CSV or XLSX")
    text = _decode(data, source, error)
    if _CONTROL.search(text):
        raise error(source, None, None, "not a text table (control characters); expected CSV")
    try:
        return [[_text_cell(v) for v in rec] for rec in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as exc:
        raise error(source, None, None, f"malformed CSV: {exc}") from exc


def _decode(data: bytes, source: str, error: type[SourceError]) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for encoding in ("utf-8", "gb18030"):
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode(encoding)
    raise error(source, None, None, "not a text table: not UTF-8 (save as 'CSV UTF-8')")


def _read_xlsx(path: Path, sheet: str, source: str, error: type[SourceError]) -> list[list[Cell]]:
    # A damaged ZIP member surfaces from zipfile/zlib as any of these, not as BadZipFile.
    bad_workbook = (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        ValueError,
        TypeError,
        zlib.error,
        EOFError,
        NotImplementedError,
    )
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except bad_workbook as exc:
        raise error(source, None, None, "not an XLSX workbook (is it CSV text?)") from exc
    try:
        sheets = {ws.title.casefold(): ws for ws in book.worksheets}
        if not sheets:
            raise error(source, None, None, "the workbook has no worksheet")
        ws = sheets.get(sheet.casefold(), book.worksheets[0])
        return [[_xlsx_cell(v) for v in values] for values in ws.iter_rows(values_only=True)]
    except bad_workbook as exc:
        raise error(source, None, None, f"damaged XLSX workbook: {exc}") from exc
    finally:
        book.close()


def _text_cell(value: str) -> Cell:
    return value.strip() or None


def _xlsx_cell(value: object) -> Cell:
    if value is None or isinstance(value, str):
        return None if value is None else _text_cell(value)
    if isinstance(value, bool):  # before int: bool is an int
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return _text_cell(str(value))


def _to_table(source: str, raw: list[list[Cell]], error: type[SourceError]) -> RawTable:
    numbered = [(i, c) for i, c in enumerate(raw, start=1) if any(v is not None for v in c)]
    if not numbered:
        raise error(source, None, None, "empty file: no header row")
    header_row, header_cells = numbered[0]
    names = [cell_text(c) for c in header_cells]
    kept = [i for i, name in enumerate(names) if name]
    seen: set[str] = set()
    for i in kept:
        if names[i] in seen:
            raise error(source, header_row, names[i], "duplicate column header")
        seen.add(names[i])
    rows: list[Row] = []
    for number, cells in numbered[1:]:
        for i, cell in enumerate(cells):
            if cell is not None and (i >= len(names) or not names[i]):
                where = get_column_letter(i + 1)
                raise error(source, number, where, "value in a column without a header")
        padded = [cells[i] if i < len(cells) else None for i in kept]
        rows.append(Row(number, tuple(padded)))
    return RawTable(source, tuple(names[i] for i in kept), tuple(rows), header_row)


def cell_text(cell: Cell) -> str:
    """A cell as text: "" when empty; whole numbers without a decimal point."""
    if cell is None:
        return ""
    return cell if isinstance(cell, str) else format_number(cell)


def cell_number(cell: Cell) -> float | None:
    """A cell as a finite number; None when empty or a missing-value token (NA, NaN, #N/A).

    Raises ValueError with a short reason otherwise.
    """
    if isinstance(cell, float):
        if not math.isfinite(cell):
            raise ValueError("not a finite number")
        return cell
    if cell is None or cell.casefold() in MISSING_TOKENS:
        return None
    text = cell.replace("\u2212", "-")  # a typographic minus sign, as pasted from documents
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"{cell!r} is not a number")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{cell!r} is too large")
    return value


def format_number(value: float) -> str:
    """Shortest text that reads back as exactly `value`; whole numbers without '.0'."""
    value = float(value)  # an int slipped in where a float was promised
    if math.isnan(value):
        return ""
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(float(value))


def write_table(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]], sheet: str
) -> None:
    """Write a table as CSV or XLSX (by suffix), replacing `path` only when complete."""
    suffix = path.suffix.lower()
    if suffix not in (*XLSX_SUFFIXES, ".csv", ".txt"):
        raise ValueError(f"{path}: unknown table format {suffix!r}; use .csv or .xlsx")
    temp = path.with_name(f".{path.name}.part")
    try:
        if suffix in XLSX_SUFFIXES:
            _write_xlsx(temp, str(path), header, rows, sheet)
        else:
            _write_csv(temp, header, rows)
        temp.replace(path)
    finally:
        temp.unlink(missing_ok=True)


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([cell_text(c) for c in row] for row in rows)


def _write_xlsx(
    path: Path, source: str, header: Sequence[str], rows: Iterable[Sequence[Cell]], sheet: str
) -> None:
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    for number, row in enumerate([header, *rows], start=1):
        try:
            ws.append([_xlsx_out(ws, cell) for cell in row])
        except IllegalCharacterError as exc:
            raise DataError(source, number, None, "text with a control character") from exc
    book.save(path)


def _xlsx_out(ws: WriteOnlyWorksheet, cell: Cell) -> XlsxCell | None:
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return None
    if isinstance(cell, str):
        out = WriteOnlyCell(ws, value=cell)
        out.data_type = "s"  # never a formula or error code, whatever the text starts with
        return out
    # openpyxl writes floats with 16 significant digits; 17 are needed to read back the
    # same float, so hand it the exact text and mark the cell numeric.
    out = WriteOnlyCell(ws, value=format_number(cell))
    out.data_type = "n"
    return out
