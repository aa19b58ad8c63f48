"""The infusion round (输液巡视) by keyboard: the nurse scans a running bag's label, which opens the
round form on that bag; she types the drip rate and Enter records it with the link down — a
signed event in the replica at once, on the order's closed-loop timeline, and on the server
exactly once after the link is back and two syncs."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from offline_cache.workstation import Workstation
from tests.ui.flows import log_in_to_worklist
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.nurse_ward import PHARMACIST, add_staff, scan
from tests.ui.ward import DOCTOR, NURSE, PASSWORD, WARD
from ui.screens.infusion_round.dialog import InfusionRoundDialog
from workstation.clinical.barcodes import label_code
from workstation.clinical.closed_loop import closed_loop
from workstation.clock import iso, utc_now
from workstation.projections.nursing_queries import nursing_chart
from workstation.server.db import make_engine
from workstation.server.models import events

WAIT = LOGIN_SECONDS_MS


def _hang_bag(folder, server_url: str, patient_id: str) -> str:  # noqa: ANN001
    """A once-only bag of furosemide in NS 100 mL, ordered, verified and hung 20 minutes ago."""
    started = utc_now() - timedelta(minutes=30)
    ws = Workstation.open(folder / "bag-station", server_url=server_url, ward_id=WARD)
    try:
        ws.login(DOCTOR, PASSWORD)
        order_id = ws.record("OrderPlaced", patient_id=patient_id, payload={
            "order_kind": "medication", "description": "NS 100ml + 呋塞米 20mg ivgtt st",
            "start_at": iso(started),
            "medication": {"drug_code": "furosemide", "drug_name": "呋塞米", "dose_value": 20,
                           "dose_unit": "mg", "route": "ivgtt", "frequency": "st"},
            "group": {"carrier": {"code": "ns", "volume_ml": 100}, "members": []}}).event_id  # fmt: skip
        ws.sync()
        ws.login(PHARMACIST, PASSWORD)
        ws.record("OrderVerified", patient_id=patient_id, payload={"order_id": order_id})
        ws.sync()
        ws.login(NURSE, PASSWORD)
        ws.record("MedicationAdministered", patient_id=patient_id, payload={
            "order_id": order_id, "outcome": "given", "administered_at": iso(started + timedelta(minutes=10)),
            "scheduled_for": iso(started), "dose_value": 20, "dose_unit": "mg", "route": "ivgtt"})  # fmt: skip
        ws.sync()
        ws.logout()
    finally:
        ws.close()
    return order_id


def _on_server(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(events)
                                .where(events.c.type == "InfusionRoundRecorded")).scalar_one()  # fmt: skip
    finally:
        engine.dispose()


def test_a_scanned_bag_opens_the_round_and_enter_records_it_once(
    qtbot: QtBot, tmp_path, ward_server, open_station
):  # noqa: ANN001
    server, ward = ward_server
    add_staff(ward.database_url)
    order_id = _hang_bag(tmp_path, server.url, ward.zhang_san)
    station = open_station()
    log_in_to_worklist(qtbot, station, NURSE)
    rounds = station.shell.infusion
    qtbot.waitUntil(lambda: order_id in rounds.round_orders, timeout=WAIT)
    scan(qtbot, label_code(order_id))
    qtbot.waitUntil(lambda: rounds.dialog is not None and rounds.dialog.isVisible(), timeout=WAIT)
    dialog: InfusionRoundDialog = rounds.dialog
    qtbot.waitUntil(dialog.rate.hasFocus)
    assert dialog.bag().order_id == order_id and dialog.scanned
    server.stop()  # the link is lost at the bedside: the round is still recorded
    scan_target = QApplication.focusWidget()
    qtbot.keyClicks(scan_target, "40")
    qtbot.keyClick(scan_target, Qt.Key.Key_Return)
    ws = station.workstation
    qtbot.waitUntil(lambda: rounds.dialog is None, timeout=WAIT)  # closed once saved on disk
    with ws.store.reading() as conn:
        chart = nursing_chart(conn, ward.zhang_san)
    [looked] = chart["infusion_rounds"]
    assert (looked["rate_value"], looked["rate_unit"], looked["site"], looked["action"],
            looked["scanned"]) == (40, "gtt_min", "normal", "continue", True)  # fmt: skip
    assert [e.kind for e in closed_loop(chart, order_id)][-1] == "infusion_round"
    assert _on_server(ward.database_url) == 0 and ws.status().waiting == 1
    server.start()
    for _twice in range(2):  # the second sync sends nothing again
        with qtbot.waitSignal(station.shell.sig_synced, timeout=WAIT):
            station.shell.sync_now()
    assert _on_server(ward.database_url) == 1 and ws.status().waiting == 0
