"""How versions, histories and list rows of the review screen are written out (in the
session's language); pure formatting over the session's cities and framework."""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication

from models.audit import AuditEntry
from models.conflicts import Conflict, Duplicate
from models.merge_rows import COLUMNS, Version
from ui.observations.labels import channel_label, status_label
from ui.observations.table_model import format_value
from ui.session import Session
from ui.times import local_time, zone_name

SHOWN_FIELDS: tuple[str, ...] = COLUMNS[COLUMNS.index("value") :]  # after uuid and the cell


def field_label(name: str) -> str:
    labels = {
        "value": QCoreApplication.translate("review", "Value"),
        "channel": QCoreApplication.translate("review", "Channel"),
        "observed_on": QCoreApplication.translate("review", "Date observed"),
        "source": QCoreApplication.translate("review", "Source"),
        "note": QCoreApplication.translate("review", "Note"),
        "detail": QCoreApplication.translate("review", "Detail"),
        "status": QCoreApplication.translate("review", "Status"),
        "evaluator": QCoreApplication.translate("review", "Evaluator"),
        "device": QCoreApplication.translate("review", "Device"),
        "created_at": QCoreApplication.translate("review", "Created"),
        "updated_at": QCoreApplication.translate("review", "Last saved"),
        "deleted_at": QCoreApplication.translate("review", "Deleted"),
    }
    return labels.get(name, name)


def cell_text(session: Session, name: str, value: object, unit: str = "") -> str:
    language = session.language
    if value is None:
        return ""
    if name == "value":
        return f"{format_value(float(str(value)))}{f' {unit}' if unit else ''}"
    if name == "channel":
        return channel_label(str(value), language)
    if name == "status":
        return status_label(str(value), language)
    if name in ("created_at", "updated_at", "deleted_at"):
        return local_time(value)
    return str(value)


def names(session: Session, city_id: int, indicator_id: int) -> tuple[str, str, str]:
    city = next((c for c in session.cities if c.city_id == city_id), None)
    node = next((n for n in session.framework.nodes if n.node_id == indicator_id), None)
    unit = node.spec.unit if node is not None and node.spec is not None else ""
    city_name = session.name(city) if city is not None else str(city_id)
    leaf = f"{node.code} {session.name(node)}" if node is not None else str(indicator_id)
    return city_name, leaf, unit


def comparison_rows(
    session: Session, left: Version, right: Version | None
) -> tuple[list[list[str]], set[tuple[int, int]]]:
    """Field, left value, right value; the cells that differ are marked."""
    _city, _leaf, unit = names(session, int(left.row[2]), int(left.row[3]))
    rows, marked = [], set()
    for n, name in enumerate(SHOWN_FIELDS):
        i = COLUMNS.index(name)
        a = cell_text(session, name, left.row[i], unit)
        b = cell_text(session, name, right.row[i], unit) if right is not None else ""
        rows.append([field_label(name), a, b])
        if right is None:
            continue
        timed = name in ("created_at", "updated_at")  # times: only when it shows (not ms)
        if (a != b) if timed else (left.row[i] != right.row[i]):
            marked |= {(n, 1), (n, 2)}
    return rows, marked


def differing_fields(left: Version, others: list[Version]) -> list[str]:
    """The names of the shown fields (times aside) in which any of `others` differs."""
    names = [n for n in SHOWN_FIELDS if n not in ("created_at", "updated_at")]
    return [
        n
        for n in names
        if any(o.row[COLUMNS.index(n)] != left.row[COLUMNS.index(n)] for o in others)
    ]


def conflict_rows(session: Session, items: list[Conflict]) -> list[list[str]]:
    """City, indicator, how many package versions, and the fields in which they differ."""
    rows = []
    for item in items:
        city, leaf, _unit = names(session, item.city_id, item.indicator_id)
        fields = differing_fields(item.current, [a.version for a in item.alternatives])
        differs = ", ".join(field_label(n) for n in fields)
        rows.append([city, leaf, str(len(item.alternatives)), differs])
    return rows


def duplicate_rows(session: Session, items: list[Duplicate]) -> list[list[str]]:
    rows = []
    for item in items:
        v = item.held.version
        city, leaf, unit = names(session, int(v.row[2]), int(v.row[3]))
        rows.append(
            [city, leaf, cell_text(session, "value", v.row[4], unit), str(v.row[11]), str(v.row[6])]
        )
    return rows


def history_rows(session: Session, entries: list[AuditEntry]) -> list[list[str]]:
    """When, who, what changed (or "created", "deleted"...) and why: one row per change."""
    return [
        [local_time(e.at, seconds=False), e.who, _change(session, e), e.reason] for e in entries
    ]


def history_tips(session: Session, entries: list[AuditEntry]) -> dict[int, str]:
    """The whole of each history row (with the device), for its tooltip."""
    tips = {}
    for n, e in enumerate(entries):
        when = f"{local_time(e.at)} {zone_name()}"
        lines = [f"{when} · {e.who} · {e.device}", _change(session, e), e.reason]
        tips[n] = "\n".join(line for line in lines if line)
    return tips


def _action(action: str) -> str:
    return {
        "create": QCoreApplication.translate("review", "created"),
        "update": QCoreApplication.translate("review", "changed"),
        "delete": QCoreApplication.translate("review", "deleted"),
        "restore": QCoreApplication.translate("review", "restored"),
    }.get(action, action)


def _change(session: Session, e: AuditEntry) -> str:
    if e.action != "update":
        return _action(e.action)
    if e.field == "merge":
        return QCoreApplication.translate("review", "by a merge")
    old = cell_text(session, e.field, decoded(e.old))
    new = cell_text(session, e.field, decoded(e.new))
    return f"{field_label(e.field)}: {old} → {new}"


def decoded(text: str | None) -> object:
    """An audit row's old/new value: JSON as stored, or the text itself if not JSON."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text
