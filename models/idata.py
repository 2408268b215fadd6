"""Unit values as a COINr iData table (CSV or XLSX), read against an iMeta.

Columns, in any order: `uCode` (required: unique, non-empty unit codes), `uName`
(optional), `Time` (optional, whole numbers, as in COINr's ASEM example), then exactly
the columns the iMeta declares: one per indicator (leaf), one per Group, Denominator and
Other row. A declared column that is missing, or a column declared nowhere (a typo, an
aggregate's code, an unknown indicator) is an error, so a misspelt header cannot silently
drop data. Indicator and denominator cells are numbers; empty, NA, NaN and #N/A mean
missing (NaN). Indicator values outside a bounded indicator's goalposts are refused.
Group and Other cells are kept as text (empty → None).

One table holds one time point: uCode must be unique (COINr's panel data with repeated
uCodes is not supported; split it by Time).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import numpy as np

from models.framework import Framework
from models.framework_validate import value_problem
from models.imeta import MetaTable
from models.tables import (
    Cell,
    DataError,
    RawTable,
    Row,
    cell_number,
    cell_text,
    read_table,
    write_table,
)
from scoring.hierarchy import FloatArray

UNIT_CODE, UNIT_NAME, TIME = "uCode", "uName", "Time"


@dataclass(frozen=True, eq=False)
class UnitTable:
    """Values of the units (cities, countries) of one iData table.

    `values[i, j]` is unit `codes[i]`'s value of indicator `indicators[j]`; the indicators
    are in `framework.to_hierarchy().leaf_codes` order, NaN marks a missing value.
    `names` is None when the table has no uName column, `time` when it has no Time column.
    Equality treats NaN as equal to NaN; the table is not hashable (it holds arrays).
    """

    codes: tuple[str, ...]
    indicators: tuple[str, ...]
    values: FloatArray
    names: tuple[str, ...] | None = None
    groups: dict[str, tuple[str | None, ...]] = field(default_factory=dict)
    denominators: dict[str, FloatArray] = field(default_factory=dict)
    others: dict[str, tuple[str | None, ...]] = field(default_factory=dict)
    time: tuple[int | None, ...] | None = None

    def __post_init__(self) -> None:
        n = len(self.codes)
        if self.values.shape != (n, len(self.indicators)):
            raise ValueError(f"values must be {n} × {len(self.indicators)}")
        columns = [*self.groups.values(), *self.denominators.values(), *self.others.values()]
        for extra in (self.names, self.time, *columns):
            if extra is not None and len(extra) != n:
                raise ValueError(f"every column needs {n} entries, one per unit")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UnitTable):
            return NotImplemented
        return (
            self._plain() == other._plain()
            and _same_array(self.values, other.values)
            and self.denominators.keys() == other.denominators.keys()
            and all(_same_array(v, other.denominators[k]) for k, v in self.denominators.items())
        )

    def _plain(self) -> tuple[object, ...]:
        return (self.codes, self.indicators, self.names, self.groups, self.others, self.time)

    def column(self, indicator: str) -> FloatArray:
        """The values of one indicator, one per unit."""
        return self.values[:, self.indicators.index(indicator)]


def _same_array(a: FloatArray, b: FloatArray) -> bool:
    return a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=True))


def read_idata(path: Path, meta: MetaTable | Framework) -> UnitTable:
    """Read an iData table whose columns `meta` declares; raises DataError naming the cell."""
    meta = MetaTable(meta) if isinstance(meta, Framework) else meta
    return units_from_table(read_table(path, "iData"), meta)


def write_idata(table: UnitTable, path: Path) -> None:
    """Write an iData table (.csv or .xlsx): uName, uCode, groups, Time, denominators,
    others, indicators — COINr's column order."""
    header, rows = idata_rows(table)
    write_table(path, header, rows, "iData")


# --- reading -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """Which column index holds what."""

    unit_code: int
    unit_name: int | None
    time: int | None
    indicators: dict[str, int]
    groups: dict[str, int]
    denominators: dict[str, int]
    others: dict[str, int]


def units_from_table(table: RawTable, meta: MetaTable) -> UnitTable:
    """Parse and validate iData rows against `meta` (see the module doc)."""
    framework = meta.framework
    leaves = framework.to_hierarchy().leaf_codes
    layout = _layout(table, meta, leaves)
    codes = _unit_codes(table, layout.unit_code)
    values = np.full((len(table.rows), len(leaves)), np.nan)
    for j, code in enumerate(leaves):
        spec = framework[code].spec
        column = _numbers(table, layout.indicators[code], code)
        for value, row in zip(column, table.rows, strict=True):
            problem = None if spec is None or np.isnan(value) else value_problem(spec, value)
            if problem is not None:
                _fail(table, row, code, problem)
        values[:, j] = column
    return UnitTable(
        codes=codes,
        indicators=leaves,
        values=values,
        names=None if layout.unit_name is None else _texts(table, layout.unit_name, ""),
        groups={c: _optional_texts(table, i) for c, i in layout.groups.items()},
        denominators={c: _numbers(table, i, c) for c, i in layout.denominators.items()},
        others={c: _optional_texts(table, i) for c, i in layout.others.items()},
        time=None if layout.time is None else _times(table, layout.time),
    )


