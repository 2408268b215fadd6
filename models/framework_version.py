"""The version of an indicator framework as field packages see it, and mapping between two.

`framework_version` hashes what decides whether an observation means the same thing in
two workspaces: every node's code, parent, measurement kind and goalposts (not names,
weights or positions, which the coordinator may change without touching the data).

A package made for another framework version can still be merged when every leaf of the
package's framework is a leaf of the master's with the same code and kind; `map_framework`
returns that mapping (with what differs, for the coordinator to see) or the problems.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from models.framework import Framework


@dataclass(frozen=True)
class NodeDescription:
    """One framework node as a package carries it."""

    code: str
    parent: str | None
    kind: str | None  # None for an aggregate
    low: float | None
    high: float | None
    name_zh: str = ""
    name_en: str = ""

    def key(self) -> list[Any]:
        return [self.code, self.parent, self.kind, self.low, self.high]

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "parent": self.parent,
            "kind": self.kind,
            "low": self.low,
            "high": self.high,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
        }


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def describe(framework: Framework) -> list[NodeDescription]:
    """The framework's nodes, sorted by code."""
    nodes = []
    for n in framework.nodes:
        spec = n.spec
        nodes.append(
            NodeDescription(
                n.code,
                n.parent,
                spec.kind if spec else None,
                _finite(spec.low) if spec else None,
                _finite(spec.high) if spec else None,
                n.name_zh,
                n.name_en,
            )
        )
    return sorted(nodes, key=lambda d: d.code)


def version_of(nodes: Sequence[NodeDescription]) -> str:
    """SHA-256 (hex) of the nodes' codes, parents, kinds and goalposts."""
    keys = sorted((d.key() for d in nodes), key=lambda k: str(k[0]))
    text = json.dumps(keys, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def framework_version(framework: Framework) -> str:
    return version_of(describe(framework))


def nodes_from_json(value: object) -> list[NodeDescription]:
    """The node list of a package's framework.json; ValueError when malformed."""
    if not isinstance(value, Mapping) or not isinstance(value.get("nodes"), list):
        raise ValueError("framework.json has no node list")
    nodes = []
    for item in value["nodes"]:
        if not isinstance(item, Mapping) or not isinstance(item.get("code"), str):
            raise ValueError("framework.json holds a node without a code")
        nodes.append(
            NodeDescription(
                str(item["code"]),
                _optional_text(item.get("parent")),
                _optional_text(item.get("kind")),
                _optional_number(item.get("low")),
                _optional_number(item.get("high")),
                str(item.get("name_zh") or ""),
                str(item.get("name_en") or ""),
            )
        )
    return nodes


def _optional_text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"framework.json: expected text, got {value!r}")


def _optional_number(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    raise ValueError(f"framework.json: expected a number, got {value!r}")


@dataclass(frozen=True)
class MappedIndicator:
    """A leaf of the package's framework and the master's leaf it maps to."""

    code: str
    theirs: NodeDescription
    ours: NodeDescription
    differences: tuple[str, ...]  # "parent", "low", "high" where the two differ


@dataclass(frozen=True)
class FrameworkMapping:
    """How a package's framework maps onto the master's; `problems` empty when it does."""

    package_version: str
    master_version: str
    indicators: tuple[MappedIndicator, ...]
    problems: tuple[str, ...]

    @property
    def identical(self) -> bool:
        return self.package_version == self.master_version

    @property
    def maps(self) -> bool:
        return not self.problems

    def describe(self) -> list[str]:
        """One line per leaf that differs, then the problems (for messages and the CLI)."""
        lines = [
            f"{m.code}: {', '.join(_change(m, field) for field in m.differences)}"
            for m in self.indicators
            if m.differences
        ]
        unchanged = sum(1 for m in self.indicators if not m.differences)
        if unchanged:
            lines.append(f"{unchanged} indicator(s) map unchanged")
        return [*lines, *self.problems]


def _change(m: MappedIndicator, field: str) -> str:
    return f"{field} {getattr(m.theirs, field)!r} → {getattr(m.ours, field)!r}"


def map_framework(theirs: Sequence[NodeDescription], ours: Framework) -> FrameworkMapping:
    """Map the package's leaves onto the master framework by code (same code, same kind)."""
    mine = {d.code: d for d in describe(ours)}
    mapped, problems = [], []
    for node in sorted(theirs, key=lambda d: d.code):
        if node.kind is None:
            continue
        target = mine.get(node.code)
        if target is None or target.kind is None:
            problems.append(f"indicator {node.code} of the package is not an indicator here")
            continue
        if target.kind != node.kind:
            problems.append(
                f"indicator {node.code} is measured as {node.kind} in the package but as "
                f"{target.kind} here"
            )
            continue
        differences = tuple(
            f for f in ("parent", "low", "high") if getattr(node, f) != getattr(target, f)
        )
        mapped.append(MappedIndicator(node.code, node, target, differences))
    return FrameworkMapping(
        version_of(theirs), version_of(list(mine.values())), tuple(mapped), tuple(problems)
    )
