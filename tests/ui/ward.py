"""A small real ward for the UI tests: a server database, two users, two patients with a chart."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from offline_cache.workstation import Workstation
from workstation.clock import now_iso
from workstation.server import auth, refdata
from workstation.server.db import make_engine, writer
from workstation.server.setup import initialise

WARD = "W1"
PASSWORD = "correct horse 1"
DOCTOR, NURSE, LAB, TRAINEE = "doc", "nurse", "lab", "trainee"


@dataclass
class SmallWard:
    """The server database URL and the ids of the seeded patients."""

    database_url: str
    zhang_san: str
    li_si: str


def create_server_database(folder: Path) -> str:
    """An initialised server database with ward W1 and four users (doctor, nurse, laboratory,
    an unlicensed trainee doctor)."""
    url = f"sqlite:///{folder / 'server.db'}"
    engine = make_engine(url)
    initialise(engine)
    with writer(engine) as conn:
        refdata.add_ward(
            conn, ward_id=WARD, name_en="Cardiology", name_zh="心内科", beds=["1", "2", "3"]
        )
        auth.add_user(
            conn,
            username=DOCTOR,
            password=PASSWORD,
            display_name="Dr Li",
            role="physician",
            wards=[WARD],
        )
        auth.add_user(
            conn,
            username=NURSE,
            password=PASSWORD,
            display_name="Nurse Wang",
            role="nurse",
            wards=[WARD],
        )
        auth.add_user(
            conn, username=LAB, password=PASSWORD, display_name="Lab Zhao", role="lab", wards=[WARD]
        )
        auth.add_user(conn, username=TRAINEE, password=PASSWORD, display_name="Trainee Chen",
                      role="trainee_physician", wards=[WARD], licensed=False)  # fmt: skip
        refdata.publish_directory(conn)
    engine.dispose()
    return url


def _admit(ws: Workstation, name: str, sex: str, born: str, bed: str, weight: float) -> str:
    return ws.admit_patient({
        "record_number": "", "name": name, "sex": sex, "birth_date": born, "ward_id": WARD, "bed": bed,
        "admitted_at": now_iso(), "weight_kg": weight, "diagnosis": "heart failure",
    }).patient_id  # fmt: skip


def seed_patients(folder: Path, server_url: str) -> tuple[str, str]:
    """Admit 张三 (allergy, vitals, a high potassium, a problem, a note) and 李四 through a workstation."""
    ws = Workstation.open(folder / "seeding-station", server_url=server_url, ward_id=WARD)
    try:
        ws.login(DOCTOR, PASSWORD)
        zhang = _admit(ws, "张三", "male", "1950-02-03", "1", 68.5)
        li = _admit(ws, "李四", "female", "1962-07-09", "2", 55.0)
        ws.record(
            "AllergyRecorded",
            patient_id=zhang,
            payload={"substance": "penicillin", "severity": "severe"},
        )
        ws.record("NoKnownAllergiesRecorded", patient_id=li, payload={"source": "patient"})
        ws.record(
            "ProblemRecorded",
            patient_id=zhang,
            payload={"description": "atrial fibrillation", "status": "active"},
        )
        ws.record(
            "VitalsRecorded",
            patient_id=zhang,
            payload={
                "taken_at": now_iso(),
                "temperature_c": 37.2,
                "pulse_bpm": 96,
                "systolic_mmhg": 128,
                "diastolic_mmhg": 76,
            },
        )
        ws.sync()
        ws.login(LAB, PASSWORD)
        # reference interval: UK Pathology Harmony adult serum potassium, 3.5-5.3 mmol/L
        ws.record("LabResulted", patient_id=zhang, payload={
            "test_code": "K", "test_name": "potassium", "value": "5.9", "numeric_value": 5.9, "unit": "mmol/L",
            "reference_low": 3.5, "reference_high": 5.3, "flag": "H", "resulted_at": now_iso()})  # fmt: skip
        ws.login(DOCTOR, PASSWORD)
        ws.record(
            "NoteSigned",
            patient_id=zhang,
            payload={"note_type": "admission_note", "text": "Breathless on exertion."},
        )
        ws.sync()
        ws.logout()
    finally:
        ws.close()
    return zhang, li
