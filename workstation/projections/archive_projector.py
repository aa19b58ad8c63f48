"""Fold archiving and unlocking, and keep the trace of every change an archive let in.

Each chart event on an archived record is folded with the decision the server took on it
(`record_lock.decide`): one let in by an unlock gets an `unlocked_changes` row naming the
request; one recorded before the archive reached the server, or a laboratory result, is
flagged `late_after_archive`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, update

from workstation.events.envelope import Event
from workstation.projections import archive_tables as at
from workstation.projections.archive_queries import load_locks
from workstation.projections.record_lock import (
    NEVER_LOCKED,
    Decision,
    RecordLock,
    apply,
    decide,
    received_time,
)

Handler = Callable[[Any, Event], None]


def prefetch_locks(fold: Any, events: list[Event]) -> None:
    """Load the lock of every patient the events touch (absent: never archived)."""
    ids = {e.patient_id for e in events if e.patient_id} - set(fold.locks)
    found = load_locks(fold.conn, ids)
    fold.locks.update({pid: found.get(pid) for pid in ids})


def trace(fold: Any, e: Event) -> None:
    """Keep the unlock behind a change to an archived record, or flag a late-arriving fact."""
    if e.patient_id is None or e.type in NEVER_LOCKED:
        return
    decision, request_id = decide(fold.locks.get(e.patient_id), e, at=received_time(e))
    if decision is Decision.UNLOCKED and request_id is not None:
        fold.add(at.unlocked_changes, {
            "event_id": e.event_id, "patient_id": e.patient_id, "request_id": request_id,
            "event_type": e.type, "author_id": e.author_id,
        })  # fmt: skip
    elif decision is Decision.LATE:
        fold.flag(e, "late_after_archive",
                  f"{e.type} reached the server after the record was archived")  # fmt: skip


def _lock_after(fold: Any, e: Event) -> RecordLock:
    lock = apply(fold.locks.get(e.patient_id), e)
    assert lock is not None  # apply always returns a lock for the archive's own events
    fold.locks[e.patient_id] = lock
    return lock


def _archived(fold: Any, e: Event) -> None:
    when = received_time(e)
    _lock_after(fold, e)
    u = at.record_unlocks.c
    fold.run(delete(at.record_archives).where(at.record_archives.c.patient_id == e.patient_id))
    fold.add(at.record_archives, {
        "patient_id": e.patient_id, "archive_id": e.event_id, "archived_by": e.author_id,
        "archived_at": when,
    })  # fmt: skip
    fold.run(update(at.record_unlocks)
             .where(u.patient_id == e.patient_id, u.unlocked_until > when)
             .values(unlocked_until=when))  # fmt: skip


def _requested(fold: Any, e: Event) -> None:
    _lock_after(fold, e)
    fold.add(at.record_unlocks, {
        "request_id": e.event_id, "patient_id": e.patient_id, "requested_by": e.author_id,
        "requested_at": received_time(e), "reason": e.payload["reason"], "status": "pending",
        "decided_by": None, "decided_at": None, "decision_reason": None, "unlocked_until": None,
    })  # fmt: skip


def _decided(fold: Any, e: Event) -> None:
    request = fold.locks.get(e.patient_id)
    request = request.unlocks.get(e.payload["request_id"]) if request else None
    if request is None:
        fold.flag(e, "unknown_request", f"{e.type} refers to a request this record does not have")
        return
    _lock_after(fold, e)
    u = at.record_unlocks.c
    fold.run(update(at.record_unlocks)
             .where(u.request_id == request.request_id, u.patient_id == e.patient_id)
             .values(status=request.status.value, decided_by=e.author_id,
                     decided_at=received_time(e), decision_reason=e.payload.get("reason"),
                     unlocked_until=request.until))  # fmt: skip


def archive_handlers() -> dict[str, Handler]:
    """The handlers of the archive's own events."""
    return {
        "RecordArchived": _archived,
        "RecordUnlockRequested": _requested,
        "RecordUnlockApproved": _decided,
        "RecordUnlockDenied": _decided,
    }
