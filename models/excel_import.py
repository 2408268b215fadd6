"""Import of filled entry workbooks: check everything first, then all or nothing.

`check_workbook` reads a filled template (or any workbook whose sheets have the entry
columns, see models.excel_columns) and returns an `ImportPlan`: the observations to add
and every problem found, each with sheet, row and column. `import_workbook` then adds
the plan's observations in one transaction, or nothing: a plan with any problem is
refused unless the user explicitly chooses to import only the valid rows, a choice the
audit rows' reason records. `save_problems` writes the problem list to .csv or .xlsx.

Stable keys (importing the same workbook twice adds nothing the second time): each row's
key is the template's hidden `key` cell, or, for workbooks without one, the row's
identity "city|indicator|channel|date|evaluator". The observation's uuid is
uuid5(namespace, "workspace id/campaign id/key"), so the same row always maps to the
same observation, and the same template imported into another campaign cannot collide.

Re-importing a row whose observation exists: when the row's content (city, indicator,
value, channel, date, source, note) equals the stored observation, or equals what was
first imported (the audit trail's create row: the observation was edited in the program
since), the row is counted as already imported. Otherwise it is a *conflict* problem:
the workspace is never overwritten from a workbook, because updates cannot be one
all-or-nothing transaction through the store API and the program is where edits are
reviewed and audited with a reason. Status and evaluator are not compared (the
coordinator verifies or rejects observations after import).

Files that are not workbooks, encrypted, damaged, XML attacks or over the limits raise
`WorkbookError` (models.xlsx_read); nothing else is raised for bad content.
"""

from __future__ import annotations

import hashlib
import math
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from models.audit import Actor
from models.campaigns import Campaign
from models.excel_checks import (
    EntryRow,
    Lookup,
    Problem,
    SheetColumns,
    check_row,
    is_blank,
)
from models.excel_columns import BY_ID, REQUIRED_IDS, USED_IDS, column_of
from models.excel_template import LISTS_SHEET, META_SHEET
from models.observations import NewObservation, Observation
from models.tables import Cell, write_table
from models.workspace import Workspace
from models.xlsx_read import SheetRows, WorkbookError, XlsxBook, XRow
from models.xlsx_write import SheetData, is_formula_like, write_workbook

IMPORT_NAMESPACE = uuid.UUID("3f0c5a9e-8b1d-4c57-9a51-7e2b0c1d5e21")
_NAMESPACE_BYTES = IMPORT_NAMESPACE.bytes
HEADER_SEARCH_ROWS = 5  # a title row or two above the header is tolerated
Progress = Callable[[int], None]  # rows read so far; raise from it to cancel


class ImportRefusedError(ValueError):
    """The plan has problems and the user did not choose to import only the valid rows."""


@dataclass(frozen=True)
class ImportPlan:
    """What importing the workbook would do. `new` are the valid rows not yet imported;
    `problems` everything wrong; `problem_rows` how many data rows have a problem."""

    source: Path
    campaign_id: int
    workspace_id: str
    sheets: tuple[str, ...]
    rows_read: int
    new: tuple[NewObservation, ...]
    already_imported: int
    problems: tuple[Problem, ...]
    problem_rows: int
    reviews_dropped: int = 0  # new rows marked verified/rejected, coming in as submitted

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ImportResult:
    added: tuple[str, ...]  # uuids of the new observations
    already_imported: int
    rows_left_out: int  # rows with problems not imported (valid-rows-only)
    reason: str  # the audit reason written


def observation_uuid(workspace_id: str, campaign_id: int, key: str) -> str:
    """The uuid of the observation a workbook row with stable `key` becomes: the same as
    str(uuid.uuid5(IMPORT_NAMESPACE, "workspace id/campaign id/key")), computed directly
    (uuid.UUID objects cost a few µs each; 50 000 rows add up)."""
    name = f"{workspace_id}/{campaign_id}/{key}".encode()
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name, usedforsecurity=False).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    x = digest.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


def workbook_campaign(path: Path) -> str | None:
    """The campaign name a template was made for (its `_meta` sheet); None if not a template."""
    with XlsxBook(path) as book:
        if META_SHEET not in book.sheet_names:
            return None
        for row in book.rows(META_SHEET):
            name, value = row.cells.get(0), row.cells.get(1)
            if name is not None and name.value == "campaign" and value is not None:
                return str(value.value)
    return None


