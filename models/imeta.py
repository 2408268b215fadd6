"""A framework as a COINr iMeta table (CSV or XLSX), extended with what a leaf needs.

Layout, one row per node or data column, in any order:

* COINr's columns `Level, iCode, iName, Direction, Weight, Parent, Type` (required) and
  `Unit, Target, Denominator` (optional). Level 1 is the indicators, the root has the
  highest Level; every node's Level is its parent's minus one (a leaf above Level 1 is
  allowed: our trees may be unbalanced, COINr's may not).
* Our optional columns: `NameZh`, `Kind` (numeric / rating / yesno / checklist; default
  numeric), `GoalpostLow`, `GoalpostHigh`, `Bounded` (1/0; default 1 when goalposts are
  known), `Levels` (`0=无/None|50=部分/Partial|100=完善/Complete`; a rating's goalposts
  default to its lowest and highest level), `Items` (checklist items separated by `|`;
  goalposts default to 0..number of items; yes/no's to 0..1) and `Description`.
* A plain COINr iMeta (no goalposts) gives leaves a numeric spec with NaN goalposts and
  bounded=False: minmax and zscore work, goalposts normalisation must refuse them.
* Type `Group`, `Denominator` and `Other` rows declare iData columns (ColumnInfo).
* Cells the framework has no field for (e.g. an aggregate's Unit, unknown columns) are
  kept verbatim in `MetaTable.extras` and written back.

Reading returns the nodes in depth-first order with positions 0, 1, … among siblings
(the file's order), so read → write → read gives an equal MetaTable. Writing orders rows
as COINr does: by Level from the indicators up, then Group, Denominator, Other rows.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NoReturn

from models.framework import (
    MEASUREMENT_KINDS,
    Framework,
    FrameworkError,
    Indicator,
    MeasurementKind,
    MeasurementSpec,
    RatingLevel,
)
from models.framework_validate import check_structure, check_values, validate_framework
from models.tables import (
    Cell,
    RawTable,
    Row,
    cell_number,
    cell_text,
    format_number,
    read_table,
    write_table,
)

COINR_COLUMNS = ("Level", "iCode", "iName", "Direction", "Weight", "Parent", "Type")
OPTIONAL_COLUMNS = ("Unit", "Target", "Denominator")
SPEC_COLUMNS = ("Kind", "GoalpostLow", "GoalpostHigh", "Bounded", "Levels", "Items")
EXTRA_COLUMNS = ("NameZh", *SPEC_COLUMNS, "Description")
IMETA_COLUMNS = COINR_COLUMNS + OPTIONAL_COLUMNS + EXTRA_COLUMNS
ROW_TYPES = ("Indicator", "Aggregate", "Group", "Denominator", "Other")
RESERVED_CODES = ("uCode", "uName", "Time")  # iData columns of their own
_TRUE, _FALSE = ("1", "y", "yes", "true"), ("0", "n", "no", "false")


@dataclass(frozen=True)
class ColumnInfo:
    """A non-indicator iData column declared in iMeta (Type Group, Denominator or Other)."""

    code: str
    name: str
    name_zh: str = ""
    unit: str = ""
    description: str = ""


@dataclass(frozen=True)
class MetaTable:
    """An iMeta table: the framework and the declared grouping/denominator/other columns.

    `extras` maps column → iCode → text for cells kept verbatim (see module doc).
    """

    framework: Framework
    groups: tuple[ColumnInfo, ...] = ()
    denominators: tuple[ColumnInfo, ...] = ()
    others: tuple[ColumnInfo, ...] = ()
    extras: dict[str, dict[str, str]] = field(default_factory=dict)

    def column_codes(self) -> set[str]:
        return {c.code for c in (*self.groups, *self.denominators, *self.others)}


def read_imeta(path: Path, name: str | None = None) -> MetaTable:
    """Read and validate an iMeta table; the framework is named `name` or the file's stem."""
    raw = read_table(path, "iMeta", FrameworkError)
    return meta_from_table(raw, name or path.stem)


def load_framework(path: Path, name: str | None = None) -> Framework:
    return read_imeta(path, name).framework


def write_imeta(meta: MetaTable | Framework, path: Path) -> None:
    """Write an iMeta table (.csv or .xlsx) in COINr's row order with our extra columns."""
    if isinstance(meta, Framework):
        meta = MetaTable(meta)
    header, rows = imeta_rows(meta, str(path))
    write_table(path, header, rows, "iMeta")


# --- reading -------------------------------------------------------------------------


