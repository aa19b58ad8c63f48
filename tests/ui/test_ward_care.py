"""Nursing levels and consultations on the desktop, keyboard only (分级护理制度, WS/T 431-2013;
会诊制度): the doctor orders 一级护理 with Ctrl+Shift+L, 2 and the banner and census show it; the
doctor requests an emergency consultation with Ctrl+Shift+J; a nurse's Ctrl+Shift+L orders
nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.flows import CTRL, SHIFT, open_patient
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.ward import NURSE
from ui.screens.census.model import CARE_LEVEL
from ui.screens.critical.care_dialogs import ConsultationDialog, NursingLevelDialog


def _dialog(qtbot: QtBot, station, key: Qt.Key, kind: type) -> object:  # noqa: ANN001
    qtbot.keyClick(QApplication.focusWidget() or station.view, key, CTRL | SHIFT)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in station.view.findChildren(kind)),
                    timeout=LOGIN_SECONDS_MS)  # fmt: skip
    return next(d for d in station.view.findChildren(kind) if d.isVisible())


def test_the_doctor_orders_a_level_and_requests_a_consultation(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    patient_id = open_patient(qtbot, station, "zs")
    banner = station.view.chart.banner
    dialog = _dialog(qtbot, station, Qt.Key.Key_L, NursingLevelDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_2)  # 一级护理
    qtbot.waitUntil(lambda: "Level 1 care" in banner.care.text(), timeout=LOGIN_SECONDS_MS)
    model = station.view.census_model
    qtbot.waitUntil(
        lambda: model.index(model.row_of(patient_id), CARE_LEVEL).data() == "1",
        timeout=LOGIN_SECONDS_MS,
    )  # the column says "Care level"; elided, "Level 1 care" read "Level …"
    cell = model.index(model.row_of(patient_id), CARE_LEVEL)
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "Level 1 care"

    dialog = _dialog(qtbot, station, Qt.Key.Key_J, ConsultationDialog)
    qtbot.waitUntil(dialog.urgency.hasFocus, timeout=LOGIN_SECONDS_MS)
    qtbot.keyClick(dialog.urgency, Qt.Key.Key_1)  # emergency, on to the department
    qtbot.waitUntil(dialog.department.hasFocus, timeout=LOGIN_SECONDS_MS)
    qtbot.keyClicks(dialog.department, "ICU")
    qtbot.keyClick(dialog.department, Qt.Key.Key_Tab)
    qtbot.waitUntil(dialog.question.hasFocus, timeout=LOGIN_SECONDS_MS)
    qtbot.keyClicks(dialog.question, "special-use antibiotic consultation")
    qtbot.keyClick(dialog.question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Emergency consultation ICU" in banner.care.text(),
                    timeout=LOGIN_SECONDS_MS)  # fmt: skip


def test_a_nurse_cannot_order_a_level_from_the_desktop(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    open_patient(qtbot, station, "zs", username=NURSE)
    qtbot.keyClick(QApplication.focusWidget() or station.view, Qt.Key.Key_L, CTRL | SHIFT)
    assert not any(d.isVisible() for d in station.view.findChildren(NursingLevelDialog))
    assert "doctor orders the level" in station.view.status.currentMessage()
