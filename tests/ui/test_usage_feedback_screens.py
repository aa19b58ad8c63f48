"""Usage telemetry and anonymous feedback, driven through the real shell: with a patient open and a
note written, no usage record (on the station or on the server) holds the patient's name, record
number or the note's text; the feedback box (F4) and the board (Shift+F4) work by keyboard."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import orjson
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.ui.flows import CTRL, SHIFT, fill_blanks, log_in, open_patient, sign, start_note
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.ward import PASSWORD
from ui.screens.feedback.view import FeedbackBoard, FeedbackBox
from workstation.server import auth
from workstation.server.db import make_engine, reader, writer
from workstation.server.usage_tables import usage_records

NOTE_WORDS = "Quxinglong chest ache after the stairs"


def _open_chart_of(name: str) -> None:
    raise LookupError(f"no chart for {name}")  # the message and the local hold the name


def test_no_usage_record_holds_the_patients_name_number_or_text(
    qtbot: QtBot, open_station, ward_server
) -> None:  # noqa: ANN001
    station = open_station()
    chained: list[type[BaseException]] = []
    station.shell.usage.previous_hook = lambda kind, _value, _tb: chained.append(kind)
    open_patient(qtbot, station)  # 张三, found by typing his initials
    ws = station.workstation
    patient = ws.find_patients("zs")[0]
    start_note(qtbot, station, "3")
    fill_blanks(
        qtbot, station.view.chart.notes.editor, [NOTE_WORDS, ".vitals", "Improving", "Continue"]
    )
    sign(qtbot, station)
    qtbot.keyClick(station.view, Qt.Key.Key_3, CTRL)  # the orders tab
    qtbot.keyClicks(QApplication.focusWidget() or station.view, "amox 500mg po tid 7d")
    try:
        _open_chart_of(patient["name"])
    except LookupError:
        # the hook the shell installed (pytest-qt puts its own in sys.excepthook while a test runs)
        station.shell.usage._excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert chained == [LookupError]  # the hook recorded it and handed it on
    refused: list[BaseException] = []
    station.shell.workers.run(
        _open_chart_of, patient["name"], failed=refused.append
    )  # caught, shown
    qtbot.waitUntil(lambda: bool(refused))
    qtbot.keyClick(station.view, Qt.Key.Key_L, CTRL)  # lock: the visit ends, the queue is written
    qtbot.waitUntil(lambda: station.shell.locked)
    log_in(qtbot, station, None)  # the locked screen asks the same user's password
    with qtbot.waitSignal(station.shell.sig_synced, timeout=LOGIN_SECONDS_MS):
        station.shell.sync_now()
    qtbot.waitUntil(lambda: not station.shell.sync_workers.busy(), timeout=LOGIN_SECONDS_MS)
    engine = make_engine(ward_server[1].database_url)
    with reader(engine) as conn:
        sent = [
            {str(k): v for k, v in r._mapping.items()} for r in conn.execute(select(usage_records))
        ]
    engine.dispose()
    texts = [orjson.dumps(r).decode() for r in [*sent, *ws.usage.queued()]]
    kinds = {r["kind"] for r in sent}
    assert {"login", "action", "screen", "error", "failure", "lock", "catalog"} <= kinds, kinds
    assert any(r["kind"] == "screen" and r["count"] > 0 for r in sent)  # keys were counted
    assert any(r["kind"] == "action" and r["name"] == "Ctrl+3" for r in sent)
    error = next(r for r in sent if r["kind"] == "error")
    assert error["name"] == "builtins.LookupError" and "_open_chart_of" in error["frames"]
    words = [
        patient["name"],
        patient["record_number"],
        "zs",
        "Quxinglong",
        "amox",
        "stairs",
        "Improving",
    ]
    for word in words:
        assert not [t for t in texts if word in t], word


def test_the_feedback_box_queues_an_item_and_the_office_answers_it_on_the_board(
    qtbot: QtBot, open_station, ward_server
) -> None:  # noqa: ANN001
    engine = make_engine(ward_server[1].database_url)
    with writer(engine) as conn:
        auth.add_user(
            conn,
            username="office",
            password=PASSWORD,
            display_name="Office Wu",
            role="admin",
            wards=[],
        )
    engine.dispose()
    station = open_station()
    log_in(qtbot, station, "office")
    qtbot.keyClick(station.view, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: any(b.isVisible() for b in station.view.findChildren(FeedbackBox)))
    box = next(b for b in station.view.findChildren(FeedbackBox) if b.isVisible())
    qtbot.waitUntil(box.text.hasFocus)
    qtbot.keyClick(box.text, Qt.Key.Key_Tab, SHIFT)  # back to the category
    qtbot.keyClick(box.category, Qt.Key.Key_Down)  # slow
    qtbot.keyClick(box.category, Qt.Key.Key_Tab)
    qtbot.keyClicks(box.text, "The MAR takes long to open")
    with qtbot.waitSignal(station.shell.feedback.sig_feedback_queued, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(box.text, Qt.Key.Key_Return, CTRL)
    ws = station.workstation
    assert ws.feedback.waiting() == 1
    assert (
        ws.link is not None
        and ws.feedback.send_due(ws.link, now=datetime(2100, 1, 1, tzinfo=UTC)) == 1
    )
    board = station.shell.feedback.board
    with qtbot.waitSignal(station.shell.feedback.sig_board_loaded, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(station.view, Qt.Key.Key_F4, SHIFT)
    assert (
        board.table.rowCount() == 1
        and board.table.item(0, 3).text() == "The MAR takes long to open"
    )
    assert (
        board.table.item(0, 1).text() == "Slow" and board.table.item(0, 2).text() == "—"
    )  # one user: no ward
    assert board.office.isVisible()
    qtbot.mouseClick(board.tags, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(board.tags, "mar, speed")
    qtbot.keyClick(board.tags, Qt.Key.Key_Tab)
    qtbot.keyClicks(board.answer, "Faster in the next version")
    with qtbot.waitSignal(station.shell.feedback.sig_board_loaded, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(board.answer, Qt.Key.Key_Return, CTRL)
    assert (
        board.table.item(0, 4).text() == "mar, speed"
        and board.table.item(0, 5).text() == "Faster in the next version"
    )


def test_the_board_shows_no_answer_form_to_staff(qtbot: QtBot) -> None:
    board = FeedbackBoard()
    qtbot.addWidget(board)
    board.show()
    item = {"feedback_id": "x", "day": "2026-12-07", "category": "missing", "text": "t", "ward_id": "W1",
            "tags": [], "answer": None}  # fmt: skip
    board.show_items([item], office=False)
    assert not board.office.isVisible() and board.table.item(0, 2).text() == "W1"
    board.clear()
    assert board.table.rowCount() == 0
