"""The pharmacist's keystroke tasks for keystrokes.py: verify_order and outpatient_dispense.

verify_order         F11 opens the verification queue on the oldest order, V verifies it.
outpatient_dispense  F12 opens the counter, F5 calls the next number, three items are scanned
                     (each a scan: the code typed by the wedge scanner, then Return), F8 hands over.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

PHARMACIST = "bench.pharmacist"
SECOND_NURSE = "bench.nurse2"  # the skin test's second nurse (双人核对)
ITEMS = ("amox 500mg po tid 5d", "omeprazole 20mg po qd 7d", "paracetamol 500mg po q6h 3d")
CODES = ("amoxicillin", "omeprazole", "paracetamol")


def add_pharmacist(url: str, password: str, ward: str) -> None:
    """A pharmacist user on the bench server's database."""
    from workstation.server import auth, refdata
    from workstation.server.db import make_engine, writer

    engine = make_engine(url)
    with writer(engine) as conn:
        auth.add_user(conn, username=PHARMACIST, password=password, display_name="Bench pharmacist",
                      role="pharmacist", wards=[ward])  # fmt: skip
        refdata.publish_directory(conn)
    engine.dispose()


def read_skin_tests(url: str, folder: Path, server_url: str, ward: str, nurse: str,
                    password: str) -> None:  # fmt: skip
    """A negative penicillin skin test (皮试, read by the nurse with a second nurse) for every
    patient on the ward: the doctor's amoxicillin orders of the earlier tasks head the queue,
    and the pharmacist may verify a penicillin only after a negative test."""
    from offline_cache.workstation import Workstation
    from workstation.clinical.skin_tests import skin_test_payload
    from workstation.clock import now_iso
    from workstation.server import auth, refdata
    from workstation.server.db import make_engine, writer

    engine = make_engine(url)
    with writer(engine) as conn:
        witness_id = auth.add_user(conn, username=SECOND_NURSE, password=password,
                                display_name="Bench nurse 2", role="nurse", wards=[ward])  # fmt: skip
        refdata.publish_directory(conn)
    engine.dispose()
    ws = Workstation.open(folder / "skin-test-seeding", server_url=server_url, ward_id=ward)
    try:
        session = ws.login(nurse, password)
        ws.sync()
        for patient in ws.census(ward):
            ws.record("SkinTestRecorded", patient_id=patient["patient_id"], payload=skin_test_payload(
                substance="penicillin", result="negative", read_at=now_iso(),
                witness_id=witness_id, author_id=session.user_id))  # fmt: skip
        ws.sync()
    finally:
        ws.close()


def seed_pharmacy(folder: Path, server_url: str, ward: str, doctor: str, password: str) -> None:
    """An order waiting for verification, stock of three drugs, one outpatient prescription."""
    from offline_cache.workstation import Workstation
    from workstation.clinical.dispensing import outpatient_item
    from workstation.clinical.formulary import default_formulary
    from workstation.clock import utc_now

    ws = Workstation.open(folder / "pharmacy-seeding", server_url=server_url, ward_id=ward)
    try:
        ws.login(doctor, password)
        ws.sync()  # a new station: pull the ward first
        patient = ws.census(ward)[0]["patient_id"]
        ws.record("OrderPlaced", patient_id=patient, payload={
            "order_kind": "medication", "description": "omeprazole 20mg po qd",
            "medication": {"drug_code": "omeprazole", "drug_name": "Omeprazole", "dose_value": 20,
                           "dose_unit": "mg", "route": "po", "frequency": "qd"}})  # fmt: skip
        ws.sync()
        ws.login(PHARMACIST, password)
        expiry = (utc_now() + timedelta(days=365)).date().isoformat()
        for code in CODES:
            ws.record("StockReceived", patient_id=None, payload={
                "drug_code": code, "lot": f"{code[:3].upper()}-1", "expiry": expiry,
                "location_id": "PHARM", "quantity": 500, "unit": "unit"})  # fmt: skip
        items = [outpatient_item(s, default_formulary()) for s in ITEMS]
        ws.record("OutpatientPrescribed", patient_id=None, payload={
            "queue_number": 1, "patient_name": "赵六", "patient_ref": "OP0001", "items": items})  # fmt: skip
        ws.sync()
    finally:
        ws.close()


def verify_order(view: Any, shell: Any, count: Any, wait_until: Any) -> Any:
    """Open the queue (F11) and verify the oldest order (V)."""
    pharmacy = shell.pharmacy
    decided: list[str] = []
    pharmacy.sig_decided.connect(lambda kind, order_id: decided.append(order_id))
    count.chord(view, Qt.Key.Key_F11)
    table = view.findChild(object, "verificationQueue")
    wait_until(lambda: table.hasFocus() and bool(pharmacy.waiting) and table.currentRow() == 0)
    count.chord(table, Qt.Key.Key_V)
    wait_until(lambda: bool(decided))
    return count


def outpatient_dispense(view: Any, shell: Any, count: Any, wait_until: Any) -> Any:
    """F12, F5 call next, scan three items, F8 hand over."""
    pharmacy = shell.pharmacy
    handed: list[str] = []
    dispensed: list[dict[str, Any]] = []
    pharmacy.sig_handed_over.connect(handed.append)
    pharmacy.sig_dispensed.connect(dispensed.append)
    count.chord(view, Qt.Key.Key_F12)
    scan = view.findChild(object, "counterScan")
    wait_until(scan.hasFocus)
    count.chord(scan, Qt.Key.Key_F5)
    wait_until(lambda: pharmacy.serving is not None)
    for number, code in enumerate(CODES, start=1):
        QTest.keyClicks(scan, code)
        QTest.keyClick(scan, Qt.Key.Key_Return)
        count.scans += 1
        wait_until(lambda n=number: len(dispensed) == n)
    wait_until(lambda: pharmacy.serving is not None and pharmacy.serving.complete)
    count.chord(scan, Qt.Key.Key_F8)
    wait_until(lambda: bool(handed))
    return count


TASKS = {"verify_order": verify_order, "outpatient_dispense": outpatient_dispense}