def check_workbook(
    ws: Workspace, campaign: Campaign, path: Path, progress: Progress | None = None
) -> ImportPlan:
    """Read and check the whole workbook; raises WorkbookError for a refused file.

    The same as plan_import(ws, campaign, read_workbook(path, workbook_lookup(ws, campaign),
    campaign.name)); a GUI runs the middle step, the long one that needs no workspace
    (SQLite connections stay in their thread), in the background.
    """
    checked = read_workbook(path, workbook_lookup(ws, campaign), campaign.name, progress)
    return plan_import(ws, campaign, checked)


@dataclass(frozen=True)
class CheckedRows:
    """A workbook read and checked row by row (before the comparison with the workspace):
    the valid rows by stable key, and the problems found."""

    source: Path
    sheets: tuple[str, ...]
    rows_read: int
    entries: dict[str, EntryRow]
    problems: tuple[Problem, ...]


def read_workbook(
    path: Path, lookup: Lookup, campaign_name: str, progress: Progress | None = None
) -> CheckedRows:
    """Read and check every row of a workbook (no workspace access); WorkbookError if the
    file is refused. `progress(rows)` is called every 1000 rows; raise from it to cancel."""
    state = _Reader(path, campaign_name)
    with XlsxBook(path) as book:
        state.check_meta(book)
        for sheet in book.sheet_names:
            if sheet in (META_SHEET, LISTS_SHEET):
                continue
            rows = book.rows(sheet)
            columns = state.find_columns(sheet, rows)
            if columns is None:
                continue
            state.sheets.append(sheet)
            for row in rows:
                if not is_blank(row, columns):
                    state.add(row, columns, lookup)
                    if progress is not None and state.rows_read % 1000 == 0:
                        progress(state.rows_read)
    if not state.sheets:
        names = ", ".join(BY_ID[c].en for c in REQUIRED_IDS)
        msg = f"no sheet has the entry columns ({names}); is this an entry template?"
        raise WorkbookError(str(path), "wrong_columns", msg)
    return CheckedRows(
        path, tuple(state.sheets), state.rows_read, state.seen, tuple(state.problems)
    )


def plan_import(ws: Workspace, campaign: Campaign, checked: CheckedRows) -> ImportPlan:
    """Compare the checked rows with the workspace: new rows, rows already imported, and
    conflicts (see the module's docstring)."""
    stored = {o.uuid: o for o in ws.observations(campaign.campaign_id, include_deleted=True)}
    new: list[NewObservation] = []
    problems = list(checked.problems)
    already = dropped = 0
    for key, entry in checked.entries.items():
        uuid_ = observation_uuid(ws.workspace_id, campaign.campaign_id, key)
        old = stored.get(uuid_)
        if old is None:
            new.append(_new_observation(entry, campaign.campaign_id, uuid_))
            dropped += entry.status != new[-1].status
        elif _same(entry, old) or _same_as_created(ws, entry, uuid_):
            already += 1
        else:
            problems.append(_conflict(entry, old))
    problem_rows = {(p.sheet, p.row) for p in problems if p.row is not None}
    return ImportPlan(
        checked.source,
        campaign.campaign_id,
        ws.workspace_id,
        checked.sheets,
        checked.rows_read,
        tuple(new),
        already,
        tuple(sorted(problems, key=_order)),
        len(problem_rows),
        dropped,
    )


def import_workbook(
    ws: Workspace, plan: ImportPlan, actor: Actor, *, valid_rows_only: bool = False
) -> ImportResult:
    """Add the plan's new observations in one audited transaction.

    A plan with problems raises ImportRefusedError (nothing written) unless
    `valid_rows_only`, the user's explicit choice after reviewing the problems.
    """
    if plan.workspace_id != ws.workspace_id or plan.campaign_id not in _campaign_ids(ws):
        raise ValueError("the import plan was made for another workspace")
    left_out = plan.problem_rows if valid_rows_only else 0
    if plan.problems and not valid_rows_only:
        raise ImportRefusedError(
            f"{plan.source}: {len(plan.problems)} problem(s) in {plan.problem_rows} row(s); "
            "nothing imported"
        )
    reason = _reason(plan, valid_rows_only)
    added = ws.add_observations(plan.new, actor, reason) if plan.new else []
    return ImportResult(tuple(added), plan.already_imported, left_out, reason)


