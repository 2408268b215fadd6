"""The rules every framework obeys, whatever it was read from (a file, the store, an edit).

Errors are FrameworkError naming the source, the row of the offending node when the
caller knows it (`rows[i]` is the row of `framework.nodes[i]`) and the field by its
iMeta column name (Weight, Direction, Kind, GoalpostLow, …), so the same message
reads well for a file and for an edit dialog.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Sequence

from models.framework import (
    MEASUREMENT_KINDS,
    Framework,
    FrameworkError,
    Indicator,
    MeasurementSpec,
)

Problem = tuple[str, str]  # (column, message)


def validate_framework(
    framework: Framework, source: str = "framework", rows: Sequence[int] | None = None
) -> None:
    """Check the tree's shape, then every node's values; raise FrameworkError on the first fault."""
    check_structure(framework, source, rows)
    check_values(framework, source, rows)


def _row(rows: Sequence[int] | None, index: int) -> int | None:
    return rows[index] if rows is not None else None


def check_structure(
    framework: Framework, source: str = "framework", rows: Sequence[int] | None = None
) -> None:
    """Codes non-empty and unique, parents exist, exactly one root, every node under it."""
    nodes = framework.nodes
    first: dict[str, int] = {}
    for i, node in enumerate(nodes):
        if not node.code:
            raise FrameworkError(source, _row(rows, i), "iCode", "the code is empty")
        if node.code in first:
            where = _row(rows, first[node.code])
            also = f" (also on row {where})" if where is not None else ""
            msg = f"duplicate code {node.code!r}{also}"
            raise FrameworkError(source, _row(rows, i), "iCode", msg)
        first[node.code] = i
    roots = [i for i, n in enumerate(nodes) if n.parent is None]
    if not roots:
        msg = "no root: exactly one node needs an empty Parent"
        raise FrameworkError(source, None, "Parent", msg)
    root = nodes[roots[0]].code
    if len(roots) > 1:
        msg = f"{nodes[roots[1]].code!r} and {root!r} have no Parent; only the root may"
        raise FrameworkError(source, _row(rows, roots[1]), "Parent", msg)
    for i, node in enumerate(nodes):
        if node.parent is not None and node.parent not in first:
            msg = f"unknown parent {node.parent!r} of {node.code!r}"
            raise FrameworkError(source, _row(rows, i), "Parent", msg)
    reached = _reachable(nodes, root)
    for i, node in enumerate(nodes):
        if node.code not in reached:
            msg = f"{node.code!r} is in a cycle of parents, not under the root {root!r}"
            raise FrameworkError(source, _row(rows, i), "Parent", msg)


def _reachable(nodes: Sequence[Indicator], root: str) -> set[str]:
    children: dict[str, list[str]] = defaultdict(list)
    for node in nodes:
        if node.parent is not None:
            children[node.parent].append(node.code)
    reached, stack = {root}, [root]
    while stack:
        for child in children[stack.pop()]:
            if child not in reached:
                reached.add(child)
                stack.append(child)
    return reached


def check_values(
    framework: Framework, source: str = "framework", rows: Sequence[int] | None = None
) -> None:
    """Names, weights, directions and measurement specs (call after check_structure)."""
    parents = {n.parent for n in framework.nodes if n.parent is not None}
    for i, node in enumerate(framework.nodes):
        problem = node_problem(node, is_leaf=node.code not in parents)
        if problem is not None:
            raise FrameworkError(source, _row(rows, i), *problem)
    siblings: dict[str, list[int]] = defaultdict(list)
    for i, node in enumerate(framework.nodes):
        if node.parent is not None:
            siblings[node.parent].append(i)
    for parent, kids in siblings.items():
        if all(framework.nodes[k].weight == 0 for k in kids):
            msg = f"all weights under {parent!r} are zero; at least one must be positive"
            raise FrameworkError(source, _row(rows, kids[0]), "Weight", msg)


def node_problem(node: Indicator, is_leaf: bool) -> Problem | None:
    """What is wrong with one node's own values, or None."""
    if not (node.name_en or node.name_zh):
        return "iName", f"{node.code!r} has no name"
    if not (math.isfinite(node.weight) and node.weight >= 0):
        return "Weight", f"weight {node.weight:g} of {node.code!r} must be a number >= 0"
    if node.direction not in (1, -1):
        return "Direction", f"direction {node.direction:g} of {node.code!r} must be 1 or -1"
    if is_leaf and node.spec is None:
        return "Kind", f"indicator {node.code!r} has no measurement spec"
    if not is_leaf and node.spec is not None:
        return "Kind", f"{node.code!r} has children: an aggregate has no measurement spec"
    if node.spec is not None:
        problem = spec_problem(node.spec)
        if problem is not None:
            return problem[0], f"{node.code!r}: {problem[1]}"
    return None


