"""The note editor: F2 / Shift+F2 select the next / previous `***` blank; a dot-phrase such as
`.vitals` followed by Space, Tab or Enter is replaced by the chart's text."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ui.screens.notes.templates import BLANK

Expander = Callable[[str], str | None]
_PHRASE_BEFORE_CURSOR = re.compile(r"(?:^|(?<=\s))\.([A-Za-z]+)$")
_TRIGGERS = (Qt.Key.Key_Space, Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class NoteEditor(QPlainTextEdit):
    """Plain text with blanks and dot-phrases; the expander turns a phrase name into text."""

    sig_phrase_expanded = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.expander: Expander = lambda _name: None
        self.setTabChangesFocus(False)

    def set_note(self, text: str) -> None:
        """Load a note body and select its first blank (or put the cursor at the end)."""
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        if not self.next_blank():
            self.moveCursor(QTextCursor.MoveOperation.End)

    def blanks_left(self) -> int:
        """How many `***` blanks are still in the note."""
        return self.toPlainText().count(BLANK)

    def next_blank(self) -> bool:
        """Select the next blank after the cursor (wrapping round); False when none is left."""
        return self._find_blank(QTextDocument.FindFlag(0), QTextCursor.MoveOperation.Start)

    def previous_blank(self) -> bool:
        """Select the previous blank (wrapping round); False when none is left."""
        return self._find_blank(QTextDocument.FindFlag.FindBackward, QTextCursor.MoveOperation.End)

    def _find_blank(
        self, flags: QTextDocument.FindFlag, wrap_to: QTextCursor.MoveOperation
    ) -> bool:
        start = self.textCursor()
        if flags & QTextDocument.FindFlag.FindBackward and start.hasSelection():
            start.setPosition(start.selectionStart())
        found = self.document().find(BLANK, start, flags)
        if found.isNull():
            edge = QTextCursor(self.document())
            edge.movePosition(wrap_to)
            found = self.document().find(BLANK, edge, flags)
        if found.isNull():
            return False
        self.setTextCursor(found)
        self.ensureCursorVisible()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_F2:
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previous_blank()
            else:
                self.next_blank()
            return
        if event.key() == Qt.Key.Key_Backtab and self.previous_blank():
            return
        no_chord = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in _TRIGGERS and no_chord and self._expand_phrase():
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                super().keyPressEvent(event)
            return
        super().keyPressEvent(event)

    def _expand_phrase(self) -> bool:
        cursor = self.textCursor()
        if cursor.hasSelection():
            return False
        line = cursor.block().text()[: cursor.positionInBlock()]
        match = _PHRASE_BEFORE_CURSOR.search(line)
        if match is None:
            return False
        text = self.expander(match.group(1).lower())
        if text is None:
            return False
        cursor.movePosition(
            QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(match.group(0))
        )
        cursor.insertText(text)
        self.setTextCursor(cursor)
        self.sig_phrase_expanded.emit(match.group(1).lower())
        return True
