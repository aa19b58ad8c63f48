"""The nurse tests' ward: a second nurse and a pharmacist, verified medication orders, scan helpers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from offline_cache.workstation import Workstation
from tests.ui.ward import DOCTOR, PASSWORD, WARD
from workstation.clock import iso, utc_now
from workstation.projections import tables as pt
from workstation.server import auth, refdata
from workstation.server.db import make_engine, writer

NURSE2, PHARMACIST = "nurse2", "pharm"


@dataclass
class Orders:
    """The order ids seeded for the scanning tests."""

    metoprolol: str  # 张三, due now
    heparin: str  # 张三, high-alert, due now
    digoxin: str  # 张三, due in 3 hours
    amlodipine: str  # 李四, due now


def add_staff(database_url: str) -> None:
    """A second nurse (the witness) and a pharmacist (to verify orders)."""
    engine = make_engine(database_url)
    with writer(engine) as conn:
        auth.add_user(conn, username=NURSE2, password=PASSWORD, display_name="Nurse Liu",
                      role="nurse", wards=[WARD])  # fmt: skip
        auth.add_user(conn, username=PHARMACIST, password=PASSWORD, display_name="Pharmacist Ma",
                      role="pharmacist", wards=[WARD])  # fmt: skip
        refdata.publish_directory(conn)
    engine.dispose()


def _order(drug: str, name: str, dose: float, unit: str, route: str, start_in_min: int) -> dict:
    start = iso(utc_now() + timedelta(minutes=start_in_min))
    return {"order_kind": "medication", "description": f"{name} {dose:g} {unit} {route} st",
            "start_at": start, "medication": {"drug_code": drug, "drug_name": name, "dose_value": dose,
            "dose_unit": unit, "route": route, "frequency": "st"}}  # fmt: skip


def seed_orders(folder: Path, server_url: str, zhang: str, li: str) -> Orders:
    """Once-only (st) orders placed by the doctor and verified by the pharmacist."""
    ws = Workstation.open(folder / "orders-station", server_url=server_url, ward_id=WARD)
    try:
        ws.login(DOCTOR, PASSWORD)
        ids = [ws.record("OrderPlaced", patient_id=pid, payload=payload).event_id for pid, payload in (
            (zhang, _order("metoprolol", "Metoprolol", 25, "mg", "po", 0)),
            (zhang, _order("heparin", "Heparin", 5000, "U", "sc", 0)),
            (zhang, _order("digoxin", "Digoxin", 0.125, "mg", "po", 180)),
            (li, _order("amlodipine", "Amlodipine", 5, "mg", "po", 0)))]  # fmt: skip
        ws.sync()
        ws.login(PHARMACIST, PASSWORD)
        for order_id, pid in zip(ids, (zhang, zhang, zhang, li), strict=True):
            ws.record("OrderVerified", patient_id=pid, payload={"order_id": order_id})
        ws.sync()
        ws.logout()
    finally:
        ws.close()
    return Orders(*ids)


def scan(qtbot: QtBot, code: str) -> None:
    """A wedge scanner: the code typed as one fast burst into the focused widget, then Enter."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard"
    qtbot.keyClicks(target, code)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def place_unverified(folder: Path, server_url: str, patient_id: str, *, drug: str, name: str,
                     dose: float, unit: str, route: str, frequency: str) -> str:  # fmt: skip
    """A medication order the doctor signs and the pharmacist has not verified yet."""
    payload = _order(drug, name, dose, unit, route, 0)
    payload["medication"]["frequency"] = frequency
    payload["description"] = f"{name} {dose:g} {unit} {route} {frequency}"
    ws = Workstation.open(folder / "unverified-station", server_url=server_url, ward_id=WARD)
    try:
        ws.login(DOCTOR, PASSWORD)
        order_id = ws.record("OrderPlaced", patient_id=patient_id, payload=payload).event_id
        ws.sync()
        ws.logout()
    finally:
        ws.close()
    return order_id


def record_number(station, patient_id: str) -> str:  # noqa: ANN001
    """The record number a patient's wristband carries, from the station's replica."""
    with station.workstation.store.reading() as conn:
        return conn.execute(
            select(pt.patients.c.record_number).where(pt.patients.c.patient_id == patient_id)
        ).scalar_one()
