"""Receiving a ward delivery by scan (Ctrl+Shift+R): each label the wedge scanner reads is matched
to what the pharmacy dispensed for this ward and recorded as WardReceived, which the order's
closed loop then shows; a second scan, another ward's label and an unknown code record nothing
and say why."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from offline_cache.session import Session
from offline_cache.workstation import Workstation
from tests.ui.flows import log_in
from tests.ui.helpers import LOGIN_SECONDS_MS, OFFLINE_PATIENT, offline_station
from tests.ui.nurse_ward import PHARMACIST, Orders, _order, add_staff, scan, seed_orders
from tests.ui.nursing_forms import open_chart
from tests.ui.ward import DOCTOR, NURSE, PASSWORD, WARD
from ui.screens.assessments.admission import AdmissionDialog
from ui.screens.closed_loop.dialog import ClosedLoopDialog
from ui.screens.palette.view import PaletteView
from ui.screens.ward_receipt.dialog import WardReceiptDialog
from ui.workers import Workers
from workstation.clinical.barcodes import label_code
from workstation.clinical.stock import PHARMACY_STORE
from workstation.clinical.ward_receipt import ward_deliveries
from workstation.clock import now_iso
from workstation.projections import tables as pt
from workstation.server import auth, refdata
from workstation.server.db import make_engine, writer

WAIT = LOGIN_SECONDS_MS
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
OTHER_WARD, OTHER_DOCTOR = "W2", "doc2"


def _dispense(ws: Workstation, patient_id: str, order_id: str, drug: str, lot: str) -> None:
    ws.record("Dispensed", patient_id=patient_id, payload={
        "drug_code": drug, "lot": lot, "location_id": PHARMACY_STORE, "quantity": 1, "unit": "tab",
        "order_id": order_id})  # fmt: skip


def _deliver(folder: Path, server_url: str, zhang: str, li: str, orders: Orders) -> None:
    """The pharmacist dispenses 张三's metoprolol (lot L1) and 李四's amlodipine (lot L7)."""
    ws = Workstation.open(folder / "pharmacy-station", server_url=server_url, ward_id=WARD)
    try:
        ws.login(PHARMACIST, PASSWORD)
        _dispense(ws, zhang, orders.metoprolol, "metoprolol", "L1")
        _dispense(ws, li, orders.amlodipine, "amlodipine", "L7")
        ws.sync()
        ws.logout()
    finally:
        ws.close()


def _other_ward_label(folder: Path, database_url: str, server_url: str) -> str:
    """Ward W2 with its own patient, whose order the pharmacist verifies and dispenses."""
    engine = make_engine(database_url)
    with writer(engine) as conn:
        refdata.add_ward(conn, ward_id=OTHER_WARD, name_en="Respiratory", name_zh="呼吸科",
                         beds=["1"])  # fmt: skip
        auth.add_user(conn, username=OTHER_DOCTOR, password=PASSWORD, display_name="Dr Zhou",
                      role="physician", wards=[OTHER_WARD])  # fmt: skip
        refdata.publish_directory(conn)
    engine.dispose()
    ws = Workstation.open(folder / "w2-station", server_url=server_url, ward_id=OTHER_WARD)
    try:
        ws.login(OTHER_DOCTOR, PASSWORD)
        wang = ws.admit_patient({
            "record_number": "", "name": "王五", "sex": "male", "birth_date": "1958-04-01",
            "ward_id": OTHER_WARD, "bed": "1", "admitted_at": now_iso(), "weight_kg": 70.0,
        }).patient_id  # fmt: skip
        order_id = ws.record("OrderPlaced", patient_id=wang, payload=_order(
            "metoprolol", "Metoprolol", 25, "mg", "po", 0)).event_id  # fmt: skip
        ws.sync()
        ws.login(PHARMACIST, PASSWORD)
        ws.record("OrderVerified", patient_id=wang, payload={"order_id": order_id})
        _dispense(ws, wang, order_id, "metoprolol", "L1")
        ws.sync()
        ws.logout()
    finally:
        ws.close()
    return label_code(order_id)


@pytest.fixture
def delivered(tmp_path, ward_server) -> tuple[Orders, str]:  # noqa: ANN001
    """The ward's orders with two items dispensed, and a dispensed label of another ward."""
    server, ward = ward_server
    add_staff(ward.database_url)
    orders = seed_orders(tmp_path, server.url, ward.zhang_san, ward.li_si)
    _deliver(tmp_path, server.url, ward.zhang_san, ward.li_si, orders)
    return orders, _other_ward_label(tmp_path, ward.database_url, server.url)


