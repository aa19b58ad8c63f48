"""Valid events of a ward, made the way a workstation makes them, for the fuzzers to start from.

`FuzzStation.event` is the one place an envelope is made, and it signs it with the station's key
(tests.support.signing), so every fuzzer and limit test starts from events the server would take;
a mutation made after signing is refused as `bad_signature` or malformed, never a 500."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tests.support.signing import sign_wire
from workstation.clock import now_iso
from workstation.ids import uuid7


@dataclass
class FuzzStation:
    """One logged-in user on one device, writing valid events."""

    user_id: str
    device_id: str
    headers: dict[str, str]
    private_key: bytes = field(repr=False, default=b"")
    _seq: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def event(
        self, event_type: str, patient_id: str | None, payload: dict[str, Any]
    ) -> dict[str, Any]:
        """A new well-formed wire event authored and signed by this user on this device."""
        return sign_wire(self.private_key, {
            "event_id": uuid7(), "type": event_type, "patient_id": patient_id,
            "author_id": self.user_id, "device_id": self.device_id, "device_seq": next(self._seq),
            "recorded_at": now_iso(), "payload": payload,
        })  # fmt: skip


def admission(ward_id: str = "CARD") -> dict[str, Any]:
    """A PatientAdmitted payload for a made-up patient."""
    return {
        "record_number": f"MRN-{uuid7()[-8:]}", "name": "测试 患者", "sex": "female",
        "birth_date": "1948-03-02", "ward_id": ward_id, "bed": "1", "admitted_at": now_iso(),
        "diagnosis": "心力衰竭 heart failure", "weight_kg": 61.5,
    }  # fmt: skip


def chart_events(station: FuzzStation, patient_id: str) -> list[dict[str, Any]]:
    """A physician's valid events on an admitted patient: vitals, a note, an order, an allergy,
    a problem, a transfer within the ward's scope and a void of the note."""
    at = now_iso()
    note = station.event("NoteSigned", patient_id, {
        "note_type": "daily_progress_note", "title": "查房", "text": "Comfortable overnight. 无胸痛。"})  # fmt: skip
    return [
        station.event(
            "VitalsRecorded",
            patient_id,
            {
                "taken_at": at,
                "pulse_bpm": 88,
                "temperature_c": 37.2,
                "spo2_pct": 96,
                "systolic_mmhg": 128,
                "diastolic_mmhg": 76,
                "consciousness": "A",
            },
        ),  # fmt: skip
        note,
        station.event(
            "OrderPlaced",
            patient_id,
            {
                "order_kind": "medication",
                "description": "amoxicillin 500 mg po tid",
                "medication": {
                    "drug_code": "AMOX",
                    "drug_name": "amoxicillin",
                    "dose_value": 500,
                    "dose_unit": "mg",
                    "route": "po",
                    "frequency": "tid",
                },
            },
        ),  # fmt: skip
        station.event(
            "AllergyRecorded",
            patient_id,
            {"substance": "penicillin", "reaction": "rash", "severity": "moderate"},
        ),  # fmt: skip
        station.event(
            "ProblemRecorded",
            patient_id,
            {"description": "heart failure", "icd10": "I50.9", "status": "active"},
        ),  # fmt: skip
        station.event(
            "PatientTransferred",
            patient_id,
            {"ward_id": "CARD", "bed": "2", "base_version": 0, "reason": "quieter bed"},
        ),  # fmt: skip
        station.event(
            "EventVoided",
            patient_id,
            {"target_event_id": note["event_id"], "reason": "wrong patient"},
        ),  # fmt: skip
    ]


def ward_batch(station: FuzzStation) -> list[dict[str, Any]]:
    """One valid push batch: a new patient's admission and the chart events that follow it."""
    patient_id = uuid7()
    return [
        station.event("PatientAdmitted", patient_id, admission()),
        *chart_events(station, patient_id),
    ]
