"""The screen walker's ward: ward CARD with a doctor, a nurse and a pharmacist, a Chinese-named and
an English-named patient with orders, vitals, results and stock, all at times whose minutes tell
a ward-clock rendering (+08:00) from a UTC one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from offline_cache.workstation import Workstation
from workstation.clinical.schedule import ward_clock
from workstation.clinical.ward_safety import WardSafetySettings, critical_report
from workstation.clock import iso, utc_now
from workstation.server import auth, refdata
from workstation.server.db import make_engine, writer
from workstation.server.setup import initialise

WARD = "CARD"
PASSWORD = "correct horse 1"
DOCTOR, NURSE, PHARMACIST, LAB, ADMIN = "doc", "nurse", "pharm", "lab", "office"
# people's names are data, shown as recorded in either language
STAFF = {DOCTOR: "李医生", NURSE: "王护士", PHARMACIST: "Pharmacist Ma", LAB: "Lab Zhao",
         ADMIN: "医务科孙"}  # fmt: skip
CHINESE_PATIENT, ENGLISH_PATIENT = "张三", "Margaret Evans"
# free text a clinician recorded is shown as recorded, in the language it was written in
FREE_TEXT = ("Breathless on exertion", "活动后气促", "heart failure", "心力衰竭", "青霉素")
MINUTES = (7, 19, 43)  # no ward round, no shift, no "now" falls on these minutes


@dataclass
class WalkerWard:
    """The server database URL, the patients' ids and every seeded moment (UTC)."""

    database_url: str
    chinese: str = ""
    english: str = ""
    moments: list[datetime] = field(default_factory=list)


def create_database(folder: Path) -> str:
    """An initialised server database with ward CARD and its four users."""
    url = f"sqlite:///{folder / 'walker.db'}"
    engine = make_engine(url)
    initialise(engine)
    roles = {DOCTOR: "physician", NURSE: "nurse", PHARMACIST: "pharmacist", LAB: "lab",
             ADMIN: "admin"}  # fmt: skip
    with writer(engine) as conn:
        refdata.add_ward(conn, ward_id=WARD, name_en="Cardiology", name_zh="心内科",
                         beds=["1", "2", "3"])  # fmt: skip
        for username, role in roles.items():
            auth.add_user(conn, username=username, password=PASSWORD,
                          display_name=STAFF[username], role=role, wards=[WARD])  # fmt: skip
        refdata.publish_directory(conn)
    engine.dispose()
    return url


def distinct_moments(now: datetime, hours_ago: tuple[int, ...]) -> list[datetime]:
    """Past moments on minutes whose ward and UTC renderings differ from each other and from the
    ward's "now" (so a time shown on the wrong clock cannot pass as a legitimate one)."""
    moments = []
    for index, hours in enumerate(hours_ago):
        moment = (now - timedelta(hours=hours)).replace(
            minute=MINUTES[index % len(MINUTES)], second=0, microsecond=0
        )
        moments.append(moment)
    return moments


def _order(drug: str, name: str, dose: float, unit: str, route: str, frequency: str,
           start: datetime) -> dict:  # fmt: skip
    return {"order_kind": "medication", "description": f"{name} {dose:g} {unit} {route} {frequency}",
            "start_at": iso(start), "medication": {"drug_code": drug, "drug_name": name, "dose_value": dose,
            "dose_unit": unit, "route": route, "frequency": frequency}}  # fmt: skip


def _admit(
    ws: Workstation, name: str, sex: str, bed: str, admitted: datetime, diagnosis: str
) -> str:
    return ws.admit_patient({
        "record_number": "", "name": name, "sex": sex, "birth_date": "1950-02-03", "ward_id": WARD,
        "bed": bed, "admitted_at": iso(admitted), "weight_kg": 68.5, "diagnosis": diagnosis,
    }).patient_id  # fmt: skip


def _vitals(ws: Workstation, patient_id: str, moments: list[datetime]) -> None:
    for number, moment in enumerate(moments):
        ws.record("VitalsRecorded", patient_id=patient_id, payload={
            "taken_at": iso(moment), "temperature_c": 37.0 + number / 10, "pulse_bpm": 80 + number,
            "systolic_mmhg": 120 + number, "diastolic_mmhg": 70, "resp_rate": 18, "spo2_pct": 96})  # fmt: skip


def _labs(ws: Workstation, patient_id: str, moments: list[datetime], name: str) -> None:
    for number, moment in enumerate(moments):
        ws.record("LabResulted", patient_id=patient_id, payload={
            "test_code": "K", "test_name": name, "value": f"{5.4 + number / 10:.1f}",
            "numeric_value": 5.4 + number / 10, "unit": "mmol/L", "reference_low": 3.5,
            "reference_high": 5.3, "flag": "H", "resulted_at": iso(moment)})  # fmt: skip


