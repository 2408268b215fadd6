"""File → New workspace: a framework template, a city list, a campaign name, a file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.audit import Actor
from models.cities import City, load_city_list
from models.framework import Framework, SourceError
from models.imeta import load_framework
from models.new_workspace import create_workspace
from models.resources import city_list_path, framework_templates, load_framework_template
from models.store import StoreError

SHIPPED = ""  # combo data of the shipped city list


class NewWorkspaceDialog(QDialog):
    """Creates the workspace file on OK; `created_path` is set when it succeeded."""

    def __init__(self, actor: Actor, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor, self._folder = actor, folder
        self.created_path: Path | None = None
        self.setWindowTitle(self.tr("New workspace"))
        self.setMinimumWidth(560)
        self.framework = QComboBox(self)
        for name in framework_templates():
            self.framework.addItem(name, name)
        self.framework.addItem(self.tr("From an iMeta table…"), None)
        self.cities = QComboBox(self)
        self.cities.addItem(self.tr("The 50 cities of the 2021 report"), SHIPPED)
        self.cities.addItem(self.tr("From a city list (CSV)…"), None)
        self.campaign = QLineEdit(self.tr("2021 evaluation"), self)
        self.path = QLineEdit(str(folder / "evaluation.smartcity"), self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        self._layout(browse)

    def _layout(self, browse: QPushButton) -> None:
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Indicator framework"), self.framework)
        form.addRow(self.tr("Cities"), self.cities)
        form.addRow(self.tr("Campaign name"), self.campaign)
        form.addRow(self.tr("Workspace file"), where)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New workspace"), self.path.text(), "*.smartcity"
        )
        if path:
            self.path.setText(path if path.endswith(".smartcity") else path + ".smartcity")

    def _chosen_framework(self) -> Framework | None:
        name = self.framework.currentData()
        if isinstance(name, str):
            return load_framework_template(name)
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("iMeta table"), str(self._folder), "iMeta (*.csv *.xlsx)"
        )
        return load_framework(Path(path)) if path else None

    def _chosen_cities(self) -> list[City] | None:
        if self.cities.currentData() == SHIPPED:
            return load_city_list(city_list_path())
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("City list"), str(self._folder), "CSV (*.csv)"
        )
        return load_city_list(Path(path)) if path else None

    def _create(self) -> None:
        try:
            framework = self._chosen_framework()
            cities = self._chosen_cities()
            if framework is None or cities is None:
                return
            path = Path(self.path.text().strip())
            create_workspace(path, framework, cities, self.campaign.text(), self._actor)
        except (SourceError, StoreError, ValueError) as error:
            self.problem.setText(str(error))
            return
        self.created_path = path
        self.accept()
