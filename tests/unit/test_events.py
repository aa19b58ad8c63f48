"""The event vocabulary: a valid example of every type, and the rules that refuse broken ones."""

from __future__ import annotations

import math
from typing import Any

import pytest

from workstation.events import (
    EVENT_TYPES,
    Event,
    InvalidEvent,
    MalformedEvent,
    event_from_wire,
    event_problems,
    referenced_event_ids,
    validate_event,
)
from workstation.events.fields import number
from workstation.ids import uuid7

PATIENT = "0190b8e2-7c3a-7d1e-9f00-0123456789ab"
TARGET = "0190b8e2-7c3a-7d1e-9f00-00000000beef"
AT = "2024-03-01T08:00:00.000Z"

MEDICATION = {
    "drug_code": "AMOX500", "drug_name": "amoxicillin", "dose_value": 500, "dose_unit": "mg",
    "route": "po", "frequency": "tid", "duration_days": 7,
}  # fmt: skip

VALID_PAYLOADS: dict[str, dict[str, Any]] = {
    "PatientAdmitted": {
        "record_number": "MRN0001", "name": "张三", "sex": "male", "birth_date": "1950-05-17",
        "ward_id": "W1", "bed": "12", "admitted_at": AT, "acuity": "stable", "weight_kg": 62.5,
    },
    "PatientTransferred": {"ward_id": "W2", "bed": "3", "base_version": 0, "reason": "step down"},
    "DemographicsUpdated": {"base_version": 0, "weight_kg": 60.0},
    "PatientDischarged": {"base_version": 2, "discharged_at": AT, "disposition": "home"},
    "DischargeCancelled": {"base_version": 3, "reason": "discharge cancelled by the HIS (A13)"},
    "NoteSigned": {"note_type": "daily_progress_note", "title": "Day 2", "text": "Afebrile."},
    "NoteAddended": {"note_id": TARGET, "text": "Correction: afebrile overnight."},
    "NoteCosigned": {"note_id": TARGET},
    "OrderPlaced": {"order_kind": "medication", "description": "amox 500mg po tid 7d",
                    "medication": MEDICATION},
    "OrderVerified": {"order_id": TARGET},
    "OrderRejected": {"order_id": TARGET, "reason": "allergy to penicillin"},
    "OrderDiscontinued": {"order_id": TARGET, "reason": "course complete"},
    "OrderCompleted": {"order_id": TARGET},
    "MedicationAdministered": {
        "order_id": TARGET, "outcome": "given", "administered_at": AT, "scheduled_for": AT,
        "dose_value": 500, "dose_unit": "mg", "route": "po",
    },
    "VitalsRecorded": {"taken_at": AT, "temperature_c": 36.8, "pulse_bpm": 72, "spo2_pct": 98},
    "LabResulted": {
        "test_code": "K", "test_name": "potassium", "value": "4.1", "numeric_value": 4.1,
        "unit": "mmol/L", "resulted_at": AT,
    },
    "AllergyRecorded": {"substance": "penicillin", "reaction": "rash", "severity": "moderate"},
    "ProblemRecorded": {"description": "community-acquired pneumonia", "icd10": "J18.9",
                        "status": "active"},
    "Dispensed": {"drug_code": "AMOX500", "lot": "L1", "location_id": "PHARM", "quantity": 21,
                  "unit": "cap", "order_id": TARGET},
    "StockReceived": {"drug_code": "AMOX500", "lot": "L1", "expiry": "2026-01-31",
                      "location_id": "PHARM", "quantity": 100, "unit": "cap"},
    "StockAdjusted": {"drug_code": "AMOX500", "lot": "L1", "location_id": "PHARM",
                      "quantity_delta": -2, "reason": "broken capsules"},
    "EventVoided": {"target_event_id": TARGET, "reason": "entered on the wrong patient"},
    "BreakGlassInvoked": {"reason": "emergency on the corridor", "minutes": 30},
    "OpioidToleranceRecorded": {"tolerant": True, "basis": "morphine SR 60 mg q12h, 3 months"},
    "IntakeOutputRecorded": {"direction": "output", "category": "urine", "volume_ml": 350,
                             "measured_at": AT},
    "AssessmentRecorded": {"kind": "braden", "assessed_at": AT, "total": 14, "risk": "moderate",
                           "items": {"sensory_perception": 3, "moisture": 2, "activity": 2,
                                     "mobility": 2, "nutrition": 3, "friction_shear": 2}},
    "WardReceived": {"order_id": TARGET, "drug_code": "AMOX500", "lot": "L1", "quantity": 21},
    "BedsideChecked": {"order_id": TARGET, "wristband_code": "P:MRN0001",
                       "drug_code_scanned": "0123", "result": "match"},
    "HandoffRecorded": {"style": "sbar", "text": "S: stable overnight."},
    "OrderChangeRequested": {"order_id": TARGET, "message": "eGFR 25: please halve the dose"},
    "OrderChecked": {"order_id": TARGET, "what": "new"},
    "VerbalOrderSigned": {"order_id": TARGET},
    "OrderSheetReorganised": {"reason": "many_changes"},
    "OutpatientPrescribed": {
        "queue_number": 12, "patient_name": "赵六", "patient_ref": "OP0012",
        "items": [{"sentence": "amox 500mg po tid 5d", "drug_code": "amoxicillin",
                   "drug_name": "Amoxicillin", "quantity": 15, "unit": "cap"}],
    },
    "OutpatientHandedOver": {"prescription_id": TARGET, "counselling_note": "with food"},
    "RecordArchived": {"record_number": "MRN0001", "comment": "complete"},
    "RecordUnlockRequested": {"reason": "discharge summary names the wrong drug"},
    "RecordUnlockApproved": {"request_id": TARGET, "hours": 24},
    "RecordUnlockDenied": {"request_id": TARGET, "reason": "correct it by an addendum"},
    "OrderCosigned": {"order_id": TARGET},
    "AntibioticApproved": {"order_id": TARGET, "consultation_id": "c-1", "note": "MDR sepsis"},
    "SkinTestRecorded": {"substance": "penicillin", "result": "negative",
                         "read_at": "2024-03-01T08:20:00.000Z", "witness_id": "nurse-2"},
    "EmptyAmpouleReturned": {"drug_code": "fentanyl", "quantity": 1, "unit": "amp"},
    "ControlledDrugDestroyed": {"drug_code": "fentanyl", "amount": 0.05, "unit": "mg",
                                "witness_id": "nurse-2"},
    "NoKnownAllergiesRecorded": {"source": "patient and daughter"},
    "AllergyCheckOverridden": {"order_id": TARGET, "step": "verification",
                               "reason": "unconscious, family on the way: antibiotic cannot wait"},
    # the ward's core safety systems (safety_events)
    "CriticalValueReported": {
        "result_id": TARGET, "test_code": "K", "test_name": "钾", "value": "6.90",
        "basis": "lab_flag", "flag": "HH", "reported_at": AT, "reporter": "检验科 王敏",
    },
    "CriticalValueReceived": {"critical_id": TARGET, "received_at": AT, "read_back": True},
    "CriticalValueDoctorNotified": {"critical_id": TARGET, "doctor_id": "u-1", "notified_at": AT},
    "CriticalValueAcknowledged": {"critical_id": TARGET, "action": "复查", "acknowledged_at": AT},
    "NursingLevelOrdered": {"level": "first", "ordered_at": AT},
    "BarthelAssessed": {"items": {"feeding": 10, "bathing": 5, "grooming": 5, "dressing": 10,
        "bowels": 10, "bladder": 10, "toilet_use": 10, "transfers": 15, "mobility": 15,
        "stairs": 10}, "total": 100, "assessed_at": AT},
    "NursingRoundRecorded": {"seen_at": AT},
    "ConsultationRequested": {"urgency": "emergency", "department": "ICU", "question": "?",
                              "requested_at": AT},
    "ConsultantArrived": {"consultation_id": TARGET, "arrived_at": AT, "consultant": "Dr Li"},
    "ConsultationRecorded": {"consultation_id": TARGET, "note_id": TARGET},
    "FrontSheetSaved": {
        "admission_diagnoses": [{"code": "J18.9", "name": "肺炎"}],
        "discharge_diagnoses": [{"code": "J18.9", "name": "肺炎", "admission_condition": "1"}],
        "procedures": [{"code": "96.04", "name": "气管插管", "performed_at": AT}],
        "disposition": "2", "transfer_to": "市第一人民医院",
    },
    "AdverseEventReported": {
        "ward_id": "CARD", "category": "medication", "severity": "III", "occurred_at": AT,
        "description": "rash after ceftriaxone", "anonymous": True,
        "adr": {"drug_name": "ceftriaxone", "reaction": "urticaria", "reaction_at": AT,
                "new_reaction": False, "serious": False, "outcome": "recovered"},
    },
    "WardHandoverSigned": {
        "ward_id": "CARD", "shift": "night", "shift_start": AT, "shift_end": "2024-03-01T16:00:00.000Z",
        "counts": {"present_at_end": 12}, "special_patients": {"rows": []},
    },
    "WardHandoverReceived": {"report_id": TARGET, "ward_id": "CARD"},
    "OrderTransmitted": {
        "order_id": TARGET, "destination": "LIS", "action": "new", "control_id": "N0123456789ABCDEF01",
        "sent_at": AT, "answered_at": AT, "outcome": "accepted", "ack_code": "AA",
    },
    "ProblemResolved": {"problem_id": TARGET},
    "NursingRecordWritten": {"form": "critical", "written_at": AT, "intake": {"iv": 500},
                             "measures": "吸氧 3L/min"},
    "InfusionRoundRecorded": {"order_id": TARGET, "observed_at": AT, "rate_value": 40,
                              "rate_unit": "gtt_min", "site": "normal", "action": "continue"},
}  # fmt: skip


