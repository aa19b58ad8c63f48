"""The medication closed loop from a MAR row or the Orders tab (Ctrl+T): every step with time and
person, the exceptions marked, and the steps not reached yet."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.flows import log_in
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.nurse_ward import Orders, add_staff, seed_orders
from tests.ui.nursing_forms import open_chart
from tests.ui.ward import NURSE
from ui.screens.closed_loop.dialog import ClosedLoopDialog
from ui.tasks import user_names
from workstation.clock import now_iso

WAIT = LOGIN_SECONDS_MS
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def orders(tmp_path, ward_server) -> Orders:  # noqa: ANN001
    server, ward = ward_server
    add_staff(ward.database_url)
    return seed_orders(tmp_path, server.url, ward.zhang_san, ward.li_si)


def _loop_rows(qtbot: QtBot, station) -> list[list[str]]:  # noqa: ANN001
    # names come from the user directory the login sync brings down; wait for it, not a race
    qtbot.waitUntil(lambda: "Dr Li" in user_names(station.workstation).values(), timeout=WAIT)
    qtbot.keyClick(QApplication.focusWidget() or station.view, Qt.Key.Key_T, CTRL)
    qtbot.waitUntil(lambda: station.view.findChild(ClosedLoopDialog) is not None, timeout=WAIT)
    dialog = station.view.findChild(ClosedLoopDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=WAIT)
    table = dialog.table
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    return [*rows, [dialog.heading.text(), dialog.open_steps.text()]]


def test_nurse_sees_the_loop_of_a_mar_row_with_a_refusal(
    qtbot: QtBot, open_station, ward_server, orders: Orders
) -> None:  # noqa: ANN001
    _server, ward = ward_server
    station = open_station()
    log_in(qtbot, station, NURSE)
    station.workstation.record("MedicationAdministered", patient_id=ward.zhang_san, payload={
        "order_id": orders.metoprolol, "outcome": "refused", "administered_at": now_iso(),
        "reason": "Patient refused"})  # fmt: skip
    open_chart(qtbot, station, ward.zhang_san)
    nurse = station.shell.nurse
    qtbot.keyClick(station.view, Qt.Key.Key_8, CTRL)  # the MAR
    qtbot.waitUntil(lambda: nurse.mar_view.model.rowCount() > 0, timeout=WAIT)
    doses = nurse.mar_view.model.doses
    row = next(i for i, d in enumerate(doses) if d.order_id == orders.metoprolol)
    nurse.mar_view.table.setCurrentIndex(nurse.mar_view.model.index(row, 0))
    rows = _loop_rows(qtbot, station)
    steps = [r[0] for r in rows[:-1]]
    assert steps == ["Signed by the doctor", "Verified by pharmacy", "Refused"]
    assert (
        rows[0][2] == "Dr Li" and rows[1][2] == "Pharmacist Ma" and rows[2][3] == "Patient refused"
    )
    assert all(len(r[1]) == len("11-26 20:55") for r in rows[:-1])
    heading, still_open = rows[-1]
    # as printed: the formulary name, the sig in words
    assert heading.startswith("Metoprolol tartrate  25 mg  oral")
    assert still_open == "Not yet: Dispensed, Received on the ward, Bedside check, Given"


def test_doctor_opens_the_loop_from_the_orders_tab_and_needs_a_medication_order(
    qtbot: QtBot, open_station, ward_server, orders: Orders
) -> None:  # noqa: ANN001
    _server, ward = ward_server
    station = open_station()
    log_in(qtbot, station)
    open_chart(qtbot, station, ward.li_si)
    qtbot.keyClick(station.view, Qt.Key.Key_T, CTRL)  # Summary tab: nothing chosen
    assert "Choose a medication order" in station.view.status.currentMessage()
    qtbot.keyClick(station.view, Qt.Key.Key_3, CTRL)
    orders_view = station.view.chart.orders
    qtbot.waitUntil(lambda: orders_view.active_model.rowCount() > 0, timeout=WAIT)
    rows = orders_view.active_model.rows
    row = next(i for i, o in enumerate(rows) if o["order_id"] == orders.amlodipine)
    orders_view.active.setCurrentIndex(orders_view.active_model.index(row, 0))
    loop = _loop_rows(qtbot, station)
    assert [r[0] for r in loop[:-1]] == ["Signed by the doctor", "Verified by pharmacy"]
    assert loop[-1][0].startswith("Amlodipine  5 mg  oral")
