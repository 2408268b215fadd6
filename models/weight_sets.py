"""Named weight sets per campaign, stored in the campaign's settings JSON (no migration).

A weight set is a `{node code: weight}` mapping (relative among siblings, as the framework's
own weights) with the method that made it ("manual", "equal", "ahp", "entropy",
"ahp+entropy", …) and JSON details (e.g. the AHP consistency summary). They live in the
campaign settings under two keys the scoring settings do not use:

    "weight_sets": {"<name>": {"weights": {...}, "method": "...", "details": {...}}, ...}
    "weight_set":  "<name of the active set>"          (absent: the framework's weights)

Every change goes through `Workspace.set_campaign_settings`, so it is committed at once and
audited (old → new settings, with the reason given).

NOTE for scoring code: `ScoringSettings.from_dict` refuses unknown keys, so it must be given
`scoring_part(campaign.settings)`, and the active set applied to the tree with
`active_hierarchy(hierarchy, campaign.settings)`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from models.audit import Actor
from models.workspace import Workspace
from scoring.hierarchy import Hierarchy
from scoring.weighting import with_weights

SETS_KEY = "weight_sets"
ACTIVE_KEY = "weight_set"
KEYS = (SETS_KEY, ACTIVE_KEY)


@dataclass(frozen=True)
class WeightSet:
    name: str
    weights: dict[str, float]
    method: str = "manual"
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("a weight set needs a non-empty name")
        for code, w in self.weights.items():
            if not isinstance(code, str) or not code:
                raise ValueError(f"weight set {self.name!r}: node codes must be text")
            ok = isinstance(w, int | float) and not isinstance(w, bool) and math.isfinite(w)
            if not ok or w < 0:
                raise ValueError(f"weight set {self.name!r}: weight of {code!r} must be >= 0")

    def to_json(self) -> dict[str, Any]:
        return {
            "weights": {c: float(w) for c, w in self.weights.items()},
            "method": self.method,
            "details": dict(self.details),
        }

    @classmethod
    def from_json(cls, name: str, data: Mapping[str, Any]) -> WeightSet:
        weights = data.get("weights")
        if not isinstance(weights, Mapping):
            raise ValueError(f"weight set {name!r}: no weights")
        details = data.get("details", {})
        return cls(name, dict(weights), str(data.get("method", "manual")), dict(details))


# ---------------------------------------------------------------- pure: settings dicts


def scoring_part(settings: Mapping[str, object]) -> dict[str, object]:
    """The settings without the weight-set keys: what `ScoringSettings.from_dict` takes."""
    return {k: v for k, v in settings.items() if k not in KEYS}


def weight_sets(settings: Mapping[str, object]) -> dict[str, WeightSet]:
    stored = settings.get(SETS_KEY, {})
    if not isinstance(stored, Mapping):
        raise ValueError(f"campaign setting {SETS_KEY!r} must be an object")
    return {name: WeightSet.from_json(name, data) for name, data in stored.items()}


def active_name(settings: Mapping[str, object]) -> str | None:
    name = settings.get(ACTIVE_KEY)
    return name if isinstance(name, str) else None


def active_weight_set(settings: Mapping[str, object]) -> WeightSet | None:
    name = active_name(settings)
    return None if name is None else weight_sets(settings).get(name)


def with_weight_set(
    settings: Mapping[str, object], ws: WeightSet, activate: bool = False
) -> dict[str, object]:
    """New settings with `ws` added (or replaced by name), optionally made active."""
    out = dict(settings)
    stored = {name: s.to_json() for name, s in weight_sets(settings).items()}
    stored[ws.name] = ws.to_json()
    out[SETS_KEY] = stored
    if activate:
        out[ACTIVE_KEY] = ws.name
    return out


def without_weight_set(settings: Mapping[str, object], name: str) -> dict[str, object]:
    """New settings without the set `name` (deactivated if it was active)."""
    sets = weight_sets(settings)
    if name not in sets:
        raise KeyError(f"no weight set named {name!r}")
    out = dict(settings)
    out[SETS_KEY] = {n: s.to_json() for n, s in sets.items() if n != name}
    if active_name(settings) == name:
        out.pop(ACTIVE_KEY, None)
    return out


def with_active(settings: Mapping[str, object], name: str | None) -> dict[str, object]:
    """New settings with `name` active (None: back to the framework's own weights)."""
    out = dict(settings)
    if name is None:
        out.pop(ACTIVE_KEY, None)
        return out
    if name not in weight_sets(settings):
        raise KeyError(f"no weight set named {name!r}")
    out[ACTIVE_KEY] = name
    return out


def active_hierarchy(h: Hierarchy, settings: Mapping[str, object]) -> Hierarchy:
    """`h` with the active weight set applied (codes the tree lacks are ignored)."""
    ws = active_weight_set(settings)
    if ws is None:
        return h
    return with_weights(h, {c: w for c, w in ws.weights.items() if c in h.index})


# ---------------------------------------------------------------- workspace


def load_weight_sets(ws: Workspace, campaign_id: int) -> dict[str, WeightSet]:
    return weight_sets(ws.campaign(campaign_id).settings)


def save_weight_set(
    ws: Workspace,
    campaign_id: int,
    weight_set: WeightSet,
    actor: Actor,
    activate: bool = False,
    reason: str = "",
) -> bool:
    """Store `weight_set` under its name (replacing one of that name); False if unchanged."""
    settings = ws.campaign(campaign_id).settings
    new = with_weight_set(settings, weight_set, activate)
    why = reason or f"weight set {weight_set.name!r} ({weight_set.method}) saved"
    return ws.set_campaign_settings(campaign_id, new, actor, why)


def delete_weight_set(
    ws: Workspace, campaign_id: int, name: str, actor: Actor, reason: str = ""
) -> bool:
    settings = ws.campaign(campaign_id).settings
    new = without_weight_set(settings, name)
    return ws.set_campaign_settings(
        campaign_id, new, actor, reason or f"weight set {name!r} deleted"
    )


def select_weight_set(
    ws: Workspace, campaign_id: int, name: str | None, actor: Actor, reason: str = ""
) -> bool:
    """Make `name` the campaign's active weight set (None: the framework's weights)."""
    settings = ws.campaign(campaign_id).settings
    new = with_active(settings, name)
    what = f"weight set {name!r} selected" if name else "framework weights selected"
    return ws.set_campaign_settings(campaign_id, new, actor, reason or what)