def _receipts(station) -> list[dict]:  # noqa: ANN001
    with station.workstation.store.reading() as conn:
        return [dict(r._mapping) for r in conn.execute(select(pt.ward_receipts)).all()]


def _scanned(qtbot: QtBot, dialog: WardReceiptDialog, code: str) -> str:
    """Scan a code into the screen and wait for what it says."""
    dialog.message.clear()
    scan(qtbot, code)
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=WAIT)
    return dialog.message.text()


def _open_receipt(qtbot: QtBot, station) -> WardReceiptDialog:  # noqa: ANN001
    def arrived() -> bool:
        with station.workstation.store.reading() as conn:
            return len(ward_deliveries(conn, WARD)) == 2

    qtbot.waitUntil(arrived, timeout=WAIT)  # the login sync brings the pharmacy's dispenses
    qtbot.keyClick(QApplication.focusWidget() or station.view, Qt.Key.Key_R, CTRL | SHIFT)
    qtbot.waitUntil(lambda: station.view.findChild(WardReceiptDialog) is not None, timeout=WAIT)
    dialog = station.view.findChild(WardReceiptDialog)
    qtbot.waitUntil(lambda: dialog.expected.rowCount() == 2, timeout=WAIT)
    assert QApplication.focusWidget() is dialog.scan_input
    return dialog


def test_nurse_receives_a_delivery_by_scanning_its_labels(
    qtbot: QtBot, open_station, ward_server, delivered: tuple[Orders, str]
) -> None:  # noqa: ANN001
    _server, ward = ward_server
    orders, other_ward_label = delivered
    station = open_station()
    log_in(qtbot, station, NURSE)
    dialog = _open_receipt(qtbot, station)
    assert dialog.expected_label.text() == "Still expected: 2"
    said = _scanned(qtbot, dialog, label_code(orders.metoprolol))
    assert said == "Received: Metoprolol 25 mg po st for 张三 (bed 1), lot L1."
    assert station.shell.nurse.scanner.scans == 1  # taken as a wedge scan, not typed text
    qtbot.waitUntil(lambda: dialog.received.rowCount() == 1, timeout=WAIT)
    assert dialog.expected.rowCount() == 1 and dialog.expected.item(0, 1).text() == "李四"
    assert [dialog.received.item(0, c).text() for c in (0, 1, 3, 4, 6)] == [
        "1", "张三", "L1", "1 tab", "Nurse Wang"]  # fmt: skip
    [receipt] = _receipts(station)
    assert (receipt["patient_id"], receipt["order_id"], receipt["lot"], receipt["quantity"]) == (
        ward.zhang_san, orders.metoprolol, "L1", 1)  # fmt: skip

    said = _scanned(qtbot, dialog, label_code(orders.metoprolol))
    assert said.startswith("Already received: Metoprolol 25 mg po st for 张三, ")
    assert said.endswith(" by Nurse Wang. Nothing recorded.") and len(_receipts(station)) == 1
    assert _scanned(qtbot, dialog, other_ward_label) == (
        "No patient on this ward has this label (it is another ward's item): nothing recorded; "
        "return it to pharmacy.")  # fmt: skip
    assert _scanned(qtbot, dialog, "HELLO-123") == (
        "Unknown code: that is not a pharmacy label. Scan the label on the item.")  # fmt: skip
    assert len(_receipts(station)) == 1
    # the dispensing label (drug/lot) of the one item left is received as well
    assert _scanned(qtbot, dialog, "amlodipine/L7").startswith("Received: Amlodipine 5 mg po st")
    qtbot.waitUntil(lambda: dialog.expected.rowCount() == 0, timeout=WAIT)
    assert dialog.expected_label.text() == "Still expected: 0"

    qtbot.keyClick(dialog.scan_input, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert station.shell.nurse.scan_taker is None  # scans go to the MAR again
    _closed_loop_shows_receipt(qtbot, station, ward.zhang_san, orders.metoprolol)


def _closed_loop_shows_receipt(qtbot: QtBot, station, patient_id: str, order_id: str) -> None:  # noqa: ANN001
    open_chart(qtbot, station, patient_id)
    nurse = station.shell.nurse
    qtbot.keyClick(station.view, Qt.Key.Key_8, CTRL)  # the MAR
    qtbot.waitUntil(lambda: nurse.mar_view.model.rowCount() > 0, timeout=WAIT)
    row = next(i for i, d in enumerate(nurse.mar_view.model.doses) if d.order_id == order_id)
    nurse.mar_view.table.setCurrentIndex(nurse.mar_view.model.index(row, 0))
    qtbot.keyClick(QApplication.focusWidget() or station.view, Qt.Key.Key_T, CTRL)
    qtbot.waitUntil(lambda: station.view.findChild(ClosedLoopDialog) is not None, timeout=WAIT)
    loop = station.view.findChild(ClosedLoopDialog)
    qtbot.waitUntil(lambda: loop.table.rowCount() > 0, timeout=WAIT)
    steps = {loop.table.item(r, 0).text(): loop.table.item(r, 3).text()
             for r in range(loop.table.rowCount())}  # fmt: skip
    assert steps["Dispensed"] == "lot L1, 1 tab"
    assert steps["Received on the ward"] == "lot L1, 1 tab"
    assert "Received on the ward" not in loop.open_steps.text()


@pytest.fixture
def offline(tmp_path: Path, test_keyring: object) -> Iterator[Workstation]:
    """A W1 station with no server: 张三's order was dispensed and pulled before the link went."""
    ws = offline_station(
        tmp_path / "station", Session("rn", "rn", "RN Nurse", "nurse", ("W1",), True, False)
    )
    yield ws
    ws.close()


def test_a_receipt_without_the_network_is_saved_locally_and_waits_to_sync(
    qtbot: QtBot, offline: Workstation
) -> None:
    order_id = offline.record("OrderPlaced", patient_id=OFFLINE_PATIENT, payload=_order(
        "metoprolol", "Metoprolol", 25, "mg", "po", 0)).event_id  # fmt: skip
    _dispense(offline, OFFLINE_PATIENT, order_id, "metoprolol", "L1")
    waiting = offline.status().waiting
    dialog = WardReceiptDialog(offline, Workers("work"), WARD)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.expected.rowCount() == 1, timeout=WAIT)
    qtbot.keyClicks(dialog.scan_input, label_code(order_id))  # typed: no scanner on this one
    qtbot.keyClick(dialog.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.received.rowCount() == 1, timeout=WAIT)
    assert dialog.message.text() == "Received: Metoprolol 25 mg po st for 张三 (bed 7), lot L1."
    assert offline.status().waiting == waiting + 1  # the WardReceived is in the outbox


