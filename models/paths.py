"""Where the program keeps the user's files when no path is given (Qt-free)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "SMART City Evaluator"


def user_data_dir(env: dict[str, str] | None = None, platform: str = sys.platform) -> Path:
    """The per-user data folder: %APPDATA% on Windows, ~/Library/Application Support on
    macOS, $XDG_DATA_HOME (default ~/.local/share) elsewhere."""
    env = dict(os.environ) if env is None else env
    home = Path(env.get("HOME") or env.get("USERPROFILE") or Path.home())
    if platform.startswith("win"):
        base = Path(env.get("APPDATA") or home / "AppData" / "Roaming")
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(env.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / APP_DIR_NAME


def default_sample_path(data_dir: Path) -> Path:
    return data_dir / "sample.smartcity"
