"""The medical-records office's facts: a discharged patient's record archived (病案归档), and
the unlock a clinician asks for to change it afterwards (病历解封), approved or denied.

An unlock request is named by its own event id, as an order is by its OrderPlaced event; the
approval and the denial refer to it as `request_id`. The approval carries a time limit in
hours that runs from the server's receipt of the approval, as break-the-glass does."""

from __future__ import annotations

from workstation.events.fields import Field, integer, optional, text, uuid_ref
from workstation.events.vocabulary import EventType

# A bound on what can be typed, not a policy: the office decides each unlock's length.
MAX_UNLOCK_HOURS = 7 * 24


def archive_types() -> list[EventType]:
    """Event types of archiving and unlocking a record."""
    return [
        # The record number on the folder the office archives: a wrong chart is refused.
        EventType("RecordArchived", {
            "record_number": Field(text(32)), "comment": optional(text(500)),
        }),
        EventType("RecordUnlockRequested", {"reason": Field(text(1000))}),
        EventType("RecordUnlockApproved", {
            "request_id": Field(uuid_ref),
            "hours": Field(integer(1, MAX_UNLOCK_HOURS)),
        }, references=("request_id",)),
        EventType("RecordUnlockDenied", {
            "request_id": Field(uuid_ref), "reason": Field(text(1000)),
        }, references=("request_id",)),
    ]  # fmt: skip
