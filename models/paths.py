"""Names of the files the program keeps in the user's data folder (Qt-free)."""

from __future__ import annotations

from pathlib import Path

SAMPLE_FILE_NAME = "sample.smartcity"


def default_sample_path(data_dir: Path) -> Path:
    """Where the sample workspace is written on first start."""
    return data_dir / SAMPLE_FILE_NAME
