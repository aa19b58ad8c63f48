"""The permission matrix: which role may record which event."""

from __future__ import annotations

import pytest

from workstation.domain.enums import NoteType, OrderKind, Role
from workstation.events.vocabulary import EVENT_TYPES
from workstation.security.policy import PERMISSIONS, permission_problem


def may(role: str, event_type: str, **payload: str) -> bool:
    """True when role may record event_type with this payload."""
    return permission_problem(role, event_type, payload) is None


@pytest.mark.parametrize(
    ("role", "event_type", "payload", "allowed"),
    [
        ("physician", "OrderPlaced", {"order_kind": "medication"}, True),
        ("physician", "OrderPlaced", {"order_kind": "lab"}, True),
        ("trainee_physician", "OrderPlaced", {"order_kind": "medication"}, True),
        ("nurse", "OrderPlaced", {"order_kind": "medication"}, False),
        ("nurse", "OrderPlaced", {"order_kind": "lab"}, False),
        ("nurse", "OrderPlaced", {"order_kind": "imaging"}, False),
        ("nurse", "OrderPlaced", {"order_kind": "nursing"}, True),
        ("nurse", "OrderPlaced", {}, False),
        ("pharmacist", "OrderPlaced", {"order_kind": "medication"}, False),
        ("admin", "OrderPlaced", {"order_kind": "nursing"}, False),
        ("lab", "OrderPlaced", {"order_kind": "lab"}, False),
        ("pharmacist", "OrderVerified", {}, True),
        ("pharmacist", "OrderRejected", {}, True),
        ("physician", "OrderVerified", {}, False),
        ("nurse", "OrderVerified", {}, False),
        ("trainee_physician", "OrderVerified", {}, False),
        ("lab", "LabResulted", {}, True),
        ("physician", "LabResulted", {}, False),
        ("nurse", "LabResulted", {}, False),
        ("admin", "LabResulted", {}, False),
        ("nurse", "MedicationAdministered", {}, True),
        ("physician", "MedicationAdministered", {}, False),
        ("pharmacist", "MedicationAdministered", {}, False),
        ("pharmacist", "Dispensed", {}, True),
        ("nurse", "Dispensed", {}, False),
        ("pharmacist", "StockAdjusted", {}, True),
        ("nurse", "StockAdjusted", {}, False),
        ("physician", "NoteCosigned", {}, True),
        ("trainee_physician", "NoteCosigned", {}, False),
        ("physician", "PatientAdmitted", {}, True),
        ("admin", "PatientAdmitted", {}, True),
        ("nurse", "PatientAdmitted", {}, False),
        ("nurse", "PatientTransferred", {}, True),
        ("admin", "BreakGlassInvoked", {}, False),
        ("nurse", "BreakGlassInvoked", {}, True),
        ("admin", "EventVoided", {}, False),
        ("admin", "AllergyRecorded", {}, False),
        ("admin", "VitalsRecorded", {}, False),
    ],
)
def test_permission_matrix(role, event_type, payload, allowed):
    assert may(role, event_type, **payload) is allowed


@pytest.mark.parametrize("note_type", list(NoteType))
def test_admin_signs_no_clinical_note(note_type):
    assert not may("admin", "NoteSigned", note_type=note_type)
    assert not may("admin", "NoteAddended")


@pytest.mark.parametrize("note_type", list(NoteType))
def test_nurse_signs_nursing_notes_only(note_type):
    assert may("nurse", "NoteSigned", note_type=note_type) is (note_type == NoteType.NURSING)


@pytest.mark.parametrize("note_type", list(NoteType))
def test_physician_signs_every_note_type(note_type):
    assert may("physician", "NoteSigned", note_type=note_type)


def test_lab_role_records_results_and_little_else():
    allowed = {t for t in EVENT_TYPES if may("lab", t, order_kind="lab")}
    assert allowed == {"LabResulted", "OrderCompleted", "EventVoided", "CriticalValueReported"}


def test_messages_say_who_may_not_do_what():
    assert (
        permission_problem("nurse", "OrderVerified", {}) == "a nurse may not record OrderVerified"
    )
    assert (
        permission_problem("nurse", "OrderPlaced", {"order_kind": "medication"})
        == "a nurse may not sign a medication order"
    )
    assert permission_problem("nurse", "NoteSigned", {"note_type": "admission_note"}) == (
        "a nurse may sign nursing notes only"
    )


@pytest.mark.parametrize("role", ["surgeon", "", "ADMIN", "Physician"])
def test_unknown_role_may_do_nothing(role):
    assert permission_problem(role, "NoteSigned", {"note_type": "nursing_note"}) == (
        f"unknown role {role!r}"
    )


def test_every_role_has_a_row_and_names_only_real_event_types():
    assert set(PERMISSIONS) == set(Role)
    for allowed in PERMISSIONS.values():
        assert allowed <= set(EVENT_TYPES)


def test_unknown_event_type_is_refused_for_everyone():
    assert all(not may(role, "PatientTeleported") for role in Role)


def test_every_event_type_has_someone_who_may_record_it():
    for event_type in EVENT_TYPES:
        assert any(may(r, event_type, order_kind="medication") for r in Role), event_type


def test_every_order_kind_has_a_prescriber():
    for kind in OrderKind:
        assert may("physician", "OrderPlaced", order_kind=kind)
