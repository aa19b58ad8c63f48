"""The nursing record on the desktop, keyboard only (护理记录): a nurse opens it with F7, pulls
the newest vitals into the row with Alt+V, types the IV intake and urine, signs with Ctrl+Enter
and sees the row and its totals; F2 on her row and a reason correct it with a new signed row that
supersedes it (the old one stays, struck through); a doctor's F7 writes nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from offline_cache.nursing_record import nursing_record
from tests.ui.flows import CTRL, open_patient
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.ward import NURSE
from ui.screens.nursing_record.dialog import NursingRecordDialog

ALT = Qt.KeyboardModifier.AltModifier


def _open(qtbot: QtBot, station) -> NursingRecordDialog:  # noqa: ANN001
    qtbot.keyClick(QApplication.focusWidget() or station.view, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in station.view.findChildren(NursingRecordDialog)),
                    timeout=LOGIN_SECONDS_MS)  # fmt: skip
    return next(d for d in station.view.findChildren(NursingRecordDialog) if d.isVisible())


def test_a_nurse_signs_a_row_and_corrects_it_by_keyboard(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    patient_id = open_patient(qtbot, station, "zs", username=NURSE)
    dialog = _open(qtbot, station)
    fields = dialog.fields
    qtbot.waitUntil(lambda: "No rows yet" in dialog.totals.text(), timeout=LOGIN_SECONDS_MS)
    qtbot.keyClick(fields["time"], Qt.Key.Key_V, ALT)  # the newest vitals: 37.2, 96, 128/76
    qtbot.waitUntil(lambda: fields["bp"].text() == "128/76", timeout=LOGIN_SECONDS_MS)
    assert fields["pulse_bpm"].text() == "96"
    assert fields["observation_text"].hasFocus()  # the vitals are in: on to what was seen
    fields["time"].setFocus()
    qtbot.keyClick(fields["time"], Qt.Key.Key_Tab)
    assert fields["temperature_c"].hasFocus()
    qtbot.keyClicks(fields["measures"], "oxygen 2 L/min")
    qtbot.keyClicks(fields["intake"], "iv 500 po 100")
    qtbot.keyClicks(fields["output"], "u 300")
    qtbot.keyClick(fields["output"], Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: dialog.table.rowCount() >= 2, timeout=LOGIN_SECONDS_MS)  # row + totals
    assert "intake 600 mL" in dialog.totals.text() and "output 300 mL" in dialog.totals.text()
    assert fields["time"].hasFocus() and fields["intake"].text() == ""

    row_line = next(i for i, row in enumerate(dialog.rows) if row is not None)
    dialog.table.setFocus()
    dialog.table.selectRow(row_line)
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    assert fields["reason"].hasFocus() and fields["output"].text() == "urine 300"
    qtbot.keyClicks(fields["reason"], "urine mistyped")
    fields["output"].clear()
    qtbot.keyClicks(fields["output"], "u 350")
    qtbot.keyClick(fields["output"], Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: "output 350 mL" in dialog.totals.text(), timeout=LOGIN_SECONDS_MS)

    rows = nursing_record(station.workstation, patient_id)["rows"]
    first, fix = sorted(rows, key=lambda r: r["recorded_at"])
    assert first["superseded_by"] == fix["row_id"] and fix["supersedes_id"] == first["row_id"]
    assert (fix["correction_reason"], fix["output"], fix["vitals_id"]) == ("urine mistyped",
                                                                        {"urine": 350}, first["vitals_id"])  # fmt: skip
    assert (
        first["observations"]["systolic_mmhg"] == 128 and first["written_by"] == fix["written_by"]
    )
    old_line = next(i for i, r in enumerate(dialog.rows) if r and r["row_id"] == first["row_id"])
    assert dialog.table.item(old_line, 0).font().strikeOut()  # kept, readable, struck through


def test_a_doctor_opens_no_nursing_record_to_write(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    open_patient(qtbot, station, "zs")
    qtbot.keyClick(QApplication.focusWidget() or station.view, Qt.Key.Key_F7)
    assert not any(d.isVisible() for d in station.view.findChildren(NursingRecordDialog))
    assert "written by nurses" in station.view.status.currentMessage()