def test_the_palette_opens_the_receipt_screen(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    log_in(qtbot, station, NURSE)
    qtbot.keyClick(QApplication.focusWidget() or station.view, Qt.Key.Key_K, CTRL)
    qtbot.waitUntil(lambda: any(p.isVisible() for p in station.view.findChildren(PaletteView)))
    palette = next(p for p in station.view.findChildren(PaletteView) if p.isVisible())
    qtbot.waitUntil(palette.input.hasFocus)
    qtbot.keyClicks(palette.input, "receive")
    assert palette.lines()[0].startswith("Receive ward delivery (scan)    Ctrl+Shift+R")
    qtbot.keyClick(palette.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: station.view.findChild(WardReceiptDialog) is not None, timeout=WAIT)
    dialog = station.view.findChild(WardReceiptDialog)
    qtbot.waitUntil(lambda: dialog.message.text() == "Scan the first item.", timeout=WAIT)
    assert dialog.expected_label.text() == "Still expected: 0"


def test_a_doctor_is_told_the_nursing_forms_are_the_nurses(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    """The server refuses WardReceived and AssessmentRecorded from anyone but a nurse, so the
    screens do not open for them to scan or fill in for nothing."""
    station = open_station()
    log_in(qtbot, station, DOCTOR)
    status = station.view.status
    qtbot.keyClick(QApplication.focusWidget() or station.view, Qt.Key.Key_R, CTRL | SHIFT)
    qtbot.waitUntil(lambda: status.currentMessage() != "", timeout=WAIT)
    assert status.currentMessage() == "A ward delivery is received by the ward's nurses."
    qtbot.keyClick(QApplication.focusWidget() or station.view, Qt.Key.Key_D, CTRL | SHIFT)
    assert status.currentMessage() == "Nursing assessments are recorded by nurses."
    assert station.view.findChild(WardReceiptDialog) is None
    assert station.view.findChild(AdmissionDialog) is None
