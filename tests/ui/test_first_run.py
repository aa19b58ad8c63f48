"""First run by keyboard: the demo users list says who each user is, Enter (or a double-click)
fills the login form with that row, Enter logs in; the census search opens a patient by bed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.flows import wait_for_census
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.ward import DOCTOR, NURSE, PASSWORD
from ui.app import demo_users_dialog
from ui.screens.dialogs.demo_users import DemoUsersDialog
from workstation.server.db import make_engine
from workstation.server.demo_roster import demo_roster

CTRL = Qt.KeyboardModifier.ControlModifier


def _dialog(qtbot: QtBot, station, ward_url: str, tmp_path: Path) -> DemoUsersDialog:  # noqa: ANN001
    engine = make_engine(ward_url)
    users = demo_roster(engine, {DOCTOR: PASSWORD, NURSE: PASSWORD})
    engine.dispose()
    dialog = demo_users_dialog(station.shell, users, tmp_path / "demo-passwords.json")
    dialog.show()
    qtbot.waitUntil(dialog.table.hasFocus)
    return dialog


def test_enter_or_double_click_on_a_demo_user_fills_the_login(
    qtbot: QtBot,
    open_station,
    ward_server,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    _server, ward = ward_server
    station = open_station()
    login = station.view.login
    dialog = _dialog(qtbot, station, ward.database_url, tmp_path)
    table = dialog.table
    texts = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(2)]
    assert texts == [["physician", "Cardiology", "Dr Li", DOCTOR, PASSWORD],
                     ["nurse", "Cardiology", "Nurse Wang", NURSE, PASSWORD]]  # fmt: skip
    qtbot.keyClick(table, Qt.Key.Key_Escape)  # closed: the keys are back on the login
    qtbot.waitUntil(login.username.hasFocus)
    dialog = _dialog(qtbot, station, ward.database_url, tmp_path)
    table = dialog.table
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert (login.username.text(), login.password.text()) == (NURSE, PASSWORD)
    qtbot.waitUntil(login.password.hasFocus)
    dialog = _dialog(qtbot, station, ward.database_url, tmp_path)  # Help > Demo users again
    rect = dialog.table.visualRect(dialog.table.model().index(0, 2))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert (login.username.text(), login.password.text()) == (DOCTOR, PASSWORD)
    qtbot.waitUntil(login.password.hasFocus)
    with qtbot.waitSignal(station.shell.login.sig_logged_in, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert station.shell.session.username == DOCTOR
    # the census search finds the patient in bed 1, typed as a ward doctor says it
    wait_for_census(qtbot, station)
    qtbot.keyClick(station.view, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(station.view.census.search, "01")
    ime = QInputMethodEvent()  # 床 as the input method commits it
    ime.setCommitString("床")
    QApplication.sendEvent(station.view.census.search, ime)
    with qtbot.waitSignal(station.shell.chart.sig_chart_opened, timeout=LOGIN_SECONDS_MS) as opened:
        qtbot.keyClick(station.view.census.search, Qt.Key.Key_Return)
    assert opened.args == [ward.zhang_san]
