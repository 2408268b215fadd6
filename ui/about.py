"""Help → About."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from models.version import VERSION


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        QCoreApplication.translate("about", "About SMART City Evaluator"),
        QCoreApplication.translate(
            "about",
            "<b>SMART City Evaluator</b> · 智慧城市发展水平评估<br>Version {version}<br><br>"
            "Offline data entry, composite indices computed as COINr does, tiers, "
            "statistics and reports for smart-city evaluations.",
        ).format(version=VERSION),
    )