def _critical(ws: Workstation, patient_id: str, moment: datetime) -> None:
    """A potassium of 6.9 (HH) the laboratory reports as a critical value (危急值)."""
    result = ws.record("LabResulted", patient_id=patient_id, payload={
        "test_code": "K", "test_name": "Potassium", "value": "6.9", "numeric_value": 6.9,
        "unit": "mmol/L", "reference_low": 3.5, "reference_high": 5.3, "flag": "HH",
        "resulted_at": iso(moment)})  # fmt: skip
    report = critical_report(result, WardSafetySettings.load(), reporter=STAFF[LAB])
    assert report is not None
    ws.record("CriticalValueReported", patient_id=patient_id, payload=report)


def seed(folder: Path, server_url: str, database_url: str) -> WalkerWard:
    """Admit both patients, record their charts as the doctor, the lab and the pharmacist."""
    now = utc_now()
    ward = WalkerWard(database_url, moments=distinct_moments(now, (30, 20, 9, 5, 3)))
    admitted, *charted = ward.moments
    ws = Workstation.open(folder / "seeding-station", server_url=server_url, ward_id=WARD)
    try:
        ws.login(DOCTOR, PASSWORD)
        ward.chinese = _admit(ws, CHINESE_PATIENT, "male", "1", admitted, "心力衰竭")
        ward.english = _admit(ws, ENGLISH_PATIENT, "female", "2", admitted, "heart failure")
        ws.record("AllergyRecorded", patient_id=ward.chinese,
                  payload={"substance": "青霉素", "severity": "severe"})  # fmt: skip
        ws.record(
            "NoKnownAllergiesRecorded", patient_id=ward.english, payload={"source": "patient"}
        )
        for patient_id in (ward.chinese, ward.english):
            _vitals(ws, patient_id, charted)
        ws.record("NoteSigned", patient_id=ward.chinese,
                  payload={"note_type": "admission_note", "text": "活动后气促"})  # fmt: skip
        ws.record("NoteSigned", patient_id=ward.english,
                  payload={"note_type": "admission_note", "text": "Breathless on exertion"})  # fmt: skip
        orders = [(pid, ws.record("OrderPlaced", patient_id=pid, payload=payload).event_id)
                  for pid, payload in (
                      (ward.chinese, _order("aspirin", "阿司匹林", 100, "mg", "po", "qd", admitted)),
                      (ward.english, _order("aspirin", "Aspirin", 100, "mg", "po", "qd", admitted)),
                      (ward.english, _order("metoprolol", "Metoprolol", 25, "mg", "po", "bid", admitted)))]  # fmt: skip
        for patient_id, words in (
            (ward.chinese, "肾功能+电解质"),
            (ward.english, "Renal function and electrolytes"),
        ):
            ws.record("OrderPlaced", patient_id=patient_id,
                      payload={"order_kind": "lab", "description": words, "code": "RFT"})  # fmt: skip
        waiting = _order("atorvastatin", "Atorvastatin", 20, "mg", "po", "qn", charted[-1])
        ws.record("OrderPlaced", patient_id=ward.english, payload=waiting)
        ws.sync()
        ws.login(LAB, PASSWORD)
        _labs(ws, ward.chinese, charted, "血钾")
        _labs(ws, ward.english, charted, "Potassium")
        _critical(ws, ward.english, charted[-1])
        ws.sync()
        ws.login(PHARMACIST, PASSWORD)
        for patient_id, order_id in orders:
            ws.record("OrderVerified", patient_id=patient_id, payload={"order_id": order_id})
        ws.record("StockReceived", patient_id=None, payload={
            "drug_code": "aspirin", "lot": "A2609117", "expiry": "2030-01-31", "location_id": "PHARM",
            "quantity": 200, "unit": "tab"})  # fmt: skip
        ws.sync()
        ws.logout()
    finally:
        ws.close()
    ward.moments += minutes_between(now, utc_now())  # when the events were recorded
    return ward


def minutes_between(start: datetime, end: datetime) -> list[datetime]:
    """Every minute from start to end (both included)."""
    minute = start.replace(second=0, microsecond=0)
    found = []
    while minute <= end:
        found.append(minute)
        minute += timedelta(minutes=1)
    return found


def ward_and_utc_times(moments: list[datetime]) -> tuple[set[str], set[str]]:
    """Each moment's 'HH:MM' on the ward's clock, and on UTC (the wrong one)."""
    ward = {m.astimezone(ward_clock()).strftime("%H:%M") for m in moments}
    utc = {m.strftime("%H:%M") for m in moments}
    return ward, utc
