"""GUI fixtures: an open Session on a private copy of the sample workspace."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from models.audit import Actor
from models.workspace import Workspace
from ui.session import Session

EVALUATOR = Actor("测试员 Tester", "test-laptop")


@pytest.fixture
def session(sample_workspace_path: Path, qtbot: QtBot) -> Iterator[Session]:
    ws = Workspace.open(sample_workspace_path)
    try:
        yield Session(ws, EVALUATOR, language="zh")
    finally:
        ws.close()
