"""Coverage of a campaign: the state of every city × leaf cell, and summaries of blocks.

A cell is MISSING without a usable (non-rejected) observation, DISCREPANCY when the
scoring engine flags its observations as disagreeing, VERIFIED when all its non-rejected
observations are verified, ENTERED otherwise. The states are ordered worst first, so a
block of cells (a second-level indicator's leaves) is summarised by its minimum.

The counts and discrepancy flags come from the campaign's scores (`Reconciled.count`,
`.discrepancy`); the statuses from one query (`load_cell_observations`), which also
keeps every cell's observations for tooltips.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

import numpy as np
import numpy.typing as npt

from models.cities import CHANNELS
from models.framework import Framework, Indicator
from models.schema import STATUSES

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

VERIFIED_CODE = STATUSES.index("verified")
REJECTED_CODE = STATUSES.index("rejected")


class CellState(IntEnum):
    """A cell's state, worst first (a block's state is the minimum of its cells')."""

    MISSING = 0
    DISCREPANCY = 1
    ENTERED = 2
    VERIFIED = 3


@dataclass(frozen=True, eq=False)  # holds arrays
class CellObservations:
    """Live observations (rejected included) sorted by city, indicator, then as added.

    `channel` indexes CHANNELS, `status` indexes STATUSES.
    """

    city_id: IntArray
    indicator_id: IntArray
    value: FloatArray
    channel: IntArray
    status: IntArray

    def __len__(self) -> int:
        return len(self.value)


_DTYPE = np.dtype(
    [
        ("city_id", np.int64),
        ("indicator_id", np.int64),
        ("value", np.float64),
        ("channel", np.int64),
        ("status", np.int64),
    ]
)
_SELECT = (
    "SELECT city_id, indicator_id, value,"
    " CASE channel WHEN ? THEN 0 WHEN ? THEN 1 WHEN ? THEN 2 WHEN ? THEN 3 WHEN ? THEN 4 END,"
    " CASE status WHEN ? THEN 0 WHEN ? THEN 1 WHEN ? THEN 2 WHEN ? THEN 3 END"
    " FROM observation WHERE campaign_id = ? AND deleted_at IS NULL"
    " ORDER BY city_id, indicator_id, rowid"
)


def load_cell_observations(conn: sqlite3.Connection, campaign_id: int) -> CellObservations:
    """The campaign's live observations with their status, in one query."""
    table = np.fromiter(conn.execute(_SELECT, (*CHANNELS, *STATUSES, campaign_id)), _DTYPE)
    return CellObservations(
        **{name: np.ascontiguousarray(table[name]) for name in _DTYPE.names or ()}
    )


@dataclass(frozen=True, eq=False)  # holds arrays
class CoverageGrid:
    """States of the cities × leaves grid (rows: `city_ids`, columns: `leaf_ids`)."""

    city_ids: tuple[int, ...]
    leaf_ids: tuple[int, ...]
    state: IntArray  # CellState codes
    count: IntArray  # non-rejected observations per cell
    verified: IntArray  # verified observations per cell
    observations: CellObservations
    _start: IntArray  # cell k's observations: observations[_start[k]:_start[k + 1]]

    def entries(self, row: int, column: int) -> list[tuple[str, float, str]]:
        """The cell's observations as (channel, value, status), rejected ones included."""
        k = row * len(self.leaf_ids) + column
        obs = self.observations
        return [
            (CHANNELS[int(obs.channel[i])], float(obs.value[i]), STATUSES[int(obs.status[i])])
            for i in range(int(self._start[k]), int(self._start[k + 1]))
        ]


