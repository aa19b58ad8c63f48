"""Shared benchmark machinery: a throwaway keyring, a fresh server database with a ward and its
staff, and a realistic ward workload recorded through the workstation API."""

from __future__ import annotations

import itertools
import os
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.support.keyring import use_test_keyring  # noqa: E402
from workstation.clock import now_iso  # noqa: E402

WARD = "BENCH"
PASSWORD = "bench-password-1"
DOCTOR, NURSE = "bench.doctor", "bench.nurse"
EVENTS_PER_PATIENT = 50  # see PATIENT_MIX


TICK_S = 1 / os.sysconf("SC_CLK_TCK")


def cpu_s(pid: int) -> float:
    """utime + stime of one process, in seconds (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) * TICK_S


def children_cpu_s(parent: int) -> float:
    """utime + stime of every live child of `parent` (the PostgreSQL backends)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            total += (int(fields[11]) + int(fields[12])) * TICK_S
    return total


def use_throwaway_keyring(folder: Path) -> None:
    """Keep the replica keys and refresh tokens of the benchmark out of the real keyring."""
    use_test_keyring(folder / "keyring.cfg")  # accepted in this process only, as in the tests


def prepare_server_database(url: str) -> None:
    """Migrate a fresh database and add the ward, a doctor and a nurse."""
    from workstation.server import auth, refdata
    from workstation.server.db import make_engine, writer
    from workstation.server.setup import initialise

    engine = make_engine(url)
    initialise(engine)
    with writer(engine) as conn:
        beds = [str(n) for n in range(1, 41)]
        refdata.add_ward(conn, ward_id=WARD, name_en="Bench ward", name_zh="测试病区", beds=beds)
        auth.add_user(
            conn,
            username=DOCTOR,
            password=PASSWORD,
            display_name="Dr Bench",
            role="physician",
            wards=[WARD],
        )
        auth.add_user(
            conn,
            username=NURSE,
            password=PASSWORD,
            display_name="Nurse Bench",
            role="nurse",
            wards=[WARD],
        )
        refdata.publish_directory(conn)
    engine.dispose()


# -- the workload ------------------------------------------------------------------------------
# Per patient: 1 admission, 1 "no known allergies", 4 medication orders, 7 progress notes, 15
# vital-sign sets and 22 administrations = 50 events, about the first three days of a stay.
PATIENT_MIX = {"allergy_status": 1, "orders": 4, "notes": 7, "vitals": 15, "administrations": 22}

_DRUGS = [
    ("AMOX", "amoxicillin", 500, "mg", "po", "tid"),
    ("METF", "metformin", 500, "mg", "po", "bid"),
    ("ATOR", "atorvastatin", 20, "mg", "po", "qn"),
    ("ENOX", "enoxaparin", 40, "mg", "sc", "qd"),
    ("FURO", "furosemide", 20, "mg", "iv", "bid"),
    ("PARA", "paracetamol", 1, "g", "po", "q6h"),
]
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = [
    "伟",
    "芳",
    "娜",
    "秀英",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
]
_NOTE = (
    "Day {day} ward round. Patient reports {symptom}; slept reasonably, eating and drinking. "
    "On examination alert and oriented, chest clear on auscultation, heart sounds dual with no murmur, "
    "abdomen soft and non-tender, calves soft, no peripheral oedema. Observations stable over the last "
    "24 hours (see vitals chart). Bloods this morning: renal function and electrolytes within the "
    "reference ranges, CRP falling. Plan: continue current antibiotics and review the route at 48 hours, "
    "encourage mobilisation with physiotherapy, fluid balance chart, daily weight, review the results of "
    "the echocardiogram when reported, discuss discharge planning with the family. "
    "查房：患者诉{zh}，夜间睡眠可，饮食尚可。查体：神清，双肺呼吸音清，心律齐，腹软无压痛，双下肢无水肿。"
    "继续目前治疗，鼓励下床活动，监测出入量及体重，复查血常规及肝肾功能。"
)
_SYMPTOMS = [
    ("less breathless", "气促减轻"),
    ("mild cough", "轻度咳嗽"),
    ("no chest pain", "无胸痛"),
]


@dataclass(frozen=True)
class Planned:
    """One event to record: who records it, its type, the patient (by index) and a payload maker."""

    role: str  # "doctor" or "nurse"
    type: str
    patient: int
    payload: dict[str, Any]
    order_ref: int | None = None  # index of the patient's order an administration refers to


def plan_workload(count: int, *, seed: int = 7) -> list[Planned]:
    """Exactly `count` events for count/50 patients (a partial last patient when not divisible)."""
    rng = random.Random(seed)
    planned: list[Planned] = []
    for patient in itertools.count():
        if len(planned) >= count:
            break
        planned.extend(_patient_plan(rng, patient))
    return planned[:count]


