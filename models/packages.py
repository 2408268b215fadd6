"""Field packages: what one laptop hands to the coordinator, as typed, checked records.

A package is a ZIP (models.package_zip) holding

    manifest.json        package id, workspace id, campaign, framework version, device,
                         evaluator, team, creation time, scope, counts, SHA-256 of every part
    framework.json       the campaign's indicator tree (codes, parents, kinds, goalposts)
    observations.jsonl   one observation per line (cities and indicators by code)
    audit.jsonl          the full audit history of those observations
    attachments.jsonl    the attachments' records; their bytes in attachments/<sha256>
    teams.json           who works in which team: [{evaluator, device, team}]

`open_package` verifies the container, then checks every line's shape and the package's
own consistency (unique uuids, a creation row in the history of every observation, the
framework version matching framework.json); anything wrong raises PackageError naming the
file and the line. Whether the package fits a master workspace is decided by models.merge.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.framework_version import NodeDescription, nodes_from_json, version_of
from models.package_zip import DEFAULT_LIMITS, Limits, PackageError, PackageZip

FORMAT = "smartcity-field-package"
FORMAT_VERSION = 1
SUFFIX = ".smartpkg"

OBSERVATION_KEYS: tuple[str, ...] = (
    "uuid",
    "city",
    "indicator",
    "value",
    "channel",
    "observed_on",
    "source",
    "note",
    "detail",
    "status",
    "evaluator",
    "device",
    "created_at",
    "updated_at",
    "deleted_at",
)
AUDIT_KEYS: tuple[str, ...] = (
    "at",
    "who",
    "device",
    "row_key",
    "action",
    "field",
    "old",
    "new",
    "reason",
)
ATTACHMENT_KEYS: tuple[str, ...] = (
    "observation",
    "sha256",
    "file_name",
    "size",
    "added_at",
    "evaluator",
    "device",
)
_ACTIONS = ("create", "update", "delete", "restore")


@dataclass(frozen=True)
class Manifest:
    package_id: str
    workspace_id: str
    campaign: str
    framework_version: str
    device: str
    evaluator: str
    team: str
    created: str
    mode: str  # "all" or "since"
    cities: tuple[str, ...]
    since: str | None
    sha256: str  # of manifest.json itself: the package's fingerprint


@dataclass(frozen=True)
class PackageAttachment:
    observation: str
    sha256: str
    file_name: str
    size: int
    added_at: str
    evaluator: str
    device: str


@dataclass(frozen=True)
class TeamMember:
    evaluator: str
    device: str
    team: str


class FieldPackage:
    """An opened, verified package; use as a context manager (attachments are read lazily)."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = path
        self._zip = PackageZip(path, limits)
        try:
            self.manifest = _manifest(self._zip.manifest, self._zip.manifest_sha256, path)
            self.framework = _framework(self._zip.read("framework.json"), path)
            if version_of(self.framework) != self.manifest.framework_version:
                raise PackageError(path, "the manifest's framework version does not match")
            self.observations = _lines(self._zip, "observations.jsonl", OBSERVATION_KEYS, _obs)
            self.audit = _lines(self._zip, "audit.jsonl", AUDIT_KEYS, _audit_row)
            self.attachments = [
                PackageAttachment(**row)
                for row in _lines(self._zip, "attachments.jsonl", ATTACHMENT_KEYS, _attachment)
            ]
            self.teams = _teams(self._zip.read("teams.json"), path)
            _check_consistency(self)
        except BaseException:
            self._zip.close()
            raise

    def attachment_bytes(self, sha256: str) -> bytes:
        return self._zip.read(f"attachments/{sha256}")

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> FieldPackage:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_package(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> FieldPackage:
    return FieldPackage(Path(path), limits)


# ---------------------------------------------------------------- manifest and parts


def _text(data: Mapping[str, Any], key: str, where: str, *, empty: bool = False) -> str:
    """data[key] as text; ValueError naming `where` otherwise."""
    value = data.get(key)
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise ValueError(f"{where}: {key!r} must be {'' if empty else 'non-empty '}text")
    return value


def _manifest(data: Mapping[str, Any], sha: str, path: Path) -> Manifest:
    if data.get("format") != FORMAT:
        raise PackageError(path, "not a field package of this program (unknown format)")
    if data.get("format_version") != FORMAT_VERSION:
        raise PackageError(
            path,
            f"package format {data.get('format_version')!r} is not supported (this program "
            f"reads format {FORMAT_VERSION}); update the program",
        )
    try:
        cities = data.get("cities")
        if not isinstance(cities, list) or not all(isinstance(c, str) for c in cities):
            raise ValueError("manifest: 'cities' must be a list of city codes")
        since = data.get("since")
        if since is not None and not isinstance(since, str):
            raise ValueError("manifest: 'since' must be a time or null")
        return Manifest(
            _uuid(data.get("package_id"), "manifest: package_id"),
            _text(data, "workspace_id", "manifest"),
            _text(data, "campaign", "manifest"),
            _text(data, "framework_version", "manifest"),
            _text(data, "device", "manifest"),
            _text(data, "evaluator", "manifest"),
            _text(data, "team", "manifest", empty=True),
            _text(data, "created", "manifest"),
            _text(data, "mode", "manifest"),
            tuple(cities),
            since,
            sha,
        )
    except ValueError as exc:
        raise PackageError(path, str(exc)) from exc


def _framework(raw: bytes, path: Path) -> list[NodeDescription]:
    try:
        return nodes_from_json(json.loads(raw.decode("utf-8")))
    except (UnicodeDecodeError, ValueError) as exc:
        raise PackageError(path, f"framework.json is damaged ({exc})") from exc


def _teams(raw: bytes, path: Path) -> list[TeamMember]:
    try:
        value = json.loads(raw.decode("utf-8"))
        if not isinstance(value, list):
            raise ValueError("not a list")
        return [
            TeamMember(
                _text(v, "evaluator", "teams.json"),
                _text(v, "device", "teams.json"),
                _text(v, "team", "teams.json"),
            )
            for v in value
        ]
    except (UnicodeDecodeError, ValueError, AttributeError) as exc:
        raise PackageError(path, f"teams.json is damaged ({exc})") from exc


Row = dict[str, Any]


def _lines(
    package: PackageZip, name: str, keys: tuple[str, ...], check: Callable[[Row], None]
) -> list[Row]:
    """The JSON objects of a JSON-lines part, each with exactly `keys`, checked by `check`
    (which raises ValueError); errors name the part and the line."""
    try:
        text = package.read(name).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PackageError(package.path, f"{name} is not UTF-8 text") from exc
    numbered = [
        (n, line)
        for n, line in enumerate(text.splitlines(), start=1)
        if line and not line.isspace()
    ]
    try:  # one parse of the whole part; line by line only to find a bad line
        values = json.loads("[" + ",".join(line for _n, line in numbered) + "]")
    except ValueError:
        values = None
    wanted, rows = set(keys), []
    for k, (number, line) in enumerate(numbered):
        try:
            value = json.loads(line) if values is None else values[k]
            if not isinstance(value, dict) or value.keys() != wanted:
                raise ValueError(f"expected the fields {', '.join(keys)}")
            check(value)
        except ValueError as exc:
            raise PackageError(package.path, f"{name} line {number}: {exc}") from exc
        rows.append(value)
    return rows


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _uuid(value: object, where: str = "") -> str:
    """A UUID in its canonical form (lower case, hyphens), as this program writes them."""
    if type(value) is str and _CANONICAL_UUID.fullmatch(value):
        return value
    raise ValueError(f"{where}{': ' if where else ''}{value!r} is not a UUID (canonical form)")


def _texts(row: Row, keys: tuple[str, ...], *, empty: bool = False) -> None:
    for key in keys:
        value = row[key]
        if type(value) is not str or (not empty and not value.strip()):
            raise ValueError(f"{key!r} must be {'' if empty else 'non-empty '}text")


def _optional(row: Row, key: str) -> None:
    if row[key] is not None and type(row[key]) is not str:
        raise ValueError(f"{key!r} must be text or null")


_OBS_TEXT = ("city", "indicator", "channel", "observed_on", "status", "evaluator", "device")
_OBS_FREE = ("source", "note", "detail", "created_at", "updated_at")


def _obs(row: Row) -> None:
    _uuid(row["uuid"])
    value = row["value"]
    if type(value) is not float and type(value) is not int:
        raise ValueError("the value must be a number")
    for key in _OBS_TEXT:
        if type(row[key]) is not str or not row[key].strip():
            raise ValueError(f"{key!r} must be non-empty text")
    for key in _OBS_FREE:
        if type(row[key]) is not str:
            raise ValueError(f"{key!r} must be text")
    _optional(row, "deleted_at")


def _audit_row(row: Row) -> None:
    if type(row["row_key"]) is not str:  # an observation of the package: checked later
        raise ValueError("'row_key' must be text")
    _texts(row, ("at", "who", "device"))
    if row["action"] not in _ACTIONS:
        raise ValueError(f"unknown action {row['action']!r}")
    _texts(row, ("field", "reason"), empty=True)
    _optional(row, "old")
    _optional(row, "new")


def _attachment(row: Row) -> None:
    _uuid(row["observation"])
    sha = row["sha256"]
    if type(sha) is not str or len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        raise ValueError(f"{sha!r} is not a SHA-256")
    _texts(row, ("file_name", "added_at", "evaluator", "device"))
    if type(row["size"]) is not int or row["size"] < 0:
        raise ValueError("the size must be a whole number")


def _check_consistency(package: FieldPackage) -> None:
    path, seen = package.path, set()
    for obs in package.observations:
        if obs["uuid"] in seen:
            raise PackageError(path, f"observation {obs['uuid']} is in the package twice")
        seen.add(obs["uuid"])
    created = {row["row_key"] for row in package.audit if row["action"] == "create"}
    for obs in package.observations:
        if obs["uuid"] not in created:
            raise PackageError(
                path, f"the history of observation {obs['uuid']} is missing from the package"
            )
    for row in package.audit:
        if row["row_key"] not in seen:
            raise PackageError(path, f"audit.jsonl names observation {row['row_key']}, not in it")
    for item in package.attachments:
        if item.observation not in seen:
            raise PackageError(path, f"attachment {item.sha256} belongs to no observation in it")
        part = package._zip.parts.get(f"attachments/{item.sha256}")
        if part is None or part.size != item.size:
            raise PackageError(path, f"the bytes of attachment {item.file_name} are missing")
