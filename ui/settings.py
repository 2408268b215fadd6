"""The user's settings: a small typed registry over QSettings (injected, never global)."""

from __future__ import annotations

import getpass
import platform
import uuid
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8
LANGUAGES = ("zh", "en")


class AppSettings:
    """Typed accessors; every write is synced at once so a crash loses nothing."""

    def __init__(self, store: QSettings) -> None:
        self._store = store

    def _text(self, key: str, default: str = "") -> str:
        value = self._store.value(key, default)
        return value if isinstance(value, str) else default

    def _set(self, key: str, value: object) -> None:
        self._store.setValue(key, value)
        self._store.sync()

    @property
    def language(self) -> str:
        value = self._text("ui/language", "zh")
        return value if value in LANGUAGES else "zh"

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}")
        self._set("ui/language", value)

    @property
    def last_workspace(self) -> Path | None:
        text = self._text("workspace/last")
        return Path(text) if text else None

    @last_workspace.setter
    def last_workspace(self, path: Path) -> None:
        self._set("workspace/last", str(path))
        self.add_recent(path)

    def recent(self) -> list[Path]:
        value = self._store.value("workspace/recent", [])
        items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        return [Path(p) for p in items if isinstance(p, str) and p]

    def add_recent(self, path: Path) -> None:
        paths = [p for p in self.recent() if p != path]
        self._set("workspace/recent", [str(p) for p in [path, *paths][:MAX_RECENT]])

    @property
    def evaluator(self) -> str:
        """The evaluator's name; the account name until the user gives one."""
        return self._text("identity/evaluator") or getpass.getuser() or "evaluator"

    @evaluator.setter
    def evaluator(self, value: str) -> None:
        if not value.strip():
            raise ValueError("the evaluator's name cannot be empty")
        self._set("identity/evaluator", value.strip())

    @property
    def team(self) -> str:
        """The evaluation team the evaluator works in ("" until given)."""
        return self._text("identity/team")

    @team.setter
    def team(self, value: str) -> None:
        self._set("identity/team", value.strip())

    @property
    def identity_set(self) -> bool:
        """True once the user has given a name (the first-start question was answered)."""
        return bool(self._text("identity/evaluator"))

    @property
    def device(self) -> str:
        """A stable id of this computer's installation, created on first use."""
        device = self._text("identity/device")
        if not device:
            device = f"{platform.node() or 'pc'}-{uuid.uuid4().hex[:8]}"
            self._set("identity/device", device)
        return device

    @property
    def geometry(self) -> QByteArray | None:
        value = self._store.value("ui/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._set("ui/geometry", value)
