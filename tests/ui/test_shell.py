"""The shell driven by real keys against a real server embedded on loopback."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.flows import CTRL, log_in, open_by_search, open_patient, start_note, wait_for_census
from tests.ui.helpers import LOGIN_SECONDS_MS, all_texts, type_login
from tests.ui.ward import DOCTOR, NURSE
from ui.screens.dialogs.shortcuts import ShortcutsDialog

PHI = ("张三", "李四", "penicillin", "potassium", "Breathless")


def test_login_by_keyboard_shows_the_ward_online(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    log_in(qtbot, station)
    wait_for_census(qtbot, station)
    assert station.view.pages.currentWidget() is station.view.work
    assert {p["name"] for p in station.view.census_model.patients} == {"张三", "李四"}
    qtbot.waitUntil(lambda: station.view.status.link.text() == "Online")
    assert "Dr Li" in station.view.status.user.text()


def test_wrong_password_is_refused_and_stays_on_login(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    with qtbot.waitSignal(station.shell.login.sig_login_failed, timeout=LOGIN_SECONDS_MS):
        type_login(qtbot, station.view, DOCTOR, "not the password")
    assert station.view.pages.currentWidget() is station.view.login
    assert "refused" in station.view.login.message.text()


def test_search_zs_and_enter_opens_zhang_sans_chart_with_banner(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    open_patient(qtbot, station)
    banner = station.view.chart.banner
    assert banner.name.text() == "张三"
    assert "male, " in banner.details.text() and "Ward Cardiology bed 1" in banner.details.text()
    assert "68.5 kg" in banner.details.text()
    assert "penicillin" in banner.allergies.text()
    labs = station.view.chart.models["labs"]
    assert labs.rowCount() == 1 and labs.data(labs.index(0, 4)) == "high"


def test_ctrl_l_locks_without_any_patient_data_and_only_the_password_unlocks(
    qtbot: QtBot, open_station
) -> None:  # noqa: ANN001
    station = open_station()
    open_patient(qtbot, station)
    session = station.workstation.user
    start_note(qtbot, station, "3")
    qtbot.keyClicks(station.view.chart.notes.editor, "Breathless at night")
    assert "张三" in all_texts(station.view, visible_only=True)
    with qtbot.waitSignal(station.shell.sig_locked):
        qtbot.keyClick(station.view, Qt.Key.Key_L, CTRL)
    for text in (all_texts(station.view, visible_only=True), all_texts(station.view)):
        assert not [phi for phi in PHI if phi in text]
    with qtbot.waitSignal(station.shell.login.sig_login_failed, timeout=LOGIN_SECONDS_MS):
        type_login(qtbot, station.view, None, "wrong")
    assert station.shell.locked and station.workstation.user is session
    assert station.view.login.password.hasFocus()
    with qtbot.waitSignal(station.shell.chart.sig_chart_opened, timeout=LOGIN_SECONDS_MS):
        log_in(qtbot, station, None)
    assert not station.shell.locked
    assert station.workstation.user is session  # unlocked locally: the same session goes on
    assert station.view.chart.banner.name.text() == "张三"
    editor = station.view.chart.notes.editor  # the note being written came back from its draft
    qtbot.waitUntil(lambda: "Breathless at night" in editor.toPlainText(), timeout=LOGIN_SECONDS_MS)
    assert editor.isVisible()


def test_switch_user_ends_the_previous_session_and_closes_the_chart(
    qtbot: QtBot, open_station
) -> None:  # noqa: ANN001
    station = open_station()
    log_in(qtbot, station)
    wait_for_census(qtbot, station)
    open_by_search(qtbot, station, "ls")
    station.shell.lock()
    qtbot.mouseClick(station.view.login.switch_user, Qt.MouseButton.LeftButton)
    log_in(qtbot, station, NURSE)
    assert station.workstation.user.username == NURSE
    assert "Nurse Wang" in station.view.status.user.text()
    assert station.shell.chart.patient_id is None
    assert "李四" not in station.view.chart.banner.name.text()


def test_idle_time_locks_the_station(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    log_in(qtbot, station)
    station.shell.idle.set_interval(300)
    station.shell.idle.start()
    with qtbot.waitSignal(station.shell.sig_locked, timeout=5_000):
        pass
    assert station.view.pages.currentWidget() is station.view.login


def test_offline_login_from_the_cached_login_and_search(
    qtbot: QtBot, open_station, ward_server
) -> None:  # noqa: ANN001
    first = open_station()
    log_in(qtbot, first)
    wait_for_census(qtbot, first)
    first.shell.shut_down()
    server, _ward = ward_server
    server.stop()
    station = open_station()
    log_in(qtbot, station)
    assert not station.workstation.user.online
    wait_for_census(qtbot, station)
    qtbot.waitUntil(lambda: station.view.status.link.text() == "Offline", timeout=LOGIN_SECONDS_MS)
    open_by_search(qtbot, station, "zs")
    assert station.view.chart.banner.name.text() == "张三"
    assert "penicillin" in station.view.chart.banner.allergies.text()


def test_f1_lists_the_shortcuts(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    log_in(qtbot, station)
    qtbot.keyClick(station.view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in station.view.findChildren(ShortcutsDialog)))
    dialog = next(d for d in station.view.findChildren(ShortcutsDialog) if d.isVisible())
    listed = all_texts(dialog)
    assert "Ctrl+L" in listed and "Lock the workstation" in listed
    tabs = set(station.view.tab_actions)
    for action in station.view.actions():
        keys = [k.toString() for k in action.shortcuts()]
        if keys and action not in tabs:
            assert any(k in listed for k in keys), (action.text(), keys)
