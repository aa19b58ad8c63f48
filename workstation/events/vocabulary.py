"""The clinical event vocabulary: every event type, its payload fields and its own rules.

The same table validates an event on the workstation before it is saved and on the server
before it is accepted, so both sides always agree on what a well-formed fact is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from workstation.clinical.assessments import admission_problems, recorded_problems
from workstation.domain.enums import (
    Acuity,
    AdministrationOutcome,
    AllergySeverity,
    NoteType,
    OrderKind,
    Sex,
)
from workstation.events.fields import (
    Field,
    boolean,
    calendar_date,
    check_fields,
    integer,
    json_object,
    number,
    one_of,
    optional,
    text,
    timestamp,
    uuid_ref,
)

Rule = Callable[[dict[str, Any]], list[str]]

ROUTES = (
    "po", "iv", "ivgtt", "im", "sc", "sl", "inh", "pr", "top", "ih", "id", "neb", "pv", "ng",
    "epidural", "infil", "eye", "ear", "nasal",
)  # fmt: skip
FREQUENCIES = (
    "qd", "bid", "tid", "qid", "q2h", "q4h", "q6h", "q8h", "q12h", "qn", "qod", "qw", "st", "prn", "qm",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventType:
    """What one kind of event carries and how it is checked."""

    name: str
    fields: dict[str, Field]
    patient_scoped: bool = True  # patient_id must be set
    mutable_record: bool = False  # carries base_version; a stale one is a conflict
    references: tuple[str, ...] = ()  # payload fields naming an earlier event
    rules: tuple[Rule, ...] = field(default_factory=tuple)


def _medication_rule(payload: dict[str, Any]) -> list[str]:
    med = payload.get("medication")
    kind = payload.get("order_kind")
    if kind == OrderKind.MEDICATION and not isinstance(med, dict):
        return ["medication is required for a medication order"]
    if kind != OrderKind.MEDICATION and med is not None:
        return ["medication is only allowed on a medication order"]
    if not isinstance(med, dict):
        return []
    problems = check_fields(med, MEDICATION_FIELDS, where="medication.")
    if med.get("prn") and not med.get("prn_indication"):
        problems.append("medication.prn_indication is required for a PRN order")
    return problems


GIVEN_ONLY_FIELDS = ("end_at", "amount_given_ml", "reassess_at", "adverse_reaction")


def _administration_rule(payload: dict[str, Any]) -> list[str]:
    outcome = payload.get("outcome")
    if outcome == AdministrationOutcome.GIVEN:
        missing = [n for n in ("dose_value", "dose_unit", "route") if payload.get(n) is None]
        problems = [f"{n} is required when the dose was given" for n in missing]
        start, end = payload.get("administered_at"), payload.get("end_at")
        if isinstance(start, str) and isinstance(end, str) and end < start:
            problems.append("end_at must not be before administered_at")
        return problems
    problems = [f"{n} is only allowed when the dose was given"
                for n in GIVEN_ONLY_FIELDS if payload.get(n) is not None]  # fmt: skip
    if outcome is not None and not payload.get("reason"):
        problems.append("reason is required when a dose is held, refused or not given")
    return problems


VITAL_FIELDS = (
    "temperature_c", "pulse_bpm", "resp_rate", "systolic_mmhg", "diastolic_mmhg", "spo2_pct",
    "weight_kg", "pain_score", "height_cm",
)  # fmt: skip


def _vitals_rule(payload: dict[str, Any]) -> list[str]:
    if not any(payload.get(name) is not None for name in VITAL_FIELDS):
        return ["at least one measurement is required"]
    return []


def _ward_received_rule(payload: dict[str, Any]) -> list[str]:
    if payload.get("order_id") is None and payload.get("drug_code") is None:
        return ["order_id or drug_code is required"]
    return []


IO_DIRECTIONS = ("intake", "output")
IO_CATEGORIES = (
    "oral", "iv", "enteral", "blood", "other_intake",  # intake
    "urine", "drain", "vomit", "stool", "nasogastric", "blood_loss", "other_output",  # output
)  # fmt: skip
INTAKE_CATEGORIES = frozenset(IO_CATEGORIES[:5])
ASSESSMENT_KINDS = ("morse", "braden", "admission_nursing")


def _intake_output_rule(payload: dict[str, Any]) -> list[str]:
    category, direction = payload.get("category"), payload.get("direction")
    if category not in IO_CATEGORIES or direction not in IO_DIRECTIONS:
        return []
    if (category in INTAKE_CATEGORIES) != (direction == "intake"):
        return [f"category {category} is not an {direction} category"]
    return []


def _assessment_rule(payload: dict[str, Any]) -> list[str]:
    items = payload.get("items")
    if not isinstance(items, dict):
        return []
    if payload.get("kind") == "admission_nursing":
        extra = [f"{n} is only for scored scales" for n in ("total", "risk") if n in payload]
        return admission_problems(items) + extra
    missing = [f"{n} is required for a scored scale" for n in ("total", "risk")
               if payload.get(n) is None]  # fmt: skip
    return missing or recorded_problems(payload)


BEDSIDE_RESULTS = (
    "match", "wrong_patient", "wrong_drug", "wrong_dose", "wrong_route", "wrong_time",
    "unknown_code", "unable_to_scan", "skin_test",  # skin_test: no negative 皮试 on file
)  # fmt: skip


def _bedside_rule(payload: dict[str, Any]) -> list[str]:
    unable = payload.get("result") == "unable_to_scan"
    if unable and not payload.get("unable_to_scan_reason"):
        return ["unable_to_scan_reason is required when the codes could not be scanned"]
    if not unable and payload.get("unable_to_scan_reason") is not None:
        return ["unable_to_scan_reason is only allowed when the result is unable_to_scan"]
    if not unable and not (payload.get("wristband_code") or payload.get("drug_code_scanned")):
        return ["a scanned wristband_code or drug_code_scanned is required"]
    return []


def _demographics_rule(payload: dict[str, Any]) -> list[str]:
    # A null field means "unchanged": name, sex and birth date can never be cleared.
    if not any(k != "base_version" and v is not None for k, v in payload.items()):
        return ["at least one changed field is required"]
    return []


MEDICATION_FIELDS: dict[str, Field] = {
    "drug_code": Field(text(64)),
    "drug_name": Field(text(200)),
    "dose_value": Field(number(positive=True)),
    "dose_unit": Field(text(16)),
    "route": Field(one_of(ROUTES)),
    "frequency": Field(one_of(FREQUENCIES)),
    "duration_days": optional(integer(1, 365)),
    "prn": optional(boolean),
    "prn_indication": optional(text(200)),
}

# Bounds below only refuse physically impossible entries (typing slips such as 370 °C);
# clinical plausibility prompts belong to the vitals screen, not to the event contract.
_VITALS: dict[str, Field] = {
    "taken_at": Field(timestamp),
    "temperature_c": optional(number(20, 46)),
    "pulse_bpm": optional(integer(0, 350)),
    "resp_rate": optional(integer(0, 120)),
    "systolic_mmhg": optional(integer(0, 350)),
    "diastolic_mmhg": optional(integer(0, 250)),
    "spo2_pct": optional(integer(0, 100)),
    "on_oxygen": optional(boolean),
    "consciousness": optional(one_of(("A", "C", "V", "P", "U"))),
    "weight_kg": optional(number(0.2, 700)),
    "pain_score": optional(integer(0, 10)),
    "height_cm": optional(number(20, 280)),  # for the BSA of per-m² dosing (body_surface)
}


def _types() -> dict[str, EventType]:
    from workstation.events.allergy_events import allergy_types
    from workstation.events.archive_events import archive_types  # they build on EventType
    from workstation.events.controlled_events import controlled_types
    from workstation.events.frontsheet_events import frontsheet_types
    from workstation.events.infusion_events import infusion_types
    from workstation.events.interface_events import RESULT_STATUSES, interface_types
    from workstation.events.nursing_record_events import nursing_record_types
    from workstation.events.opioid_events import opioid_types
    from workstation.events.order_sheet_events import (
        ORDER_SHEET_FIELDS,
        order_sheet_rule,
        order_sheet_types,
    )
    from workstation.events.outbound_events import outbound_types
    from workstation.events.pharmacy_events import pharmacy_types
    from workstation.events.problem_events import problem_types
    from workstation.events.rights_events import rights_types, signoff_rule
    from workstation.events.safety_events import safety_types
    from workstation.events.skin_test_events import skin_test_types
    from workstation.events.ward_events import ward_types

    sex, acuity = one_of(Sex), one_of(Acuity)
    defs = [
        EventType("PatientAdmitted", {
            "record_number": Field(text(32)),
            "temporary_number": optional(boolean),
            "name": Field(text(200)),
            "sex": Field(sex),
            "birth_date": Field(calendar_date),
            "ward_id": Field(text(32)),
            "bed": Field(text(16)),
            "admitted_at": Field(timestamp),
            "acuity": optional(acuity),
            "weight_kg": optional(number(0.2, 700)),
            "diagnosis": optional(text(500)),
            "attending_id": optional(text(64)),
        }),
        EventType("PatientTransferred", {
            "ward_id": Field(text(32)),
            "bed": Field(text(16)),
            "base_version": Field(integer(0)),
            "reason": optional(text(500)),
        }, mutable_record=True),
        EventType("DemographicsUpdated", {
            "base_version": Field(integer(0)),
            "name": optional(text(200)),
            "sex": optional(sex),
            "birth_date": optional(calendar_date),
            "weight_kg": optional(number(0.2, 700)),
            "acuity": optional(acuity),
        }, mutable_record=True, rules=(_demographics_rule,)),
        EventType("PatientDischarged", {
            "base_version": Field(integer(0)),
            "discharged_at": Field(timestamp),
            "disposition": optional(text(200)),
            # 离院方式 as the front sheet codes it (1-5, 9; 5 死亡): the handover report counts deaths by it
            "disposition_code": optional(one_of(("1", "2", "3", "4", "5", "9"))),
        }, mutable_record=True),
        EventType("NoteSigned", {
            "note_type": Field(one_of(NoteType)),
            "title": optional(text(200)),
            "text": Field(text(100_000)),
            "needs_cosign": optional(boolean),
        }),
        EventType("NoteAddended", {
            "note_id": Field(uuid_ref),
            "text": Field(text(100_000)),
        }, references=("note_id",)),
        EventType("NoteCosigned", {"note_id": Field(uuid_ref)}, references=("note_id",)),
        EventType("OrderPlaced", {
            "order_kind": Field(one_of(OrderKind)),
            "description": Field(text(500)),
            "code": optional(text(64)),
            "medication": optional(json_object),
            "urgent": optional(boolean),
            "start_at": optional(timestamp),
            "replaces_order_id": optional(uuid_ref),
            "overrides": optional(json_object),
            "signoff": optional(json_object),  # who may sign it alone: rights_events
            **ORDER_SHEET_FIELDS,
        }, rules=(_medication_rule, signoff_rule, order_sheet_rule)),
        EventType("OrderVerified", {"order_id": Field(uuid_ref)}, references=("order_id",)),
        EventType("OrderRejected", {
            "order_id": Field(uuid_ref), "reason": Field(text(500)),
        }, references=("order_id",)),
        EventType("OrderDiscontinued", {
            "order_id": Field(uuid_ref), "reason": Field(text(500)),
        }, references=("order_id",)),
        EventType("OrderCompleted", {"order_id": Field(uuid_ref)}, references=("order_id",)),
        EventType("MedicationAdministered", {
            "order_id": Field(uuid_ref),
            "outcome": Field(one_of(AdministrationOutcome)),
            "administered_at": Field(timestamp),
            "scheduled_for": optional(timestamp),
            "dose_value": optional(number(positive=True)),
            "dose_unit": optional(text(16)),
            "route": optional(one_of(ROUTES)),
            "site": optional(text(64)),
            "reason": optional(text(500)),
            "witness_id": optional(text(64)),
            "end_at": optional(timestamp),  # an infusion's end
            "amount_given_ml": optional(number(positive=True)),  # an infusion's volume given
            "prn_indication": optional(text(200)),
            "reassess_at": optional(timestamp),  # a PRN dose's effect reassessment is due
            "early_late_reason": optional(text(500)),
            "adverse_reaction": optional(text(500)),
        }, references=("order_id",), rules=(_administration_rule,)),
        EventType("VitalsRecorded", _VITALS, rules=(_vitals_rule,)),
        EventType("LabResulted", {
            "test_code": Field(text(32)),
            "test_name": Field(text(200)),
            "value": Field(text(64)),
            "numeric_value": optional(number()),
            "unit": optional(text(32)),
            "reference_low": optional(number()),
            "reference_high": optional(number()),
            "flag": optional(one_of(("L", "H", "LL", "HH", "A"))),
            "resulted_at": Field(timestamp),
            "order_id": optional(uuid_ref),
            "result_status": optional(one_of(RESULT_STATUSES)),
            "supersedes_result_id": optional(uuid_ref),  # the result a correction replaces
            "filler_order_number": optional(text(64)),  # the LIS's id of the test (OBR-3)
        }, references=("supersedes_result_id",)),
        EventType("AllergyRecorded", {
            "substance": Field(text(200)),
            "reaction": optional(text(500)),
            "severity": Field(one_of(AllergySeverity)),
        }),
        EventType("ProblemRecorded", {
            "description": Field(text(500)),
            "icd10": optional(text(16)),
            "status": Field(one_of(("active", "resolved"))),
        }),
        EventType("Dispensed", {
            "drug_code": Field(text(64)),
            "lot": Field(text(64)),
            "location_id": Field(text(32)),
            "quantity": Field(number(positive=True)),
            "unit": Field(text(16)),
            "order_id": optional(uuid_ref),
            "prescription_id": optional(uuid_ref),  # an outpatient prescription's item
            "item_index": optional(integer(0, 99)),
        }, patient_scoped=False),
        EventType("StockReceived", {
            "drug_code": Field(text(64)),
            "lot": Field(text(64)),
            "expiry": Field(calendar_date),
            "location_id": Field(text(32)),
            "quantity": Field(number(positive=True)),
            "unit": Field(text(16)),
        }, patient_scoped=False),
        EventType("StockAdjusted", {
            "drug_code": Field(text(64)),
            "lot": Field(text(64)),
            "location_id": Field(text(32)),
            "quantity_delta": Field(number()),
            "reason": Field(text(500)),
            "order_id": optional(uuid_ref),  # a patient's doses returned to pharmacy
        }, patient_scoped=False),
        EventType("EventVoided", {
            "target_event_id": Field(uuid_ref), "reason": Field(text(500)),
        }, patient_scoped=False, references=("target_event_id",)),
        *_nursing_types(),
        EventType("BreakGlassInvoked", {
            "reason": Field(text(500)), "minutes": Field(integer(1, 480)),
        }),
        *pharmacy_types(),
        *archive_types(),
        *rights_types(),
        *skin_test_types(), *controlled_types(),
        *interface_types(),
        *opioid_types(),
        *allergy_types(),
        *order_sheet_types(),
        *safety_types(),
        *frontsheet_types(),
        *ward_types(),
        *outbound_types(),
        *problem_types(),
        *nursing_record_types(),
        *infusion_types(),
    ]  # fmt: skip
    return {d.name: d for d in defs}


def _nursing_types() -> list[EventType]:
    """The nurse's station's own facts: fluid balance, scored assessments, ward receipt of a
    delivery, the bedside scan before a dose, and the shift handoff."""
    return [
        EventType("IntakeOutputRecorded", {
            "direction": Field(one_of(IO_DIRECTIONS)),
            "category": Field(one_of(IO_CATEGORIES)),
            # 0 is a real measurement (anuria); over 10 L in one entry can only be a typing slip.
            "volume_ml": Field(number(0, 10_000)),
            "measured_at": Field(timestamp),
            "note": optional(text(500)),
        }, rules=(_intake_output_rule,)),
        EventType("AssessmentRecorded", {
            "kind": Field(one_of(ASSESSMENT_KINDS)),
            "items": Field(json_object),
            "total": optional(integer(0, 100)),
            "risk": optional(text(32)),
            "assessed_at": Field(timestamp),
        }, rules=(_assessment_rule,)),
        EventType("WardReceived", {
            "order_id": optional(uuid_ref),
            "drug_code": optional(text(64)),
            "lot": Field(text(64)),
            "quantity": Field(number(positive=True)),
            "unit": optional(text(16)),
            "location_id": optional(text(32)),
        }, references=("order_id",), rules=(_ward_received_rule,)),
        EventType("BedsideChecked", {
            "order_id": Field(uuid_ref),
            "wristband_code": optional(text(128)),
            "drug_code_scanned": optional(text(128)),
            "result": Field(one_of(BEDSIDE_RESULTS)),
            "unable_to_scan_reason": optional(text(500)),
            "scheduled_for": optional(timestamp),
        }, references=("order_id",), rules=(_bedside_rule,)),
        EventType("HandoffRecorded", {
            "style": Field(one_of(("ipass", "sbar"))),
            "text": Field(text(20_000)),
        }),
    ]  # fmt: skip


EVENT_TYPES: dict[str, EventType] = _types()
ALL_TYPES: tuple[str, ...] = tuple(EVENT_TYPES)
STOCK_TYPES = frozenset({"Dispensed", "StockReceived", "StockAdjusted"})


def referenced_event_ids(event_type: str, payload: dict[str, Any]) -> list[str]:
    """The earlier events this one depends on (an amendment blocks on its target)."""
    spec = EVENT_TYPES.get(event_type)
    if spec is None:
        return []
    return [payload[name] for name in spec.references if isinstance(payload.get(name), str)]
