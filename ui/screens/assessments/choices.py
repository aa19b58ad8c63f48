"""One scale item with every answer in view: the answers as numbered radio buttons on one line,
the line taking the keyboard (1..n choose the nth, arrows step, Tab moves on), the chosen one
checked and bold. Replaces a drop-down that showed "Press 1-4" and hid what 1-4 meant."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QRadioButton, QWidget

STEP_KEYS = {Qt.Key.Key_Down: 1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1}


class ChoiceRow(QFrame):
    """The answers of one item; the same index API as a combo box (currentIndex, currentData,
    setCurrentIndex, count, currentIndexChanged), so the form reads it the same way."""

    currentIndexChanged = Signal(int)  # noqa: N815 - the name QComboBox gives it

    def __init__(self, answers: list[tuple[str, int]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.values = [value for _text, value in answers]
        self.group = QButtonGroup(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        for n, (text, _value) in enumerate(answers):
            button = QRadioButton(text, self)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the row takes the keys, not a button
            self.group.addButton(button, n)
            layout.addWidget(button)
        layout.addStretch(1)
        self.group.idClicked.connect(self._clicked)
        self._index = -1
        self._mark_focus(False)

    def count(self) -> int:
        """How many answers the item has."""
        return len(self.values)

    def currentIndex(self) -> int:  # noqa: N802 - the combo box API
        """The chosen answer's position, -1 when none is chosen."""
        return self._index

    def currentData(self) -> int | None:  # noqa: N802 - the combo box API
        """The chosen answer's score, None when none is chosen."""
        return self.values[self._index] if self._index >= 0 else None

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802 - the combo box API
        """Choose the answer at `index` (-1: none)."""
        if index == self._index or not -1 <= index < self.count():
            return
        self._index = index
        self.group.setExclusive(index >= 0)
        for n, button in enumerate(self.group.buttons()):
            button.setChecked(n == index)
            font = button.font()
            font.setBold(n == index)
            button.setFont(font)
        self.group.setExclusive(True)
        self.currentIndexChanged.emit(index)

    def _clicked(self, index: int) -> None:
        self.setFocus()
        self.setCurrentIndex(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        text, key = event.text(), Qt.Key(event.key())
        if text.isdigit() and 1 <= int(text) <= self.count():
            self.setCurrentIndex(int(text) - 1)
        elif key in STEP_KEYS:
            step = STEP_KEYS[key]
            start = self._index if self._index >= 0 else (-1 if step > 0 else self.count())
            self.setCurrentIndex(min(max(start + step, 0), self.count() - 1))
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self._mark_focus(True)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self._mark_focus(False)
        super().focusOutEvent(event)

    def _mark_focus(self, focused: bool) -> None:
        """The line being answered has a highlighted frame (the keys go to it)."""
        colour = "palette(highlight)" if focused else "transparent"
        self.setStyleSheet(f"ChoiceRow {{ border: 2px solid {colour}; border-radius: 4px; }}")