def make_event(event_type: str, payload: dict[str, Any] | None = None, **envelope: Any) -> Event:
    """An event of event_type with its valid example payload unless another is given."""
    fields: dict[str, Any] = {
        "event_id": uuid7(), "type": event_type, "patient_id": PATIENT, "author_id": "u-1",
        "device_id": "dev-1", "device_seq": 1, "recorded_at": AT,
        "payload": dict(VALID_PAYLOADS[event_type]) if payload is None else payload,
    }  # fmt: skip
    fields.update(envelope)
    return Event(**fields)


def with_changes(event_type: str, **changes: Any) -> dict[str, Any]:
    """The valid example payload with some fields replaced (None removes a field)."""
    payload = {**VALID_PAYLOADS[event_type], **changes}
    return {k: v for k, v in payload.items() if v is not None}


def problems_of(event_type: str, payload: dict[str, Any]) -> str:
    """Every problem of an event with this payload, joined for matching."""
    return "; ".join(event_problems(make_event(event_type, payload)))


def test_every_event_type_has_an_example():
    assert set(VALID_PAYLOADS) == set(EVENT_TYPES)


@pytest.mark.parametrize("event_type", sorted(EVENT_TYPES))
def test_valid_example_passes(event_type):
    event = make_event(event_type)
    assert event_problems(event) == []
    assert validate_event(event) is event


