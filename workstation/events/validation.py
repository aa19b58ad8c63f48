"""Validation of a whole event: the envelope plus the payload of its type."""

from __future__ import annotations

from workstation.events.envelope import Event, payload_problem
from workstation.events.fields import check_fields, timestamp
from workstation.events.vocabulary import EVENT_TYPES
from workstation.ids import is_uuid


class InvalidEvent(ValueError):
    """An event that breaks the shared contract; the message lists every problem."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def event_problems(event: Event, *, payload_checked: bool = False) -> list[str]:
    """Every reason the event is not a well-formed fact (empty when it is). `payload_checked`:
    the payload's shape and encoding were already checked (event_from_wire does it for every
    pushed event), so the server does not walk each payload twice."""
    spec = EVENT_TYPES.get(event.type)
    if spec is None:
        return [f"unknown event type {event.type!r}"]
    problems = []
    if not is_uuid(event.event_id):
        problems.append("event_id must be a UUID")
    if timestamp(event.recorded_at):
        problems.append("recorded_at must be a UTC timestamp like 2026-01-31T08:00:00.000Z")
    if spec.patient_scoped and not is_uuid(event.patient_id):
        problems.append(f"{event.type} needs a patient_id (UUID)")
    if not spec.patient_scoped and event.patient_id is not None and not is_uuid(event.patient_id):
        problems.append("patient_id must be a UUID or null")
    encoding = None if payload_checked else payload_problem(event.payload)
    if encoding:
        return [*problems, encoding]
    problems += check_fields(event.payload, spec.fields)
    for rule in spec.rules:
        problems += rule(event.payload)
    return problems


def validate_event(event: Event) -> Event:
    """Return the event unchanged, or raise InvalidEvent naming every problem."""
    problems = event_problems(event)
    if problems:
        raise InvalidEvent(problems)
    return event
