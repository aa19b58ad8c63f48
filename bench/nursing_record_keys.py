"""The nursing-record task of bench/keystrokes.py (real keys).

  nursing_record_row  the nurse on her own station, bed 12's chart open (opening not counted):
      F7 (the record), Alt+V (the newest vitals into the row; the focus moves on to the
      observation), Alt+I (intake), `iv 250`, Tab (output), `u 80`, Ctrl+Enter (sign) = 15 keys.
The task waits for the signal that the row was saved on the station.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def open_bed(view: Any, bed: str, name: str, wait_until: Callable[..., None]) -> None:
    """Open the patient in `bed` from the palette (not counted)."""
    from ui.screens.palette.view import PaletteView

    QTest.keyClick(view, Qt.Key.Key_K, CTRL)
    wait_until(
        lambda: any(p.isVisible() and p.input.hasFocus() for p in view.findChildren(PaletteView))
    )
    palette = next(p for p in view.findChildren(PaletteView) if p.isVisible())
    QTest.keyClicks(palette.input, bed)
    wait_until(lambda: bool(palette.lines()) and f"Bed {bed}" in palette.lines()[0])
    QTest.keyClick(palette.input, Qt.Key.Key_Return)
    wait_until(lambda: view.chart.banner.name.text() == name)


def nursing_record_row(view: Any, shell: Any, count: Any, wait_until: Callable[..., None]) -> Any:
    """One timed row of the 护理记录 with the vitals pulled in, an IV intake and a urine output."""
    from ui.screens.nursing_record.dialog import NursingRecordDialog

    count.chord(view, Qt.Key.Key_F7)
    wait_until(lambda: any(d.isVisible() for d in view.findChildren(NursingRecordDialog)))
    dialog = next(d for d in view.findChildren(NursingRecordDialog) if d.isVisible())
    wait_until(lambda: dialog.totals.text() != "")  # the record is loaded
    fields = dialog.fields
    count.chord(fields["time"], Qt.Key.Key_V, ALT)
    wait_until(fields["observation_text"].hasFocus)
    count.chord(fields["observation_text"], Qt.Key.Key_I, ALT)
    wait_until(fields["intake"].hasFocus)
    count.type(fields["intake"], "iv 250")
    count.chord(fields["intake"], Qt.Key.Key_Tab)
    count.type(fields["output"], "u 80")
    signed: list[bool] = []
    shell.nursing_record.sig_row_signed.connect(lambda: signed.append(True))
    count.chord(fields["output"], Qt.Key.Key_Return, CTRL)
    wait_until(lambda: bool(signed))
    return count
