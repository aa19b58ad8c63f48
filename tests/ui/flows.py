"""Keyboard flows shared by the UI tests: log in, open a patient or the worklist, write and sign a note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import LOGIN_SECONDS_MS, type_login
from tests.ui.ward import DOCTOR, NURSE, PASSWORD
from ui.screens.notes.dialogs import NoteTypeDialog

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def log_in(qtbot: QtBot, station, username: str | None = DOCTOR, password: str = PASSWORD) -> None:  # noqa: ANN001
    with qtbot.waitSignal(station.shell.login.sig_logged_in, timeout=LOGIN_SECONDS_MS):
        type_login(qtbot, station.view, username, password)


def wait_for_census(qtbot: QtBot, station, patients: int = 2) -> None:  # noqa: ANN001
    qtbot.waitUntil(
        lambda: station.view.census_model.rowCount() == patients, timeout=LOGIN_SECONDS_MS
    )


def open_by_search(qtbot: QtBot, station, text: str) -> None:  # noqa: ANN001
    qtbot.keyClick(station.view, Qt.Key.Key_F, CTRL)
    assert station.view.census.search.hasFocus()
    qtbot.keyClicks(station.view.census.search, text)
    with qtbot.waitSignal(station.shell.chart.sig_chart_opened, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(station.view.census.search, Qt.Key.Key_Return)


def open_patient(qtbot: QtBot, station, search: str = "zs", username: str = DOCTOR) -> str:  # noqa: ANN001
    """Log in, wait for the ward census, open the patient the search finds; their id."""
    log_in(qtbot, station, username)
    wait_for_census(qtbot, station)
    open_by_search(qtbot, station, search)
    return station.shell.chart.patient_id


def log_in_to_worklist(qtbot: QtBot, station, username: str = NURSE) -> None:  # noqa: ANN001
    """Log a nurse in and wait until the first sync has filled the worklist and it has the keys."""
    log_in(qtbot, station, username)
    worklist = station.shell.nurse.worklist_view
    qtbot.waitUntil(lambda: worklist.model.rowCount() > 0, timeout=LOGIN_SECONDS_MS)
    qtbot.waitUntil(worklist.table.hasFocus, timeout=LOGIN_SECONDS_MS)


def start_note(qtbot: QtBot, station, number: str) -> None:  # noqa: ANN001
    """Ctrl+N, then the note type's number in the chooser; the editor gets the focus."""
    notes = station.view.chart.notes
    qtbot.keyClick(station.view, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in station.view.findChildren(NoteTypeDialog)))
    dialog = next(d for d in station.view.findChildren(NoteTypeDialog) if d.isVisible())
    qtbot.waitUntil(dialog.choices.hasFocus)
    qtbot.keyClick(dialog.choices, number)
    qtbot.waitUntil(lambda: notes.editor.hasFocus())


def fill_blanks(qtbot: QtBot, editor, words: list[str]) -> None:  # noqa: ANN001
    """Type each word into the selected blank, F2 to the next; a word may be a dot-phrase."""
    for index, word in enumerate(words):
        assert editor.textCursor().selectedText() == "***"
        qtbot.keyClicks(editor, word)
        if word.startswith("."):
            qtbot.keyClick(editor, Qt.Key.Key_Space)
        if index < len(words) - 1:
            qtbot.keyClick(editor, Qt.Key.Key_F2)


def sign(qtbot: QtBot, station) -> str:  # noqa: ANN001
    """Ctrl+Enter; the new note's id once it is saved and the chart reloaded."""
    notes = station.shell.chart.notes
    with qtbot.waitSignal(notes.sig_note_signed, timeout=LOGIN_SECONDS_MS) as signed:
        qtbot.keyClick(station.view.chart.notes.editor, Qt.Key.Key_Return, CTRL)
    note_id = signed.args[0]
    qtbot.waitUntil(lambda: notes._note(note_id) is not None, timeout=LOGIN_SECONDS_MS)
    return note_id
