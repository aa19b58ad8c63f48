"""The pharmacist's screens by keyboard and scanner: verification queue, outpatient counter
with first-expiry-first-out lots, an expired lot refused, near-expiry alert."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from offline_cache.tables import audit_outbox
from offline_cache.workstation import Workstation
from tests.integration.test_reports import check_pdf
from tests.ui.flows import CTRL, log_in
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.ward import DOCTOR, PASSWORD, WARD
from ui.screens.pharmacy import tasks
from workstation.clinical.dispensing import outpatient_item
from workstation.clinical.formulary import default_formulary
from workstation.clinical.formulary_io import read_table
from workstation.clinical.schedule import ward_clock
from workstation.clock import utc_now
from workstation.projections import pharmacy_tables as pht
from workstation.projections import tables as pt
from workstation.server import auth, refdata
from workstation.server.db import make_engine, writer
from workstation.server.models import audit_log

PHARMACIST = "pharm"
SOON = (utc_now() + timedelta(days=20)).date().isoformat()
LATER = (utc_now() + timedelta(days=400)).date().isoformat()
GONE = (utc_now() - timedelta(days=2)).date().isoformat()
LOTS = [("amoxicillin", "AMX-GONE", GONE), ("amoxicillin", "AMX-LATE", LATER),
        ("amoxicillin", "AMX-SOON", SOON), ("omeprazole", "OME-1", LATER),
        ("paracetamol", "PCM-1", LATER)]  # fmt: skip
SENTENCES = ("amox 500mg po tid 5d", "omeprazole 20mg po qd 7d", "paracetamol 500mg po q6h 3d")


def _medication(drug: str, dose: float, frequency: str) -> dict:
    return {"order_kind": "medication", "description": f"{drug} {dose:g}mg po {frequency}",
            "medication": {"drug_code": drug, "drug_name": drug, "dose_value": dose,
                           "dose_unit": "mg", "route": "po", "frequency": frequency}}  # fmt: skip


def _seed(folder: Path, server_url: str, li_si: str) -> None:
    ws = Workstation.open(folder / "pharmacy-seeding", server_url=server_url, ward_id=WARD)
    try:
        ws.login(DOCTOR, PASSWORD)
        ws.record("OrderPlaced", patient_id=li_si, payload=_medication("omeprazole", 20, "qd"))
        ws.record("OrderPlaced", patient_id=li_si, payload=_medication("paracetamol", 500, "qid"))
        ws.sync()
        ws.login(PHARMACIST, PASSWORD)
        for drug, lot, expiry in LOTS:
            ws.record("StockReceived", patient_id=None, payload={
                "drug_code": drug, "lot": lot, "expiry": expiry, "location_id": "PHARM",
                "quantity": 100, "unit": "cap" if drug != "paracetamol" else "tab"})  # fmt: skip
        items = [outpatient_item(s, default_formulary()) for s in SENTENCES]
        ws.record("OutpatientPrescribed", patient_id=None, payload={
            "queue_number": 7, "patient_name": "赵六", "patient_ref": "OP0007", "items": items})  # fmt: skip
        ws.sync()
    finally:
        ws.close()


@pytest.fixture
def pharmacy(qtbot: QtBot, open_station, ward_server, tmp_path: Path):  # noqa: ANN001, ANN201
    """A pharmacist logged in on a station, with two orders waiting, stock and an outpatient."""
    server, ward = ward_server
    engine = make_engine(ward.database_url)
    with writer(engine) as conn:
        auth.add_user(conn, username=PHARMACIST, password=PASSWORD, display_name="Pharmacist Sun",
                      role="pharmacist", wards=[WARD])  # fmt: skip
        refdata.publish_directory(conn)
    engine.dispose()
    _seed(tmp_path, server.url, ward.li_si)
    station = open_station()
    log_in(qtbot, station, PHARMACIST)
    qtbot.waitUntil(lambda: not station.shell.sync_workers.busy(), timeout=LOGIN_SECONDS_MS)
    return station


def test_verify_and_reject_from_the_queue_by_keyboard(qtbot: QtBot, pharmacy) -> None:  # noqa: ANN001
    station, controller = pharmacy, pharmacy.shell.pharmacy
    queue = station.view.findChild(object, "verificationQueue")
    qtbot.waitUntil(lambda: controller.actions[0].isEnabled(), timeout=LOGIN_SECONDS_MS)
    with qtbot.waitSignal(controller.sig_queue_shown, timeout=LOGIN_SECONDS_MS) as shown:
        qtbot.keyClick(station.view, Qt.Key.Key_F11)
    assert shown.args == [2]
    qtbot.waitUntil(queue.hasFocus)
    oldest = controller.waiting[0]
    assert "omeprazole" in oldest.order["description"]
    assert "penicillin" not in station.view.findChild(object, "verificationDetail").toPlainText()
    with qtbot.waitSignal(controller.sig_decided, timeout=LOGIN_SECONDS_MS) as verified:
        qtbot.keyClick(queue, Qt.Key.Key_V)
    assert verified.args == ["verify", oldest.order_id]
    qtbot.waitUntil(lambda: len(controller.waiting) == 1, timeout=LOGIN_SECONDS_MS)
    words = station.view.findChild(object, "wordsField")
    qtbot.keyClick(queue, Qt.Key.Key_R)
    qtbot.waitUntil(words.hasFocus)
    qtbot.keyClicks(words, "paracetamol already on the home list")
    with qtbot.waitSignal(controller.sig_decided, timeout=LOGIN_SECONDS_MS) as rejected:
        qtbot.keyClick(words, Qt.Key.Key_Return)
    assert rejected.args[0] == "reject"
    qtbot.waitUntil(lambda: controller.waiting == [], timeout=LOGIN_SECONDS_MS)
    with station.workstation.store.reading() as conn:
        o = pt.orders.c
        rows = dict(conn.execute(select(o.description, o.status)).all())
        reason = conn.execute(select(o.end_reason).where(o.status == "rejected")).scalar()
    assert rows == {"omeprazole 20mg po qd": "verified", "paracetamol 500mg po qid": "rejected"}
    assert reason == "paracetamol already on the home list"


def _scan(qtbot: QtBot, field, code: str) -> None:  # noqa: ANN001
    """A keyboard-wedge scanner: the code's characters, then Return."""
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_outpatient_with_three_items_dispensed_by_scanning_from_fefo_lots(
    qtbot: QtBot,
    pharmacy,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    station, controller = pharmacy, pharmacy.shell.pharmacy
    controller.label_dir = tmp_path / "labels"
    scan = station.view.findChild(object, "counterScan")
    qtbot.waitUntil(lambda: controller.actions[1].isEnabled(), timeout=LOGIN_SECONDS_MS)
    qtbot.keyClick(station.view, Qt.Key.Key_F12)
    qtbot.waitUntil(scan.hasFocus)
    qtbot.keyClick(scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: controller.serving is not None, timeout=LOGIN_SECONDS_MS)
    assert controller.serving.queue_number == 7
    lots = []
    for code in ("amoxicillin", "omeprazole", "paracetamol"):
        with qtbot.waitSignal(controller.sig_dispensed, timeout=LOGIN_SECONDS_MS) as done:
            _scan(qtbot, scan, code)
        lots.append(done.args[0]["lot"])
    assert lots == ["AMX-SOON", "OME-1", "PCM-1"]  # never the expired lot, the soonest after it
    qtbot.waitUntil(lambda: controller.serving is not None and controller.serving.complete,
                    timeout=LOGIN_SECONDS_MS)  # fmt: skip
    qtbot.keyClicks(station.view.findChild(object, "counsellingNote"), "amoxicillin: finish it")
    with qtbot.waitSignal(controller.sig_labels_saved, timeout=LOGIN_SECONDS_MS) as saved:
        qtbot.keyClick(scan, Qt.Key.Key_F8)
    label_text = check_pdf(saved.args[0])
    for fact in ("赵六", "AMX-SOON", SOON, "amoxicillin/AMX-SOON", "OME-1", "PCM-1"):
        assert fact in label_text, fact
    assert str(saved.args[0]) in station.view.findChild(object, "counterMessage").text()
    with station.workstation.store.reading() as conn:
        rx = conn.execute(select(pht.outpatient_prescriptions)).one()
        dispensed = conn.execute(
            select(pt.stock_movements.c.quantity_delta).where(
                pt.stock_movements.c.lot == "AMX-SOON")
        ).scalars().all()  # fmt: skip
    assert rx.handed_over_at and rx.counselling_note == "amoxicillin: finish it"
    assert dispensed == [100, -15]  # 500 mg tid 5 days of 500 mg capsules


def test_a_scanned_expired_lot_is_refused(qtbot: QtBot, pharmacy) -> None:  # noqa: ANN001
    station, controller = pharmacy, pharmacy.shell.pharmacy
    scan = station.view.findChild(object, "counterScan")
    qtbot.waitUntil(lambda: controller.actions[1].isEnabled(), timeout=LOGIN_SECONDS_MS)
    qtbot.keyClick(station.view, Qt.Key.Key_F12)
    qtbot.waitUntil(scan.hasFocus)
    qtbot.keyClick(scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: controller.serving is not None, timeout=LOGIN_SECONDS_MS)
    with qtbot.waitSignal(controller.sig_refused, timeout=LOGIN_SECONDS_MS) as refused:
        _scan(qtbot, scan, "amoxicillin/AMX-GONE")
    assert f"lot AMX-GONE of amoxicillin expired on {GONE}" in refused.args[0]
    message = station.view.findChild(object, "counterMessage")
    assert "expired" in message.text()
    assert not controller.serving.dispensed


def test_near_expiry_and_expired_lots_are_alerted_on_the_stock_screen(
    qtbot: QtBot,
    pharmacy,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    station, controller = pharmacy, pharmacy.shell.pharmacy
    alerts = station.view.findChild(object, "stockAlerts")
    qtbot.waitUntil(lambda: controller.actions[3].isEnabled(), timeout=LOGIN_SECONDS_MS)
    qtbot.keyClick(station.view, Qt.Key.Key_F12, CTRL)
    qtbot.waitUntil(lambda: alerts.count() > 0, timeout=LOGIN_SECONDS_MS)
    texts = [alerts.item(i).text() for i in range(alerts.count())]
    assert any(
        t.startswith("Expires within 30 days: pharmacy store Amoxicillin AMX-SOON") for t in texts
    )
    assert any(t.startswith("Expired: pharmacy store Amoxicillin AMX-GONE") for t in texts)
    _the_export_names_places_and_alerts_in_words_on_the_ward_clock(station, tmp_path)


def _the_export_names_places_and_alerts_in_words_on_the_ward_clock(station, folder: Path) -> None:  # noqa: ANN001
    before = utc_now().astimezone(ward_clock()).strftime("%Y%m%d-%H%M")
    xlsx, pdf = tasks.export_stock(station.workstation, folder, "zh_CN")
    after = utc_now().astimezone(ward_clock()).strftime("%Y%m%d-%H%M")
    assert xlsx.stem == pdf.stem and xlsx.stem.removeprefix("stock-") in (before, after)
    rows = read_table(xlsx)
    assert {r["location"] for r in rows} == {"药房药库"}  # never PHARM
    alerts = {r["lot"]: r["alert"] for r in rows}
    assert alerts["AMX-GONE"] == "已过期" and alerts["AMX-SOON"] == "近效期"


def _audited_prints(station, database_url: str) -> list[str]:  # noqa: ANN001
    """Patients of the print entries queued on the station or already on the server (an entry
    is on the server before it leaves the station's queue, so it is always in one of them)."""
    with station.workstation.store.reading() as conn:
        queued = conn.execute(select(audit_outbox.c.patient_id)
                              .where(audit_outbox.c.action == "print")).scalars().all()  # fmt: skip
    engine = make_engine(database_url)
    with writer(engine) as conn:
        sent = conn.execute(select(audit_log.c.patient_id)
                            .where(audit_log.c.action == "print")).scalars().all()  # fmt: skip
    engine.dispose()
    return [patient for patient in [*queued, *sent] if patient]


def test_a_ward_pick_saves_a_dispensing_label_with_lot_and_expiry(
    qtbot: QtBot,
    pharmacy,  # noqa: ANN001
    ward_server,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    station, controller = pharmacy, pharmacy.shell.pharmacy
    controller.label_dir = tmp_path / "labels"
    queue = station.view.findChild(object, "verificationQueue")
    qtbot.waitUntil(lambda: controller.actions[0].isEnabled(), timeout=LOGIN_SECONDS_MS)
    with qtbot.waitSignal(controller.sig_queue_shown, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(station.view, Qt.Key.Key_F11)
    qtbot.waitUntil(queue.hasFocus)
    with qtbot.waitSignal(controller.sig_decided, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(queue, Qt.Key.Key_V)  # omeprazole 20 mg po qd, the oldest
    qtbot.keyClick(station.view, Qt.Key.Key_F11, CTRL)
    scan = station.view.findChild(object, "pickScan")
    qtbot.waitUntil(scan.hasFocus)
    with qtbot.waitSignal(controller.sig_labels_saved, timeout=LOGIN_SECONDS_MS) as saved:
        _scan(qtbot, scan, "omeprazole")
    text = check_pdf(saved.args[0])
    for fact in ("OME-1", LATER, "omeprazole/OME-1", "20 mg", "once daily"):
        assert fact in text, fact
    assert saved.args[0].stat().st_mode & 0o077 == 0  # a label names the patient: 0600
    assert _audited_prints(station, ward_server[1].database_url)  # the label print is audited
    assert str(saved.args[0]) in station.view.findChild(object, "pickMessage").text()
    wards = station.view.findChild(object, "pickWard")
    qtbot.waitUntil(lambda: wards.count() > 0)  # the wards by name, the station's chosen
    assert wards.currentData() == controller.ward_id != wards.currentText()
