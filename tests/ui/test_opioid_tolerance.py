"""A doctor records opioid tolerance from the open chart by keyboard (Ctrl+Shift+Q, the basis,
Enter); the banner then says so, and the order checks read it. A nurse is told it is a doctor's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.flows import CTRL, SHIFT, open_patient
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.ward import NURSE
from ui.screens.opioid_tolerance.dialog import OpioidToleranceDialog

BASIS = "morphine SR 60 mg q12h for 3 months"


def _dialogs(station) -> list[OpioidToleranceDialog]:  # noqa: ANN001
    return [d for d in station.view.findChildren(OpioidToleranceDialog) if d.isVisible()]


def test_a_doctor_records_tolerance_by_keyboard_and_the_banner_shows_it(
    qtbot: QtBot, open_station
) -> None:  # noqa: ANN001
    station = open_station()
    open_patient(qtbot, station)
    banner = station.view.chart.banner
    assert "opioid tolerant" not in banner.alerts.text()
    qtbot.keyClick(QApplication.focusWidget() or station.view, Qt.Key.Key_Q, CTRL | SHIFT)
    qtbot.waitUntil(lambda: bool(_dialogs(station)), timeout=LOGIN_SECONDS_MS)
    dialog = _dialogs(station)[0]
    qtbot.waitUntil(dialog.basis.hasFocus, timeout=LOGIN_SECONDS_MS)
    qtbot.keyClicks(dialog.basis, BASIS)
    with qtbot.waitSignal(station.shell.opioid_tolerance.sig_recorded, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(dialog.basis, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "opioid tolerant" in banner.alerts.text(), timeout=LOGIN_SECONDS_MS)
    rows = station.shell.chart.chart["opioid_tolerance"]
    assert [(r["tolerant"], r["basis"]) for r in rows] == [(True, BASIS)]


def test_a_nurse_is_told_only_a_doctor_records_it(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    open_patient(qtbot, station, username=NURSE)
    qtbot.keyClick(QApplication.focusWidget() or station.view, Qt.Key.Key_Q, CTRL | SHIFT)
    qtbot.waitUntil(
        lambda: "Only a doctor" in station.view.status.currentMessage(), timeout=LOGIN_SECONDS_MS
    )
    assert not _dialogs(station)
