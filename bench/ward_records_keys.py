"""The front sheet, adverse-event and handover tasks of bench/keystrokes.py (real keys).

  front_sheet  on the open chart: Ctrl+Shift+F, `fywtz 1` (pinyin initials of 肺炎，未特指, present
      on admission), Enter, `i10 1`, Enter, Ctrl+Enter (save) = 16 keys.
  adverse_event_report  from whatever screen is up: Ctrl+Shift+E, `2` (fall), Tab, Tab, `fell`,
      Alt+N (anonymous), Ctrl+Enter = 10 keys.
  handover_report  as the nurse on her own station: Ctrl+Shift+Z (the shift drafted from the
      events), Ctrl+Enter (sign, handing over) = 2 keys.
Each task waits for the signal that the event was saved on the station.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)  # fmt: skip


def _visible(kind: type) -> Any:
    return next(
        (w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None
    )


def front_sheet(view: Any, shell: Any, count: Any, wait_until: Callable[..., None]) -> Any:
    """Code pneumonia and hypertension on the open chart's front sheet and save it."""
    from ui.screens.ward_records.front_sheet_dialog import FrontSheetDialog

    count.chord(view, Qt.Key.Key_F, CTRL | SHIFT)
    wait_until(lambda: _visible(FrontSheetDialog) is not None)
    search = _visible(FrontSheetDialog).search
    wait_until(search.hasFocus)
    for words in ("fywtz 1", "i10 1"):
        count.type(search, words)
        count.chord(search, Qt.Key.Key_Return)
    saved: list[str] = []
    shell.ward_records.sig_front_sheet_saved.connect(saved.append)
    count.chord(search, Qt.Key.Key_Return, CTRL)
    wait_until(lambda: bool(saved))
    return count


def adverse_event_report(view: Any, shell: Any, count: Any, wait_until: Callable[..., None]) -> Any:
    """Report a fall anonymously."""
    from ui.screens.ward_records.report_dialogs import AdverseEventDialog

    count.chord(view, Qt.Key.Key_E, CTRL | SHIFT)
    wait_until(lambda: _visible(AdverseEventDialog) is not None)
    dialog = _visible(AdverseEventDialog)
    wait_until(dialog.category.hasFocus)
    count.chord(dialog.category, "2")
    count.chord(dialog.category, Qt.Key.Key_Tab)
    count.chord(dialog.severity, Qt.Key.Key_Tab)
    count.type(dialog.description, "fell")
    count.chord(dialog.description, Qt.Key.Key_N, ALT)
    reported: list[str] = []
    shell.ward_records.sig_adverse_event_reported.connect(reported.append)
    count.chord(dialog.description, Qt.Key.Key_Return, CTRL)
    wait_until(lambda: bool(reported))
    return count


def handover_report(view: Any, shell: Any, count: Any, wait_until: Callable[..., None]) -> Any:
    """Open the drafted report of the shift and sign it."""
    from ui.screens.ward_records.report_dialogs import HandoverDialog

    count.chord(view, Qt.Key.Key_Z, CTRL | SHIFT)
    wait_until(lambda: _visible(HandoverDialog) is not None)
    dialog = _visible(HandoverDialog)
    wait_until(dialog.note.hasFocus)
    signed: list[str] = []
    shell.ward_records.sig_handover_signed.connect(signed.append)
    count.chord(dialog.note, Qt.Key.Key_Return, CTRL)
    wait_until(lambda: bool(signed))
    return count


TASKS = {"front_sheet": front_sheet, "adverse_event_report": adverse_event_report}