def _reason(plan: ImportPlan, valid_rows_only: bool) -> str:
    text = f"Excel import from {plan.source.name}: {len(plan.new)} new row(s)"
    if valid_rows_only and plan.problems:
        text += (
            f"; VALID ROWS ONLY, chosen by the user after review: {plan.problem_rows} row(s) "
            f"with {len(plan.problems)} problem(s) left out"
        )
    if plan.reviews_dropped:
        text += f"; {plan.reviews_dropped} row(s) marked verified/rejected came in as submitted"
    return text


def _campaign_ids(ws: Workspace) -> set[int]:
    return {c.campaign_id for c in ws.campaigns()}


def workbook_lookup(ws: Workspace, campaign: Campaign) -> Lookup:
    """The campaign's cities and leaf indicators by code, for read_workbook."""
    by_id = {c.city_id: c for c in ws.cities()}
    cities = {by_id[i].code.casefold(): i for i in campaign.city_ids}
    framework = ws.framework(campaign.framework_id)
    leaves = {
        n.code.casefold(): (n.node_id, n.spec)
        for n in framework.leaves()
        if n.spec is not None and n.node_id is not None
    }
    return Lookup(cities, leaves, date.today())


class _Reader:
    """Collects checked rows, repeated rows and problems while a workbook streams."""

    def __init__(self, path: Path, campaign_name: str) -> None:
        self.path, self.campaign_name = path, campaign_name
        self.sheets: list[str] = []
        self.rows_read = 0
        self.problems: list[Problem] = []
        self.seen: dict[str, EntryRow] = {}

    def check_meta(self, book: XlsxBook) -> None:
        if META_SHEET not in book.sheet_names:
            return
        for row in book.rows(META_SHEET):
            name, value = row.cells.get(0), row.cells.get(1)
            if name is None or value is None or name.value != "campaign":
                continue
            if value.value != self.campaign_name:
                msg = (
                    f"this template was made for campaign {value.value!r}, not "
                    f"{self.campaign_name!r}"
                )
                self.problems.append(
                    Problem(META_SHEET, row.number, "B", "campaign", "wrong_campaign", msg)
                )

    def find_columns(self, sheet: str, rows: SheetRows) -> SheetColumns | None:
        """Read up to the header row; None (with a problem if it looks like one) if absent."""
        best: tuple[int, XRow, dict[str, int]] | None = None
        for _, row in zip(range(HEADER_SEARCH_ROWS), rows, strict=False):
            index: dict[str, int] = {}
            for column, cell in sorted(row.cells.items()):
                column_id = column_of(str(cell.value)) if cell.kind == "text" else None
                if column_id is not None and column_id not in index:
                    index[column_id] = column
            found = sum(c in index for c in REQUIRED_IDS)
            if found == len(REQUIRED_IDS):
                headers = {i: str(c.value) for i, c in row.cells.items()}
                rows.keep_only(i for c, i in index.items() if c in USED_IDS)
                return SheetColumns(sheet, index, headers)
            if found and (best is None or found > best[0]):
                best = (found, row, index)
        if best is not None and best[0] >= 2:
            missing = [BY_ID[c].en for c in REQUIRED_IDS if c not in best[2]]
            msg = f"columns missing: {', '.join(missing)}; the sheet was not read"
            self.problems.append(Problem(sheet, best[1].number, None, "", "missing_column", msg))
        return None

    def add(self, row: XRow, columns: SheetColumns, lookup: Lookup) -> None:
        self.rows_read += 1
        entry, problems = check_row(row, columns, lookup)
        if entry is None:
            self.problems.extend(problems)
            return
        key = entry.key or _identity(entry, columns)
        first = self.seen.get(key)
        if first is not None:
            msg = f"the same row as row {first.row}"
            if first.sheet != entry.sheet:
                msg += f" of sheet {first.sheet!r}"
            column = "key" if entry.key else "city_code"
            self.problems.append(_problem(columns, entry.row, column, "duplicate_row", msg))
            return
        self.seen[key] = entry


def _order(p: Problem) -> tuple[str, int, str]:
    return (p.sheet, p.row or 0, p.column or "")


