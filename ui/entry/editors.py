"""Value editors, one per measurement kind: a number field, level radio buttons, yes/no,
checklist check boxes.

Every editor reports three things to the panel: `edited` (a deliberate single change such
as a click: save now), `enter_pressed` (save and go to the next indicator) and `left`
(focus left the editor: save if changed). Arrow keys and digit keys only move the choice,
so browsing levels with the keyboard writes nothing until Enter or leaving the editor.
"""

from __future__ import annotations

import json
import math

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models.framework import MeasurementSpec, RatingLevel
from ui.entry.labels import bilingual, editable_text, number_text, range_text

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ValueEditor(QWidget):
    """Base: signals, focus tracking and the Enter key."""

    edited = Signal()
    enter_pressed = Signal()
    left = Signal()

    def __init__(self, spec: MeasurementSpec, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec, self.language = spec, language
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    def dispose(self) -> None:
        """Stop listening to the application before the editor is deleted."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._on_focus_changed)

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        inside_before = old is not None and (old is self or self.isAncestorOf(old))
        inside_now = new is not None and (new is self or self.isAncestorOf(new))
        if inside_before and not inside_now:
            self.left.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in ENTER_KEYS:
                self.enter_pressed.emit()
                return True
            return self.key_pressed(event)
        return super().eventFilter(watched, event)

    def key_pressed(self, event: QKeyEvent) -> bool:
        return False

    # ------------------------------------------------------------ the value

    def raw(self) -> object | None:
        """What was entered (not yet validated); None when nothing is entered."""
        raise NotImplementedError

    def detail(self) -> str:
        return ""

    def load(self, value: float | None, detail: str) -> None:
        raise NotImplementedError

    def is_changed(self) -> bool:
        raise NotImplementedError

    def focus(self) -> None:
        self.first_focus().setFocus(Qt.FocusReason.OtherFocusReason)

    def first_focus(self) -> QWidget:
        return self

    def last_focus(self) -> QWidget:
        return self.first_focus()

    def focus_chain(self) -> list[QWidget]:
        """The editor's focusable widgets in tab order."""
        return [self.first_focus()]

    def set_language(self, language: str) -> None:
        """Data labels (levels, items) follow the session language."""
        self.language = language

    def retranslate(self) -> None:
        """Re-set UI strings (data labels follow `language`)."""


class NumericEditor(ValueEditor):
    """A number field with the unit beside it and the range below."""

    def __init__(self, spec: MeasurementSpec, language: str, parent: QWidget | None = None) -> None:
        super().__init__(spec, language, parent)
        self.line = QLineEdit(self)
        self.line.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.line.installEventFilter(self)
        self._unit = QLabel(spec.unit, self)
        self._hint = QLabel(self)
        self._hint.setWordWrap(True)
        self._loaded = ""
        row = QHBoxLayout()
        row.addWidget(self.line, 1)
        row.addWidget(self._unit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self._hint)
        self.setFocusProxy(self.line)
        self.retranslate()

    def retranslate(self) -> None:
        spec = self.spec
        if not (math.isfinite(spec.low) or math.isfinite(spec.high)):
            text = ""
        elif spec.bounded:
            text = self.tr("Allowed: {range}").format(range=range_text(spec))
        else:
            text = self.tr("Usual range: {range} (not a limit)").format(range=range_text(spec))
        self._hint.setText(text)
        self._hint.setVisible(bool(text))
        self.line.setPlaceholderText(self.tr("Type a number"))

    def raw(self) -> object | None:
        text = self.line.text().strip()
        for suffix in (self.spec.unit, "%", "％"):
            if suffix and text.endswith(suffix):
                text = text[: -len(suffix)].strip()
        return text.replace(",", "").replace("，", "") or None

    def load(self, value: float | None, detail: str) -> None:
        self._loaded = "" if value is None or not math.isfinite(value) else editable_text(value)
        self.line.setText(self._loaded)

    def is_changed(self) -> bool:
        return self.line.text().strip() != self._loaded

    def first_focus(self) -> QWidget:
        return self.line


class ChoiceEditor(ValueEditor):
    """One radio button per level (rating scales; yes/no as two levels).

    A click saves at once; arrow keys or the digit keys 1…9 move the choice, saved on
    Enter or when the editor is left."""

    def __init__(
        self,
        spec: MeasurementSpec,
        language: str,
        levels: tuple[RatingLevel, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(spec, language, parent)
        self._levels = levels
        self.group = QButtonGroup(self)
        self.labels: list[QLabel] = []
        self._loaded: int | None = None
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(2)
        layout.setColumnStretch(1, 1)
        for i, _level in enumerate(levels):
            button = QRadioButton(self)
            button.installEventFilter(self)
            self.group.addButton(button, i)
            label = QLabel(self)  # beside the button, so long descriptors wrap
            label.setWordWrap(True)
            label.installEventFilter(self)
            self.labels.append(label)
            layout.addWidget(button, i, 0, Qt.AlignmentFlag.AlignTop)
            layout.addWidget(label, i, 1)
        self.group.idClicked.connect(lambda _id: self.edited.emit())
        self.set_language(language)

    def set_language(self, language: str) -> None:
        self.language = language
        for i, level in enumerate(self._levels):
            label = level.label_en if language == "en" else level.label_zh
            other = level.label_zh if language == "en" else level.label_en
            digit = f"{i + 1}  " if len(self._levels) <= 9 else ""
            value = "" if self.spec.kind == "yesno" else number_text(level.value)
            self.group.button(i).setText(f"{digit}{value}".strip())
            self.labels[i].setText(label or other)
            for widget in (self.group.button(i), self.labels[i]):
                widget.setToolTip(other)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and watched in self.labels:
            self.group.button(self.labels.index(watched)).click()  # a click on the text
            return True
        return super().eventFilter(watched, event)

    def key_pressed(self, event: QKeyEvent) -> bool:
        """Digits pick a level, arrows move through them; neither saves (Qt's own arrow
        handling would "click", i.e. save, every level passed)."""
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_Right: 1}
        key = event.key()
        if key in step:
            here = self.group.checkedId()  # −1: none yet, so Down picks the first
            self._choose(min(max(here + step[Qt.Key(key)], 0), len(self._levels) - 1))
            return True
        digit = key - Qt.Key.Key_1
        if 0 <= digit < min(len(self._levels), 9):
            self._choose(digit)
            return True
        return False

    def _choose(self, index: int) -> None:
        button = self.group.button(index)
        button.setChecked(True)
        button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def raw(self) -> object | None:
        chosen = self.group.checkedId()
        return None if chosen < 0 else self._levels[chosen].value

    def load(self, value: float | None, detail: str) -> None:
        self._loaded = None
        if value is not None:
            for i, level in enumerate(self._levels):
                if math.isclose(level.value, value, abs_tol=1e-9):
                    self._loaded = i
        self.group.setExclusive(False)
        for button in self.group.buttons():
            button.setChecked(self.group.id(button) == self._loaded)
        self.group.setExclusive(True)

    def is_changed(self) -> bool:
        chosen = self.group.checkedId()
        return (None if chosen < 0 else chosen) != self._loaded

    def first_focus(self) -> QWidget:
        checked: QAbstractButton | None = self.group.checkedButton()
        return checked if checked is not None else self.group.button(0)

    def focus_chain(self) -> list[QWidget]:
        return [self.first_focus()]


class YesNoEditor(ChoiceEditor):
    """Two radio buttons: yes (1) and no (0)."""

    def __init__(self, spec: MeasurementSpec, language: str, parent: QWidget | None = None) -> None:
        super().__init__(
            spec, language, (RatingLevel(1.0, "", ""), RatingLevel(0.0, "", "")), parent
        )
        self.retranslate()

    def retranslate(self) -> None:
        self._levels = (
            RatingLevel(1.0, self.tr("Yes"), self.tr("Yes")),
            RatingLevel(0.0, self.tr("No"), self.tr("No")),
        )
        self.set_language(self.language)


class ChecklistEditor(ValueEditor):
    """A check box per item: the value is the count ticked, `detail` the ticked items (JSON).

    Ticks are saved together when the check boxes are left (or on Enter), so the soft
    checks judge the final count, not each intermediate one."""

    def __init__(self, spec: MeasurementSpec, language: str, parent: QWidget | None = None) -> None:
        super().__init__(spec, language, parent)
        self.boxes: list[QCheckBox] = []
        self._loaded: frozenset[int] | None = None
        self._touched = False
        self._note = QLabel(self)
        self._note.setWordWrap(True)
        self._note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for _item in spec.items:
            box = QCheckBox(self)
            box.installEventFilter(self)
            box.clicked.connect(self._on_clicked)
            self.boxes.append(box)
            layout.addWidget(box)
        layout.addWidget(self._note)
        self.set_language(language)

    def set_language(self, language: str) -> None:
        self.language = language
        for box, item in zip(self.boxes, self.spec.items, strict=True):
            box.setText(bilingual(item, language))
            box.setToolTip(item)

    def _on_clicked(self) -> None:
        self._touched = True  # saved when the list is left or on Enter: one count, checked once

    def _ticked(self) -> frozenset[int]:
        return frozenset(i for i, box in enumerate(self.boxes) if box.isChecked())

    def raw(self) -> object | None:
        if self._loaded is None and not self._touched:
            return None
        return len(self._ticked())

    def detail(self) -> str:
        items = [self.spec.items[i] for i in sorted(self._ticked())]
        return json.dumps(items, ensure_ascii=False)

    def load(self, value: float | None, detail: str) -> None:
        ticked = self._parse(detail)
        self._loaded = None if value is None else frozenset(ticked)
        self._touched = False
        for i, box in enumerate(self.boxes):
            box.setChecked(i in ticked)
        unknown = value is not None and math.isfinite(value) and int(value) != len(ticked)
        self._note.setVisible(unknown)
        if unknown:
            self._note.setText(
                self.tr("Stored count {n} has no item list; tick the items to replace it").format(
                    n=number_text(value or 0.0)
                )
            )

    def _parse(self, detail: str) -> set[int]:
        try:
            items = json.loads(detail) if detail else []
        except ValueError:
            return set()
        names = list(self.spec.items)
        return {names.index(i) for i in items if isinstance(i, str) and i in names}

    def is_changed(self) -> bool:
        if self._loaded is None:
            return self._touched
        return self._ticked() != self._loaded

    def first_focus(self) -> QWidget:
        return self.boxes[0]

    def last_focus(self) -> QWidget:
        return self.boxes[-1]

    def focus_chain(self) -> list[QWidget]:
        return list(self.boxes)


def make_editor(spec: MeasurementSpec, language: str, parent: QWidget | None = None) -> ValueEditor:
    """The editor that fits `spec`'s kind (a number field when levels/items are missing)."""
    if spec.kind == "rating" and spec.levels:
        return ChoiceEditor(spec, language, spec.levels, parent)
    if spec.kind == "yesno":
        return YesNoEditor(spec, language, parent)
    if spec.kind == "checklist" and spec.items:
        return ChecklistEditor(spec, language, parent)
    return NumericEditor(spec, language, parent)
