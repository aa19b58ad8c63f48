"""The medical affairs office sets a doctor's title and rights by keyboard (Ctrl+Shift+Y): the
server keeps them (抗菌药物临床应用管理办法 Art. 24; 处方管理办法 Art. 11) and refuses a tier above
the title; a doctor does not get the page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.ui.flows import CTRL, SHIFT, log_in
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.ward import PASSWORD
from ui.screens.rights.view import RightsDialog
from workstation.server import auth, refdata
from workstation.server.db import make_engine, reader, writer
from workstation.server.models import users

WAIT = LOGIN_SECONDS_MS


def _dialog(qtbot: QtBot, station) -> RightsDialog:  # noqa: ANN001
    qtbot.waitUntil(lambda: any(d.isVisible() for d in station.view.findChildren(RightsDialog)))
    dialog = next(d for d in station.view.findChildren(RightsDialog) if d.isVisible())
    qtbot.waitUntil(dialog.title.hasFocus)
    return dialog


def test_the_office_sets_a_doctors_title_and_rights(
    qtbot: QtBot, open_station, ward_server
) -> None:  # noqa: ANN001
    _server, ward = ward_server
    engine = make_engine(ward.database_url)
    with writer(engine) as conn:
        auth.add_user(conn, username="office", password=PASSWORD, display_name="Office Wu",
                      role="admin", wards=[])  # fmt: skip
        refdata.publish_directory(conn)
    station = open_station()
    log_in(qtbot, station)
    assert not station.shell.rights.action.isEnabled()  # a doctor does not get the page
    station.shell.lock()
    qtbot.keyClick(station.view.login.switch_user, Qt.Key.Key_Space)
    log_in(qtbot, station, "office")
    rights = station.shell.rights
    qtbot.waitUntil(rights.action.isEnabled, timeout=WAIT)
    qtbot.keyClick(station.view, Qt.Key.Key_Y, CTRL | SHIFT)
    qtbot.waitUntil(lambda: len(rights.rows) > 0, timeout=WAIT)
    table = rights.view.table
    table.setFocus()
    table.setCurrentCell([r["username"] for r in rights.rows].index("doc"), 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = _dialog(qtbot, station)
    for _ in range(3):  # —, trainee, resident, attending
        qtbot.keyClick(dialog.title, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.title, Qt.Key.Key_Tab)
    for _ in range(2):  # —, non-restricted, restricted
        qtbot.keyClick(dialog.tier, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.tier, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.narcotic, Qt.Key.Key_Space)
    with qtbot.waitSignal(rights.sig_rights_saved, timeout=WAIT):
        qtbot.keyClick(dialog.narcotic, Qt.Key.Key_Return)
    with reader(engine) as conn:
        row = conn.execute(select(users).where(users.c.username == "doc")).one()
    assert (row.title, row.antibiotic_tier, row.narcotic_right) == ("attending", "restricted", True)
    qtbot.waitUntil(lambda: any(r["title"] == "attending" for r in rights.rows), timeout=WAIT)
    table.setFocus()
    table.setCurrentCell([r["username"] for r in rights.rows].index("doc"), 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = _dialog(qtbot, station)
    qtbot.keyClick(dialog.title, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.tier, Qt.Key.Key_Down)  # special: above an attending's (Art. 24)
    qtbot.keyClick(dialog.tier, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Art. 24" in rights.view.message.text(), timeout=WAIT)
    engine.dispose()