def _problem(columns: SheetColumns, row: int, column_id: str, kind: str, msg: str) -> Problem:
    letter = columns.letter(column_id) if column_id in columns.index else None
    return Problem(columns.sheet, row, letter, column_id, kind, msg)


def _identity(entry: EntryRow, columns: SheetColumns) -> str:
    """The key of a row without a key cell: what makes it the same observation."""
    parts = (entry.city_id, entry.indicator_id, entry.channel, entry.observed_on, entry.evaluator)
    return "row:" + "|".join(str(p or "") for p in parts)


def _new_observation(entry: EntryRow, campaign_id: int, uuid_: str) -> NewObservation:
    return NewObservation(
        campaign_id=campaign_id,
        city_id=entry.city_id,
        indicator_id=entry.indicator_id,
        value=entry.value,
        channel=entry.channel,
        observed_on=entry.observed_on,
        source=entry.source,
        note=entry.note,
        # a review is made in the program by a named reviewer (four eyes), not typed in
        status=entry.status if entry.status in ("draft", "submitted") else "submitted",
        uuid=uuid_,
        evaluator=entry.evaluator,
    )


def _content(entry: EntryRow) -> dict[str, object]:
    return {
        "city_id": entry.city_id,
        "indicator_id": entry.indicator_id,
        "value": entry.value,
        "channel": entry.channel,
        "observed_on": entry.observed_on.isoformat(),
        "source": entry.source,
        "note": entry.note,
    }


def _matches(entry: EntryRow, snapshot: dict[str, object]) -> bool:
    for field, value in _content(entry).items():
        other = snapshot.get(field)
        if field == "value":
            if not isinstance(other, int | float) or not math.isclose(
                float(other), entry.value, rel_tol=1e-12, abs_tol=1e-12
            ):
                return False
        elif other != value:
            return False
    return True


def _same(entry: EntryRow, old: Observation) -> bool:
    snapshot = {
        "city_id": old.city_id,
        "indicator_id": old.indicator_id,
        "value": old.value,
        "channel": old.channel,
        "observed_on": old.observed_on.isoformat(),
        "source": old.source,
        "note": old.note,
    }
    return _matches(entry, snapshot)


def _same_as_created(ws: Workspace, entry: EntryRow, uuid_: str) -> bool:
    for item in ws.audit_trail("observation", uuid_):
        if item.action == "create":
            created = item.new_value
            return isinstance(created, dict) and _matches(entry, created)
    return False


def _conflict(entry: EntryRow, old: Observation) -> Problem:
    msg = (
        f"imported before as observation {old.uuid} (value {old.value:g}, {old.channel}, "
        f"{old.observed_on.isoformat()}); this row now differs. Edit the observation in the "
        "program, or export a new template"
    )
    return Problem(entry.sheet, entry.row, None, "", "conflict", msg)


# ---------------------------------------------------------------- the problem list

PROBLEM_COLUMNS = (
    "工作表 Sheet",
    "行 Row",
    "列 Column",
    "表头 Header",
    "问题 Problem",
    "说明 Message",
)


def problem_rows(problems: Sequence[Problem]) -> list[list[Cell]]:
    """The problem list as table rows (sheet, row, column, header, kind, message)."""
    return [
        [p.sheet, None if p.row is None else float(p.row), p.column, p.header, p.kind, p.message]
        for p in problems
    ]


def save_problems(problems: Sequence[Problem], path: Path) -> None:
    """Write the problem list to .xlsx or .csv (text that could be a formula is defused)."""
    rows = problem_rows(problems)
    if path.suffix.lower() == ".xlsx":
        write_workbook(
            path, [SheetData("问题 Problems", PROBLEM_COLUMNS, rows, (14, 7, 7, 18, 16, 90))]
        )
    elif path.suffix.lower() == ".csv":
        write_table(path, PROBLEM_COLUMNS, [[_csv_safe(c) for c in r] for r in rows], "Problems")
    else:
        raise ValueError(f"{path}: save the problem list as .xlsx or .csv")


def _csv_safe(cell: Cell) -> Cell:
    """CSV has no text type: prefix an apostrophe to text a spreadsheet would evaluate."""
    return "'" + cell if isinstance(cell, str) and is_formula_like(cell) else cell
