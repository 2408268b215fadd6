"""How an audit row reads in the viewer: time, who (and team), device, what it concerns
(the city and indicator of an observation, else the table and key), the action, the change
and the reason — in the session's language."""

from __future__ import annotations

from PySide6.QtCore import QObject

from models.audit_query import AuditRow
from ui.merge.texts import cell_text, decoded, field_label
from ui.observations.table_model import format_value
from ui.session import Session
from ui.times import local_time, zone_name

_SHORT = 240


class AuditTexts(QObject):
    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session

    def headers(self) -> list[str]:
        return [
            self.tr("When ({zone})").format(zone=zone_name()), self.tr("Who"), self.tr("Team"),
            self.tr("Device"),
            self.tr("Concerns"), self.tr("Action"), self.tr("Change"), self.tr("Reason"),
        ]  # fmt: skip

    def cells(self, row: AuditRow) -> list[str]:
        e = row.entry
        return [
            local_time(e.at),
            e.who,
            ", ".join(row.teams),
            e.device,
            self.concerns(row),
            self.action(e.action, e.table),
            self.change(row),
            e.reason,
        ]

    def concerns(self, row: AuditRow) -> str:
        s = self._session
        if row.city_id is not None or row.indicator_id is not None:
            city = next((c for c in s.cities if c.city_id == row.city_id), None)
            node = next((n for n in s.framework.nodes if n.node_id == row.indicator_id), None)
            parts = [s.name(city) if city else "", f"{node.code} {s.name(node)}" if node else ""]
            return " · ".join(p for p in parts if p)
        tables = {
            "meta": self.tr("workspace"),
            "framework": self.tr("indicator system"),
            "indicator": self.tr("indicator"),
            "city": self.tr("city"),
            "campaign": self.tr("campaign"),
            "observation": self.tr("observation"),
            "attachment": self.tr("attachment"),
            "package": self.tr("field package"),
            "conflict": self.tr("conflict"),
            "duplicate": self.tr("duplicate"),
            "check": self.tr("second-evaluator check"),
        }
        table, key = row.entry.table, row.entry.row_key
        if table == "check" and "/" in row.entry.field:  # a blind entry: "city_id/indicator_id"
            city_id, _slash, indicator_id = row.entry.field.partition("/")
            city = next((c for c in s.cities if str(c.city_id) == city_id), None)
            node = next((n for n in s.framework.nodes if str(n.node_id) == indicator_id), None)
            cell = " · ".join(
                x for x in (s.name(city) if city else "", node.code if node else "") if x
            )
            return f"{tables[table]} {key} · {cell}"
        if table == "indicator":
            node = next((n for n in s.framework.nodes if str(n.node_id) == key), None)
            if node is not None:
                return f"{tables[table]} {node.code} {s.name(node)}"
        if table == "city":
            city = next((c for c in s.cities if str(c.city_id) == key), None)
            if city is not None:
                return f"{tables[table]} {s.name(city)}"
        return f"{tables.get(table, table)} {key[:8]}"

    def observation_summary(self, row: AuditRow, created: dict[str, object]) -> str:
        """A created observation: its value (with the unit), channel and date, as shown
        elsewhere (the channel in the session's language)."""
        s = self._session
        node = next((n for n in s.framework.nodes if n.node_id == row.indicator_id), None)
        unit = node.spec.unit if node is not None and node.spec is not None else ""
        parts = [
            cell_text(s, "value", created.get("value"), unit or ""),
            cell_text(s, "channel", created.get("channel")),
            cell_text(s, "observed_on", created.get("observed_on")),
        ]
        return " · ".join(p for p in parts if p)

    def action(self, action: str, table: str) -> str:
        if table in ("conflict", "duplicate") and action == "update":
            return self.tr("decided")
        return {
            "create": self.tr("created"),
            "update": self.tr("changed"),
            "delete": self.tr("deleted"),
            "restore": self.tr("restored"),
        }.get(action, action)

    def change(self, row: AuditRow) -> str:
        e = row.entry
        created = decoded(e.new)
        if e.table == "observation" and e.action == "create" and isinstance(created, dict):
            return self.observation_summary(row, created)
        if e.action == "create" or not e.field:
            return _short(_summary(created))
        if e.table == "observation" and e.field not in ("merge", "package"):
            old = cell_text(self._session, e.field, decoded(e.old))
            new = cell_text(self._session, e.field, decoded(e.new))
            return f"{field_label(e.field)}: {old} → {new}"
        if e.table == "check":
            return f"{_number(e.old)} → {_number(e.new)}".strip()
        return _short(f"{e.field}: {_plain(e.old)} → {_plain(e.new)}")


def _summary(value: object) -> str:
    """What a created row is, in a few words: its code and name, or its value, or name."""
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    for keys in (("code", "name_zh", "name_en"), ("value", "channel", "observed_on"),
                 ("name",), ("file_name", "size"), ("file", "observations")):  # fmt: skip
        if keys[0] in value:
            return " · ".join(str(value[k]) for k in keys if value.get(k) not in (None, ""))
    return ", ".join(f"{k}: {v}" for k, v in list(value.items())[:4])


def _number(text: str | None) -> str:
    """A blind-entry value as the tables show numbers (100, not 100.0)."""
    value = decoded(text)
    return format_value(value) if isinstance(value, float | int) else _plain(text)


def _plain(text: str | None) -> str:
    value = decoded(text)
    if value is None:
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def _short(text: str) -> str:
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"
