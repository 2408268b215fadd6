"""The cells and rows of a streamed worksheet (the hot loop of models.xlsx_read), and the
error every refusal of a workbook raises.

Each worksheet streams through expat handlers that turn <row>/<c> elements into `XRow`s
of typed `XCell`s. The handlers are kept lean on purpose: they run once per element,
several million times for a large workbook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, NamedTuple, Protocol
from xml.parsers import expat

from openpyxl.utils.cell import column_index_from_string, get_column_letter

from models.framework import SourceError

MAX_ROWS = 200_000  # data rows per workbook
MAX_COLUMNS = 256
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell

ProblemKind = Literal[
    "not_workbook",
    "encrypted",
    "damaged",
    "xml_attack",
    "too_large",
    "too_many_rows",
    "wrong_columns",
]
CellKind = Literal["text", "number", "bool", "date", "formula", "error", "too_long"]


class WorkbookError(SourceError):
    """The file is refused as a whole: not a workbook, encrypted, damaged, an XML attack,
    over a size limit, or without the expected columns. `kind` says which; `sheet` is set
    when one sheet is at fault."""

    def __init__(
        self,
        source: str,
        kind: ProblemKind,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
    ) -> None:
        self.kind, self.sheet = kind, sheet
        where = f"sheet {sheet!r}: " if sheet is not None else ""
        super().__init__(source, row, None, where + message)


class XCell(NamedTuple):
    """One non-empty cell: its kind and value (text of a formula/error; length if too long)."""

    kind: CellKind
    value: str | float | bool | datetime | int


class XRow(NamedTuple):
    """A row that has at least one cell: spreadsheet row number and cells by column index."""

    number: int
    cells: dict[int, XCell]


def text_cell(text: str) -> XCell:
    if len(text) > MAX_CELL_CHARS:
        return XCell("too_long", len(text))
    return XCell("text", text)


def to_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return -1


class Book(Protocol):
    """What a sheet stream needs from its workbook (models.xlsx_read.XlsxBook)."""

    source: str

    def cell_of(self, kind: str | None, style: str | None, text: str) -> XCell: ...

    def stream(self, sheet: str, handlers: Handlers) -> Iterator[None]: ...


@dataclass
class Handlers:
    """Expat handlers to install; `owner` is told the parser (to swap its handlers)."""

    start: Callable[[str, dict[str, str]], None] | None = None
    end: Callable[[str], None] | None = None
    chars: Callable[[str], None] | None = None
    owner: _SheetReader | None = None

    def bind(self, parser: expat.XMLParserType) -> expat.XMLParserType:
        if self.owner is not None:
            self.owner.parser = parser
        if self.start is not None:
            parser.StartElementHandler = self.start
        if self.end is not None:
            parser.EndElementHandler = self.end
        if self.chars is not None:
            parser.CharacterDataHandler = self.chars
        return parser


class SheetRows:
    """An iterator over a sheet's rows; `keep_only(columns)` makes the rest of the sheet
    skip the cells of other columns (cheaper, and their content is not looked at)."""

    def __init__(self, book: Book, sheet: str) -> None:
        self._reader = _SheetReader(book, sheet)
        self._rows = self._stream(book, sheet)

    def _stream(self, book: Book, sheet: str) -> Iterator[XRow]:
        reader = self._reader
        for _ in book.stream(sheet, Handlers(reader.first, reader.end, reader.chars, reader)):
            yield from reader.take()
        yield from reader.take()

    def __iter__(self) -> SheetRows:
        return self

    def __next__(self) -> XRow:
        return next(self._rows)

    def keep_only(self, columns: Iterable[int]) -> None:
        self._reader.wanted = frozenset(columns)


_COLUMNS = {get_column_letter(i + 1): i for i in range(MAX_COLUMNS)}
_DIGITS = "0123456789"


class _SheetReader:
    """Expat handlers turning <row>/<c> elements into XRow objects."""

    def __init__(self, book: Book, sheet: str) -> None:
        self.book, self.sheet = book, sheet
        self.done: list[XRow] = []
        self.row_number = 0
        self.data_rows = 0
        self.cells: dict[int, XCell] = {}
        self.column = -1
        self.kind: str | None = None
        self.style: str | None = None
        self.formula: str | None = None
        self.value: list[str] = []
        self.collect = False
        self.phonetic = False
        self.parser: expat.XMLParserType | None = None
        self.wanted: frozenset[int] | None = None  # None: every column
        self.skip = False

    def take(self) -> list[XRow]:
        done, self.done = self.done, []
        return done

    def first(self, name: str, attrs: dict[str, str]) -> None:
        """The root element: documents with a namespace prefix get prefix-stripping handlers."""
        assert self.parser is not None
        if ":" in name:
            prefix = name[: name.index(":") + 1]
            size = len(prefix)

            def start(name: str, attrs: dict[str, str]) -> None:
                self.start(name[size:] if name.startswith(prefix) else name, attrs)

            def end(name: str) -> None:
                self.end(name[size:] if name.startswith(prefix) else name)

            self.parser.StartElementHandler, self.parser.EndElementHandler = start, end
        else:
            self.parser.StartElementHandler = self.start

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "c":
            ref = attrs.get("r")
            if ref:
                column = _COLUMNS.get(ref.rstrip(_DIGITS))
                self.column = column = self._column(ref) if column is None else column
            else:
                self.column = column = self.column + 1
            wanted = self.wanted
            if wanted is not None and column not in wanted:
                self.skip = True
                return
            self.skip = False
            self.kind, self.style = attrs.get("t"), attrs.get("s")
            self.formula, self.value = None, []
        elif name == "t":
            self.collect = not (self.skip or self.phonetic)
        elif name == "is":
            return
        elif name == "v":
            self.collect = not self.skip
        elif name == "row":
            number = attrs.get("r")
            self.row_number = to_int(number) if number else self.row_number + 1
            self.cells, self.column = {}, -1
        elif name == "f" and not self.skip:
            self.collect, self.value, self.formula = True, [], ""
        elif name == "rPh":
            self.phonetic = True

    def end(self, name: str) -> None:
        if name == "c":
            if not self.skip:
                self._finish_cell()
        elif name == "t" or name == "v":
            self.collect = False
        elif name == "is":
            return
        elif name == "row":
            self._finish_row()
        elif name == "f":
            self.collect, self.formula = False, "".join(self.value)
            self.value = []
        elif name == "rPh":
            self.phonetic = False

    def chars(self, data: str) -> None:
        if self.collect:
            self.value.append(data)

    def _column(self, ref: str) -> int:
        try:
            return column_index_from_string(ref.rstrip(_DIGITS)) - 1
        except ValueError:
            return self.column + 1

    def _finish_cell(self) -> None:
        value = self.value
        if self.formula is not None:
            cell = XCell("formula", "=" + self.formula)
        elif not value:
            return
        elif self.kind == "inlineStr":
            text = value[0] if len(value) == 1 else "".join(value)
            if not text:
                return
            cell = text_cell(text) if len(text) > MAX_CELL_CHARS else XCell("text", text)
        else:
            cell = self.book.cell_of(self.kind, self.style, "".join(value))
            if cell.kind == "text" and not cell.value:
                return
        if self.column >= MAX_COLUMNS:
            msg = f"a cell beyond column {MAX_COLUMNS} (row {self.row_number})"
            raise WorkbookError(self.book.source, "too_large", msg, sheet=self.sheet)
        self.cells[self.column] = cell

    def _finish_row(self) -> None:
        if not self.cells:
            return
        self.data_rows += 1
        if self.data_rows > MAX_ROWS + 1:  # + the header row
            msg = f"more than {MAX_ROWS} rows; split the workbook"
            raise WorkbookError(self.book.source, "too_many_rows", msg, sheet=self.sheet)
        self.done.append(XRow(self.row_number, self.cells))
        self.cells = {}
