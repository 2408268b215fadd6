"""`qtmodeltester.check(model)` with a type (pytest-qt leaves `check` untyped)."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QAbstractItemModel
from pytestqt.modeltest import ModelTester


def check_model(tester: ModelTester, model: QAbstractItemModel) -> None:
    check = cast(Callable[[QAbstractItemModel], None], tester.check)
    check(model)