def _fail(table: RawTable, row: Row | None, column: str, message: str) -> NoReturn:
    number = table.header_row if row is None else row.number
    raise DataError(table.source, number, column, message)


def _layout(table: RawTable, meta: MetaTable, leaves: Sequence[str]) -> _Layout:
    declared = {
        "indicators": list(leaves),
        "groups": [c.code for c in meta.groups],
        "denominators": [c.code for c in meta.denominators],
        "others": [c.code for c in meta.others],
    }
    if not any(h.casefold() == UNIT_CODE.casefold() for h in table.header):
        _fail(table, None, UNIT_CODE, "no uCode column: iData needs the units' codes")
    kind_of = {code: kind for kind, codes in declared.items() for code in codes}
    special = {s.casefold(): s for s in (UNIT_CODE, UNIT_NAME, TIME)}
    found: dict[str, dict[str, int]] = {kind: {} for kind in declared}
    specials: dict[str, int] = {}
    for index, header in enumerate(table.header):
        if header.casefold() in special:
            specials[special[header.casefold()]] = index
        elif header in kind_of:
            found[kind_of[header]][header] = index
        else:
            _fail(table, None, header, _unknown_column(header, meta.framework, kind_of))
    for kind, codes in declared.items():
        missing = [c for c in codes if c not in found[kind]]
        if missing:
            more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
            _fail(table, None, missing[0], f"column missing ({kind[:-1]} of the iMeta){more}")
    return _Layout(
        unit_code=specials[UNIT_CODE],
        unit_name=specials.get(UNIT_NAME),
        time=specials.get(TIME),
        indicators=found["indicators"],
        groups=found["groups"],
        denominators=found["denominators"],
        others=found["others"],
    )


def _unknown_column(header: str, framework: Framework, known: dict[str, str]) -> str:
    if header in framework:
        return f"{header!r} is an aggregate; iData holds only indicator values"
    hint = next((c for c in known if c.casefold() == header.casefold()), None)
    suggestion = f" (did you mean {hint!r}?)" if hint else ""
    return (
        f"column {header!r} is not an indicator of the framework{suggestion}; "
        "grouping and other columns must be declared in iMeta (Type Group/Denominator/Other)"
    )


def _unit_codes(table: RawTable, index: int) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    for row in table.rows:
        code = cell_text(row.cells[index])
        if not code:
            _fail(table, row, UNIT_CODE, "the unit code is empty")
        if code in seen:
            msg = f"duplicate unit code {code!r} (first on row {seen[code]})"
            _fail(table, row, UNIT_CODE, msg)
        seen[code] = row.number
    return tuple(seen)


def _numbers(table: RawTable, index: int, column: str) -> FloatArray:
    out = np.full(len(table.rows), np.nan)
    for i, row in enumerate(table.rows):
        try:
            value = cell_number(row.cells[index])
        except ValueError as exc:
            _fail(table, row, column, str(exc))
        if value is not None:
            out[i] = value
    return out


def _texts(table: RawTable, index: int, empty: str) -> tuple[str, ...]:
    return tuple(cell_text(row.cells[index]) or empty for row in table.rows)


def _optional_texts(table: RawTable, index: int) -> tuple[str | None, ...]:
    return tuple(cell_text(row.cells[index]) or None for row in table.rows)


def _times(table: RawTable, index: int) -> tuple[int | None, ...]:
    column = _numbers(table, index, TIME)
    for value, row in zip(column, table.rows, strict=True):
        if not (np.isnan(value) or float(value).is_integer()):
            _fail(table, row, TIME, f"Time {value:g} must be a whole number (a year)")
    return tuple(None if np.isnan(v) else int(v) for v in column)


# --- writing -------------------------------------------------------------------------


def idata_rows(table: UnitTable) -> tuple[list[str], list[list[Cell]]]:
    """The header and rows of `table` as written by write_idata."""
    columns: list[tuple[str, Sequence[Cell]]] = []
    if table.names is not None:
        columns.append((UNIT_NAME, table.names))
    columns.append((UNIT_CODE, table.codes))
    columns += list(table.groups.items())
    if table.time is not None:
        columns.append((TIME, [None if t is None else float(t) for t in table.time]))
    columns += [(c, [float(v) for v in a]) for c, a in table.denominators.items()]
    columns += list(table.others.items())
    columns += [(c, [float(v) for v in table.values[:, j]]) for j, c in enumerate(table.indicators)]
    header = [name for name, _ in columns]
    rows = [[cells[i] for _, cells in columns] for i in range(len(table.codes))]
    return header, rows