def spec_problem(spec: MeasurementSpec) -> Problem | None:
    """What is wrong with a measurement spec, or None (the first of its faults)."""
    checks = (
        _kind_problem,
        _goalpost_problem,
        _target_problem,
        _rating_problem,
        _yesno_problem,
        _checklist_problem,
    )
    return next((p for p in (check(spec) for check in checks) if p is not None), None)


def _kind_problem(spec: MeasurementSpec) -> Problem | None:
    if spec.kind not in MEASUREMENT_KINDS:
        return "Kind", f"unknown kind {spec.kind!r}; expected one of {', '.join(MEASUREMENT_KINDS)}"
    if spec.kind == "rating" and not spec.levels:
        return "Levels", "a rating needs levels, e.g. 0=无/None|50=部分/Partial|100=完善/Complete"
    if spec.kind == "checklist" and not spec.items:
        return "Items", "a checklist needs items, separated by |"
    if spec.levels and spec.kind != "rating":
        return "Levels", f"only rating indicators have levels, this one is {spec.kind}"
    if spec.items and spec.kind != "checklist":
        return "Items", f"only checklist indicators have items, this one is {spec.kind}"
    return None


def _target_problem(spec: MeasurementSpec) -> Problem | None:
    if spec.target is not None and not math.isfinite(spec.target):
        return "Target", "the target must be a finite number"
    return None


def _yesno_problem(spec: MeasurementSpec) -> Problem | None:
    if spec.kind == "yesno" and (spec.low, spec.high) != (0, 1):
        return "GoalpostLow", "yes/no goalposts are 0 (no) and 1 (yes)"
    return None


def _goalpost_problem(spec: MeasurementSpec) -> Problem | None:
    low_nan, high_nan = math.isnan(spec.low), math.isnan(spec.high)
    if low_nan != high_nan:
        return ("GoalpostLow" if low_nan else "GoalpostHigh"), "give both goalposts or neither"
    if low_nan:
        if spec.kind != "numeric":
            return "GoalpostLow", f"a {spec.kind} indicator needs goalposts"
        if spec.bounded:
            return "Bounded", "bounded values need goalposts"
        return None
    if math.isinf(spec.low) or math.isinf(spec.high):
        return "GoalpostLow", "goalposts must be finite numbers"
    if not spec.low < spec.high:
        return "GoalpostHigh", f"GoalpostHigh {spec.high:g} must be above GoalpostLow {spec.low:g}"
    if not spec.bounded and spec.kind != "numeric":
        return "Bounded", f"{spec.kind} values are always bounded by their goalposts"
    return None


def _rating_problem(spec: MeasurementSpec) -> Problem | None:
    values = [level.value for level in spec.levels]
    if spec.kind != "rating":
        return None
    if not all(math.isfinite(v) for v in values):
        return "Levels", "level values must be finite numbers"
    if any(b <= a for a, b in itertools.pairwise(values)):
        return "Levels", "level values must increase from left to right"
    if values[0] < spec.low or values[-1] > spec.high:
        return "Levels", f"level values must lie within the goalposts {spec.low:g}..{spec.high:g}"
    return None


def _checklist_problem(spec: MeasurementSpec) -> Problem | None:
    if spec.kind != "checklist":
        return None
    if any(not item for item in spec.items):
        return "Items", "a checklist item is empty"
    if spec.low < 0 or spec.high > len(spec.items):
        return "GoalpostHigh", f"checklist goalposts must lie within 0..{len(spec.items)} (items)"
    return None


def value_problem(spec: MeasurementSpec, value: float) -> str | None:
    """Why `value` is not acceptable for the indicator (a cell of an iData table), or None.

    Only bounded specs refuse values, and only outside their goalposts; a cell may be a
    reconciled mean of several observations, so it need not be a rating level.
    """
    if not math.isfinite(value):
        return f"{value!r} is not a finite number"
    if spec.bounded and spec.has_goalposts and not spec.low <= value <= spec.high:
        return f"{value:g} is outside the allowed range {spec.low:g}..{spec.high:g}"
    return None


def observation_problem(spec: MeasurementSpec, value: float) -> str | None:
    """As value_problem, plus the rules for one raw observation of the indicator's kind."""
    problem = value_problem(spec, value)
    if problem is not None:
        return problem
    if spec.kind == "rating" and value not in {level.value for level in spec.levels}:
        allowed = ", ".join(f"{level.value:g}" for level in spec.levels)
        return f"{value:g} is not a level of the rating ({allowed})"
    if spec.kind == "yesno" and value not in (0, 1):
        return f"{value:g} is not 0 (no) or 1 (yes)"
    if spec.kind == "checklist" and not float(value).is_integer():
        return f"{value:g} is not a count of checklist items"
    return None