@dataclass
class _Parsed:
    """What the rows yield, before the tree is checked."""

    nodes: list[Indicator] = field(default_factory=list)
    node_rows: list[int] = field(default_factory=list)
    levels: list[int] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    columns: dict[str, list[ColumnInfo]] = field(default_factory=dict)
    extras: dict[str, dict[str, str]] = field(default_factory=dict)
    codes: list[tuple[str, int]] = field(default_factory=list)  # every row's code, file order


class _Cells:
    """One row's cells by column name, with errors naming the source, row and column."""

    def __init__(self, table: RawTable, row: Row) -> None:
        self.table, self.row = table, row

    def fail(self, column: str, message: str) -> NoReturn:
        raise FrameworkError(self.table.source, self.row.number, column, message)

    def cell(self, column: str) -> Cell:
        index = self.table.find(column)
        return None if index is None else self.row.cells[index]

    def text(self, column: str) -> str:
        return cell_text(self.cell(column))

    def number(self, column: str, required: bool = False) -> float | None:
        try:
            value = cell_number(self.cell(column))
        except ValueError as exc:
            self.fail(column, str(exc))
        if value is None and required:
            self.fail(column, f"{column} is required")
        return value

    def required(self, column: str) -> float:
        value = self.number(column, required=True)
        assert value is not None  # number() has failed otherwise
        return value


def meta_from_table(table: RawTable, name: str) -> MetaTable:
    """Parse and validate iMeta rows (see the module doc for the layout)."""
    for column in COINR_COLUMNS:
        if table.find(column) is None:
            msg = f"no {column} column; an iMeta table needs {', '.join(COINR_COLUMNS)}"
            raise FrameworkError(table.source, table.header_row, column, msg)
    if not table.rows:
        raise FrameworkError(table.source, None, None, "no rows: the table defines no framework")
    parsed = _Parsed(columns={t: [] for t in ROW_TYPES[2:]})
    for row in table.rows:
        _parse_row(_Cells(table, row), parsed)
    _check_codes(table, parsed)
    nodes = _with_positions(parsed.nodes)
    framework = Framework(name, tuple(nodes))
    check_structure(framework, table.source, parsed.node_rows)
    _check_types_and_levels(table.source, parsed)
    check_values(framework, table.source, parsed.node_rows)
    return MetaTable(
        framework=Framework(name, tuple(framework.walk())),
        groups=tuple(parsed.columns["Group"]),
        denominators=tuple(parsed.columns["Denominator"]),
        others=tuple(parsed.columns["Other"]),
        extras=parsed.extras,
    )


def _parse_row(cells: _Cells, parsed: _Parsed) -> None:
    code = cells.text("iCode")
    if not code:
        cells.fail("iCode", "iCode is required")
    type_text = cells.text("Type")
    row_type = next((t for t in ROW_TYPES if t.casefold() == type_text.casefold()), None)
    if row_type is None:
        cells.fail("Type", f"Type {type_text!r} is not one of {', '.join(ROW_TYPES)}")
    parsed.codes.append((code, cells.row.number))
    name_zh = cells.text("NameZh")
    name_en = cells.text("iName") or name_zh  # a Chinese-only sheet still gives a name
    if not name_en:
        cells.fail("iName", f"{code!r} has no name (iName or NameZh)")
    if row_type in ("Indicator", "Aggregate"):
        _parse_node(cells, parsed, code, row_type, name_en, name_zh)
    else:
        _parse_column(cells, parsed, code, row_type, name_en, name_zh)


def _parse_node(
    cells: _Cells, parsed: _Parsed, code: str, row_type: str, name_en: str, name_zh: str
) -> None:
    level = cells.required("Level")
    if not (level.is_integer() and level >= 1):
        cells.fail("Level", f"Level {level:g} must be a whole number >= 1 (1 = indicators)")
    direction = cells.required("Direction")
    if direction not in (1, -1):
        cells.fail("Direction", f"Direction {direction:g} must be 1 or -1")
    if row_type == "Indicator":
        spec: MeasurementSpec | None = _parse_spec(cells)
        kept: tuple[str, ...] = ()
    else:
        for column in SPEC_COLUMNS:
            if cells.text(column):
                cells.fail(column, f"{code!r} is an Aggregate: leave {column} empty")
        spec, kept = None, OPTIONAL_COLUMNS
    parsed.nodes.append(
        Indicator(
            code=code,
            parent=cells.text("Parent") or None,
            name_zh=name_zh,
            name_en=name_en,
            weight=cells.required("Weight"),
            direction=int(direction),
            spec=spec,
            description=cells.text("Description"),
        )
    )
    parsed.node_rows.append(cells.row.number)
    parsed.levels.append(int(level))
    parsed.types.append(row_type)
    _keep_extras(cells, parsed, code, kept)


