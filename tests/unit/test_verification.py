"""The verification queue: what waits, in which order, with what context, and its decisions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Connection

from tests.unit.pharmacy_fixtures import ev, fold, projection_db
from workstation.clinical.checks.model import Alert, Override, overrides_payload
from workstation.clinical.verification import (
    change_request_payload,
    may_administer,
    reject_payload,
    verification_queue,
    verify_payload,
)
from workstation.ids import uuid7
from workstation.projections import queries

TODAY = date(2026, 3, 1)


@pytest.fixture
def conn() -> Iterator[Connection]:
    """A fresh projection database."""
    yield from projection_db()


def admit(conn: Connection, name: str, ward: str = "W1") -> str:
    pid = uuid7()
    fold(conn, ev("PatientAdmitted", {
        "record_number": f"MRN-{name}", "name": name, "sex": "male", "birth_date": "1950-01-01",
        "ward_id": ward, "bed": "1", "admitted_at": "2026-03-01T00:00:00.000Z", "weight_kg": 70.0,
    }, pid))  # fmt: skip
    return pid


def order(conn: Connection, pid: str, drug: str, at: str, *, urgent: bool = False,
          kind: str = "medication", **more: object) -> str:  # fmt: skip
    medication = {"drug_code": drug, "drug_name": drug, "dose_value": 500, "dose_unit": "mg",
                  "route": "po", "frequency": "tid"} if kind == "medication" else None  # fmt: skip
    payload = {"order_kind": kind, "description": f"{drug} 500mg po tid", "urgent": urgent,
               "medication": medication, **more}  # fmt: skip
    return fold(conn, ev("OrderPlaced", {k: v for k, v in payload.items() if v is not None},
                         pid, at=at, author="doc-1"))[0].event_id  # fmt: skip


def test_urgent_orders_come_first_then_the_oldest(conn: Connection) -> None:
    pid = admit(conn, "张三")
    late = order(conn, pid, "paracetamol", "2026-03-01T09:00:00.000Z")
    early = order(conn, pid, "omeprazole", "2026-03-01T07:00:00.000Z")
    urgent = order(conn, pid, "furosemide", "2026-03-01T10:00:00.000Z", urgent=True)
    order(conn, pid, "", "2026-03-01T06:00:00.000Z", kind="nursing")  # not for the pharmacy
    assert [w.order_id for w in verification_queue(conn, today=TODAY)] == [urgent, early, late]


def test_verified_rejected_and_other_wards_leave_the_queue(conn: Connection) -> None:
    pid, other = admit(conn, "张三"), admit(conn, "李四", ward="W2")
    first = order(conn, pid, "paracetamol", "2026-03-01T07:00:00.000Z")
    second = order(conn, pid, "omeprazole", "2026-03-01T08:00:00.000Z")
    order(conn, other, "omeprazole", "2026-03-01T08:00:00.000Z")
    fold(
        conn,
        ev("OrderVerified", verify_payload(first), pid),
        ev("OrderRejected", reject_payload(second, "duplicate of the home medicine"), pid),
    )
    assert verification_queue(conn, today=TODAY, ward_ids={"W1"}) == []
    assert queries.chart(conn, pid)["orders"][0]["end_reason"] == "duplicate of the home medicine"


def test_an_entry_carries_allergies_checks_overrides_and_active_medicines(
    conn: Connection,
) -> None:
    pid = admit(conn, "张三")
    fold(conn, ev("AllergyRecorded", {"substance": "penicillin", "severity": "severe"}, pid))
    fold(conn, ev("LabResulted", {"test_code": "EGFR", "test_name": "eGFR", "value": "25",
                                  "numeric_value": 25, "resulted_at": "2026-03-01T06:00:00.000Z"},
                  pid))  # fmt: skip
    order(conn, pid, "omeprazole", "2026-03-01T06:00:00.000Z")
    amox = order(
        conn,
        pid,
        "amoxicillin",
        "2026-03-01T07:00:00.000Z",
        overrides={
            "overrides": [{"rule_id": "allergy-penicillin", "reason": "tolerated amoxicillin 2024"}]
        },
    )
    entry = next(w for w in verification_queue(conn, today=TODAY) if w.order_id == amox)
    assert entry.allergies == ["penicillin"]
    assert any(a.category == "drug-allergy" for a in entry.alerts)
    assert entry.overrides[0]["reason"] == "tolerated amoxicillin 2024"
    assert [o["description"] for o in entry.active_medications] == ["omeprazole 500mg po tid"]
    assert entry.renal_labs[0]["value"] == "25"
    assert not any(a.category == "duplication" for a in entry.alerts)  # not against itself


def test_a_change_request_is_shown_on_the_order_for_the_doctor(conn: Connection) -> None:
    pid = admit(conn, "张三")
    oid = order(conn, pid, "amoxicillin", "2026-03-01T07:00:00.000Z")
    fold(conn, ev("OrderChangeRequested", change_request_payload(oid, "eGFR 25: halve"), pid))
    requests = queries.chart(conn, pid)["change_requests"]
    assert [(r["order_id"], r["message"]) for r in requests] == [(oid, "eGFR 25: halve")]
    assert (
        verification_queue(conn, today=TODAY)[0].change_requests[0]["message"] == "eGFR 25: halve"
    )


def test_a_rejection_and_a_change_request_need_words() -> None:
    with pytest.raises(ValueError, match="reason"):
        reject_payload("x", "  ")
    with pytest.raises(ValueError, match="change"):
        change_request_payload("x", "")


@pytest.mark.parametrize(("status", "urgent", "rule", "allowed"), [
    ("verified", False, False, True), ("placed", False, True, False),
    ("placed", True, True, True), ("placed", True, False, False), ("rejected", True, True, False),
])  # fmt: skip
def test_only_verified_orders_or_urgent_ones_by_the_hospital_rule_are_given(
    status: str, urgent: bool, rule: bool, allowed: bool
) -> None:
    row = {"status": status, "urgent": urgent, "order_kind": "medication", "voided": False}
    assert may_administer(row, urgent_before_verification=rule) is allowed


def test_only_an_alert_given_a_reason_is_shown_as_the_prescribers_override(
    conn: Connection,
) -> None:
    pid = admit(conn, "张三")
    shown = [Alert("drug-allergy", "critical", "penicillin allergy", "青霉素过敏", "allergy-penicillin", "src"),
             Alert("age", "info", "PPI beyond 8 weeks", "PPI超过8周", "age-ppi", "Beers 2023")]  # fmt: skip
    given = overrides_payload(shown, [Override("allergy-penicillin", "tolerated amoxicillin 2024"),
                                      Override("age-ppi", "  ")])  # fmt: skip
    amox = order(conn, pid, "amoxicillin", "2026-03-01T07:00:00.000Z", overrides=given)
    entry = next(w for w in verification_queue(conn, today=TODAY) if w.order_id == amox)
    assert [(o["rule_id"], o["reason"]) for o in entry.overrides] == [
        ("allergy-penicillin", "tolerated amoxicillin 2024")
    ]
