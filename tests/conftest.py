"""Shared fixtures. Qt runs offscreen in every test (set before any Qt import)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def sample_workspace_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample workspace, written once per test run; copy it before writing to it."""
    from models.sample_workspace import write_sample_workspace

    path = tmp_path_factory.mktemp("sample-template") / "sample.smartcity"
    write_sample_workspace(path)
    return path


@pytest.fixture
def sample_workspace_path(sample_workspace_template: Path, tmp_path: Path) -> Iterator[Path]:
    """A private, writable copy of the sample workspace."""
    path = tmp_path / "sample.smartcity"
    shutil.copyfile(sample_workspace_template, path)
    yield path
