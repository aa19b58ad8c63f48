"""What became of an order sent to the hospital's LIS or PACS over HL7 v2 (server.hl7_outbound):
recorded by the interface when the receiver answers, so the order's timeline on every station
says "sent to LIS 10:02, accepted" (or rejected, with the receiver's words)."""

from __future__ import annotations

from workstation.events.fields import Field, one_of, optional, text, timestamp, uuid_ref
from workstation.events.vocabulary import EventType

DESTINATIONS = ("LIS", "PACS")
ACTIONS = ("new", "cancel")  # ORC-1 NW, CA
OUTCOMES = ("accepted", "rejected")  # MSA-1 AA; AE (or AR given up on)


def outbound_types() -> list[EventType]:
    """Event types of the HL7 order interface."""
    return [
        EventType("OrderTransmitted", {
            "order_id": Field(uuid_ref),
            "destination": Field(one_of(DESTINATIONS)),
            "action": Field(one_of(ACTIONS)),
            "control_id": Field(text(20)),  # MSH-10
            "sent_at": Field(timestamp),  # the first attempt
            "answered_at": Field(timestamp),
            "outcome": Field(one_of(OUTCOMES)),
            "ack_code": Field(one_of(("AA", "AE", "AR", "CA", "CE", "CR"))),
            "ack_text": optional(text(500)),
        }, references=("order_id",)),
    ]  # fmt: skip