@pytest.mark.parametrize("event_type", sorted(EVENT_TYPES))
def test_missing_required_field_is_named(event_type):
    required = [n for n, f in EVENT_TYPES[event_type].fields.items() if f.required]
    assert required, f"{event_type} has no required field"
    for name in required:
        payload = {k: v for k, v in VALID_PAYLOADS[event_type].items() if k != name}
        assert f"{name} is required" in problems_of(event_type, payload)


@pytest.mark.parametrize("event_type", sorted(EVENT_TYPES))
def test_unknown_field_is_refused(event_type):
    payload = with_changes(event_type, colour="blue", aardvark=1)
    assert "unknown field(s): aardvark, colour" in problems_of(event_type, payload)


@pytest.mark.parametrize("event_type", sorted(EVENT_TYPES))
def test_explicit_null_for_a_required_field_is_refused(event_type):
    name = next(n for n, f in EVENT_TYPES[event_type].fields.items() if f.required)
    payload = {**VALID_PAYLOADS[event_type], name: None}
    assert f"{name} is required" in problems_of(event_type, payload)


@pytest.mark.parametrize(
    ("event_type", "changes", "expected"),
    [
        ("VitalsRecorded", {"pulse_bpm": "72"}, "pulse_bpm must be an integer"),
        ("VitalsRecorded", {"pulse_bpm": 72.5}, "pulse_bpm must be an integer"),
        ("VitalsRecorded", {"pulse_bpm": True}, "pulse_bpm must be an integer"),
        ("VitalsRecorded", {"temperature_c": "36.8"}, "temperature_c must be a number"),
        ("VitalsRecorded", {"on_oxygen": "yes"}, "on_oxygen must be true or false"),
        ("VitalsRecorded", {"taken_at": "yesterday"}, "taken_at must be a UTC timestamp"),
        ("VitalsRecorded", {"consciousness": "X"}, "consciousness must be one of A, C, V, P, U"),
        ("PatientAdmitted", {"birth_date": "17/05/1950"}, "birth_date must be a date YYYY-MM-DD"),
        ("PatientAdmitted", {"sex": "m"}, "sex must be one of female, male, unknown"),
        ("PatientAdmitted", {"name": "   "}, "name must be non-empty text"),
        ("PatientAdmitted", {"bed": "B" * 17}, "bed must be at most 16 characters"),
        ("NoteSigned", {"note_type": "poem"}, "note_type must be one of"),
        ("NoteAddended", {"note_id": "not-a-uuid"}, "note_id must be a UUID"),
        ("OrderPlaced", {"medication": "amox"}, "medication must be an object"),
        ("MedicationAdministered", {"outcome": "maybe"}, "outcome must be one of"),
        ("StockReceived", {"quantity": 0}, "quantity must be greater than zero"),
        ("StockReceived", {"expiry": "2026-02-30"}, "expiry must be a date YYYY-MM-DD"),
        ("BreakGlassInvoked", {"minutes": 0}, "minutes must be at least 1"),
        ("BreakGlassInvoked", {"minutes": 481}, "minutes must be at most 480"),
        ("PatientTransferred", {"base_version": -1}, "base_version must be at least 0"),
    ],
)
def test_wrong_type_or_value_is_refused(event_type, changes, expected):
    assert expected in problems_of(event_type, with_changes(event_type, **changes))


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("temperature_c", 370, "temperature_c must be at most 46"),
        ("temperature_c", 19.9, "temperature_c must be at least 20"),
        ("temperature_c", 46, None),
        ("temperature_c", 20, None),
        ("spo2_pct", 101, "spo2_pct must be at most 100"),
        ("spo2_pct", -1, "spo2_pct must be at least 0"),
        ("pain_score", 11, "pain_score must be at most 10"),
        ("pulse_bpm", 351, "pulse_bpm must be at most 350"),
        ("weight_kg", 0.1, "weight_kg must be at least 0.2"),
        ("weight_kg", 700, None),
    ],
)
def test_vital_bounds(field, value, expected):
    found = problems_of("VitalsRecorded", {"taken_at": AT, field: value})
    if expected is None:
        assert found == ""
    else:
        assert expected in found


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_are_refused(value):
    assert number(20, 46)(value) == "must be a finite number"
    assert number()(value) == "must be a finite number"
    found = problems_of("VitalsRecorded", {"taken_at": AT, "temperature_c": value})
    assert found == "payload must not contain NaN or infinity"


