"""Notes written, signed and co-signed with the keyboard against a real server on loopback."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from offline_cache.tables import local_events
from tests.ui.flows import (
    CTRL,
    SHIFT,
    fill_blanks,
    log_in,
    open_by_search,
    open_patient,
    sign,
    start_note,
)
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.ward import TRAINEE
from ui.screens.notes.editor import NoteEditor


def test_f2_and_shift_f2_select_the_blanks_in_turn_and_wrap(qtbot: QtBot) -> None:
    editor = NoteEditor()
    qtbot.addWidget(editor)
    editor.set_note("S: ***\nO: ***\nA: ***\n")
    assert editor.textCursor().selectionStart() == 3 and editor.textCursor().selectedText() == "***"
    starts = []
    for _ in range(3):
        qtbot.keyClick(editor, Qt.Key.Key_F2)
        starts.append(editor.textCursor().selectionStart())
    assert starts == [10, 17, 3]  # O, A, then round to S
    qtbot.keyClick(editor, Qt.Key.Key_F2, SHIFT)
    assert editor.textCursor().selectionStart() == 17
    qtbot.keyClicks(editor, "better")
    assert editor.blanks_left() == 2 and "A: better" in editor.toPlainText()


def test_daily_progress_note_from_template_with_vitals_signed_by_keyboard_only(
    qtbot: QtBot, open_station
) -> None:  # noqa: ANN001
    station = open_station()
    open_patient(qtbot, station)
    start_note(qtbot, station, "3")
    notes, editor = station.view.chart.notes, station.view.chart.notes.editor
    assert editor.toPlainText().startswith("S: ***\nO: ***")
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)  # blanks left: refused, cursor on a blank
    assert "Fill every *** blank" in notes.message.text() and editor.blanks_left() == 4
    fill_blanks(qtbot, editor, ["Less breathless", ".vitals", "Improving", "Continue"])
    assert "O: T 37.2 °C, HR 96/min, BP 128/76 mmHg" in editor.toPlainText()
    note_id = sign(qtbot, station)
    assert not notes.editing() and QApplication.focusWidget() is notes.note_list
    with station.workstation.store.reading() as conn:
        row = conn.execute(select(local_events).where(local_events.c.event_id == note_id)).one()
    assert row.type == "NoteSigned" and b"HR 96/min" in row.payload and b"Continue" in row.payload
    assert "Daily progress note" in notes.note_list.item(0).text()
    assert "Dr Li" in notes.note_list.item(0).text()
    assert "co-signature" not in notes.note_list.item(0).text()
    assert "HR 96/min" in notes.reader.toPlainText()
    assert (
        station.workstation.drafts.for_patient(
            author_id=station.workstation.user.user_id, patient_id=row.patient_id
        )
        == []
    )


def test_a_trainees_note_shows_co_signature_needed_until_a_physician_co_signs(
    qtbot: QtBot, open_station
) -> None:  # noqa: ANN001
    station = open_station()
    open_patient(qtbot, station, username=TRAINEE)
    start_note(qtbot, station, "3")
    fill_blanks(qtbot, station.view.chart.notes.editor, ["ok", ".vitals", "ok", "same"])
    note_id = sign(qtbot, station)
    notes = station.view.chart.notes
    assert "Trainee Chen" in notes.note_list.item(0).text()
    assert "co-signature needed" in notes.note_list.item(0).text()
    qtbot.keyClick(station.view, Qt.Key.Key_C, CTRL | SHIFT)  # a trainee cannot co-sign
    assert "Only a licensed physician" in notes.message.text()
    station.shell.lock()
    qtbot.keyClick(station.view.login.switch_user, Qt.Key.Key_Space)
    log_in(qtbot, station)
    open_by_search(qtbot, station, "zs")
    qtbot.keyClick(station.view, Qt.Key.Key_2, CTRL)
    assert station.shell.chart.notes.view.selected_note() == note_id
    with qtbot.waitSignal(station.shell.chart.notes.sig_chart_changed, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(station.view, Qt.Key.Key_C, CTRL | SHIFT)
    qtbot.waitUntil(lambda: "co-signed by Dr Li" in notes.note_list.item(0).text(),
                    timeout=LOGIN_SECONDS_MS)  # fmt: skip
    line = notes.note_list.item(0).text()
    assert "Trainee Chen" in line and "co-signature needed" not in line
    assert "Signed by Trainee Chen at" in notes.reader.toPlainText()
    assert "co-signed by Dr Li at" in notes.reader.toPlainText()


def test_an_addendum_is_added_by_keyboard_and_the_note_stays_as_signed(
    qtbot: QtBot, open_station
) -> None:  # noqa: ANN001
    station = open_station()
    open_patient(qtbot, station)
    qtbot.keyClick(station.view, Qt.Key.Key_2, CTRL)
    notes = station.view.chart.notes
    qtbot.waitUntil(lambda: notes.note_list.count() == 1)
    qtbot.keyClick(station.view, Qt.Key.Key_N, CTRL | SHIFT)
    from ui.screens.notes.dialogs import AddendumDialog

    qtbot.waitUntil(lambda: any(d.isVisible() for d in station.view.findChildren(AddendumDialog)))
    dialog = next(d for d in station.view.findChildren(AddendumDialog) if d.isVisible())
    qtbot.waitUntil(dialog.text.hasFocus)
    qtbot.keyClicks(dialog.text, "Orthopnoea too.")
    with qtbot.waitSignal(station.shell.chart.notes.sig_chart_changed, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(
        lambda: "Orthopnoea too." in notes.reader.toPlainText(), timeout=LOGIN_SECONDS_MS
    )
    text = notes.reader.toPlainText()
    assert "Breathless on exertion." in text and "Addendum by Dr Li at" in text
