"""The side form of the framework editor: every field of the selected node.

Each field is committed when the user leaves it (or picks a choice) as one undoable
command; a refusal is reported through `refused` and the field shows the stored value
again. Rating levels ("value = 中文 / English" per line) and checklist items (one per
line) replace the whole measurement in one step (SetSpec).
"""

from __future__ import annotations

import dataclasses
import math

from PySide6.QtCore import QEvent, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from models.framework import Indicator, MeasurementSpec
from models.framework_weights import share
from ui.commands import EditIndicator
from ui.framework_editor.commands import SetSpec
from ui.framework_editor.delegates import choice_combo, number_line_edit, weight_spin_box
from ui.framework_editor.labels import (
    direction_choices,
    items_text,
    kinds,
    levels_text,
    number_text,
    parse_items,
    parse_levels,
    parse_number,
    percent_text,
)
from ui.framework_editor.tree_model import default_spec
from ui.session import AppliedCommand, Session


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that reports `editing_finished` when left after a change."""

    editing_finished = QtSignal()
    _shown = ""

    def set_text(self, text: str) -> None:
        """Show the stored text (what a later change is compared with)."""
        self._shown = text
        if text != self.toPlainText():
            self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.toPlainText() != self._shown:
            self._shown = self.toPlainText()
            self.editing_finished.emit()


def _text_edit(parent: QWidget, lines: int) -> CommitTextEdit:
    edit = CommitTextEdit(parent)
    edit.setTabChangesFocus(True)
    margins = 2 * (edit.frameWidth() + edit.document().documentMargin()) + 4
    edit.setFixedHeight(int(edit.fontMetrics().lineSpacing() * lines + margins))
    return edit


def _set_line(edit: QLineEdit, text: str) -> None:
    if edit.text() != text:
        edit.setText(text)


def _optional(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else value


class NodeForm(QWidget):
    """All fields of one framework node; `show_node(None)` shows nothing."""

    refused = QtSignal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._node: Indicator | None = None
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self._facts = QLabel(self)
        self._facts.setWordWrap(True)
        self._labels: dict[str, QLabel] = {}
        self._general = QGroupBox(self)
        self._measure = QGroupBox(self)
        self._build_general()
        self._build_measure()
        layout = QVBoxLayout(self)
        for widget in (self.title, self._facts, self._general, self._measure):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.retranslate()
        self.show_node(None)

    # ------------------------------------------------------------ building

    def _row(self, form: QFormLayout, key: str, field: QWidget) -> None:
        label = QLabel(self)
        label.setBuddy(field)
        self._labels[key] = label
        form.addRow(label, field)

    def _build_general(self) -> None:
        form = QFormLayout(self._general)
        self._name_zh, self._name_en = QLineEdit(self), QLineEdit(self)
        self._weight = weight_spin_box(self)
        self._direction = choice_combo(self, list(direction_choices()))
        self.description_edit = _text_edit(self, 3)
        for key, field in (
            ("name_zh", self._name_zh),
            ("name_en", self._name_en),
            ("weight", self._weight),
            ("direction", self._direction),
            ("description", self.description_edit),
        ):
            self._row(form, key, field)
        self._name_zh.editingFinished.connect(lambda: self._edit("name_zh", self._name_zh))
        self._name_en.editingFinished.connect(lambda: self._edit("name_en", self._name_en))
        self._weight.editingFinished.connect(lambda: self._edit("weight", self._weight))
        self._direction.activated.connect(lambda _i: self._edit("direction", self._direction))
        self.description_edit.editing_finished.connect(
            lambda: self._edit("description", self.description_edit)
        )

    def _build_measure(self) -> None:
        form = QFormLayout(self._measure)
        self._kind = choice_combo(self, list(kinds()))
        self._unit = QLineEdit(self)
        self._low, self._high = number_line_edit(self), number_line_edit(self)
        self._target = number_line_edit(self)
        self._bounded = QCheckBox(self)
        self.levels_edit, self.items_edit = _text_edit(self, 6), _text_edit(self, 6)
        for key, field in (
            ("kind", self._kind),
            ("unit", self._unit),
            ("low", self._low),
            ("high", self._high),
            ("target", self._target),
            ("bounded", self._bounded),
            ("levels", self.levels_edit),
            ("items", self.items_edit),
        ):
            self._row(form, key, field)
        self.levels_edit_form = form
        self._kind.activated.connect(lambda _i: self._change_kind())
        for key, edit in (("unit", self._unit), ("low", self._low), ("high", self._high)):
            edit.editingFinished.connect(lambda k=key, e=edit: self._edit(k, e))
        self._target.editingFinished.connect(lambda: self._edit("target", self._target))
        self._bounded.clicked.connect(lambda _on: self._edit("bounded", self._bounded))
        self.levels_edit.editing_finished.connect(self._change_levels)
        self.items_edit.editing_finished.connect(self._change_items)

    # ------------------------------------------------------------ texts

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._general.setTitle(self.tr("Indicator"))
        self._measure.setTitle(self.tr("Measurement"))
        texts = {
            "name_zh": self.tr("Name (zh)"),
            "name_en": self.tr("Name (en)"),
            "weight": self.tr("Weight"),
            "direction": self.tr("Direction"),
            "description": self.tr("Description"),
            "kind": self.tr("Kind"),
            "unit": self.tr("Unit"),
            "low": self.tr("Goalpost low"),
            "high": self.tr("Goalpost high"),
            "target": self.tr("Target"),
            "bounded": self.tr("Bounded"),
            "levels": self.tr("Rating levels"),
            "items": self.tr("Checklist items"),
        }
        for key, label in self._labels.items():
            label.setText(texts[key])
        self._bounded.setText(self.tr("refuse values outside the goalposts"))
        self.levels_edit.setToolTip(self.tr("One level per line: value = 中文 / English"))
        self.items_edit.setToolTip(self.tr("One item per line, e.g. 中文/English"))
        for i, (_kind, kind_text) in enumerate(kinds()):
            self._kind.setItemText(i, kind_text)
        for i, (_direction, direction_text) in enumerate(direction_choices()):
            self._direction.setItemText(i, direction_text)
        self.show_node(self._node.node_id if self._node else None)

    # ------------------------------------------------------------ showing

    @property
    def node(self) -> Indicator | None:
        return self._node

    def show_node(self, node_id: int | None) -> None:
        """Fill the fields from the session's framework (None, or gone: empty form)."""
        framework = self._session.framework
        self._node = next((n for n in framework.nodes if n.node_id == node_id), None)
        node = self._node
        self._general.setVisible(node is not None)
        self._measure.setVisible(node is not None and node.spec is not None)
        if node is None:
            self.title.setText(self.tr("Select an indicator in the tree."))
            self._facts.clear()
            return
        self.title.setText(f"{node.code}  {self._session.name(node)}")
        self._facts.setText(self._facts_text(node))
        _set_line(self._name_zh, node.name_zh)
        _set_line(self._name_en, node.name_en)
        self._weight.blockSignals(True)
        self._weight.setValue(node.weight)
        self._weight.blockSignals(False)
        self._weight.setEnabled(node.parent is not None)
        self._direction.setEnabled(node.parent is not None)
        self._direction.setCurrentIndex(max(self._direction.findData(node.direction), 0))
        self.description_edit.set_text(node.description)
        if node.spec is not None:
            self._show_spec(node.spec)

    def _facts_text(self, node: Indicator) -> str:
        assert node.node_id is not None
        framework = self._session.framework
        count = len(self._session.workspace.indicator_observations(node.node_id))
        observed = self.tr("{count} observations").format(count=count)
        lines = []
        if node.parent is None:
            lines.append(self.tr("Root of the framework · {observed}").format(observed=observed))
        else:
            text = self.tr("Level {level} · share of {parent}: {share} · {observed}")
            lines.append(
                text.format(
                    level=framework.depth(node.code),
                    parent=node.parent,
                    share=percent_text(share(framework, node.code)),
                    observed=observed,
                )
            )
        kids = framework.children(node.code)
        if kids:
            text = self.tr("Aggregate of {count} sub-indicators; their weights sum to {total}")
            total = percent_text(sum(k.weight for k in kids))
            lines.append(text.format(count=len(kids), total=total))
        return "\n".join(lines)

    def _show_spec(self, spec: MeasurementSpec) -> None:
        self._kind.setCurrentIndex(max(self._kind.findData(spec.kind), 0))
        _set_line(self._unit, spec.unit)
        _set_line(self._low, number_text(spec.low))
        _set_line(self._high, number_text(spec.high))
        _set_line(self._target, number_text(spec.target))
        self._bounded.setChecked(spec.bounded)
        self.levels_edit.set_text(levels_text(spec.levels))
        self.items_edit.set_text(items_text(spec.items))
        self.levels_edit_form.setRowVisible(self.levels_edit, spec.kind == "rating")
        self.levels_edit_form.setRowVisible(self.items_edit, spec.kind == "checklist")

    # ------------------------------------------------------------ editing

    def _edit(self, field: str, widget: QWidget) -> None:
        node = self._node
        if node is None or node.node_id is None:
            return
        try:
            old, new = self._values(node, field, widget)
            if new != old:
                self._commit(EditIndicator(self._session, node.node_id, field, old, new))
        except ValueError as exc:
            self._refuse(str(exc))

    def _values(self, node: Indicator, field: str, widget: QWidget) -> tuple[object, object]:
        """The stored and the entered value of a field (None for an empty number)."""
        spec = node.spec
        if isinstance(widget, QComboBox):
            new: object = widget.currentData()
        elif isinstance(widget, QCheckBox):
            new = widget.isChecked()
        elif isinstance(widget, CommitTextEdit):
            new = widget.toPlainText()
        elif field in ("low", "high", "target") and isinstance(widget, QLineEdit):
            new = parse_number(widget.text())
        elif isinstance(widget, QLineEdit):
            new = widget.text().strip()
        else:
            new = self._weight.value()
        if field in ("low", "high", "target") and spec is not None:
            return _optional(getattr(spec, field)), new
        if field in ("unit", "bounded") and spec is not None:
            return getattr(spec, field), new
        return getattr(node, field), new

    def _change_kind(self) -> None:
        node = self._node
        kind = self._kind.currentData()
        if node is None or node.spec is None or kind == node.spec.kind:
            return
        self._set_spec(default_spec(str(kind), node.spec))

    def _change_levels(self) -> None:
        if self._node is not None and self._node.spec is not None:
            try:
                levels = parse_levels(self.levels_edit.toPlainText())
            except ValueError as exc:
                self._refuse(str(exc))
                return
            self._set_spec(dataclasses.replace(self._node.spec, levels=levels))

    def _change_items(self) -> None:
        if self._node is not None and self._node.spec is not None:
            items = parse_items(self.items_edit.toPlainText())
            self._set_spec(dataclasses.replace(self._node.spec, items=items))

    def _set_spec(self, spec: MeasurementSpec) -> None:
        node = self._node
        if node is None or node.spec is None or node.node_id is None or spec == node.spec:
            return
        self._commit(SetSpec(self._session, node.node_id, node.spec, spec))

    def _commit(self, command: AppliedCommand) -> None:
        try:
            self._session.edit(command)
        except ValueError as exc:
            self._refuse(str(exc))

    def _refuse(self, message: str) -> None:
        self.refused.emit(message)
        self.show_node(self._node.node_id if self._node else None)
