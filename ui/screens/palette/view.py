"""The command palette (Ctrl+K): one line of text above the actions and patients it matches."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import ReturningDialog

_MOVES = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 8, Qt.Key.Key_PageUp: -8}


class PaletteView(ReturningDialog):
    """Type to filter; Up/Down choose; Enter runs the action or opens the patient; Esc closes."""

    sig_text_changed = Signal(str)
    sig_chosen = Signal(object)  # the entry's key

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("commandPalette")
        self.setWindowTitle(self.tr("Command palette"))
        self.input = QLineEdit(objectName="paletteInput")
        self.input.setPlaceholderText(
            self.tr("Action, or patient by bed, MRN, name or pinyin initials")
        )
        self.results = QListWidget(objectName="paletteResults")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hint = QLabel(
            self.tr("↑↓ choose · Enter run or open · Esc close"), objectName="paletteHint"
        )
        layout = QVBoxLayout(self)
        for widget in (self.input, self.results, self.hint):
            layout.addWidget(widget)
        self.input.textChanged.connect(self.sig_text_changed)
        self.input.returnPressed.connect(self._choose)
        self.input.installEventFilter(self)
        self.results.itemActivated.connect(lambda _item: self._choose())
        self.resize(640, 420)
        self.input.setFocus()

    def set_entries(self, entries: list[tuple[object, str]]) -> None:
        """(key, line) rows; the first is highlighted."""
        self.results.clear()
        for key, line in entries:
            item = QListWidgetItem(line)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.results.addItem(item)
        if entries:
            self.results.setCurrentRow(0)

    def lines(self) -> list[str]:
        """Every line shown, in order."""
        return [self.results.item(i).text() for i in range(self.results.count())]

    def _choose(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self.sig_chosen.emit(item.data(Qt.ItemDataRole.UserRole))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.input and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = _MOVES.get(Qt.Key(event.key()))
            if step is not None and self.results.count():
                row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
        return False