def _parse_column(
    cells: _Cells, parsed: _Parsed, code: str, row_type: str, name_en: str, name_zh: str
) -> None:
    info = ColumnInfo(code, name_en, name_zh, cells.text("Unit"), cells.text("Description"))
    parsed.columns[row_type].append(info)
    used = ("iCode", "iName", "NameZh", "Type", "Unit", "Description")
    _keep_extras(cells, parsed, code, tuple(c for c in IMETA_COLUMNS if c not in used))


def _keep_extras(cells: _Cells, parsed: _Parsed, code: str, known: Iterable[str]) -> None:
    """Keep the given known columns' cells and every unknown column's cells verbatim."""
    unknown = [h for h in cells.table.header if h.casefold() not in _KNOWN]
    for column in (*known, *unknown):
        text = cells.text(column)
        if text:
            parsed.extras.setdefault(column, {})[code] = text


_KNOWN = {c.casefold() for c in IMETA_COLUMNS}


def _parse_spec(cells: _Cells) -> MeasurementSpec:
    kind_text = cells.text("Kind").lower() or "numeric"
    kind = next((k for k in MEASUREMENT_KINDS if k == kind_text), None)
    if kind is None:
        known = ", ".join(MEASUREMENT_KINDS)
        cells.fail("Kind", f"unknown Kind {kind_text!r}; expected one of {known}")
    try:
        levels = parse_levels(cells.text("Levels"))
    except ValueError as exc:
        cells.fail("Levels", str(exc))
    items = parse_items(cells.text("Items"))
    default_low, default_high = _default_goalposts(kind, levels, items)
    low, high = cells.number("GoalpostLow"), cells.number("GoalpostHigh")
    low = default_low if low is None else low
    high = default_high if high is None else high
    return MeasurementSpec(
        kind=kind,
        low=low,
        high=high,
        unit=cells.text("Unit"),
        target=cells.number("Target"),
        levels=levels,
        items=items,
        bounded=_parse_bounded(cells, math.isfinite(low) and math.isfinite(high)),
        denominator=cells.text("Denominator"),
    )


def _default_goalposts(
    kind: MeasurementKind, levels: tuple[RatingLevel, ...], items: tuple[str, ...]
) -> tuple[float, float]:
    if kind == "yesno":
        return 0.0, 1.0
    if kind == "checklist":
        return 0.0, float(len(items)) if items else math.nan
    if kind == "rating" and len(levels) > 1:
        return min(lv.value for lv in levels), max(lv.value for lv in levels)
    return math.nan, math.nan


def _parse_bounded(cells: _Cells, has_goalposts: bool) -> bool:
    text = cells.text("Bounded").casefold()
    if not text:
        return has_goalposts
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    cells.fail("Bounded", f"Bounded {text!r} must be 1 (values outside the goalposts refused) or 0")


def parse_levels(text: str) -> tuple[RatingLevel, ...]:
    """`0=无/None|50=部分/Partial` → rating levels; raises ValueError naming the bad part."""
    if not text:
        return ()
    levels = []
    for part in text.split("|"):
        value_text, sep, label = part.partition("=")
        try:
            value = cell_number(value_text.strip() or None)
        except ValueError:
            value = None
        if not sep or value is None:
            raise ValueError(f"level {part.strip()!r} is not value=中文/English")
        zh, _, en = label.partition("/")
        levels.append(RatingLevel(value, zh.strip(), en.strip()))
    return tuple(levels)


def format_levels(levels: Iterable[RatingLevel]) -> str:
    """Inverse of parse_levels; raises ValueError for labels the format cannot hold."""
    parts = []
    for level in levels:
        if "/" in level.label_zh or "|" in level.label_zh + level.label_en:
            raise ValueError(f"level label {level.label_zh!r}/{level.label_en!r} holds '/' or '|'")
        label = f"{level.label_zh}/{level.label_en}" if level.label_en else level.label_zh
        parts.append(f"{format_number(level.value)}={label}")
    return "|".join(parts)


def parse_items(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split("|")) if text else ()


def format_items(items: Iterable[str]) -> str:
    items = tuple(items)
    if any("|" in item or item != item.strip() or not item for item in items):
        raise ValueError("checklist items must be non-empty, trimmed and free of '|'")
    return "|".join(items)


def _with_positions(nodes: list[Indicator]) -> list[Indicator]:
    """Position = order among siblings in the file."""
    seen: Counter[str | None] = Counter()
    out = []
    for node in nodes:
        out.append(replace(node, position=seen[node.parent]))
        seen[node.parent] += 1
    return out


