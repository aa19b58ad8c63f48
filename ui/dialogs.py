"""Dialog behaviour shared by the screens."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog


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
