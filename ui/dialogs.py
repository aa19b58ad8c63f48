"""Dialog behaviour shared by the screens."""

from __future__ import annotations

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

WINDOW_FRAME = 80  # pixels kept free for the title bar, the frame and a taskbar


def fitted(wanted: QSize, near: QWidget | None) -> QSize:
    """The wanted size, shrunk to the screen the window is on: a dialog taller than a 768-pixel
    ward screen hides its own buttons and key hint below the screen's edge."""
    screen = near.screen() if near is not None else QApplication.primaryScreen()
    room = screen.availableGeometry().size() - QSize(WINDOW_FRAME, WINDOW_FRAME)
    return wanted.boundedTo(room)


class ReturningDialog(QDialog):
    """A dialog that hands the keyboard back to its window when it closes, so the widget the
    window focused (say, the note editor) takes the next keystroke even where the platform does
    not re-activate the window by itself."""

    def done(self, result: int) -> None:  # Qt override
        super().done(result)
        parent = self.parentWidget()
        if parent is not None:
            window = parent.window()
            window.activateWindow()
            QTimer.singleShot(0, window.activateWindow)  # again once the dialog's hiding is done