def test_huge_integers_are_still_numbers():
    assert number()(10**400) is None
    assert number(high=5)(10**400) == "must be at most 5"


def test_vitals_need_at_least_one_measurement():
    assert "at least one measurement is required" in problems_of(
        "VitalsRecorded", {"taken_at": AT, "on_oxygen": True}
    )


def test_prn_medication_needs_an_indication():
    med = {**MEDICATION, "frequency": "prn", "prn": True}
    found = problems_of("OrderPlaced", with_changes("OrderPlaced", medication=med))
    assert "medication.prn_indication is required for a PRN order" in found
    med["prn_indication"] = "pain"
    assert problems_of("OrderPlaced", with_changes("OrderPlaced", medication=med)) == ""


def test_medication_order_needs_its_medication():
    payload = with_changes("OrderPlaced", medication=None)
    assert "medication is required for a medication order" in problems_of("OrderPlaced", payload)


def test_medication_dict_on_a_lab_order_is_refused():
    payload = with_changes("OrderPlaced", order_kind="lab", description="FBC")
    assert "medication is only allowed on a medication order" in problems_of("OrderPlaced", payload)
    lab = {"order_kind": "lab", "description": "FBC", "code": "FBC"}
    assert problems_of("OrderPlaced", lab) == ""


def test_medication_fields_are_checked_inside_the_dict():
    med = {**MEDICATION, "route": "by mouth", "dose_value": -5, "extra": 1}
    found = problems_of("OrderPlaced", with_changes("OrderPlaced", medication=med))
    assert "medication.route must be one of" in found
    assert "medication.dose_value must be greater than zero" in found
    assert "medication.unknown field(s): extra" in found


def test_given_dose_needs_dose_unit_and_route():
    payload = with_changes("MedicationAdministered", dose_value=None, dose_unit=None, route=None)
    found = problems_of("MedicationAdministered", payload)
    for name in ("dose_value", "dose_unit", "route"):
        assert f"{name} is required when the dose was given" in found