def coverage_grid(
    city_ids: Sequence[int],
    leaf_ids: Sequence[int],
    count: IntArray,
    discrepancy: BoolArray,
    observations: CellObservations,
) -> CoverageGrid:
    """The grid's states from the scores' counts and flags and the observations' statuses."""
    n_rows, n_cols = len(city_ids), len(leaf_ids)
    row = _positions(city_ids, observations.city_id)
    col = _positions(leaf_ids, observations.indicator_id)
    inside = (row >= 0) & (col >= 0)
    cell = np.where(inside, row * n_cols + col, n_rows * n_cols)  # outside → a spare slot
    size = n_rows * n_cols + 1
    live = observations.status != REJECTED_CODE
    total = np.bincount(cell[live], minlength=size)[:-1].reshape(n_rows, n_cols)
    verified = np.bincount(cell[observations.status == VERIFIED_CODE], minlength=size)[:-1]
    verified = verified.reshape(n_rows, n_cols)
    state = np.full((n_rows, n_cols), CellState.ENTERED, dtype=np.int64)
    state[(total > 0) & (verified == total)] = CellState.VERIFIED
    state[discrepancy] = CellState.DISCREPANCY
    state[count == 0] = CellState.MISSING
    order = np.argsort(cell, kind="stable")
    start = np.searchsorted(cell[order], np.arange(size)).astype(np.int64)
    return CoverageGrid(
        city_ids=tuple(city_ids),
        leaf_ids=tuple(leaf_ids),
        state=state,
        count=np.asarray(count, dtype=np.int64),
        verified=verified.astype(np.int64),
        observations=CellObservations(
            observations.city_id[order],
            observations.indicator_id[order],
            observations.value[order],
            observations.channel[order],
            observations.status[order],
        ),
        _start=start,
    )


def _positions(keys: Sequence[int], values: IntArray) -> IntArray:
    """Index of every value in `keys`, −1 where absent."""
    if not len(keys):
        return np.full(len(values), -1, dtype=np.int64)
    keys_array = np.asarray(keys, dtype=np.int64)
    order = np.argsort(keys_array, kind="stable")
    at = np.minimum(np.searchsorted(keys_array[order], values), len(keys_array) - 1)
    found = keys_array[order][at] == values
    return np.where(found, order[at], -1).astype(np.int64)


# ---------------------------------------------------------------- summaries


@dataclass(frozen=True)
class Tally:
    """How many cells of a block are in each state."""

    cells: int
    missing: int
    discrepancy: int
    entered: int
    verified: int

    @property
    def filled(self) -> int:
        """Cells with at least one usable observation (any state but MISSING)."""
        return self.cells - self.missing

    @property
    def share(self) -> float:
        """filled / cells (0 for an empty block)."""
        return self.filled / self.cells if self.cells else 0.0


def tally(states: IntArray) -> Tally:
    """Counts per state of a block (any shape) of CellState codes."""
    counts = np.bincount(np.asarray(states, dtype=np.int64).ravel(), minlength=len(CellState))
    return Tally(int(counts.sum()), *(int(c) for c in counts[: len(CellState)]))


def worst(states: IntArray) -> IntArray:
    """Per row, the worst state of a rows × cells block (MISSING for an empty block)."""
    if states.shape[1] == 0:
        return np.full(states.shape[0], CellState.MISSING, dtype=np.int64)
    result: IntArray = states.min(axis=1)
    return result


@dataclass(frozen=True)
class ColumnGroup:
    """A column of the collapsed matrix: a node and the positions of its leaves."""

    node: Indicator
    leaves: tuple[int, ...]  # indexes into the grid's leaf columns

    @property
    def is_leaf(self) -> bool:
        return len(self.leaves) == 1 and self.node.spec is not None


def column_groups(
    framework: Framework, leaf_ids: Sequence[int], level: int = 2
) -> list[ColumnGroup]:
    """The leaves grouped under their ancestor at depth `level` (a leaf above it stands alone).

    Groups come in the order of their first leaf; `leaf_ids` gives the grid's leaf order.
    """
    by_id = {n.node_id: n for n in framework.nodes}
    groups: dict[str, tuple[Indicator, list[int]]] = {}
    for position, leaf_id in enumerate(leaf_ids):
        leaf = by_id[leaf_id]
        head = _ancestor(framework, leaf, level)
        groups.setdefault(head.code, (head, []))[1].append(position)
    return [ColumnGroup(node, tuple(leaves)) for node, leaves in groups.values()]


def _ancestor(framework: Framework, node: Indicator, level: int) -> Indicator:
    chain = [node]
    while chain[-1].parent is not None:
        chain.append(framework[chain[-1].parent])
    chain.reverse()  # root first: chain[d] is the ancestor at depth d
    return chain[min(level, len(chain) - 1)]
