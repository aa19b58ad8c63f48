"""The problem list beyond recording: a problem resolved (no longer active) names the problem
it resolves (the ProblemRecorded event that made it). Who resolved it and when are the event's
author and time; the problem stays on the chart as resolved (a wrong entry is voided instead)."""

from __future__ import annotations

from workstation.events.fields import Field, uuid_ref
from workstation.events.vocabulary import EventType


def problem_types() -> list[EventType]:
    """Event types of the problem list besides ProblemRecorded."""
    return [
        EventType("ProblemResolved", {"problem_id": Field(uuid_ref)}, references=("problem_id",)),
    ]
