"""A campaign's observations as columns for the observation table, with numpy filter and sort.

`load_columns` reads every live observation of a campaign in one query into parallel
arrays (rowid order): ids and numbers as int/float arrays, channel/status/evaluator as
small integer codes, free text as numpy variable-width strings. The GUI formats a row
only when it is shown, and filters and sorts whole columns here with numpy masks and
argsort, so 100 000 rows stay interactive.
"""

from __future__ import annotations

import contextlib
import gc
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from models.cities import CHANNELS
from models.schema import STATUSES

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
SortKey = npt.NDArray[np.int64] | npt.NDArray[np.float64]
ObjectArray = npt.NDArray[np.object_]  # Python str per entry

TEXT_COLUMNS: tuple[str, ...] = ("device", "observed_on", "source", "note", "updated_at")
CODE_COLUMNS: tuple[str, ...] = ("city_id", "indicator_id", "channel", "status")
_STRINGS = np.dtypes.StringDType()


@dataclass(frozen=True, eq=False)  # holds arrays
class Coded:
    """A text column factorised: `labels[codes[i]]` is row i's text; labels are sorted."""

    labels: tuple[str, ...]
    codes: IntArray

    def matching(self, needle: str) -> BoolArray:
        """Rows whose text contains `needle` (lower case), ignoring case."""
        if not self.labels:
            return np.zeros(len(self.codes), dtype=bool)
        lowered = np.strings.lower(np.array(self.labels, dtype=_STRINGS))
        hit: BoolArray = (np.strings.find(lowered, needle) >= 0)[self.codes]
        return hit


@dataclass(frozen=True, eq=False)  # holds arrays
class ObservationColumns:
    """Live observations of one campaign, one array entry per observation (rowid order).

    `channel` indexes CHANNELS, `status` indexes STATUSES, `evaluator` indexes
    `evaluators` (sorted). Text columns are object arrays of str.
    """

    uuid: ObjectArray
    city_id: IntArray
    indicator_id: IntArray
    value: FloatArray
    channel: IntArray
    status: IntArray
    evaluator: IntArray
    evaluators: tuple[str, ...]
    device: ObjectArray
    observed_on: ObjectArray
    source: ObjectArray
    note: ObjectArray
    updated_at: ObjectArray
    _coded: dict[str, Coded] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.value)

    def coded(self, column: str) -> Coded:
        """A text column as sorted distinct texts and per-row codes, computed once.

        The codes order the rows as the texts would (a sort key); searching the distinct
        texts and gathering by code filters many repeated texts cheaply.
        """
        if column not in self._coded:
            if column == "evaluator":
                self._coded[column] = Coded(self.evaluators, self.evaluator)
            else:
                self._coded[column] = Coded(*_codes(getattr(self, column)))
        return self._coded[column]

    def row_of(self, uuid: str) -> int | None:
        """The row of the observation with `uuid`, or None."""
        found = np.flatnonzero(self.uuid == uuid)
        return int(found[0]) if len(found) else None


_SELECT = (
    "SELECT uuid, city_id, indicator_id, value,"
    " CASE channel WHEN ? THEN 0 WHEN ? THEN 1 WHEN ? THEN 2 WHEN ? THEN 3 WHEN ? THEN 4 END,"
    " CASE status WHEN ? THEN 0 WHEN ? THEN 1 WHEN ? THEN 2 WHEN ? THEN 3 END,"
    " evaluator, device, observed_on, source, note, updated_at"
    " FROM observation WHERE campaign_id = ? AND deleted_at IS NULL ORDER BY rowid"
)
_ROW = np.dtype(
    [
        ("uuid", object),
        ("city_id", np.int64),
        ("indicator_id", np.int64),
        ("value", np.float64),
        ("channel", np.int64),
        ("status", np.int64),
        ("evaluator", object),
        ("device", object),
        ("observed_on", object),
        ("source", object),
        ("note", object),
        ("updated_at", object),
    ]
)


