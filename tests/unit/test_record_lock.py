"""Archived records: the event contract, who may archive, ask and decide, and the lock rules
both the server and the workstation apply (time from the server's receipt, never the PC)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from workstation.events import Event
from workstation.events.validation import event_problems
from workstation.ids import uuid7
from workstation.projections.record_lock import (
    Decision,
    PatientFacts,
    RecordLock,
    UnlockStatus,
    apply,
    archive_problem,
    decide,
)
from workstation.security.policy import permission_problem

PATIENT = uuid7()
ARCHIVED_AT = "2026-03-02T09:00:00.000Z"
_seq = itertools.count(1)
DISCHARGED = PatientFacts("discharged", "MRN1")


def event(event_type: str, payload: dict[str, Any], *, author: str = "doc",
          recorded_at: str = ARCHIVED_AT, received_at: str | None = None) -> Event:  # fmt: skip
    """An event on PATIENT."""
    return Event(uuid7(), event_type, PATIENT, author, "dev-1", next(_seq), recorded_at, payload,
                 received_at=received_at)  # fmt: skip


def note(**times: str) -> Event:
    """A progress note."""
    return event("NoteSigned", {"note_type": "daily_progress_note", "text": "ok"}, **times)


@pytest.mark.parametrize(
    ("event_type", "payload", "problem"),
    [
        ("RecordArchived", {"record_number": "MRN1"}, None),
        ("RecordArchived", {}, "record_number is required"),
        ("RecordUnlockRequested", {"reason": "typo in the summary"}, None),
        ("RecordUnlockRequested", {"reason": "  "}, "reason must be non-empty text"),
        ("RecordUnlockRequested", {}, "reason is required"),
        ("RecordUnlockApproved", {"request_id": PATIENT, "hours": 24}, None),
        ("RecordUnlockApproved", {"request_id": PATIENT}, "hours is required"),
        ("RecordUnlockApproved", {"request_id": PATIENT, "hours": 0}, "hours must be at least 1"),
        ("RecordUnlockApproved", {"request_id": "nope", "hours": 2}, "request_id must be a UUID"),
        ("RecordUnlockDenied", {"request_id": PATIENT}, "reason is required"),
    ],
)
def test_archive_events_are_validated(event_type, payload, problem):
    problems = event_problems(event(event_type, payload))
    assert problems == ([problem] if problem else [])


@pytest.mark.parametrize(
    ("role", "event_type", "allowed"),
    [
        ("admin", "RecordArchived", True),
        ("admin", "RecordUnlockApproved", True),
        ("admin", "RecordUnlockDenied", True),
        ("admin", "RecordUnlockRequested", False),
        ("physician", "RecordUnlockRequested", True),
        ("trainee_physician", "RecordUnlockRequested", True),
        ("nurse", "RecordUnlockRequested", True),
        ("pharmacist", "RecordUnlockRequested", False),
        ("physician", "RecordArchived", False),
        ("physician", "RecordUnlockApproved", False),
        ("nurse", "RecordUnlockDenied", False),
    ],
)
def test_who_archives_asks_and_decides(role, event_type, allowed):
    assert (permission_problem(role, event_type, {}) is None) is allowed


def archived_lock() -> RecordLock:
    lock = apply(
        None,
        event(
            "RecordArchived", {"record_number": "MRN1"}, author="office", received_at=ARCHIVED_AT
        ),
    )
    assert lock is not None
    return lock


def test_a_locked_record_refuses_changes_but_keeps_facts_recorded_before_the_archive():
    lock = archived_lock()
    after = "2026-03-02T10:00:00.000Z"
    assert decide(lock, note(recorded_at=after), at=after) == (Decision.LOCKED, None)
    assert decide(lock, note(recorded_at="2026-03-02T08:59:00.000Z"), at=after) == (
        Decision.LATE, None,
    )  # fmt: skip
    assert decide(None, note(), at=after) == (Decision.OPEN, None)
    glass = event("BreakGlassInvoked", {"reason": "consult", "minutes": 30})
    assert decide(lock, glass, at=after) == (Decision.OPEN, None)


def test_a_lab_result_arriving_after_the_archive_is_kept_and_flagged_never_refused():
    lock = archived_lock()
    after = "2026-03-05T10:00:00.000Z"
    result = event("LabResulted", {}, author="lab", recorded_at=after)
    assert decide(lock, result, at=after) == (Decision.LATE, None)


def test_an_unlock_runs_its_hours_from_the_servers_receipt_and_a_re_archive_ends_it():
    lock = archived_lock()
    request = event(
        "RecordUnlockRequested", {"reason": "typo"}, received_at="2026-03-02T10:00:00.000Z"
    )
    apply(lock, request)
    approval = event("RecordUnlockApproved", {"request_id": request.event_id, "hours": 2},
                     author="office", recorded_at="2026-03-01T00:00:00.000Z",  # a slow PC clock
                     received_at="2026-03-02T11:00:00.000Z")  # fmt: skip
    apply(lock, approval)
    assert lock.unlocks[request.event_id].status is UnlockStatus.APPROVED
    assert lock.unlocks[request.event_id].until == "2026-03-02T13:00:00.000Z"
    inside = "2026-03-02T12:59:59.999Z"
    assert decide(lock, note(recorded_at=inside), at=inside) == (
        Decision.UNLOCKED, request.event_id,
    )  # fmt: skip
    nurse_note = event("NoteSigned", {"note_type": "nursing_note", "text": "ok"}, author="nurse",
                       recorded_at=inside)  # fmt: skip
    assert decide(lock, nurse_note, at=inside)[0] is Decision.LOCKED  # an unlock is personal
    assert decide(lock, note(recorded_at=inside), at="2026-03-02T13:00:00.000Z")[0] is (
        Decision.LOCKED
    )
    apply(
        lock,
        event(
            "RecordArchived",
            {"record_number": "MRN1"},
            author="office",
            received_at="2026-03-02T12:00:00.000Z",
        ),
    )
    assert decide(lock, note(recorded_at=inside), at="2026-03-02T12:30:00.000Z")[0] is (
        Decision.LOCKED
    )


def test_the_requester_may_not_decide_their_own_request_and_a_decision_is_final():
    lock = archived_lock()
    request = event("RecordUnlockRequested", {"reason": "typo"}, author="chief")
    apply(lock, request)
    own = event(
        "RecordUnlockApproved", {"request_id": request.event_id, "hours": 1}, author="chief"
    )
    assert archive_problem(lock, own, patient=DISCHARGED, at=ARCHIVED_AT) == (
        "forbidden", "an unlock must be decided by someone other than its requester",
    )  # fmt: skip
    denial = event("RecordUnlockDenied", {"request_id": request.event_id, "reason": "no"},
                   author="office")  # fmt: skip
    assert archive_problem(lock, denial, patient=DISCHARGED, at=ARCHIVED_AT) is None
    apply(lock, denial)
    late = event(
        "RecordUnlockApproved", {"request_id": request.event_id, "hours": 1}, author="office"
    )
    assert archive_problem(lock, late, patient=DISCHARGED, at=ARCHIVED_AT) == (
        "conflict", "this unlock request was already denied",
    )  # fmt: skip


def test_archiving_needs_a_discharge_and_asking_needs_a_lock():
    archive = event("RecordArchived", {"record_number": "MRN1"}, author="office")
    assert archive_problem(None, archive, patient=PatientFacts("admitted", "MRN1"), at=ARCHIVED_AT)[
        0
    ] == (  # type: ignore[index]
        "not_discharged"
    )
    assert archive_problem(None, archive, patient=DISCHARGED, at=ARCHIVED_AT) is None
    other = PatientFacts("discharged", "MRN2")
    assert archive_problem(None, archive, patient=other, at=ARCHIVED_AT)[0] == "wrong_record"  # type: ignore[index]
    ask = event("RecordUnlockRequested", {"reason": "typo"})
    assert archive_problem(None, ask, patient=DISCHARGED, at=ARCHIVED_AT)[0] == (  # type: ignore[index]
        "not_archived"
    )
