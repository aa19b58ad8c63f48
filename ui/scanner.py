"""The keyboard-wedge scanner: a burst of characters ending in Enter, typed faster than a person.

An application-wide event filter watches every key press. Characters that arrive within
BURST_GAP_S of each other are collected; an Enter that ends such a burst is a scan when the text
is one of our codes (`workstation.clinical.barcodes.parse_scan`: a wristband, a pharmacy label,
a product code). The scan is routed by its kind; the Enter is swallowed and the characters the
focused field received are taken back out of it, so a scan never lands in a note or a search
box. Anything else (a person typing, a password) passes through untouched, and so does a scan
into a field that reads codes itself (property `takesScans`: the pharmacy's label fields), which
would otherwise be sent to the nurse's MAR.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from workstation.clinical.barcodes import Scan, parse_scan, wristband_code

__all__ = ["BURST_GAP_S", "MIN_LENGTH", "SCAN_FIELD", "ScannerFilter", "wristband_code"]

BURST_GAP_S = 0.035  # a person types at most ~10 keys a second; a wedge scanner ~1 per ms
MIN_LENGTH = 4
SCAN_FIELD = "takesScans"  # a widget property: this field reads scans itself


class ScannerFilter(QObject):
    """Recognises scans among key presses; emits sig_scanned(Scan) instead of delivering them."""

    sig_scanned = Signal(object)

    def __init__(self, parent: QObject | None = None, *,
                 clock: Callable[[], float] = time.monotonic):  # fmt: skip
        super().__init__(parent)
        self.clock = clock
        self.enabled = False  # on only while a user is logged in and the screen unlocked
        self.buffer = ""
        self.last_at = 0.0
        self.scans = 0
        self._last: tuple[QWidget, tuple[int, str, int]] | None = None

    def install(self) -> None:
        """Watch every key press of the application."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def remove(self) -> None:
        """Stop watching."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not self.enabled:
            return False
        assert isinstance(event, QKeyEvent)
        if not self._first_delivery(watched, event):
            return False
        now = self.clock()
        fast = now - self.last_at <= BURST_GAP_S
        self.last_at = now
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._ended(fast)
        text = event.text()
        if (
            len(text) == 1
            and text.isprintable()
            and not event.modifiers()
            & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        ):
            self.buffer = self.buffer + text if fast else text
        else:
            self.buffer = ""
        return False

    def _first_delivery(self, watched: QObject, event: QKeyEvent) -> bool:
        """A key press is offered to the focused widget, then to each parent that ignores it:
        count it once, at the first widget."""
        if not isinstance(watched, QWidget):
            return False
        signature = (event.key(), event.text(), int(event.modifiers().value))
        previous, self._last = self._last, (watched, signature)
        if previous is None or previous[1] != signature:
            return True
        child = previous[0]
        # isAncestorOf counts the widget itself: the same widget means a new, repeated key
        return watched is child or not (shiboken6.isValid(child) and watched.isAncestorOf(child))

    def _ended(self, fast: bool) -> bool:
        text, self.buffer = self.buffer, ""
        code: Scan | None = parse_scan(text) if fast and len(text) >= MIN_LENGTH else None
        if code is None or _focus_takes_scans():
            return False
        _take_back(text)
        self.scans += 1
        self.sig_scanned.emit(code)
        return True


def _focus_takes_scans() -> bool:
    focused = QApplication.focusWidget()
    return focused is not None and bool(focused.property(SCAN_FIELD))


def _take_back(text: str) -> None:
    """Remove the scanned characters the focused text field received."""
    widget = QApplication.focusWidget()
    if isinstance(widget, QLineEdit) and not widget.isReadOnly():
        before = widget.text()[: widget.cursorPosition()]
        if before.endswith(text):
            cut = len(before) - len(text)
            widget.setText(before[:cut] + widget.text()[widget.cursorPosition() :])
            widget.setCursorPosition(cut)
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and not widget.isReadOnly():
        cursor = widget.textCursor()
        block = cursor.block().text()[: cursor.positionInBlock()]
        if block.endswith(text):
            for _ in text:
                cursor.deletePreviousChar()
