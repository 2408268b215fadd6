"""The evaluation set-up stored in a workspace: frameworks, cities and campaigns.

Functions here run inside a transaction opened by the Workspace and write their audit
rows in it. They raise ValueError for bad input and LookupError for unknown ids.
"""

from __future__ import annotations

import dataclasses
import json
import math
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from models import audit
from models.audit import Actor, Change
from models.cities import City
from models.framework import (
    MEASUREMENT_KINDS,
    Framework,
    Indicator,
    MeasurementKind,
    MeasurementSpec,
    RatingLevel,
)
from models.store import decoded_json, fetch_row, rowid


@dataclass(frozen=True)
class FrameworkRef:
    """A stored framework's id, name and creation time (without its tree)."""

    framework_id: int
    name: str
    created: str


@dataclass(frozen=True)
class Campaign:
    """An evaluation round bound to one framework, with its cities in order and settings."""

    campaign_id: int
    name: str
    framework_id: int
    city_ids: tuple[int, ...]
    settings: dict[str, object]
    created: str


# ---------------------------------------------------------------- value coercion


def as_text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {value!r}")
    return value


def as_finite(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {value!r}")
    return float(value)


def _as_optional_finite(value: object) -> float | None:
    return None if value is None else as_finite(value)


def _as_weight(value: object) -> float:
    weight = as_finite(value)
    if weight < 0:
        raise ValueError(f"a weight cannot be negative, got {weight}")
    return weight


def _as_direction(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value not in (1, -1):
        raise ValueError(f"direction must be 1 or -1, got {value!r}")
    return int(value)


def _as_flag(value: object) -> int:
    if not isinstance(value, bool):
        raise ValueError(f"expected True or False, got {value!r}")
    return int(value)


def _as_int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected an integer, got {value!r}")
    return value


def to_json_text(value: object, what: str) -> str:
    """Canonical JSON text (sorted keys, no NaN); ValueError naming `what` otherwise."""
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{what} must be plain JSON data: {exc}") from exc


# ---------------------------------------------------------------- frameworks

_INSERT_FRAMEWORK = "INSERT INTO framework (name, created) VALUES (?, ?)"
_INSERT_INDICATOR = (
    "INSERT INTO indicator (framework_id, parent_id, code, name_zh, name_en, weight, direction,"
    " kind, unit, low, high, target, levels, items, bounded, denominator, description,"
    " position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_SELECT_INDICATORS = (
    "SELECT id, parent_id, code, name_zh, name_en, weight, direction, kind, unit, low, high,"
    " target, levels, items, bounded, denominator, description, position"
    " FROM indicator WHERE framework_id = ? ORDER BY position, id"
)


def _check_tree(fw: Framework) -> None:
    codes = [n.code for n in fw.nodes]
    if len(set(codes)) != len(codes):
        raise ValueError(f"framework {fw.name!r} has duplicate indicator codes")
    roots = [n.code for n in fw.nodes if n.parent is None]
    if len(roots) != 1:
        raise ValueError(f"framework {fw.name!r} needs exactly one root, has {roots}")
    if any(n.parent is not None and n.parent not in fw for n in fw.nodes):
        raise ValueError(f"framework {fw.name!r} has a node whose parent is missing")
    if len(fw.walk()) != len(fw.nodes):
        raise ValueError(f"framework {fw.name!r} has nodes not reachable from its root")


def _spec_columns(spec: MeasurementSpec | None) -> tuple[object, ...]:
    if spec is None:
        return (None, "", None, None, None, "[]", "[]", 1, "")
    levels = [
        {"value": x.value, "label_zh": x.label_zh, "label_en": x.label_en} for x in spec.levels
    ]
    return (
        spec.kind,
        spec.unit,
        _finite_or_null(spec.low),
        _finite_or_null(spec.high),
        None if spec.target is None else as_finite(spec.target),
        to_json_text(levels, "rating levels"),
        to_json_text(list(spec.items), "checklist items"),
        int(spec.bounded),
        spec.denominator,
    )


def _finite_or_null(value: float) -> float | None:
    """Unknown goalposts (NaN, as from a plain COINr iMeta) are stored as NULL."""
    return value if math.isfinite(value) else None


def _nan_if_null(value: float | None) -> float:
    return math.nan if value is None else value


_INDICATOR_COLUMNS: tuple[str, ...] = (
    "framework_id",
    "parent_id",
    "code",
    "name_zh",
    "name_en",
    "weight",
    "direction",
    "kind",
    "unit",
    "low",
    "high",
    "target",
    "levels",
    "items",
    "bounded",
    "denominator",
    "description",
    "position",
)


def _indicator_params(
    framework_id: int, parent_id: int | None, node: Indicator
) -> tuple[object, ...]:
    return (
        *(framework_id, parent_id, node.code, node.name_zh, node.name_en),
        *(as_finite(node.weight), _as_direction(node.direction)),
        *(*_spec_columns(node.spec), node.description, node.position),
    )


def insert_framework(conn: sqlite3.Connection, fw: Framework, actor: Actor, now: str) -> int:
    """Store the framework tree (parents first); returns the framework id.

    Each created row gets a 'create' audit row holding all its stored columns.
    """
    _check_tree(fw)
    framework_id = rowid(conn.execute(_INSERT_FRAMEWORK, (fw.name, now)))
    changes = [Change("framework", framework_id, "create", new={"name": fw.name})]
    ids: dict[str, int] = {}
    for node in fw.walk():
        parent_id = None if node.parent is None else ids[node.parent]
        params = _indicator_params(framework_id, parent_id, node)
        ids[node.code] = rowid(conn.execute(_INSERT_INDICATOR, params))
        snapshot = dict(zip(_INDICATOR_COLUMNS, params, strict=True))
        changes.append(Change("indicator", ids[node.code], "create", new=snapshot))
    audit.record(conn, actor, now, changes)
    return framework_id


def _kind(value: str) -> MeasurementKind:
    for kind in MEASUREMENT_KINDS:
        if kind == value:
            return kind
    raise ValueError(f"unknown measurement kind {value!r}")


def spec_from_row(row: Any) -> MeasurementSpec | None:
    """The measurement spec of an indicator row (named columns), None for an aggregate."""
    if row["kind"] is None:
        return None
    levels = tuple(
        RatingLevel(float(x["value"]), str(x["label_zh"]), str(x["label_en"]))
        for x in decoded_json(row["levels"], f"indicator {row['code']} levels")
    )
    return MeasurementSpec(
        kind=_kind(row["kind"]),
        low=_nan_if_null(row["low"]),
        high=_nan_if_null(row["high"]),
        unit=row["unit"],
        target=row["target"],
        levels=levels,
        items=tuple(str(x) for x in decoded_json(row["items"], f"indicator {row['code']} items")),
        bounded=bool(row["bounded"]),
        denominator=row["denominator"],
    )


def load_framework(conn: sqlite3.Connection, framework_id: int) -> Framework:
    """The stored tree with node_id filled; nodes depth-first, children in position order."""
    head = conn.execute("SELECT name FROM framework WHERE id = ?", (framework_id,)).fetchone()
    if head is None:
        raise LookupError(f"no framework with id {framework_id}")
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    rows = cursor.execute(_SELECT_INDICATORS, (framework_id,)).fetchall()
    code_of = {row["id"]: row["code"] for row in rows}
    nodes = tuple(_indicator_from_row(row, code_of) for row in rows)
    return Framework(str(head[0]), tuple(Framework(str(head[0]), nodes).walk()))


def _indicator_from_row(row: Any, code_of: dict[int, str]) -> Indicator:
    return Indicator(
        code=row["code"],
        parent=None if row["parent_id"] is None else code_of[row["parent_id"]],
        name_zh=row["name_zh"],
        name_en=row["name_en"],
        weight=row["weight"],
        direction=row["direction"],
        spec=spec_from_row(row),
        description=row["description"],
        position=row["position"],
        node_id=row["id"],
    )


def list_frameworks(conn: sqlite3.Connection) -> list[FrameworkRef]:
    rows = conn.execute("SELECT id, name, created FROM framework ORDER BY id")
    return [FrameworkRef(*row) for row in rows]


_INDICATOR_FIELDS: dict[str, tuple[str, Callable[[object], object]]] = {
    "name_zh": ("UPDATE indicator SET name_zh = ? WHERE id = ?", as_text),
    "name_en": ("UPDATE indicator SET name_en = ? WHERE id = ?", as_text),
    "description": ("UPDATE indicator SET description = ? WHERE id = ?", as_text),
    "unit": ("UPDATE indicator SET unit = ? WHERE id = ?", as_text),
    "weight": ("UPDATE indicator SET weight = ? WHERE id = ?", _as_weight),
    "direction": ("UPDATE indicator SET direction = ? WHERE id = ?", _as_direction),
    "low": ("UPDATE indicator SET low = ? WHERE id = ?", _as_optional_finite),
    "high": ("UPDATE indicator SET high = ? WHERE id = ?", _as_optional_finite),
    "target": ("UPDATE indicator SET target = ? WHERE id = ?", _as_optional_finite),
    "bounded": ("UPDATE indicator SET bounded = ? WHERE id = ?", _as_flag),
    "position": ("UPDATE indicator SET position = ? WHERE id = ?", _as_int),
    "denominator": ("UPDATE indicator SET denominator = ? WHERE id = ?", as_text),
}
EDITABLE_INDICATOR_FIELDS: tuple[str, ...] = tuple(_INDICATOR_FIELDS)


def _check_goalposts(row: Any, field: str, new: object) -> None:
    if field not in ("low", "high", "unit", "target", "bounded", "denominator"):
        return
    if row["kind"] is None:
        raise ValueError(f"indicator {row['code']} is an aggregate; it has no {field}")
    low = new if field == "low" else row["low"]
    high = new if field == "high" else row["high"]
    if isinstance(low, float) and isinstance(high, float) and not low < high:
        raise ValueError(f"indicator {row['code']}: low ({low}) must be below high ({high})")


def update_indicator(
    conn: sqlite3.Connection,
    node_id: int,
    field: str,
    value: object,
    actor: Actor,
    now: str,
    reason: str,
) -> bool:
    """Change one editable field; returns False (and writes nothing) when unchanged."""
    if field not in _INDICATOR_FIELDS:
        editable = ", ".join(EDITABLE_INDICATOR_FIELDS)
        raise ValueError(f"indicator field {field!r} cannot be edited; editable: {editable}")
    row = fetch_row(conn, "SELECT * FROM indicator WHERE id = ?", (node_id,))
    if row is None:
        raise LookupError(f"no indicator with id {node_id}")
    sql, coerce = _INDICATOR_FIELDS[field]
    new = coerce(value)
    _check_goalposts(row, field, new)
    if row[field] == new:
        return False
    conn.execute(sql, (new, node_id))
    change = Change("indicator", node_id, "update", field, row[field], new)
    audit.record(conn, actor, now, [change], reason)
    return True


# ---------------------------------------------------------------- cities

_INSERT_CITY = (
    "INSERT INTO city (code, name_zh, name_en, province, admin_level, economic_circle)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)
_CITY_FIELDS = ("code", "name_zh", "name_en", "province", "admin_level", "economic_circle")
_SELECT_CITIES = (
    "SELECT id, code, name_zh, name_en, province, admin_level, economic_circle"
    " FROM city ORDER BY id"
)


def _check_new_cities(conn: sqlite3.Connection, cities: Sequence[City]) -> None:
    codes = [c.code for c in cities]
    if len(set(codes)) != len(codes):
        raise ValueError("the cities to add have duplicate codes")
    for code in codes:
        if conn.execute("SELECT 1 FROM city WHERE code = ?", (code,)).fetchone():
            raise ValueError(f"a city with code {code!r} is already in the workspace")


def insert_cities(
    conn: sqlite3.Connection, cities: Sequence[City], actor: Actor, now: str
) -> list[int]:
    """Store cities with their GDP series and grouping columns; returns their ids."""
    _check_new_cities(conn, cities)
    ids: list[int] = []
    for c in cities:
        fields = (c.code, c.name_zh, c.name_en, c.province, c.admin_level, c.economic_circle)
        city_id = rowid(conn.execute(_INSERT_CITY, fields))
        conn.executemany(
            "INSERT INTO city_gdp (city_id, year, gdp) VALUES (?, ?, ?)",
            [(city_id, _as_int(year), as_finite(gdp)) for year, gdp in c.gdp.items()],
        )
        conn.executemany(
            "INSERT INTO city_group (city_id, name, value) VALUES (?, ?, ?)",
            [(city_id, as_text(name), as_text(value)) for name, value in c.groups.items()],
        )
        ids.append(city_id)
    changes = [
        Change("city", i, "create", new=_city_snapshot(c)) for i, c in zip(ids, cities, strict=True)
    ]
    audit.record(conn, actor, now, changes)
    return ids


def _city_snapshot(city: City) -> dict[str, object]:
    fields = dataclasses.asdict(city)
    del fields["city_id"]
    return fields


def load_cities(conn: sqlite3.Connection) -> list[City]:
    """All cities in the order added, with GDP series and grouping columns."""
    gdp: dict[int, dict[int, float]] = {}
    for city_id, year, value in conn.execute("SELECT city_id, year, gdp FROM city_gdp"):
        gdp.setdefault(city_id, {})[year] = value
    groups: dict[int, dict[str, str]] = {}
    for city_id, name, value in conn.execute("SELECT city_id, name, value FROM city_group"):
        groups.setdefault(city_id, {})[name] = value
    return [
        City(
            **dict(zip(_CITY_FIELDS, row[1:], strict=True)),
            gdp=dict(sorted(gdp.get(row[0], {}).items())),
            groups=dict(sorted(groups.get(row[0], {}).items())),
            city_id=row[0],
        )
        for row in conn.execute(_SELECT_CITIES)
    ]


# ---------------------------------------------------------------- campaigns

_SELECT_CAMPAIGNS = (
    "SELECT id, name, framework_id, settings, created FROM campaign"
    " WHERE (:id IS NULL OR id = :id) AND (:name IS NULL OR name = :name) ORDER BY id"
)


def _check_new_campaign(
    conn: sqlite3.Connection, name: str, framework_id: int, city_ids: Sequence[int]
) -> None:
    if not name.strip():
        raise ValueError("a campaign needs a name")
    if conn.execute("SELECT 1 FROM campaign WHERE name = ?", (name,)).fetchone():
        raise ValueError(f"a campaign named {name!r} already exists")
    if not conn.execute("SELECT 1 FROM framework WHERE id = ?", (framework_id,)).fetchone():
        raise LookupError(f"no framework with id {framework_id}")
    if len(set(city_ids)) != len(city_ids):
        raise ValueError(f"campaign {name!r} lists a city twice")
    known = {row[0] for row in conn.execute("SELECT id FROM city")}
    missing = sorted(set(city_ids) - known)
    if missing:
        raise LookupError(f"no cities with ids {missing}")


def insert_campaign(
    conn: sqlite3.Connection,
    name: str,
    framework_id: int,
    city_ids: Sequence[int],
    settings: Mapping[str, object],
    actor: Actor,
    now: str,
) -> int:
    _check_new_campaign(conn, name, framework_id, city_ids)
    text = to_json_text(dict(settings), "campaign settings")
    campaign_id = rowid(
        conn.execute(
            "INSERT INTO campaign (name, framework_id, settings, created) VALUES (?, ?, ?, ?)",
            (name, framework_id, text, now),
        )
    )
    conn.executemany(
        "INSERT INTO campaign_city (campaign_id, city_id, position) VALUES (?, ?, ?)",
        [(campaign_id, city_id, i) for i, city_id in enumerate(city_ids)],
    )
    snapshot = {"name": name, "framework_id": framework_id, "city_ids": list(city_ids)}
    snapshot["settings"] = json.loads(text)
    audit.record(conn, actor, now, [Change("campaign", campaign_id, "create", new=snapshot)])
    return campaign_id


def load_campaigns(
    conn: sqlite3.Connection, campaign_id: int | None = None, name: str | None = None
) -> list[Campaign]:
    cities: dict[int, list[int]] = {}
    for cid, city_id in conn.execute(
        "SELECT campaign_id, city_id FROM campaign_city ORDER BY campaign_id, position"
    ):
        cities.setdefault(cid, []).append(city_id)
    rows = conn.execute(_SELECT_CAMPAIGNS, {"id": campaign_id, "name": name})
    return [
        Campaign(
            cid,
            name_,
            fid,
            tuple(cities.get(cid, ())),
            decoded_json(settings, f"campaign {cid} settings"),
            created,
        )
        for cid, name_, fid, settings, created in rows
    ]


def update_settings(
    conn: sqlite3.Connection,
    campaign_id: int,
    settings: Mapping[str, object],
    actor: Actor,
    now: str,
    reason: str,
) -> bool:
    """Replace a campaign's scoring settings; returns False when unchanged."""
    row = conn.execute("SELECT settings FROM campaign WHERE id = ?", (campaign_id,)).fetchone()
    if row is None:
        raise LookupError(f"no campaign with id {campaign_id}")
    text = to_json_text(dict(settings), "campaign settings")
    if text == row[0]:
        return False
    conn.execute("UPDATE campaign SET settings = ? WHERE id = ?", (text, campaign_id))
    change = Change(
        "campaign", campaign_id, "update", "settings", json.loads(row[0]), json.loads(text)
    )
    audit.record(conn, actor, now, [change], reason)
    return True
