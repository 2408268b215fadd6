"""A campaign's observations as plain numpy arrays: the scoring engine's view of a workspace.

One table scan straight into a structured array (`np.fromiter`), split into contiguous
columns; soft-deleted observations are left out, rejected ones are flagged.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from models.cities import CHANNELS
from models.store import DamagedRowError


@dataclass(frozen=True, eq=False)
class ObservationArrays:
    """A campaign's live observations as parallel plain arrays, for the scoring engine.

    `city_index[i]` indexes `city_ids` (the campaign's cities in order); `channel[i]`
    indexes `channels`; `changed_at` is the last change in Unix epoch seconds.
    """

    city_ids: tuple[int, ...]
    channels: tuple[str, ...]
    city_index: npt.NDArray[np.int64]
    indicator_id: npt.NDArray[np.int64]
    value: npt.NDArray[np.float64]
    channel: npt.NDArray[np.int64]
    changed_at: npt.NDArray[np.float64]
    rejected: npt.NDArray[np.bool_]

    def __len__(self) -> int:
        return len(self.value)


_ARRAY_DTYPE = np.dtype(
    [
        ("city_id", np.int64),
        ("indicator_id", np.int64),
        ("value", np.float64),
        ("channel", np.int64),
        ("changed_at", np.float64),
        ("rejected", np.bool_),
    ]
)
_SELECT_ARRAYS = (
    "SELECT city_id, indicator_id, value,"
    " CASE channel WHEN ? THEN 0 WHEN ? THEN 1 WHEN ? THEN 2 WHEN ? THEN 3 WHEN ? THEN 4 END,"
    " (julianday(updated_at) - 2440587.5) * 86400.0, status = 'rejected'"
    " FROM observation WHERE campaign_id = ? AND deleted_at IS NULL ORDER BY rowid"
)


def load_arrays(conn: sqlite3.Connection, campaign_id: int) -> ObservationArrays:
    """One table scan read straight into a structured array; rows in the order added."""
    if not conn.execute("SELECT 1 FROM campaign WHERE id = ?", (campaign_id,)).fetchone():
        raise LookupError(f"no campaign with id {campaign_id}")
    city_ids = tuple(
        row[0]
        for row in conn.execute(
            "SELECT city_id FROM campaign_city WHERE campaign_id = ? ORDER BY position",
            (campaign_id,),
        )
    )
    try:
        table = np.fromiter(conn.execute(_SELECT_ARRAYS, (*CHANNELS, campaign_id)), _ARRAY_DTYPE)
    except (TypeError, ValueError) as exc:  # a damaged row: NULL or text where a number is
        raise DamagedRowError(f"observations of campaign {campaign_id}: {exc}") from exc
    return ObservationArrays(
        city_ids=city_ids,
        channels=CHANNELS,
        city_index=_positions(np.asarray(city_ids, dtype=np.int64), table["city_id"]),
        indicator_id=np.ascontiguousarray(table["indicator_id"]),
        value=np.ascontiguousarray(table["value"]),
        channel=np.ascontiguousarray(table["channel"]),
        changed_at=np.ascontiguousarray(table["changed_at"]),
        rejected=np.ascontiguousarray(table["rejected"]),
    )


def _positions(keys: npt.NDArray[np.int64], values: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The index in `keys` of every element of `values` (all present: a foreign key)."""
    order = np.argsort(keys, kind="stable")
    found = np.searchsorted(keys[order], values)
    return order[found].astype(np.int64)
