"""A keyboard-first choice among a few named options: a digit picks one and accepts, or arrows
and Enter; Escape cancels."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from ui.dialogs import ReturningDialog


class DigitChoiceDialog(ReturningDialog):
    """Options numbered 1..n; `chosen()` is the index of the one picked."""

    def __init__(self, title: str, prompt: str, options: list[str],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("digitChoiceDialog")
        self.setWindowTitle(title)
        self.options = QListWidget(objectName="choiceOptions")
        for number, label in enumerate(options, start=1):
            self.options.addItem(f"{number}. {label}")
        self.options.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        layout.addWidget(self.options)
        layout.addWidget(buttons)
        self.setFocusProxy(self.options)  # the list takes the keys as soon as the dialog shows
        self.options.installEventFilter(self)  # its own key search would swallow the digits

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        """Give the list the keyboard when the dialog appears."""
        super().showEvent(event)
        self.activateWindow()
        self.options.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        """The list's digits and Enter choose, as the dialog's own do."""
        if watched is self.options and event.type() == QEvent.Type.KeyPress:
            return self._choose(cast(QKeyEvent, event))
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        """A digit picks that option and accepts; Enter accepts the selected one."""
        if not self._choose(event):
            super().keyPressEvent(event)

    def _choose(self, event: QKeyEvent) -> bool:
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= self.options.count():
            self.options.setCurrentRow(int(text) - 1)
            self.accept()
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return True
        return False

    def chosen(self) -> int:
        """The index of the chosen option."""
        return max(self.options.currentRow(), 0)
