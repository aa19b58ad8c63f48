"""Facts the hospital's systems send that a ward station has no screen for: a discharge the HIS
cancels (HL7 ADT^A13) puts the patient back on the ward's census as they were."""

from __future__ import annotations

from workstation.events.fields import Field, integer, optional, text
from workstation.events.vocabulary import EventType

# A lab result's status as the LIS reports it (HL7 table 0085: P, F, C).
RESULT_STATUSES = ("preliminary", "final", "corrected")


def interface_types() -> list[EventType]:
    """Event types recorded only through an interface."""
    return [
        EventType("DischargeCancelled", {
            "base_version": Field(integer(0)),
            "reason": optional(text(500)),
        }, mutable_record=True),
    ]  # fmt: skip
