"""The problem-list task of bench/keystrokes.py (real keys).

  coded_problem  on the open chart: Ctrl+Alt+P, `fywtz` (pinyin initials of 肺炎，未特指), Enter
      (takes J18.9 and its title), Ctrl+Enter (record) = 8 keys.
The task waits for the signal that the ProblemRecorded event was saved on the station.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def coded_problem(view: Any, shell: Any, count: Any, wait_until: Callable[..., None]) -> Any:
    """Record pneumonia, coded J18.9, on the open chart's problem list."""
    from ui.screens.problems.dialog import ProblemDialog

    def dialog() -> Any:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, ProblemDialog) and w.isVisible()), None)  # fmt: skip

    count.chord(view, Qt.Key.Key_P, CTRL | ALT)
    wait_until(lambda: dialog() is not None)
    search = dialog().search
    wait_until(search.hasFocus)
    count.type(search, "fywtz")
    count.chord(search, Qt.Key.Key_Return)
    recorded: list[str] = []
    shell.problems.sig_recorded.connect(recorded.append)
    count.chord(dialog().description, Qt.Key.Key_Return, CTRL)
    wait_until(lambda: bool(recorded))
    return count
