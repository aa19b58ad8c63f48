"""Demo content of the front sheet and the ward reports: on each ward the longest-staying patient
has a front sheet begun by the attending (admission diagnosis coded, no discharge diagnosis yet:
a front sheet to complete), and the cardiology nurse has reported a fall anonymously."""

from __future__ import annotations

from datetime import timedelta

from workstation.clinical.icd10 import default_catalogue
from workstation.clock import iso
from workstation.server.demo_events import DemoLog
from workstation.server.demo_patient import PatientCase


def record_ward_reports(log: DemoLog, cases: list[PatientCase]) -> None:
    """Begin one front sheet per ward and file one adverse-event report."""
    catalogue = default_catalogue()
    for ward_id in sorted({c.ward_id for c in cases}):
        case = min((c for c in cases if c.ward_id == ward_id), key=lambda c: c.admitted_at)
        code = case.scenario["icd10"]
        name = catalogue.require(code).name(case.lang) or case.text(case.scenario, "diagnosis")
        log.add(log.now - timedelta(hours=3), "FrontSheetSaved", author=case.staff.physician,
                patient_id=case.patient_id, payload={
                    "admission_diagnoses": [{"code": code, "name": name}],
                    "discharge_diagnoses": [], "procedures": [],
                })  # fmt: skip
    nurse = next(c.staff.nurse for c in cases if c.ward_id == "CARD")
    fallen = min((c for c in cases if c.ward_id == "CARD"), key=lambda c: c.bed)
    log.add(log.now - timedelta(hours=5), "AdverseEventReported", author=nurse, payload={
        "ward_id": "CARD", "patient_id": fallen.patient_id, "category": "fall", "severity": "III",
        "occurred_at": iso(log.now - timedelta(hours=6)), "anonymous": True,
        "description": f"Bed {fallen.bed}: found sitting on the floor beside the bed at night; no injury.",
        "action_taken": "Helped back to bed, vitals checked, doctor informed, bed rails up.",
    })  # fmt: skip