def load_columns(conn: sqlite3.Connection, campaign_id: int) -> ObservationColumns:
    """One query for the campaign's live observations, read straight into columns."""
    if not conn.execute("SELECT 1 FROM campaign WHERE id = ?", (campaign_id,)).fetchone():
        raise LookupError(f"no campaign with id {campaign_id}")
    with _no_gc():  # 100 000 rows of fresh objects would trigger many useless collections
        table = np.fromiter(conn.execute(_SELECT, (*CHANNELS, *STATUSES, campaign_id)), _ROW)
    evaluators, evaluator = _codes(table["evaluator"])
    column = {name: np.ascontiguousarray(table[name]) for name in _ROW.names or ()}
    return ObservationColumns(
        uuid=column["uuid"],
        city_id=column["city_id"],
        indicator_id=column["indicator_id"],
        value=column["value"],
        channel=column["channel"],
        status=column["status"],
        evaluator=evaluator,
        evaluators=evaluators,
        device=column["device"],
        observed_on=column["observed_on"],
        source=column["source"],
        note=column["note"],
        updated_at=column["updated_at"],
    )


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _codes(values: ObjectArray) -> tuple[tuple[str, ...], IntArray]:
    """Distinct texts (sorted) and each value's index among them."""
    distinct = sorted(dict.fromkeys(values))
    position = {v: i for i, v in enumerate(distinct)}
    codes = np.fromiter(map(position.__getitem__, values), np.int64, len(values))
    return tuple(str(v) for v in distinct), codes


# ---------------------------------------------------------------- filtering


@dataclass(frozen=True)
class TableFilter:
    """What the table shows: None / "" means no restriction on that column.

    `channel` and `status` are indexes into CHANNELS and STATUSES; `evaluator` is the
    evaluator's text. `text` is matched, case-insensitively, as a substring of any text
    column (see `text_mask`).
    """

    city_id: int | None = None
    indicator_id: int | None = None
    channel: int | None = None
    status: int | None = None
    evaluator: str | None = None
    text: str = ""


def filter_mask(
    columns: ObservationColumns,
    flt: TableFilter,
    labels: Mapping[str, Mapping[int, str]] | None = None,
) -> BoolArray:
    """Rows passing every restriction of `flt` (labels: see `text_mask`)."""
    mask = np.ones(len(columns), dtype=bool)
    for name, wanted in (
        ("city_id", flt.city_id),
        ("indicator_id", flt.indicator_id),
        ("channel", flt.channel),
        ("status", flt.status),
    ):
        if wanted is not None:
            mask &= getattr(columns, name) == wanted
    if flt.evaluator is not None:
        code = (
            columns.evaluators.index(flt.evaluator) if flt.evaluator in columns.evaluators else -1
        )
        mask &= columns.evaluator == code
    if flt.text.strip():
        mask &= text_mask(columns, flt.text, labels or {})
    return mask


def text_mask(
    columns: ObservationColumns, text: str, labels: Mapping[str, Mapping[int, str]]
) -> BoolArray:
    """Rows where `text` (case-insensitive) occurs in any text column.

    The coded columns (city_id, indicator_id, channel, status) are matched through
    `labels[column][code]`, the texts a user may search for (e.g. a city's names in both
    languages): the few labels are searched, then the rows with a matching code are
    taken. The text columns (evaluator, device, dates, source, note, updated) are
    searched once per distinct text (`ObservationColumns.coded`). The value is a number
    and is not searched.
    """
    needle = text.strip().lower()
    mask = np.zeros(len(columns), dtype=bool)
    for name, by_code in labels.items():
        if name in CODE_COLUMNS:
            mask |= np.isin(getattr(columns, name), _matching(by_code, needle))
    for name in ("evaluator", *TEXT_COLUMNS):
        mask |= columns.coded(name).matching(needle)
    return mask


def _matching(by_code: Mapping[int, str], needle: str) -> IntArray:
    return np.array([c for c, label in by_code.items() if needle in label.lower()], np.int64)


# ---------------------------------------------------------------- sorting


def sort_rows(rows: IntArray, key: SortKey, descending: bool = False) -> IntArray:
    """`rows` reordered by `key[rows]`, stable (ties keep their order) in both directions.

    `key` has one number per observation (text columns sort by `coded(...).codes`).
    """
    selected = key[rows]
    order = np.argsort(-selected if descending else selected, kind="stable")
    result: IntArray = rows[order]
    return result
