"""The head nurse edits her ward's roster by keyboard (Ctrl+Alt+R, Enter, Space, typed beds,
Ctrl+S); the server keeps it; an edit made on a roster someone saved since is refused, in words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from tests.ui.flows import CTRL, log_in
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.ward import PASSWORD, WARD
from ui.screens.roster.pattern_dialog import ShiftPatternDialog
from ui.screens.roster.view import RosterCellDialog
from workstation.server import auth, refdata
from workstation.server.db import make_engine, reader, writer
from workstation.server.models import roster_assignments, ward_rosters

WAIT = LOGIN_SECONDS_MS
ALT = Qt.KeyboardModifier.AltModifier


def _dialog(qtbot: QtBot, station) -> RosterCellDialog:  # noqa: ANN001
    qtbot.waitUntil(lambda: any(d.isVisible() for d in station.view.findChildren(RosterCellDialog)))
    return next(d for d in station.view.findChildren(RosterCellDialog) if d.isVisible())


def _assign_first_nurse(qtbot: QtBot, station, beds: str) -> RosterCellDialog:  # noqa: ANN001
    roster = station.shell.roster
    roster.view.table.setFocus()
    roster.view.table.setCurrentIndex(roster.view.model.index(0, 0))
    qtbot.keyClick(roster.view.table, Qt.Key.Key_Return)
    dialog = _dialog(qtbot, station)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)  # tick the first nurse
    qtbot.keyClick(dialog.table, Qt.Key.Key_Right)
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)  # the beds cell's editor
    editor = dialog.table.findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClicks(editor, beds)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # commits the typed beds (queued by Qt)
    qtbot.waitUntil(lambda: dialog.table.item(0, 1).text() == beds)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # the dialog's default button
    return dialog


def test_head_nurse_assigns_beds_by_keyboard_and_a_stale_save_is_refused(
    qtbot: QtBot, open_station, ward_server
) -> None:  # noqa: ANN001
    _server, ward = ward_server
    engine = make_engine(ward.database_url)
    with writer(engine) as conn:
        auth.add_user(conn, username="hn", password=PASSWORD, display_name="护士长 周",
                      role="head_nurse", wards=[WARD])  # fmt: skip
        refdata.publish_directory(conn)
    station = open_station()
    log_in(qtbot, station, "hn")
    roster = station.shell.roster
    qtbot.waitUntil(roster.action.isEnabled, timeout=WAIT)
    qtbot.keyClick(station.view, Qt.Key.Key_R, CTRL | ALT)
    qtbot.waitUntil(lambda: len(roster.view.model.days) == 7, timeout=WAIT)
    dialog = _assign_first_nurse(qtbot, station, "1-2")
    first_nurse = dialog.nurses[0]["user_id"]
    edited = roster.view.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
    assert roster.view.model.changed and edited is not None  # the pen icon: changed, not saved
    with qtbot.waitSignal(roster.sig_roster_saved, timeout=WAIT):
        qtbot.keyClick(roster.view.table, Qt.Key.Key_S, CTRL)
    with reader(engine) as conn:
        rows = conn.execute(select(roster_assignments)).all()
    assert [(r.shift, r.nurse_id, r.beds) for r in rows] == [("D", first_nurse, "1,2")]
    qtbot.waitUntil(lambda: "version 1" in roster.view.heading.text(), timeout=WAIT)
    with writer(engine) as conn:  # another head nurse saved in between
        conn.execute(update(ward_rosters).values(version=2))
    _assign_first_nurse(qtbot, station, "3")
    qtbot.keyClick(roster.view.table, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "Someone saved" in roster.view.message.text(), timeout=WAIT)
    with reader(engine) as conn:
        assert conn.execute(select(roster_assignments.c.beds)).scalars().all() == ["1,2"]
    qtbot.keyClick(roster.view.table, Qt.Key.Key_F5)  # theirs: version 2, the change dropped
    qtbot.waitUntil(lambda: "version 2" in roster.view.heading.text(), timeout=WAIT)
    qtbot.keyClick(roster.view.table, Qt.Key.Key_F3)  # the shift pattern: rename the day shift
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in station.view.findChildren(ShiftPatternDialog))
    )
    pattern = next(d for d in station.view.findChildren(ShiftPatternDialog) if d.isVisible())
    qtbot.keyClick(pattern.shifts, Qt.Key.Key_Right)
    qtbot.keyClick(pattern.shifts, Qt.Key.Key_Right)  # the English name
    qtbot.keyClick(pattern.shifts, Qt.Key.Key_F2)
    editor = pattern.shifts.findChild(QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(editor, "Morning")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pattern.shifts.item(0, 2).text() == "Morning")
    with qtbot.waitSignal(roster.sig_roster_saved, timeout=WAIT):
        qtbot.keyClick(pattern.shifts, Qt.Key.Key_Return)
    with reader(engine) as conn:
        assert "Morning" in conn.execute(select(ward_rosters.c.shifts)).scalar_one()
    engine.dispose()
