"""The demo's outpatient counter: lots received for outpatient dispensing (one amoxicillin lot
within the 30-day near-expiry band) and a few prescriptions waiting with queue numbers."""

from __future__ import annotations

from datetime import timedelta

from workstation.clinical.dispensing import outpatient_item
from workstation.clinical.formulary import default_formulary
from workstation.server.auth import User
from workstation.server.demo_events import DemoLog

COUNTER = "PHARM"
# drug code, lot, days to expiry, quantity, dispensing unit
COUNTER_LOTS = (
    ("amoxicillin", "AMX2511N", 25, 60, "cap"),  # near expiry: first out (FEFO)
    ("amoxicillin", "AMX2709B", 640, 300, "cap"),
    ("omeprazole", "OME2708C", 580, 200, "cap"),
    ("paracetamol", "PCM2707D", 520, 400, "tab"),
    ("amlodipine", "AML2710E", 660, 300, "tab"),
    ("metformin", "MET2709F", 610, 500, "tab"),
)  # fmt: skip
# queue number, patient, outpatient reference, order sentences, minutes ago
PRESCRIPTIONS = (
    (1, "周建国", "OP20260001", ("amoxicillin 500mg po tid 5d", "paracetamol 500mg po q6h 3d"), 40),
    (2, "吴丽华", "OP20260002", ("omeprazole 20mg po qd 14d", "amlodipine 5mg po qd 30d",
                                "metformin 0.5g po bid 30d"), 25),
    (3, "Emily Carter", "OP20260003", ("amoxicillin 500mg po tid 7d",), 10),
)  # fmt: skip


def outpatient_counter(log: DemoLog, pharmacist: User, prescriber: User) -> None:
    """Counter stock received two days ago, then the morning's prescriptions, by queue number."""
    received_at = log.now - timedelta(days=2)
    for drug_code, lot, days, quantity, unit in COUNTER_LOTS:
        expiry = (log.now + timedelta(days=days)).date().isoformat()
        log.add(received_at, "StockReceived", author=pharmacist.user_id, payload={
            "drug_code": drug_code, "lot": lot, "expiry": expiry, "location_id": COUNTER,
            "quantity": quantity, "unit": unit,
        })  # fmt: skip
    formulary = default_formulary()
    for number, name, ref, sentences, minutes_ago in PRESCRIPTIONS:
        items = [outpatient_item(sentence, formulary) for sentence in sentences]
        log.add(log.now - timedelta(minutes=minutes_ago), "OutpatientPrescribed",
                author=pharmacist.user_id, payload={
            "queue_number": number, "patient_name": name, "patient_ref": ref,
            "prescriber": prescriber.display_name, "items": items,
        })  # fmt: skip
