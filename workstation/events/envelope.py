"""The event envelope: one append-only clinical fact, as stored and sent on both sides."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any

import orjson

from workstation.events.shape import shape_problem, short_text, text_problem

# Fields the workstation sets; they (and only they) make up the event's content hash.
CONTENT_FIELDS = (
    "event_id",
    "type",
    "patient_id",
    "author_id",
    "device_id",
    "device_seq",
    "recorded_at",
    "payload",
)


def canonical_json(value: Any) -> bytes:
    """Deterministic JSON bytes (sorted keys, no spaces) used for hashing and storage."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


@dataclass(frozen=True, slots=True)
class Event:
    """A clinical fact. `server_seq` and `received_at` are set by the server only."""

    event_id: str
    type: str
    patient_id: str | None
    author_id: str
    device_id: str
    device_seq: int
    recorded_at: str
    payload: dict[str, Any] = field(default_factory=dict)
    server_seq: int | None = None
    received_at: str | None = None
    signature: str | None = None  # the author's Ed25519 signature of signing_bytes(), base64

    def content(self) -> dict[str, Any]:
        """The workstation-made part of the event, as a plain dict."""
        return {name: getattr(self, name) for name in CONTENT_FIELDS}

    def content_hash(self) -> str:
        """SHA-256 of the canonical content; a replay with another hash is tampering."""
        return hashlib.sha256(canonical_json(self.content())).hexdigest()

    def signing_bytes(self) -> bytes:
        """What the author signs: the canonical content (the signature is not part of it)."""
        return canonical_json(self.content())

    def to_wire(self) -> dict[str, Any]:
        """The dict sent over HTTP (content, signature and server fields when known)."""
        wire = self.content()
        if self.signature is not None:
            wire["signature"] = self.signature
        if self.server_seq is not None:
            wire["server_seq"] = self.server_seq
            wire["received_at"] = self.received_at
        return wire

    def with_server_fields(self, server_seq: int, received_at: str) -> Event:
        """A copy carrying the server's sequence number and receipt time."""
        return Event(
            self.event_id,
            self.type,
            self.patient_id,
            self.author_id,
            self.device_id,
            self.device_seq,
            self.recorded_at,
            self.payload,
            server_seq,
            received_at,
            self.signature,
        )  # fmt: skip  (not dataclasses.replace: a push makes one per event)

    def with_signature(self, signature: str) -> Event:
        """A copy carrying its author's signature."""
        return replace(self, signature=signature)


class MalformedEvent(ValueError):
    """The envelope itself cannot be read (missing fields, wrong types)."""


# Longest value each envelope string may hold (the widths of the event log's columns).
ENVELOPE_MAX_LENGTH = {
    "event_id": 36, "type": 40, "author_id": 64, "device_id": 64, "recorded_at": 32,
}  # fmt: skip
MAX_DEVICE_SEQ = 2**31 - 1  # an INTEGER column on PostgreSQL
MAX_SIGNATURE_LENGTH = 128  # base64 of an Ed25519 signature is 88 characters
PATIENT_ID_MAX_LENGTH = 36


def payload_problem(payload: Any) -> str | None:
    """Why the payload cannot be hashed the same way on both sides, or None."""
    if not isinstance(payload, dict):
        return "payload must be a JSON object"
    problem = shape_problem(payload)  # before anything walks it: no recursion on hostile depth
    if problem:
        return f"payload {problem}"
    try:
        canonical_json(payload)
    except orjson.JSONEncodeError as exc:
        return f"payload cannot be encoded as canonical JSON: {exc}"
    return None


def wire_event_id(data: Any) -> str | None:
    """The event_id a refusal may echo back: a short string, else None (never a hostile value)."""
    event_id = data.get("event_id") if isinstance(data, dict) else None
    if isinstance(event_id, str) and not text_problem(event_id, ENVELOPE_MAX_LENGTH["event_id"]):
        return event_id
    return None


def event_from_wire(data: Any) -> Event:
    """Build an Event from a decoded JSON object, refusing a malformed envelope."""
    if not isinstance(data, dict):
        raise MalformedEvent("event must be a JSON object")
    if not data.keys() >= _CONTENT_NAMES:
        missing = [name for name in CONTENT_FIELDS if name not in data]
        raise MalformedEvent(f"event is missing {', '.join(missing)}")
    payload = data["payload"]
    problem = payload_problem(payload)
    if problem:
        raise MalformedEvent(problem)
    device_seq = data["device_seq"]
    if not isinstance(device_seq, int) or isinstance(device_seq, bool):
        raise MalformedEvent("device_seq must be a positive integer")
    if not 1 <= device_seq <= MAX_DEVICE_SEQ:
        raise MalformedEvent(f"device_seq must be a positive integer up to {MAX_DEVICE_SEQ}")
    for name, max_length in ENVELOPE_MAX_LENGTH.items():
        value = data[name]
        if not short_text(value, max_length):
            raise MalformedEvent(f"{name} {text_problem(value, max_length)}")
    patient_id = data["patient_id"]
    if patient_id is not None and not short_text(patient_id, PATIENT_ID_MAX_LENGTH):
        raise MalformedEvent(
            f"patient_id must be a string or null (at most {PATIENT_ID_MAX_LENGTH} characters)"
        )
    signature = data.get("signature")
    if signature is not None and not short_text(signature, MAX_SIGNATURE_LENGTH):
        raise MalformedEvent(
            f"signature must be a string of at most {MAX_SIGNATURE_LENGTH} characters"
        )
    server_seq = data.get("server_seq")
    return Event(
        data["event_id"],
        data["type"],
        patient_id,
        data["author_id"],
        data["device_id"],
        device_seq,
        data["recorded_at"],
        payload,
        server_seq if isinstance(server_seq, int) else None,
        data.get("received_at"),
        signature,
    )  # by position: a push builds one per event


_CONTENT_NAMES = frozenset(CONTENT_FIELDS)
