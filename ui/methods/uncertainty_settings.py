"""The uncertainty page's settings: what varies, how many samples, seed, sensitivity."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from scoring.aggregate import AggregateMethod
from scoring.normalise import NormaliseMethod
from scoring.uncertainty import UncertaintySpec

NORMALISATIONS: tuple[NormaliseMethod, ...] = (
    "goalposts",
    "minmax",
    "zscore",
    "rank",
    "percentile",
)
AGGREGATIONS: tuple[AggregateMethod, ...] = ("arithmetic", "geometric")
DEFAULT_EXTRA_NORMALISATIONS = ("minmax", "rank")


class UncertaintySettings(QWidget):
    """Builds an UncertaintySpec; `run_requested` when Run is pressed."""

    run_requested = QtSignal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._nominal_norm: str = "goalposts"
        self._nominal_agg: str = "arithmetic"
        self.samples = _spin(10, 200_000, 1000, self)
        self.noise = _spin(0, 95, 25, self)
        self.seed = _spin(0, 2_147_483_647, 1, self)
        self.bootstrap = _spin(0, 20_000, 500, self)
        self.norm_boxes: dict[str, QCheckBox] = {m: QCheckBox(self) for m in NORMALISATIONS}
        self.agg_boxes: dict[str, QCheckBox] = {m: QCheckBox(self) for m in AGGREGATIONS}
        self.drop = QCheckBox(self)
        self.sensitivity = QCheckBox(self)
        self.sensitivity.setChecked(True)
        self.runs_label = QLabel(self)
        self.runs_label.setWordWrap(True)
        self.run_button = QPushButton(self)
        self.run_button.setDefault(True)
        for method in DEFAULT_EXTRA_NORMALISATIONS:
            self.norm_boxes[method].setChecked(True)
        self._build()
        self.run_button.clicked.connect(lambda: self.run_requested.emit())
        for box in (
            *self.norm_boxes.values(),
            *self.agg_boxes.values(),
            self.drop,
            self.sensitivity,
        ):
            box.toggled.connect(lambda _on: self.update_runs())
        self.samples.valueChanged.connect(lambda _v: self.update_runs())
        self.noise.valueChanged.connect(lambda _v: self.update_runs())
        self.retranslate()

    def _build(self) -> None:
        self.form = QFormLayout()
        self.form.addRow(QLabel(self), self.samples)
        self.form.addRow(QLabel(self), self.noise)
        self.norm_group, self.agg_group = QGroupBox(self), QGroupBox(self)
        norms = QVBoxLayout(self.norm_group)
        norms.setSpacing(1)
        for box in self.norm_boxes.values():
            norms.addWidget(box)
        aggs = QHBoxLayout(self.agg_group)
        for box in self.agg_boxes.values():
            aggs.addWidget(box)
        self.sa_form = QFormLayout()
        self.sa_form.addRow(QLabel(self), self.seed)
        self.sa_form.addRow(QLabel(self), self.bootstrap)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addWidget(self.norm_group)
        layout.addWidget(self.agg_group)
        layout.addWidget(self.drop)
        layout.addWidget(self.sensitivity)
        layout.addLayout(self.sa_form)
        layout.addWidget(self.runs_label)
        layout.addWidget(self.run_button)
        layout.addStretch(1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        _label(self.form, self.samples, self.tr("Samples N:"))
        self.samples.setToolTip(
            self.tr("Monte Carlo samples (with sensitivity: rows of the Saltelli matrices)")
        )
        _label(self.form, self.noise, self.tr("Weight noise ± %:"))
        self.noise.setSuffix(" %")
        self.noise.setToolTip(
            self.tr("Every weight times 1 + U(−x, x), at every level below the index")
        )
        self.norm_group.setTitle(self.tr("Normalisation drawn from"))
        self.agg_group.setTitle(self.tr("Aggregation drawn from"))
        names = {
            "goalposts": self.tr("goalposts"),
            "minmax": self.tr("min-max"),
            "zscore": self.tr("z-score"),
            "rank": self.tr("rank"),
            "percentile": self.tr("percentile"),
            "arithmetic": self.tr("arithmetic mean"),
            "geometric": self.tr("geometric mean"),
        }
        for method, box in (*self.norm_boxes.items(), *self.agg_boxes.items()):
            box.setText(names[method])
        self.norm_boxes[self._nominal_norm].setToolTip(
            self.tr("The campaign's own method: always included")
        )
        self.drop.setText(self.tr("Leave out one indicator at a time"))
        self.sensitivity.setText(self.tr("Sensitivity indices (Si, STi)"))
        _label(self.sa_form, self.seed, self.tr("Seed:"))
        self.seed.setToolTip(self.tr("The same seed gives the same results"))
        _label(self.sa_form, self.bootstrap, self.tr("Bootstrap draws:"))
        self.bootstrap.setToolTip(self.tr("For the 5–95 % intervals of the sensitivity indices"))
        self.run_button.setText(self.tr("Run"))
        self.update_runs()

    def set_nominal(self, normalise: str, aggregate: str) -> None:
        """The campaign's methods: always part of the choices (checked, not switchable)."""
        self._nominal_norm, self._nominal_agg = normalise, aggregate
        for method, box in (*self.norm_boxes.items(), *self.agg_boxes.items()):
            nominal = method in (normalise, aggregate)
            box.setEnabled(not nominal)
            if nominal:
                box.setChecked(True)
        self.retranslate()

    def assumptions(self) -> int:
        norms = sum(box.isChecked() for box in self.norm_boxes.values())
        aggs = sum(box.isChecked() for box in self.agg_boxes.values())
        varied = [self.noise.value() > 0, norms > 1, aggs > 1, self.drop.isChecked()]
        return sum(varied)

    def update_runs(self) -> None:
        k, n = self.assumptions(), self.samples.value()
        self.bootstrap.setEnabled(self.sensitivity.isChecked())
        self.seed.setEnabled(True)
        if k == 0:
            text = self.tr("Nothing varies: choose weight noise or a second method.")
        elif self.sensitivity.isChecked():
            text = self.tr("{k} assumptions vary: N × (k + 2) = {runs} runs.").format(
                k=k, runs=n * (k + 2)
            )
        else:
            text = self.tr("{k} assumptions vary: {runs} runs.").format(k=k, runs=n)
        self.runs_label.setText(text)
        self.run_button.setEnabled(k > 0)

    def spec(self) -> UncertaintySpec:
        """The chosen settings (ValueError names a bad one)."""
        norms = tuple(m for m in NORMALISATIONS if self.norm_boxes[m].isChecked())
        aggs = tuple(m for m in AGGREGATIONS if self.agg_boxes[m].isChecked())
        return UncertaintySpec(
            samples=self.samples.value(),
            weight_noise=self.noise.value() / 100.0,
            normalise=norms,
            aggregate=aggs,
            drop_indicators=self.drop.isChecked(),
            seed=self.seed.value(),
        )


def _spin(low: int, high: int, value: int, parent: QWidget) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setGroupSeparatorShown(True)
    return spin


def _label(form: QFormLayout, field: QWidget, text: str) -> None:
    label = form.labelForField(field)
    if isinstance(label, QLabel):
        label.setText(text)
