"""The indicator that "Add" creates: a unique code, placeholder names, a simple measurement."""

from __future__ import annotations

from models.framework import Indicator, MeasurementSpec
from ui.framework_editor.tree import FrameworkTree
from ui.session import Session

NEW_NAME_ZH, NEW_NAME_EN = "新指标", "New indicator"


def new_code(parent_code: str, is_root: bool, taken: set[str]) -> str:
    """The next free code under a parent: T → T7, T1 → T1.5, the root → N1 (N2…)."""
    if is_root:
        stem = "N"
    elif parent_code[-1:].isdigit():
        stem = parent_code + "."
    else:
        stem = parent_code
    number = 1
    while f"{stem}{number}" in taken:
        number += 1
    return f"{stem}{number}"


def new_node(session: Session, tree: FrameworkTree, parent_id: int) -> Indicator:
    """A numeric 0–100 leaf weighted like its siblings on average (100 % if the first)."""
    parent = tree.node(parent_id)
    siblings = [tree.node(i) for i in tree.child_ids(parent_id)]
    taken = session.workspace.indicator_codes(session.campaign.framework_id)
    code = new_code(parent.code, parent.parent is None, taken)
    weight = sum(s.weight for s in siblings) / len(siblings) if siblings else 100.0
    spec = MeasurementSpec("numeric", 0.0, 100.0)
    return Indicator(code, parent.code, NEW_NAME_ZH, NEW_NAME_EN, weight=weight, spec=spec)
