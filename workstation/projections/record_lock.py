"""The lock on an archived record (病案归档) and the rules both sides apply to it.

After discharge the medical-records office archives the record; from the server's receipt of
`RecordArchived` on, an event that changes the chart is refused (`record_archived`) unless an
approved unlock (病历解封) of the event's author is in force when the server receives it: an
unlock is granted to the clinician who asked for it, not to everyone. An unlock runs for its
approved hours from the server's receipt of the approval (never by a workstation clock, as
break-the-glass), and archiving again ends it early. A fact recorded on a workstation before
the archive reached the server (an offline PC) is not refused: it happened, so it is accepted
and flagged `late_after_archive` for the office to review (sync rule 3) — as far as the server's
lower bound on when its device recorded it allows (workstation.server.device_clock).

The server decides with these functions while it accepts a batch, the projector folds the
same decisions into the chart (the unlock that let each change in is kept as its trace), and
the workstation refuses up front what the server would refuse."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from typing import Any

from workstation.clock import iso, parse_iso
from workstation.domain.enums import PatientStatus
from workstation.events.envelope import Event
from workstation.events.vocabulary import STOCK_TYPES

ARCHIVE_TYPES = frozenset({
    "RecordArchived", "RecordUnlockRequested", "RecordUnlockApproved", "RecordUnlockDenied",
})  # fmt: skip
# Never refused on an archived record: the archive and its unlocks, break-the-glass (it opens a
# chart to read it) and the pharmacy's stock ledger (doses returned after discharge).
NEVER_LOCKED = ARCHIVE_TYPES | {"BreakGlassInvoked"} | STOCK_TYPES
# Always let in, and flagged like a late fact: a laboratory result of a specimen taken during the
# stay comes when the laboratory finishes it, and results returning after discharge are a known
# safety gap (Roy CL et al., Ann Intern Med 2005;143:121-8) — a result is never refused.
ALWAYS_LATE = frozenset({"LabResulted"})

ARCHIVED_MESSAGE = (
    "the record is archived and locked; ask the medical-records office for an unlock "
    "(Request unlock…) and record this again once it is approved"
)


class UnlockStatus(StrEnum):
    """Where an unlock request stands."""

    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"


@dataclass
class Unlock:
    """One unlock request and its decision."""

    request_id: str
    requested_by: str
    status: UnlockStatus = UnlockStatus.PENDING
    until: str | None = None  # approved: changes are let in while the server's time is before it


@dataclass
class RecordLock:
    """A patient's archive state: when the server last received an archive, and the unlocks."""

    archived_at: str | None = None
    unlocks: dict[str, Unlock] = field(default_factory=dict)

    def running(self, at: str) -> list[Unlock]:
        """The approved unlocks still running at `at`, the one ending last first."""
        running = [u for u in self.unlocks.values()
                   if u.status is UnlockStatus.APPROVED and u.until is not None and at < u.until]  # fmt: skip
        return sorted(running, key=lambda u: u.until or "", reverse=True)

    def unlock_in_force(self, at: str, author_id: str) -> str | None:
        """The request id of `author_id`'s approved unlock still running at `at`, or None."""
        return next((u.request_id for u in self.running(at) if u.requested_by == author_id), None)

    def is_locked(self, at: str, author_id: str) -> bool:
        """Archived, and no unlock of `author_id` is running at `at`."""
        return self.archived_at is not None and self.unlock_in_force(at, author_id) is None


class Decision(StrEnum):
    """What an archive means for one event."""

    OPEN = "open"  # not archived, or an event the archive never locks
    UNLOCKED = "unlocked"  # let in by an approved unlock (its trace is kept)
    LATE = "late"  # recorded before the archive reached the server: accepted and flagged
    LOCKED = "locked"  # refused: record_archived


def received_time(event: Event) -> str:
    """When the server received the event; before that (offline), when it was recorded."""
    return event.received_at or event.recorded_at