@pytest.mark.parametrize("outcome", ["held", "refused", "not_given"])
def test_dose_not_given_needs_a_reason(outcome):
    payload = {"order_id": TARGET, "outcome": outcome, "administered_at": AT}
    found = problems_of("MedicationAdministered", payload)
    assert "reason is required when a dose is held, refused or not given" in found
    payload["reason"] = "nil by mouth for theatre"
    assert problems_of("MedicationAdministered", payload) == ""


def test_demographics_update_needs_a_change():
    found = problems_of("DemographicsUpdated", {"base_version": 0})
    assert "at least one changed field is required" in found


def test_demographics_update_of_only_nulls_is_not_a_change():
    found = problems_of("DemographicsUpdated", {"base_version": 0, "name": None})
    assert "at least one changed field is required" in found


def test_bad_event_id_and_patient_id_are_refused():
    event = make_event("NoteSigned", event_id="42", patient_id="bed 12")
    found = event_problems(event)
    assert "event_id must be a UUID" in found
    assert "NoteSigned needs a patient_id (UUID)" in found


def test_upper_case_uuid_is_not_canonical():
    event = make_event("NoteSigned", patient_id=PATIENT.upper())
    assert "NoteSigned needs a patient_id (UUID)" in event_problems(event)


def test_patient_scoped_event_needs_a_patient():
    assert "VitalsRecorded needs a patient_id (UUID)" in event_problems(
        make_event("VitalsRecorded", patient_id=None)
    )


def test_stock_event_may_have_no_patient_but_not_a_bad_one():
    assert event_problems(make_event("StockReceived", patient_id=None)) == []
    assert "patient_id must be a UUID or null" in event_problems(
        make_event("StockReceived", patient_id="ward 3")
    )


def test_bad_recorded_at_is_refused():
    found = event_problems(make_event("NoteSigned", recorded_at="last Tuesday"))
    assert "recorded_at must be a UTC timestamp like 2026-01-31T08:00:00.000Z" in found


@pytest.mark.parametrize(
    "spelling",
    [
        "2026-03-01T08:00:00+00:00",
        "2026-03-01T08:00:00Z",
        "2026-03-01",
        "2026-03-01T16:00:00.000+08:00",
    ],
)
def test_a_timestamp_has_one_spelling_only(spelling):
    # text comparison of times (duplicate doses, ordering) needs one canonical form
    found = event_problems(make_event("NoteSigned", recorded_at=spelling))
    assert any(p.startswith("recorded_at must be a UTC timestamp") for p in found)


def test_unknown_type_is_refused():
    event = Event(uuid7(), "PatientTeleported", PATIENT, "u-1", "dev-1", 1, AT, {})
    assert event_problems(event) == ["unknown event type 'PatientTeleported'"]


def test_validate_event_raises_with_every_problem():
    with pytest.raises(InvalidEvent) as caught:
        validate_event(make_event("VitalsRecorded", {"pulse_bpm": 999}, event_id="x"))
    assert "event_id must be a UUID" in caught.value.problems
    assert "taken_at is required" in caught.value.problems
    assert "pulse_bpm must be at most 350" in str(caught.value)


def test_referenced_event_ids():
    assert referenced_event_ids("OrderVerified", {"order_id": TARGET}) == [TARGET]
    assert referenced_event_ids("EventVoided", VALID_PAYLOADS["EventVoided"]) == [TARGET]
    assert referenced_event_ids("NoteSigned", VALID_PAYLOADS["NoteSigned"]) == []
    assert referenced_event_ids("NoSuchType", {"order_id": TARGET}) == []
    assert referenced_event_ids("OrderVerified", {"order_id": 5}) == []


# --- the envelope on the wire -------------------------------------------------------------


def wire(**changes: Any) -> dict[str, Any]:
    """A valid wire event with some envelope fields replaced."""
    return {**make_event("NoteSigned").to_wire(), **changes}


def test_wire_round_trip_keeps_the_content_and_hash():
    event = make_event("OrderPlaced")
    back = event_from_wire(event.to_wire())
    assert back == event
    assert back.content_hash() == event.content_hash()