def admission_payload(rng: random.Random, patient: int, ward: str = WARD) -> dict[str, Any]:
    """An admission to `ward` with record number B<patient> and a bed of a 40-bed ward."""
    name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
    return {
        "record_number": f"B{patient:07d}", "name": name, "sex": rng.choice(["male", "female"]),
        "birth_date": f"19{rng.randint(30, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "ward_id": ward, "bed": str(patient % 40 + 1), "admitted_at": now_iso(), "acuity": "stable",
        "weight_kg": round(rng.uniform(45, 95), 1), "diagnosis": "community-acquired pneumonia; 社区获得性肺炎",
    }  # fmt: skip


def _patient_plan(rng: random.Random, patient: int) -> list[Planned]:
    plan = [Planned("doctor", "PatientAdmitted", patient, admission_payload(rng, patient))]
    # "no known allergies": the server holds a first dose while allergies are not yet documented
    plan.append(Planned("doctor", "NoKnownAllergiesRecorded", patient, {"source": "patient"}))
    plan.extend(
        Planned("doctor", "OrderPlaced", patient, order_payload(rng))
        for _ in range(PATIENT_MIX["orders"])
    )
    plan.extend(
        Planned("doctor", "NoteSigned", patient, note_payload(rng, day + 1))
        for day in range(PATIENT_MIX["notes"])
    )
    plan.extend(
        Planned("nurse", "VitalsRecorded", patient, vitals_payload(rng))
        for _ in range(PATIENT_MIX["vitals"])
    )
    plan.extend(
        Planned(
            "nurse",
            "MedicationAdministered",
            patient,
            administration_payload(n),
            order_ref=n % PATIENT_MIX["orders"],
        )  # fmt: skip
        for n in range(PATIENT_MIX["administrations"])
    )
    return plan


def order_payload(rng: random.Random) -> dict[str, Any]:
    """A medication order from the bench's short list (the order id is the event's own)."""
    code, drug, dose, unit, route, freq = rng.choice(_DRUGS)
    return {
        "order_kind": "medication", "description": f"{drug} {dose}{unit} {route} {freq}",
        "medication": {"drug_code": code, "drug_name": drug, "dose_value": dose, "dose_unit": unit,
                       "route": route, "frequency": freq, "duration_days": 7},
    }  # fmt: skip


def note_payload(rng: random.Random, day: int) -> dict[str, Any]:
    """A daily progress note of about 1.3 kB of mixed English and Chinese."""
    symptom, zh = rng.choice(_SYMPTOMS)
    return {
        "note_type": "daily_progress_note", "title": f"Day {day} progress",
        "text": _NOTE.format(day=day, symptom=symptom, zh=zh),
    }  # fmt: skip


def administration_payload(n: int) -> dict[str, Any]:
    """A dose given (the caller adds the order_id of the order it gives)."""
    return {
        "outcome": "given", "administered_at": now_iso(), "dose_value": 500, "dose_unit": "mg",
        "route": "po", "site": None if n % 3 else "left arm",
    }  # fmt: skip


def vitals_payload(rng: random.Random) -> dict[str, Any]:
    """One set of ward observations."""
    return {
        "taken_at": now_iso(), "temperature_c": round(rng.uniform(36.2, 38.4), 1),
        "pulse_bpm": rng.randint(60, 110), "resp_rate": rng.randint(12, 24),
        "systolic_mmhg": rng.randint(100, 160), "diastolic_mmhg": rng.randint(60, 95),
        "spo2_pct": rng.randint(92, 100), "on_oxygen": rng.random() < 0.2, "consciousness": "A",
        "pain_score": rng.randint(0, 4),
    }  # fmt: skip


def by_role(plan: list[Planned]) -> Iterator[tuple[str, list[Planned]]]:
    """The doctor's events first, then the nurse's (one login each)."""
    for role in ("doctor", "nurse"):
        yield role, [p for p in plan if p.role == role]


def record_workload(ws: Any, plan: list[Planned]) -> None:
    """Record the plan through Workstation.record, logging the doctor and then the nurse in."""
    patient_ids: dict[int, str] = {}
    orders: dict[int, list[str]] = {}
    for role, items in by_role(plan):
        ws.login(DOCTOR if role == "doctor" else NURSE, PASSWORD)
        for item in items:
            if item.type == "PatientAdmitted":
                patient_ids[item.patient] = ws.admit_patient(item.payload).patient_id
                continue
            payload = dict(item.payload)
            if item.order_ref is not None:  # the plan writes a patient's orders before their doses
                payload["order_id"] = orders[item.patient][item.order_ref]
            event = ws.record(item.type, patient_id=patient_ids[item.patient], payload=payload)
            if item.type == "OrderPlaced":
                orders.setdefault(item.patient, []).append(event.event_id)
