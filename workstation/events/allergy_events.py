"""Allergy status facts: "no known allergies" recorded by a person (who and when are the
event's author and time), and a step taken although the status was "not yet documented"
(a first dose given, an order verified), with the reason the person gave."""

from __future__ import annotations

from workstation.events.fields import Field, one_of, text, uuid_ref
from workstation.events.vocabulary import EventType

OVERRIDE_STEPS = ("verification", "administration")


def allergy_types() -> list[EventType]:
    """Event types of the allergy status."""
    return [
        # who was asked (the patient, the family, the old record): no known allergies
        EventType("NoKnownAllergiesRecorded", {"source": Field(text(200))}),
        EventType("AllergyCheckOverridden", {
            "order_id": Field(uuid_ref),
            "step": Field(one_of(OVERRIDE_STEPS)),
            "reason": Field(text(500)),
        }, references=("order_id",)),
    ]  # fmt: skip
