"""The indicator framework: a tree of any depth with a measurement spec on every leaf."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Literal

from scoring.hierarchy import Hierarchy, NodeSpec

MeasurementKind = Literal["numeric", "rating", "yesno", "checklist"]
MEASUREMENT_KINDS: tuple[MeasurementKind, ...] = ("numeric", "rating", "yesno", "checklist")


class SourceError(ValueError):
    """Bad input read from somewhere; names the source (file), the row and the field.

    `row` is the spreadsheet row number (header = 1, first data row = 2) when the
    input is a table; `column` is the column header (or letter) when known.
    """

    def __init__(self, source: str, row: int | None, column: str | None, message: str) -> None:
        self.source, self.row, self.column, self.message = source, row, column, message
        where = source
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column}"
        super().__init__(f"{where}: {message}")


class FrameworkError(SourceError):
    """A framework definition is invalid; names the source, row and field."""


@dataclass(frozen=True)
class RatingLevel:
    """One level of a rating scale: the value stored and what it means."""

    value: float
    label_zh: str
    label_en: str


@dataclass(frozen=True)
class MeasurementSpec:
    """How a leaf indicator is observed and what its raw values mean.

    Values are stored as numbers: numeric as measured; rating as the level's
    value; yes/no as 1/0; checklist as the count of items ticked.
    `low`/`high` are the goalposts used by `goalposts` normalisation.
    """

    kind: MeasurementKind
    low: float
    high: float
    unit: str = ""
    target: float | None = None
    levels: tuple[RatingLevel, ...] = ()  # rating only
    items: tuple[str, ...] = ()  # checklist only
    bounded: bool = True  # values outside [low, high] are refused, not just clipped
    denominator: str = ""  # code of a Denominator column (COINr iMeta), "" for none

    # Goalposts are NaN when unknown (plain COINr iMeta); NaN != NaN would make two
    # identical specs unequal, so compare and hash with NaN as an ordinary value.
    def _key(self) -> tuple[object, ...]:
        return tuple(_nan_safe(getattr(self, f.name)) for f in fields(self))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MeasurementSpec):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    @property
    def has_goalposts(self) -> bool:
        return math.isfinite(self.low) and math.isfinite(self.high)


def _nan_safe(value: object) -> object:
    return "NaN" if isinstance(value, float) and math.isnan(value) else value


@dataclass(frozen=True)
class Indicator:
    """A framework node. Leaves carry a measurement spec; aggregates do not."""

    code: str
    parent: str | None
    name_zh: str
    name_en: str
    weight: float = 1.0
    direction: int = 1
    spec: MeasurementSpec | None = None
    description: str = ""
    position: int = 0
    node_id: int | None = None  # stable id in a workspace store; None outside one


@dataclass(frozen=True)
class Framework:
    """A validated indicator tree (validation is done by the loaders)."""

    name: str
    nodes: tuple[Indicator, ...]
    _by_code: dict[str, Indicator] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_code.update({n.code: n for n in self.nodes})

    def __getitem__(self, code: str) -> Indicator:
        return self._by_code[code]

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.nodes)

    @property
    def root(self) -> Indicator:
        return next(n for n in self.nodes if n.parent is None)

    def children(self, code: str) -> list[Indicator]:
        kids = [n for n in self.nodes if n.parent == code]
        return sorted(kids, key=lambda n: n.position)

    def leaves(self) -> list[Indicator]:
        """Leaves in depth-first tree order."""
        return [n for n in self.walk() if not self.children(n.code)]

    def walk(self) -> list[Indicator]:
        """All nodes depth-first from the root, children in position order."""
        out: list[Indicator] = []
        stack = [self.root]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(self.children(node.code)))
        return out

    def depth(self, code: str) -> int:
        depth, node = 0, self[code]
        while node.parent is not None:
            node, depth = self[node.parent], depth + 1
        return depth

    def to_hierarchy(self) -> Hierarchy:
        """The engine's compiled tree; built once per (immutable) Framework."""
        return self._hierarchy

    @cached_property
    def _hierarchy(self) -> Hierarchy:
        specs: Sequence[NodeSpec] = [
            NodeSpec(
                code=n.code,
                parent=n.parent,
                weight=n.weight,
                direction=n.direction,
                low=n.spec.low if n.spec else None,
                high=n.spec.high if n.spec else None,
                target=n.spec.target if n.spec else None,
            )
            for n in self.walk()
        ]
        return Hierarchy.from_nodes(specs)
