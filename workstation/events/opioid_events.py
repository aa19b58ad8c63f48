"""The doctor's record of a patient's opioid tolerance (issue 11 item 1).

The order checks hold the opioid-naive ceilings (OxyContin > 40 mg a dose, IV morphine
> 0.2 mg/kg) against every patient not recorded as tolerant; a doctor records tolerance — the
FDA definition: at least 60 mg oral morphine a day, or an equianalgesic dose, for a week or
longer — with its basis, and records `tolerant: false` to withdraw it. The latest record counts.
"""

from __future__ import annotations

from workstation.events.fields import Field, boolean, text
from workstation.events.vocabulary import EventType


def opioid_types() -> list[EventType]:
    """Event types of opioid tolerance: recorded (or withdrawn) by a doctor, with its basis."""
    return [
        EventType("OpioidToleranceRecorded", {
            "tolerant": Field(boolean),
            "basis": Field(text(500)),  # e.g. 'morphine SR 60 mg q12h for 3 months'
        }),
    ]  # fmt: skip
