"""Realistic ward work for the chaos tests: admissions, orders, administrations, vitals, notes.

Values are deterministic from a `random.Random`. Vital signs are drawn inside the score-0 bands
of the Royal College of Physicians' National Early Warning Score 2 (2017): respiration 12-20/min,
SpO2 96-100 %, systolic 111-219 mmHg, pulse 51-90/min, temperature 36.1-38.0 C. Doses are the
usual adult doses of the British National Formulary: amoxicillin 500 mg by mouth three times a
day, paracetamol 1 g by mouth every 6 hours (at most 4 g a day).
"""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import select

from offline_cache.workstation import Workstation
from workstation.clock import now_iso
from workstation.events.envelope import Event
from workstation.projections import tables as pt

MEDICATIONS = (
    {"drug_code": "AMOX500", "drug_name": "amoxicillin", "dose_value": 500, "dose_unit": "mg",
     "route": "po", "frequency": "tid", "duration_days": 7},
    {"drug_code": "PARA1G", "drug_name": "paracetamol", "dose_value": 1, "dose_unit": "g",
     "route": "po", "frequency": "q6h", "duration_days": 3},
)  # fmt: skip
NAMES = ("张三", "李四", "王五", "赵六", "Chen Mei", "Liu Yang", "Zhou Min", "Sun Li")
PHYSICIAN_KINDS = ("order", "note", "vitals", "problem", "allergy")
NURSE_KINDS = ("vitals", "administration", "nursing_note", "nursing_order")


def admit(ws: Workstation, rng: random.Random, *, ward_id: str) -> str:
    """Admit a patient with a temporary record number and "no known allergies"; returns the
    patient id."""
    event = ws.admit_patient({
        "record_number": "", "name": rng.choice(NAMES), "sex": rng.choice(("male", "female")),
        "birth_date": f"{rng.randint(1930, 2000)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "ward_id": ward_id, "bed": str(rng.randint(1, 40)), "admitted_at": now_iso(),
    })  # fmt: skip
    assert event.patient_id is not None
    # asked, none known: a first dose is not held (the server refuses one while allergies are
    # "not yet documented"); the chaos counts two events per admitted patient
    ws.record(
        "NoKnownAllergiesRecorded", patient_id=event.patient_id, payload={"source": "patient"}
    )
    return event.patient_id


def vitals(rng: random.Random) -> dict[str, Any]:
    """A set of vital signs inside the NEWS2 score-0 bands (see the module docstring)."""
    return {
        "taken_at": now_iso(), "resp_rate": rng.randint(12, 20), "spo2_pct": rng.randint(96, 100),
        "systolic_mmhg": rng.randint(111, 140),
        "pulse_bpm": rng.randint(51, 90), "temperature_c": round(rng.uniform(36.1, 38.0), 1),
        "consciousness": "A",
    }  # fmt: skip


def _orders_of(ws: Workstation, patient_id: str) -> list[str]:
    o = pt.orders.c
    with ws.store.reading() as conn:
        rows = conn.execute(
            select(o.order_id).where(o.patient_id == patient_id, o.order_kind == "medication")
        )
        return sorted(r[0] for r in rows)


def record_one(ws: Workstation, rng: random.Random, patient_id: str) -> Event:
    """Record one event a user of this role would record on the ward round."""
    role = ws.user.role
    kind = rng.choice(PHYSICIAN_KINDS if role == "physician" else NURSE_KINDS)
    if kind == "administration":
        orders = _orders_of(ws, patient_id)
        if orders:
            med = MEDICATIONS[0]
            return ws.record("MedicationAdministered", patient_id=patient_id, payload={
                "order_id": rng.choice(orders), "outcome": "given", "administered_at": now_iso(),
                "dose_value": med["dose_value"], "dose_unit": med["dose_unit"], "route": "po",
            })  # fmt: skip
        kind = "vitals"
    if kind == "vitals":
        return ws.record("VitalsRecorded", patient_id=patient_id, payload=vitals(rng))
    payload = _payload(kind, rng)
    return ws.record(payload.pop("_type"), patient_id=patient_id, payload=payload)


def _payload(kind: str, rng: random.Random) -> dict[str, Any]:
    if kind == "order":
        med = dict(rng.choice(MEDICATIONS))
        return {"_type": "OrderPlaced", "order_kind": "medication",
                "description": f"{med['drug_name']} {med['dose_value']}{med['dose_unit']} po {med['frequency']}",
                "medication": med}  # fmt: skip
    if kind == "nursing_order":
        return {
            "_type": "OrderPlaced",
            "order_kind": "nursing",
            "description": "turn every 2 hours",
        }
    if kind == "note":
        return {
            "_type": "NoteSigned",
            "note_type": "daily_progress_note",
            "text": f"Ward round {rng.random():.6f}",
        }
    if kind == "nursing_note":
        return {
            "_type": "NoteSigned",
            "note_type": "nursing_note",
            "text": f"Comfortable overnight {rng.random():.6f}",
        }
    if kind == "problem":
        return {"_type": "ProblemRecorded", "description": "community-acquired pneumonia", "icd10": "J18.9",
                "status": "active"}  # fmt: skip
    return {
        "_type": "AllergyRecorded",
        "substance": "penicillin",
        "reaction": "rash",
        "severity": "moderate",
    }


def record_order(ws: Workstation, rng: random.Random, patient_id: str) -> Event:
    """A physician's medication order."""
    payload = _payload("order", rng)
    return ws.record(payload.pop("_type"), patient_id=patient_id, payload=payload)


def record_forbidden(ws: Workstation, patient_id: str) -> Event:
    """A medication order by a nurse: saved locally, rejected by the server ("forbidden")."""
    return ws.record("OrderPlaced", patient_id=patient_id, payload={
        "order_kind": "medication", "description": "amoxicillin 500mg po tid", "medication": dict(MEDICATIONS[0]),
    })  # fmt: skip


def record_round(
    ws: Workstation, rng: random.Random, patient_ids: list[str], count: int
) -> list[Event]:
    """Record `count` events spread over the given patients."""
    return [record_one(ws, rng, rng.choice(patient_ids)) for _ in range(count)]