def test_wire_carries_server_fields_when_known():
    event = make_event("NoteSigned").with_server_fields(7, AT)
    data = event.to_wire()
    assert (data["server_seq"], data["received_at"]) == (7, AT)
    assert event_from_wire(data) == event
    assert "server_seq" not in make_event("NoteSigned").to_wire()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], "event must be a JSON object"),
        ("NoteSigned", "event must be a JSON object"),
        (None, "event must be a JSON object"),
        ({"type": "NoteSigned"}, "event is missing event_id, patient_id, author_id"),
        (wire(payload=[1]), "payload must be a JSON object"),
        (wire(payload=None), "payload must be a JSON object"),
        (wire(device_seq=0), "device_seq must be a positive integer"),
        (wire(device_seq="1"), "device_seq must be a positive integer"),
        (wire(device_seq=True), "device_seq must be a positive integer"),
        (wire(device_seq=1.0), "device_seq must be a positive integer"),
        (wire(device_seq=2**63), "device_seq must be a positive integer"),
        (wire(event_id=""), "event_id must be a non-empty string"),
        (wire(type=5), "type must be a non-empty string"),
        (wire(author_id=None), "author_id must be a non-empty string"),
        (wire(device_id="d" * 65), "device_id must be at most 64 characters"),
        (wire(author_id="a" * 65), "author_id must be at most 64 characters"),
        (wire(recorded_at=20240301), "recorded_at must be a non-empty string"),
        (wire(patient_id=17), "patient_id must be a string or null"),
        (wire(payload={"text": math.nan}), "payload must not contain NaN or infinity"),
        (wire(payload={"x": [{"y": math.inf}]}), "payload must not contain NaN or infinity"),
        (wire(payload={"x": 2**70}), "payload cannot be encoded as canonical JSON"),
    ],
)
def test_malformed_envelopes_are_refused_clearly(data, message):
    with pytest.raises(MalformedEvent) as caught:
        event_from_wire(data)
    assert message in str(caught.value)


def test_missing_fields_are_all_named():
    data = wire()
    del data["device_seq"], data["payload"]
    with pytest.raises(MalformedEvent, match="event is missing device_seq, payload"):
        event_from_wire(data)


def test_null_patient_is_allowed_on_the_wire():
    assert event_from_wire(wire(patient_id=None)).patient_id is None


# --- the content hash ---------------------------------------------------------------------


def test_content_hash_is_stable_under_key_order():
    event = make_event("OrderPlaced")
    reordered_med = dict(reversed(list(event.payload["medication"].items())))
    reordered = dict(reversed(list({**event.payload, "medication": reordered_med}.items())))
    other = Event(**{**{n: getattr(event, n) for n in Event.__slots__}, "payload": reordered})
    assert list(other.payload) != list(event.payload)
    assert other.content_hash() == event.content_hash()


def test_content_hash_ignores_server_fields():
    event = make_event("NoteSigned")
    assert event.with_server_fields(99, AT).content_hash() == event.content_hash()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("event_id", "0190b8e2-7c3a-7d1e-9f00-0000000000e2"),
        ("type", "NoteAddended"),
        ("patient_id", TARGET),
        ("author_id", "u-2"),
        ("device_id", "dev-2"),
        ("device_seq", 2),
        ("recorded_at", "2024-03-01T08:00:00.001Z"),
        ("payload", with_changes("NoteSigned", text="Afebrile!")),
        ("payload", with_changes("NoteSigned", title=None)),
    ],
)
def test_content_hash_changes_with_every_content_field(name, value):
    # fixed values only: pytest-xdist needs the same test ids on every worker
    event = make_event("NoteSigned")
    changed = Event(**{**{n: getattr(event, n) for n in Event.__slots__}, name: value})
    assert changed.content_hash() != event.content_hash()


def test_content_hash_is_a_sha256_hex_digest():
    digest = make_event("NoteSigned").content_hash()
    assert len(digest) == 64 and int(digest, 16) >= 0


def test_event_made_locally_with_nan_in_a_free_object_is_refused():
    payload = with_changes("OrderPlaced", overrides={"interaction": math.nan})
    assert "payload must not contain NaN or infinity" in problems_of("OrderPlaced", payload)


def test_ward_reports_check_their_nested_rows():
    bad_row = dict(VALID_PAYLOADS["FrontSheetSaved"]) | {
        "discharge_diagnoses": [{"code": "J18.9", "name": "肺炎", "admission_condition": "5"}]
    }
    assert any(
        "admission_condition" in p for p in event_problems(make_event("FrontSheetSaved", bad_row))
    )
    adr_on_fall = dict(VALID_PAYLOADS["AdverseEventReported"]) | {"category": "fall"}
    assert "adr is only for a medication event" in event_problems(
        make_event("AdverseEventReported", adr_on_fall)
    )
    backwards = dict(VALID_PAYLOADS["WardHandoverSigned"]) | {"shift_end": AT}
    assert "shift_end must be after shift_start" in event_problems(
        make_event("WardHandoverSigned", backwards)
    )
