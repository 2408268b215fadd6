"""Sibling weights as percentages: the check that each group sums to 100 % and its fix.

A node's stored weight is read as its percentage share of its parent (the SMART
defaults are 10/15/25/20/30). Scoring normalises every sibling group anyway, so a group
that does not sum to 100 % still scores by its relative weights; the editor flags such a
group so that the numbers shown mean what they say, and `normalised` rescales it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from models.framework import Framework

TOLERANCE = 0.005  # percentage points a group's sum may differ from 100
DECIMALS = 4  # normalised weights are rounded to this many decimals


@dataclass(frozen=True)
class WeightGroup:
    """The children of one node and the sum of their weights (percent)."""

    parent: str
    children: tuple[str, ...]
    total: float

    @property
    def balanced(self) -> bool:
        return is_balanced(self.total)


def is_balanced(total: float) -> bool:
    return abs(total - 100.0) <= TOLERANCE


def weight_groups(framework: Framework) -> list[WeightGroup]:
    """Every node with children, in tree order, with its children's weight sum."""
    groups = []
    for node in framework.walk():
        kids = framework.children(node.code)
        if kids:
            total = sum(k.weight for k in kids)
            groups.append(WeightGroup(node.code, tuple(k.code for k in kids), total))
    return groups


def unbalanced(framework: Framework) -> list[WeightGroup]:
    """The sibling groups whose weights do not sum to 100 %, in tree order."""
    return [g for g in weight_groups(framework) if not g.balanced]


def share(framework: Framework, code: str) -> float:
    """The node's effective share of its parent in percent (what scoring uses)."""
    node = framework[code]
    if node.parent is None:
        return 100.0
    total = sum(k.weight for k in framework.children(node.parent))
    return 100.0 * node.weight / total if total > 0 else 0.0


def normalised(framework: Framework, parents: Iterable[str]) -> dict[int, float]:
    """New weights (by node id) rescaling the children of each of `parents` to 100 %."""
    weights: dict[int, float] = {}
    for parent in parents:
        kids = framework.children(parent)
        total = sum(k.weight for k in kids)
        if total <= 0:
            raise ValueError(f"the weights under {parent!r} are all zero; set one first")
        ids = [_node_id(kid.code, kid.node_id) for kid in kids]
        shares = [round(100.0 * kid.weight / total, DECIMALS) for kid in kids]
        largest = shares.index(max(shares))  # takes the rounding rest: the sum is 100
        shares[largest] = round(shares[largest] + 100.0 - sum(shares), DECIMALS)
        weights.update(zip(ids, shares, strict=True))
    return weights


def _node_id(code: str, node_id: int | None) -> int:
    if node_id is None:
        raise ValueError(f"indicator {code!r} is not stored in a workspace")
    return node_id
