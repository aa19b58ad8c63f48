"""Barcode medication administration with a wedge scanner: real keys, scans typed as fast bursts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.ui.flows import log_in_to_worklist
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.nurse_ward import NURSE2, Orders, add_staff, record_number, scan, seed_orders
from tests.ui.ward import PASSWORD
from workstation.clinical.barcodes import wristband_code
from workstation.projections import tables as pt
from workstation.reports.labels import order_barcode

WAIT = LOGIN_SECONDS_MS


@pytest.fixture
def orders(tmp_path, ward_server) -> Orders:  # noqa: ANN001
    server, ward = ward_server
    add_staff(ward.database_url)
    return seed_orders(tmp_path, server.url, ward.zhang_san, ward.li_si)


def _nurse_at_worklist(qtbot: QtBot, open_station, *, witness_logged_in_before: bool = False):  # noqa: ANN001, ANN202
    station = open_station()
    if witness_logged_in_before:
        station.workstation.login(NURSE2, PASSWORD)  # the second nurse worked on this PC earlier
        station.workstation.logout()
    log_in_to_worklist(qtbot, station)
    return station


def _scan_wristband(qtbot: QtBot, station, patient_id: str) -> None:  # noqa: ANN001
    mar = station.shell.nurse.mar
    with qtbot.waitSignal(station.shell.chart.sig_chart_opened, timeout=WAIT):
        scan(qtbot, wristband_code(record_number(station, patient_id)))
    qtbot.waitUntil(
        lambda: mar.patient is not None and mar.patient["patient_id"] == patient_id, timeout=WAIT
    )
    qtbot.waitUntil(station.shell.nurse.mar_view.table.hasFocus, timeout=WAIT)


def _scan_drug(qtbot: QtBot, station, order_id: str):  # noqa: ANN001, ANN202
    with qtbot.waitSignal(station.shell.nurse.mar.sig_scan_checked, timeout=WAIT) as checked:
        scan(qtbot, order_barcode(order_id))
    return checked.args[0]


def _administrations(station, order_id: str) -> list[dict]:  # noqa: ANN001
    with station.workstation.store.reading() as conn:
        rows = conn.execute(
            select(pt.administrations).where(pt.administrations.c.order_id == order_id)
        )
        return [dict(r._mapping) for r in rows]


def _confirm(qtbot: QtBot, station) -> str:  # noqa: ANN001
    mar = station.shell.nurse.mar
    with qtbot.waitSignal(mar.sig_recorded, timeout=WAIT) as recorded:
        qtbot.keyClick(station.view.focusWidget(), Qt.Key.Key_Return)
    return recorded.args[0]


def test_right_patient_and_drug_two_scans_and_enter(
    qtbot: QtBot, open_station, orders, ward_server
) -> None:  # noqa: ANN001
    _server, ward = ward_server
    station = _nurse_at_worklist(qtbot, open_station)
    _scan_wristband(qtbot, station, ward.zhang_san)
    check = _scan_drug(qtbot, station, orders.metoprolol)
    assert not check.blocked and not check.problems
    view = station.shell.nurse.mar_view
    assert "Right patient, drug, dose, route and time" in view.message.text()
    assert view.confirm.hasFocus()
    _confirm(qtbot, station)
    [given] = _administrations(station, orders.metoprolol)
    assert (given["outcome"], given["dose_value"], given["dose_unit"], given["route"]) == (
        "given",
        25,
        "mg",
        "po",
    )
    with station.workstation.store.reading() as conn:
        [bedside] = conn.execute(select(pt.bedside_checks)).all()
    assert bedside.result == "match" and bedside.wristband_code.startswith("WB")
    qtbot.waitUntil(
        lambda: "given" in " ".join(view.model._text(d, 3) for d in view.model.doses), timeout=WAIT
    )


def test_wrong_patient_blocks(qtbot: QtBot, open_station, orders, ward_server) -> None:  # noqa: ANN001
    _server, ward = ward_server
    station = _nurse_at_worklist(qtbot, open_station)
    _scan_wristband(qtbot, station, ward.zhang_san)
    check = _scan_drug(qtbot, station, orders.amlodipine)  # 李四's label
    assert check.blocked and check.problems[0].code == "wrong_patient"
    view = station.shell.nurse.mar_view
    assert "Wrong patient" in view.message.text() and "李四" in view.message.text()
    assert not view.form.isEnabled()
    qtbot.keyClick(station.view.focusWidget(), Qt.Key.Key_Return)
    assert _administrations(station, orders.amlodipine) == []


def test_wrong_drug_blocks(qtbot: QtBot, open_station, orders, ward_server) -> None:  # noqa: ANN001
    _server, ward = ward_server
    station = _nurse_at_worklist(qtbot, open_station)
    _scan_wristband(qtbot, station, ward.zhang_san)
    view = station.shell.nurse.mar_view
    row = next(r for r, d in enumerate(view.model.doses) if d.order_id == orders.metoprolol)
    view.table.setCurrentIndex(view.model.index(row, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # the nurse chooses the metoprolol dose ...
    check = _scan_drug(qtbot, station, orders.digoxin)  # ... and scans digoxin
    assert check.blocked and check.problems[0].code == "wrong_drug"
    assert "Wrong drug" in view.message.text()
    assert _administrations(station, orders.digoxin) == []


def test_wrong_dose_needs_a_reason(qtbot: QtBot, open_station, orders, ward_server) -> None:  # noqa: ANN001
    _server, ward = ward_server
    station = _nurse_at_worklist(qtbot, open_station)
    _scan_wristband(qtbot, station, ward.zhang_san)
    mar = station.shell.nurse.mar
    with qtbot.waitSignal(mar.sig_scan_checked, timeout=WAIT) as checked:
        scan(qtbot, "RX:metoprolol:50:mg:po")  # a 50 mg package for a 25 mg dose
    check = checked.args[0]
    assert not check.blocked and [p.code for p in check.problems] == ["wrong_dose"]
    view = station.shell.nurse.mar_view
    assert "50 mg" in view.message.text() and "25 mg" in view.message.text()
    assert view.reason.hasFocus()
    qtbot.keyClick(view.reason, Qt.Key.Key_Return)
    assert _administrations(station, orders.metoprolol) == []  # no reason yet: nothing saved
    qtbot.keyClicks(view.reason, "half a 50 mg tablet")
    qtbot.keyClick(view.reason, Qt.Key.Key_Tab)
    view.confirm.setFocus()
    _confirm(qtbot, station)
    [given] = _administrations(station, orders.metoprolol)
    assert given["dose_value"] == 25


def test_too_early_needs_a_reason(qtbot: QtBot, open_station, orders, ward_server) -> None:  # noqa: ANN001
    _server, ward = ward_server
    station = _nurse_at_worklist(qtbot, open_station)
    _scan_wristband(qtbot, station, ward.zhang_san)
    check = _scan_drug(qtbot, station, orders.digoxin)  # due in 3 hours
    assert not check.blocked and [p.code for p in check.problems] == ["wrong_time"]
    view = station.shell.nurse.mar_view
    assert "Too early" in view.message.text()
    qtbot.keyClick(view.reason, Qt.Key.Key_Return)
    assert "reason" in view.message.text()
    qtbot.keyClicks(view.reason, "Patient leaving the ward for a test")
    view.confirm.setFocus()
    _confirm(qtbot, station)
    with station.workstation.store.reading() as conn:
        detail = conn.execute(select(pt.administration_details)).one()
    assert detail.early_late_reason == "Patient leaving the ward for a test"


def test_unable_to_scan_needs_a_reason_and_is_counted(
    qtbot: QtBot, open_station, orders, ward_server
) -> None:  # noqa: ANN001
    _server, ward = ward_server
    station = _nurse_at_worklist(qtbot, open_station)
    with qtbot.waitSignal(station.shell.chart.sig_chart_opened, timeout=WAIT):
        qtbot.keyClick(station.shell.nurse.worklist_view.table, Qt.Key.Key_Return)
    view, mar = station.shell.nurse.mar_view, station.shell.nurse.mar
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and view.table.hasFocus(), timeout=WAIT)
    row = next(
        r
        for r, d in enumerate(view.model.doses)
        if d.status == "due" and d.order_id != orders.heparin
    )
    view.table.setCurrentIndex(view.model.index(row, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert view.unable_reason.hasFocus()
    view.confirm.setFocus()
    qtbot.keyClick(view.confirm, Qt.Key.Key_Return)
    assert "Scan" in view.message.text()  # no reason chosen: not recorded
    qtbot.keyClick(view.unable_reason, Qt.Key.Key_Down)  # the first reason of the list
    assert view.unable_reason.currentText()
    view.confirm.setFocus()
    _confirm(qtbot, station)
    assert mar.unable_count == 1
    with station.workstation.store.reading() as conn:
        [bedside] = conn.execute(select(pt.bedside_checks)).all()
    assert bedside.result == "unable_to_scan" and bedside.unable_to_scan_reason


def test_high_alert_needs_a_second_nurse(qtbot: QtBot, open_station, orders, ward_server) -> None:  # noqa: ANN001
    _server, ward = ward_server
    station = _nurse_at_worklist(qtbot, open_station, witness_logged_in_before=True)
    _scan_wristband(qtbot, station, ward.zhang_san)
    check = _scan_drug(qtbot, station, orders.heparin)
    assert not check.blocked
    view, mar = station.shell.nurse.mar_view, station.shell.nurse.mar
    assert view.witness_user.isVisible() and view.witness_user.hasFocus()
    view.confirm.setFocus()
    qtbot.keyClick(view.confirm, Qt.Key.Key_Return)  # without the second nurse
    assert "second nurse" in view.message.text()
    assert _administrations(station, orders.heparin) == []
    qtbot.keyClicks(view.witness_user, NURSE2)
    qtbot.keyClick(view.witness_user, Qt.Key.Key_Tab)
    with qtbot.waitSignal(mar.sig_record_failed, timeout=WAIT):
        qtbot.keyClicks(view.witness_password, "wrong password")
        qtbot.keyClick(view.witness_password, Qt.Key.Key_Return)
    assert "not accepted" in view.message.text()
    assert _administrations(station, orders.heparin) == []
    qtbot.keyClicks(view.witness_password, PASSWORD)
    with qtbot.waitSignal(mar.sig_recorded, timeout=WAIT):
        qtbot.keyClick(view.witness_password, Qt.Key.Key_Return)
    [given] = _administrations(station, orders.heparin)
    assert given["witness_id"] and given["witness_id"] != given["recorded_by"]


def test_dose_after_an_offline_discontinuation_is_kept_and_flagged(
    qtbot: QtBot,
    tmp_path,
    open_station,
    orders,
    ward_server,  # noqa: ANN001
) -> None:
    server, ward = ward_server
    station = _nurse_at_worklist(qtbot, open_station)
    server.stop()  # the ward loses the link; the doctor stops the order on the server meanwhile
    _scan_wristband(qtbot, station, ward.zhang_san)
    _scan_drug(qtbot, station, orders.metoprolol)
    event_id = _confirm(qtbot, station)
    server.start()
    from offline_cache.workstation import Workstation
    from tests.ui.ward import DOCTOR

    doctor = Workstation.open(tmp_path / "doctor-pc", server_url=server.url, ward_id="W1")
    try:
        doctor.login(DOCTOR, PASSWORD)
        doctor.record("OrderDiscontinued", patient_id=ward.zhang_san,
                      payload={"order_id": orders.metoprolol, "reason": "bradycardia"})  # fmt: skip
        doctor.sync()
    finally:
        doctor.close()
    with qtbot.waitSignal(station.shell.sig_synced, timeout=WAIT):
        station.shell.sync_now()
    with qtbot.waitSignal(station.shell.sig_synced, timeout=WAIT):
        station.shell.sync_now()
    assert station.workstation.status().waiting == 0
    [given] = _administrations(station, orders.metoprolol)
    assert given["administration_id"] == event_id  # recorded, not lost
    with station.workstation.store.reading() as conn:
        flags = conn.execute(select(pt.review_flags)).all()
    assert any(f.event_id == event_id and f.flag_kind == "given_after_stop" for f in flags)
