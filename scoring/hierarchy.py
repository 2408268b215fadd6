"""The indicator tree as arrays, the only shape of a framework the scoring engine sees."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class HierarchyError(ValueError):
    """The tree handed to the engine is not a valid tree."""


class ScoringError(ValueError):
    """Bad input for scoring; the message names the node code and, where known, the unit code.

    The codes are also attributes, so callers can point at a row/column without parsing text:
    `node` (the node at fault), `unit`, and `child` (the child value that broke an aggregate).
    Lives here (not in pipeline) so every engine module can raise it without import cycles.
    """

    def __init__(
        self,
        message: str,
        node: str | None = None,
        unit: str | None = None,
        child: str | None = None,
    ) -> None:
        super().__init__(message)
        self.node, self.unit, self.child = node, unit, child


@dataclass(frozen=True, eq=False)  # holds arrays
class LevelPlan:
    """How the aggregates of one height are computed from their children.

    Children are gathered into a padded `parents × max_children` block: padding repeats the
    parent's first child with weight 0, so it adds nothing to any weighted sum and the block
    needs no sentinel column. Summing a small fixed-width row keeps every unit's result
    independent of the other units (no BLAS blocking), so tied inputs give tied scores.
    """

    nodes: IntArray  # node indices of the parents at this height
    child: IntArray  # parents × max_children node indices
    weight: FloatArray  # parents × max_children sibling weights, 0 in the padding
    total: FloatArray  # sum of all children's weights per parent (for the coverage share)


@dataclass(frozen=True)
class NodeSpec:
    """One node as the engine needs it; `parent` is None for the root."""

    code: str
    parent: str | None
    weight: float = 1.0
    direction: int = 1
    low: float | None = None  # goalposts (leaves only)
    high: float | None = None
    target: float | None = None


@dataclass(frozen=True)
class Hierarchy:
    """A validated tree of any depth, compiled to index arrays.

    Nodes are ordered leaves first (in the given order), then aggregates in
    bottom-up order (every node after all of its children); the root is last.
    """

    codes: tuple[str, ...]
    parent: IntArray  # index of the parent node, -1 for the root
    weight: FloatArray  # relative to siblings
    direction: FloatArray  # +1 / -1 (leaves), 1 for aggregates
    low: FloatArray  # goalposts, NaN when unknown
    high: FloatArray
    target: FloatArray
    n_leaves: int
    height: IntArray  # 0 for leaves, 1 + max(child height) otherwise
    index: dict[str, int] = field(repr=False, compare=False)

    @property
    def leaf_codes(self) -> tuple[str, ...]:
        return self.codes[: self.n_leaves]

    @property
    def aggregate_codes(self) -> tuple[str, ...]:
        return self.codes[self.n_leaves :]

    @property
    def root(self) -> int:
        return len(self.codes) - 1

    def children(self, node: int) -> IntArray:
        return np.flatnonzero(self.parent == node).astype(np.int64)

    @cached_property
    def levels(self) -> tuple[LevelPlan, ...]:
        """Aggregation plan per height 1..max, compiled once per tree and cached on it.

        The cache assumes the tree's arrays are not changed in place: to change weights,
        build a new Hierarchy (e.g. `dataclasses.replace(h, weight=w)`).
        """
        return tuple(_level_plan(self, h) for h in range(1, int(self.height.max(initial=0)) + 1))

    @classmethod
    def from_nodes(cls, nodes: Sequence[NodeSpec]) -> Hierarchy:
        return _compile(nodes)


def _compile(nodes: Sequence[NodeSpec]) -> Hierarchy:
    by_code: dict[str, NodeSpec] = {}
    for node in nodes:
        if node.code in by_code:
            raise HierarchyError(f"duplicate code {node.code!r}")
        by_code[node.code] = node
    roots = [n.code for n in nodes if n.parent is None]
    if len(roots) != 1:
        raise HierarchyError(f"a tree needs exactly one root, found {len(roots)}: {roots}")
    children: dict[str, list[str]] = {code: [] for code in by_code}
    for node in nodes:
        if node.parent is not None:
            if node.parent not in by_code:
                raise HierarchyError(f"{node.code!r}: unknown parent {node.parent!r}")
            children[node.parent].append(node.code)
    height = _heights(roots[0], children, len(nodes))
    leaves = [n.code for n in nodes if not children[n.code]]
    aggregates = sorted(
        (n.code for n in nodes if children[n.code]),
        key=lambda code: height[code],
    )  # stable: keeps the given order within one height
    order = leaves + aggregates
    index = {code: i for i, code in enumerate(order)}
    specs = [by_code[c] for c in order]
    for spec in specs:
        if spec.direction not in (1, -1):
            raise HierarchyError(f"{spec.code!r}: direction must be 1 or -1")
        if not np.isfinite(spec.weight) or spec.weight < 0:
            raise HierarchyError(f"{spec.code!r}: weight must be a number >= 0")
    return Hierarchy(
        codes=tuple(order),
        parent=np.array([index[s.parent] if s.parent else -1 for s in specs], dtype=np.int64),
        weight=np.array([s.weight for s in specs], dtype=np.float64),
        direction=np.array([s.direction for s in specs], dtype=np.float64),
        low=_optional(s.low for s in specs),
        high=_optional(s.high for s in specs),
        target=_optional(s.target for s in specs),
        n_leaves=len(leaves),
        height=np.array([height[c] for c in order], dtype=np.int64),
        index=index,
    )


def _level_plan(h: Hierarchy, height: int) -> LevelPlan:
    nodes = np.flatnonzero(h.height == height).astype(np.int64)
    kids = [h.children(int(node)) for node in nodes]
    width = max(len(k) for k in kids)
    child = np.empty((len(nodes), width), dtype=np.int64)
    weight = np.zeros((len(nodes), width), dtype=np.float64)
    for row, k in enumerate(kids):
        child[row, :] = k[0]
        child[row, : len(k)] = k
        weight[row, : len(k)] = h.weight[k]
    return LevelPlan(nodes=nodes, child=child, weight=weight, total=weight.sum(axis=1))


def _heights(root: str, children: dict[str, list[str]], n_nodes: int) -> dict[str, int]:
    """Height of every node reachable from the root; unreachable nodes mean a cycle."""
    height: dict[str, int] = {}
    post: list[str] = []
    stack: list[tuple[str, bool]] = [(root, False)]
    seen: set[str] = set()
    while stack:
        code, done = stack.pop()
        if done:
            post.append(code)
            continue
        if code in seen:
            raise HierarchyError(f"cycle through {code!r}")
        seen.add(code)
        stack.append((code, True))
        stack.extend((child, False) for child in children[code])
    for code in post:
        kids = children[code]
        height[code] = 1 + max(height[k] for k in kids) if kids else 0
    if len(height) != n_nodes:
        cut_off = sorted(set(children) - set(height))
        raise HierarchyError(f"nodes not under the root (cycle?): {cut_off}")
    return height


def _optional(values: Iterable[float | None]) -> FloatArray:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)
