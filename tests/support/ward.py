"""A small ward for tests: two wards, a user of each clinical role, and event payload makers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from workstation.clock import now_iso
from workstation.server import auth, refdata
from workstation.server.db import writer

PASSWORD = "correct horse 1"


@dataclass(frozen=True)
class TestWard:
    """User names of the seeded users (all with PASSWORD)."""

    doctor: str = "doc.card"
    nurse: str = "nurse.card"
    pharmacist: str = "pharm"
    other_doctor: str = "doc.resp"


def seed_ward(engine: Engine) -> TestWard:
    """Create wards CARD and RESP and one user per role; republish the directory."""
    with writer(engine) as conn:
        refdata.add_ward(
            conn,
            ward_id="CARD",
            name_en="Cardiology",
            name_zh="心内科",
            beds=[str(b) for b in range(1, 16)],
        )
        refdata.add_ward(
            conn,
            ward_id="RESP",
            name_en="Respiratory",
            name_zh="呼吸内科",
            beds=[str(b) for b in range(1, 16)],
        )
        for username, role, wards in (
            ("doc.card", "physician", ["CARD"]),
            ("nurse.card", "nurse", ["CARD"]),
            ("pharm", "pharmacist", ["CARD", "RESP"]),
            ("doc.resp", "physician", ["RESP"]),
        ):
            auth.add_user(
                conn,
                username=username,
                password=PASSWORD,
                display_name=username,
                role=role,
                wards=wards,
            )
        refdata.publish_directory(conn)
    return TestWard()


def admission(
    name: str, bed: str, ward_id: str = "CARD", record_number: str = ""
) -> dict[str, Any]:
    """A PatientAdmitted payload."""
    return {
        "record_number": record_number, "name": name, "sex": "female", "birth_date": "1948-05-06",
        "ward_id": ward_id, "bed": bed, "admitted_at": now_iso(), "acuity": "stable", "weight_kg": 61.5,
    }  # fmt: skip


def amoxicillin_order() -> dict[str, Any]:
    """An OrderPlaced payload: amoxicillin 500 mg po tid 7 days."""
    return {
        "order_kind": "medication", "description": "amoxicillin 500 mg po tid 7d",
        "medication": {"drug_code": "J01CA04", "drug_name": "amoxicillin", "dose_value": 500, "dose_unit": "mg",
                       "route": "po", "frequency": "tid", "duration_days": 7},
    }  # fmt: skip


def given(order_id: str, scheduled_for: str | None = None) -> dict[str, Any]:
    """A MedicationAdministered payload: given now."""
    payload = {"order_id": order_id, "outcome": "given", "administered_at": now_iso(),
               "dose_value": 500, "dose_unit": "mg", "route": "po"}  # fmt: skip
    if scheduled_for:
        payload["scheduled_for"] = scheduled_for
    return payload


def vitals(pulse: int = 88) -> dict[str, Any]:
    """A VitalsRecorded payload."""
    return {"taken_at": now_iso(), "temperature_c": 37.2, "pulse_bpm": pulse, "resp_rate": 18,
            "systolic_mmhg": 128, "diastolic_mmhg": 76, "spo2_pct": 97}  # fmt: skip


def discharge_summary() -> dict[str, Any]:
    """A NoteSigned payload: the signed discharge summary (出院记录) the archive gate asks for."""
    return {"note_type": "discharge_summary", "text": "Discharged home, stable."}


def front_sheet(main_code: str = "J18.9", **changes: Any) -> dict[str, Any]:
    """A FrontSheetSaved payload that passes the 2016 checks: pneumonia as main diagnosis."""
    sheet: dict[str, Any] = {
        "admission_diagnoses": [{"code": "J18.9", "name": "肺炎"}],
        "discharge_diagnoses": [
            {"code": main_code, "name": "肺炎", "admission_condition": "1"},
            {"code": "I10", "name": "高血压", "admission_condition": "1"},
        ],
        "procedures": [], "disposition": "1",
    }  # fmt: skip
    return sheet | changes
