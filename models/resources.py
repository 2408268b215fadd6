"""Where the shipped data lives: next to the source, or inside a PyInstaller bundle.

A bundle unpacks its data under `sys._MEIPASS`; build.spec must add the `resources`
folder there under the same name.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from models.framework import Framework
from models.imeta import read_imeta

DEFAULT_FRAMEWORK = "smart-2021"
CITY_LIST = "cities_2020.csv"
_TEMPLATE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if isinstance(bundle, str):
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def framework_templates() -> list[str]:
    """Names of the shipped framework templates (the CSV files' stems)."""
    return sorted(p.stem for p in (resources_dir() / "frameworks").glob("*.csv"))


def framework_template_path(name: str) -> Path:
    """The iMeta file of a shipped template; FileNotFoundError names the ones there are."""
    if not _TEMPLATE_NAME.fullmatch(name):  # a name, not a path
        raise ValueError(f"{name!r} is not a framework template name")
    path = resources_dir() / "frameworks" / f"{name}.csv"
    if not path.is_file():
        known = ", ".join(framework_templates()) or "none"
        raise FileNotFoundError(f"no framework template {name!r} (shipped: {known})")
    return path


def load_framework_template(name: str = DEFAULT_FRAMEWORK) -> Framework:
    return read_imeta(framework_template_path(name)).framework


def city_list_path() -> Path:
    return resources_dir() / "cities" / CITY_LIST