def decide(
    lock: RecordLock | None, event: Event, *, at: str, recorded_after: str | None = None
) -> tuple[Decision, str | None]:
    """The decision for a chart event arriving at `at`, with the unlock request that allows it.
    `recorded_after` is the server's lower bound on when the event was recorded (its device's
    history, workstation.server.device_clock): a fact counts as recorded before the archive
    only when both its `recorded_at` and that bound are before the archive."""
    if lock is None or lock.archived_at is None or event.type in NEVER_LOCKED:
        return Decision.OPEN, None
    request_id = lock.unlock_in_force(at, event.author_id)
    if request_id is not None:
        return Decision.UNLOCKED, request_id
    if event.type in ALWAYS_LATE or (
        event.recorded_at < lock.archived_at
        and (recorded_after is None or recorded_after < lock.archived_at)
    ):
        return Decision.LATE, None
    return Decision.LOCKED, None


@dataclass(frozen=True)
class PatientFacts:
    """What the archive rules need to know of the patient."""

    status: str | None
    record_number: str | None


def archive_problem(
    lock: RecordLock | None, event: Event, *, patient: PatientFacts, at: str
) -> tuple[str, str] | None:
    """(code, message) when an archive or unlock event cannot be taken now, else None."""
    lock = lock or RecordLock()
    if event.type == "RecordArchived":
        if event.payload["record_number"] != patient.record_number:
            return "wrong_record", "the record number is not this patient's"
        if patient.status != PatientStatus.DISCHARGED:
            return "not_discharged", "only a discharged patient's record can be archived"
        if lock.archived_at is not None and not lock.running(at):
            return "already_archived", "the record is already archived and locked"
        return None
    if event.type == "RecordUnlockRequested":
        if not lock.is_locked(at, event.author_id):
            return "not_archived", "the record is not locked: it can be changed without an unlock"
        return None
    if event.type in ("RecordUnlockApproved", "RecordUnlockDenied"):
        return _decision_problem(lock, event)
    return None


def _decision_problem(lock: RecordLock, event: Event) -> tuple[str, str] | None:
    request = lock.unlocks.get(event.payload["request_id"])
    if request is None:
        return "unknown_request", "no such unlock request on this record"
    if request.requested_by == event.author_id:
        return "forbidden", "an unlock must be decided by someone other than its requester"
    if request.status is not UnlockStatus.PENDING:
        return "conflict", f"this unlock request was already {request.status.value}"
    return None


def apply(lock: RecordLock | None, event: Event) -> RecordLock | None:
    """The lock after an accepted event (unchanged for events other than the archive's)."""
    if event.type not in ARCHIVE_TYPES:
        return lock
    lock = lock or RecordLock()
    at = received_time(event)
    if event.type == "RecordArchived":
        lock.archived_at = at
        for unlock in lock.unlocks.values():  # archiving again ends a running unlock early
            if unlock.until is not None and unlock.until > at:
                unlock.until = at
    elif event.type == "RecordUnlockRequested":
        lock.unlocks[event.event_id] = Unlock(event.event_id, event.author_id)
    elif (request := lock.unlocks.get(event.payload["request_id"])) is not None:
        if event.type == "RecordUnlockApproved":
            request.status = UnlockStatus.APPROVED
            request.until = unlock_until(at, event.payload["hours"])
        else:
            request.status = UnlockStatus.DENIED
    return lock


def unlock_until(approved_at: str, hours: int) -> str:
    """The end of an unlock approved at `approved_at` (the server's receipt) for `hours`."""
    return iso(parse_iso(approved_at) + timedelta(hours=hours))


def lock_fields(lock: RecordLock | None, at: str) -> dict[str, Any]:
    """What a screen says about the archive at `at`: archived_at, locked (no unlock running for
    anyone), the running unlock ending last, and who may change the record under an unlock."""
    running = lock.running(at) if lock is not None and lock.archived_at is not None else []
    return {
        "archived_at": lock.archived_at if lock is not None else None,
        "locked": bool(lock is not None and lock.archived_at is not None and not running),
        "unlock_request_id": running[0].request_id if running else None,
        "unlocked_for": sorted({u.requested_by for u in running}),
    }
