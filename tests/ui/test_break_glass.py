"""Finding 10: break-the-glass from the desktop by keyboard (reason and minutes, on a worker), the red
banner line while the grant runs and gone at its end, a plain message offline; and the privacy
officer's alerts list, where Enter marks the alert read."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from offline_cache.workstation import Workstation
from tests.support.ward import admission
from tests.ui.flows import CTRL, SHIFT, log_in, wait_for_census
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.ward import PASSWORD
from ui.screens.break_glass.dialog import BreakGlassDialog
from workstation.clock import iso, utc_now
from workstation.projections import tables as pt
from workstation.server import auth, refdata
from workstation.server.db import make_engine, writer

RECORD, NAME, REASON = "2026000777", "周九", "cardiac arrest call on W2"
OFFICER = "privacy"


@pytest.fixture
def other_ward(ward_server, tmp_path: Path) -> Iterator[str]:  # noqa: ANN001
    """Ward W2 with its doctor and 周九 admitted there; a privacy officer."""
    server, ward = ward_server
    engine = make_engine(ward.database_url)
    with writer(engine) as conn:
        refdata.add_ward(conn, ward_id="W2", name_en="Respiratory", name_zh="呼吸内科", beds=["1"])
        auth.add_user(conn, username="doc2", password=PASSWORD, display_name="Dr Zhao",
                      role="physician", wards=["W2"])  # fmt: skip
        auth.add_user(conn, username=OFFICER, password=PASSWORD, display_name="Officer Zheng",
                      role="privacy_officer", wards=[])  # fmt: skip
        refdata.publish_directory(conn)
    engine.dispose()
    ws = Workstation.open(tmp_path / "w2-station", server_url=server.url, ward_id="W2")
    ws.login("doc2", PASSWORD)
    patient_id = ws.admit_patient(
        admission(NAME, "1", ward_id="W2", record_number=RECORD)
    ).patient_id
    ws.sync()
    ws.close()
    yield patient_id


def _break_the_glass(qtbot: QtBot, station, minutes: str = "30") -> int:  # noqa: ANN001
    """Ctrl+Shift+G, record number, Tab, reason, Tab, minutes, Enter; the keys pressed that are
    not the words themselves."""
    window = QApplication.focusWidget() or station.view
    qtbot.keyClick(window, Qt.Key.Key_G, CTRL | SHIFT)
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in station.view.findChildren(BreakGlassDialog)),
        timeout=LOGIN_SECONDS_MS,
    )
    dialog = next(d for d in station.view.findChildren(BreakGlassDialog) if d.isVisible())
    qtbot.waitUntil(dialog.record_number.hasFocus, timeout=LOGIN_SECONDS_MS)
    qtbot.keyClicks(dialog.record_number, RECORD)
    qtbot.keyClick(dialog.record_number, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.reason, REASON)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Tab)
    assert dialog.minutes.hasFocus()
    qtbot.keyClicks(dialog.minutes, minutes)  # the spin box's text is selected on Tab
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Return)
    return 4  # Ctrl+Shift+G, Tab, Tab, Enter


def test_break_the_glass_by_keyboard_shows_the_red_line_until_the_grant_ends(
    qtbot: QtBot, open_station, other_ward: str
) -> None:  # noqa: ANN001
    station = open_station()
    log_in(qtbot, station)
    wait_for_census(qtbot, station)
    desk = station.shell.break_glass
    with qtbot.waitSignal(desk.sig_granted, timeout=LOGIN_SECONDS_MS) as granted:
        keys = _break_the_glass(qtbot, station)
    assert keys <= 4 and granted.args == [other_ward]
    banner = station.view.chart.banner
    qtbot.waitUntil(lambda: banner.name.text() == NAME, timeout=LOGIN_SECONDS_MS)
    qtbot.waitUntil(banner.break_glass.isVisible, timeout=LOGIN_SECONDS_MS)
    assert (
        "Break-the-glass until" in banner.break_glass.text() and REASON in banner.break_glass.text()
    )
    left = banner.grant_ends.remainingTime() / 60_000
    assert 29 <= left <= 30.1  # 30 minutes from the server's receipt (its clock, not this one's)
    with station.workstation.store.writing() as conn:  # the grant now ends in under a second
        conn.execute(update(pt.break_glass_grants).values(expires_at=_soon()))
    with qtbot.waitSignal(station.shell.chart.sig_chart_opened, timeout=LOGIN_SECONDS_MS):
        station.shell.chart.reload()
    qtbot.waitUntil(lambda: not banner.break_glass.isVisible(), timeout=LOGIN_SECONDS_MS)
    assert banner.break_glass.text() == ""


def _soon() -> str:
    return iso(utc_now() + timedelta(milliseconds=800))


def test_a_reason_of_a_few_words_is_required(qtbot: QtBot, open_station, other_ward: str) -> None:  # noqa: ANN001
    station = open_station()
    log_in(qtbot, station)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_G, CTRL | SHIFT)
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in station.view.findChildren(BreakGlassDialog)),
        timeout=LOGIN_SECONDS_MS,
    )
    dialog = next(d for d in station.view.findChildren(BreakGlassDialog) if d.isVisible())
    qtbot.keyClicks(dialog.record_number, RECORD)
    qtbot.keyClick(dialog.record_number, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.reason, "urgent")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.isVisible() and not dialog.ok.isEnabled()
    assert dialog.minutes.minimum() == 15 and dialog.minutes.maximum() == 240
    assert dialog.minutes.value() == 60


def test_break_the_glass_offline_says_it_needs_the_server(
    qtbot: QtBot, open_station, other_ward: str, ward_server
) -> None:  # noqa: ANN001
    station = open_station()
    log_in(qtbot, station)
    wait_for_census(qtbot, station)
    qtbot.waitUntil(lambda: not station.shell.sync_workers.busy(), timeout=LOGIN_SECONDS_MS)
    server, _ward = ward_server
    server.stop()
    with qtbot.waitSignal(
        station.shell.break_glass.sig_refused, timeout=LOGIN_SECONDS_MS
    ) as refused:
        _break_the_glass(qtbot, station)
    assert "needs the server" in refused.args[0]
    assert "needs the server" in station.view.status.currentMessage()


def test_the_privacy_officer_sees_the_alert_and_marks_it_read(
    qtbot: QtBot, open_station, other_ward: str
) -> None:  # noqa: ANN001
    station = open_station()
    log_in(qtbot, station)
    with qtbot.waitSignal(station.shell.break_glass.sig_granted, timeout=LOGIN_SECONDS_MS):
        _break_the_glass(qtbot, station)
    station.shell.lock()
    qtbot.mouseClick(station.view.login.switch_user, Qt.MouseButton.LeftButton)
    alerts = station.shell.alerts
    with qtbot.waitSignal(alerts.sig_alerts_shown, timeout=LOGIN_SECONDS_MS) as shown:
        log_in(qtbot, station, OFFICER)  # a privacy officer lands on the alerts, never a census
    assert shown.args == [1] and station.view.pages.currentWidget() is alerts.view
    assert station.view.census_model.rowCount() == 0
    table = alerts.view.table
    row = [table.item(0, c).text() for c in range(table.columnCount())]
    assert row[1] == "Dr Li" and row[2] == RECORD and row[3] == NAME and row[4] == REASON
    assert row[5] == "30" and row[0] and row[6] == ""
    qtbot.waitUntil(table.hasFocus, timeout=LOGIN_SECONDS_MS)
    with qtbot.waitSignal(alerts.sig_alerts_shown, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(table, Qt.Key.Key_Return)  # marked read, then the list reloads
    assert table.item(0, 6).text() == "Officer Zheng" and table.item(0, 7).text()
    station.shell.lock()
    assert table.rowCount() == 0
