"""The append-only clinical events shared by client and server, with their validation."""

from workstation.events.envelope import Event, MalformedEvent, canonical_json, event_from_wire
from workstation.events.validation import InvalidEvent, event_problems, validate_event
from workstation.events.vocabulary import EVENT_TYPES, referenced_event_ids

__all__ = [
    "EVENT_TYPES",
    "Event",
    "InvalidEvent",
    "MalformedEvent",
    "canonical_json",
    "event_from_wire",
    "event_problems",
    "referenced_event_ids",
    "validate_event",
]