def _check_codes(table: RawTable, parsed: _Parsed) -> None:
    """Codes unique across all rows, not reserved, denominators declared."""
    reserved = {r.casefold() for r in RESERVED_CODES}
    seen: set[str] = set()
    for code, row in parsed.codes:
        if code.casefold() in reserved:
            raise FrameworkError(table.source, row, "iCode", f"{code!r} is reserved for iData")
        if code in seen:
            raise FrameworkError(table.source, row, "iCode", f"duplicate code {code!r}")
        seen.add(code)
    declared = {c.code for c in parsed.columns["Denominator"]}
    for node, row in zip(parsed.nodes, parsed.node_rows, strict=True):
        if node.spec and node.spec.denominator and node.spec.denominator not in declared:
            msg = f"{node.spec.denominator!r} is not declared as a Type Denominator row"
            raise FrameworkError(table.source, row, "Denominator", msg)


def _check_types_and_levels(source: str, parsed: _Parsed) -> None:
    """Type Indicator exactly for leaves; each Level one below its parent's."""
    level_of = {n.code: lv for n, lv in zip(parsed.nodes, parsed.levels, strict=True)}
    parents = {n.parent for n in parsed.nodes}
    items = zip(parsed.nodes, parsed.node_rows, parsed.types, parsed.levels, strict=True)
    for node, row, row_type, level in items:
        has_children = node.code in parents
        if row_type == "Indicator" and has_children:
            msg = f"{node.code!r} has children, so its Type must be Aggregate"
            raise FrameworkError(source, row, "Type", msg)
        if row_type == "Aggregate" and not has_children:
            msg = f"no row has {node.code!r} as Parent, so its Type must be Indicator"
            raise FrameworkError(source, row, "Type", msg)
        if node.parent is not None and level != level_of[node.parent] - 1:
            expected = level_of[node.parent] - 1
            msg = f"Level {level} of {node.code!r} must be {expected}, one below {node.parent!r}"
            raise FrameworkError(source, row, "Level", msg)


# --- writing -------------------------------------------------------------------------


def imeta_rows(meta: MetaTable, source: str = "iMeta") -> tuple[list[str], list[list[Cell]]]:
    """The header and rows of `meta` as written by write_imeta."""
    framework = meta.framework
    validate_framework(framework, source)
    unknown = [c for c in meta.extras if c.casefold() not in _KNOWN]
    header = [*IMETA_COLUMNS, *unknown]
    order = framework.walk()
    depth = {n.code: framework.depth(n.code) for n in order}
    top = max(depth.values()) + 1
    order.sort(key=lambda n: top - depth[n.code])  # stable: depth-first within a Level
    records = [_node_record(n, top - depth[n.code], source) for n in order]
    for row_type, infos in (
        ("Group", meta.groups),
        ("Denominator", meta.denominators),
        ("Other", meta.others),
    ):
        records += [_column_record(info, row_type) for info in infos]
    rows = []
    for record in records:
        code = str(record["iCode"])
        for column in header:
            if record.get(column) in (None, "") and code in meta.extras.get(column, {}):
                record[column] = meta.extras[column][code]
        rows.append([record.get(column) for column in header])
    return header, rows


def _node_record(node: Indicator, level: int, source: str) -> dict[str, Cell]:
    record: dict[str, Cell] = {
        "Level": float(level),
        "iCode": node.code,
        "iName": node.name_en or node.name_zh,
        "Direction": float(node.direction),
        "Weight": float(node.weight),
        "Parent": node.parent,
        "Type": "Aggregate" if node.spec is None else "Indicator",
        "NameZh": node.name_zh,
        "Description": node.description,
    }
    spec = node.spec
    if spec is not None:
        try:
            levels, items = format_levels(spec.levels), format_items(spec.items)
        except ValueError as exc:
            raise FrameworkError(source, None, "Levels/Items", f"{node.code!r}: {exc}") from exc
        record |= {
            "Unit": spec.unit,
            "Target": spec.target,
            "Denominator": spec.denominator,
            "Kind": spec.kind,
            "GoalpostLow": spec.low,
            "GoalpostHigh": spec.high,
            "Bounded": None if spec.bounded == spec.has_goalposts else str(int(spec.bounded)),
            "Levels": levels,
            "Items": items,
        }
    return record


def _column_record(info: ColumnInfo, row_type: str) -> dict[str, Cell]:
    return {
        "iCode": info.code,
        "iName": info.name,
        "Type": row_type,
        "NameZh": info.name_zh,
        "Unit": info.unit,
        "Description": info.description,
    }
