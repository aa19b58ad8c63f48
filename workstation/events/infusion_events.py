"""The infusion round (输液巡视): a nurse at the bedside scans the bag's label and records the drip
rate, the cannula site, the volume left and what she did — one signed event per look.

Site codes: normal; redness, pain, swelling; infiltration and extravasation (drug in the tissue,
a vesicant for extravasation); occlusion; phlebitis graded 1 to 4 by the phlebitis scale of the
Infusion Nurses Society (INS Infusion Therapy Standards of Practice). A bag with infiltration or
extravasation is not left running: the round records it stopped or re-sited (INS: stop the
infusion at the first sign), a rule of the payload checked on both sides.
"""

from __future__ import annotations

from typing import Any

from workstation.events.fields import (
    Field,
    boolean,
    number,
    one_of,
    optional,
    text,
    timestamp,
    uuid_ref,
)
from workstation.events.vocabulary import EventType

RATE_UNITS = ("gtt_min", "ml_h")  # drops per minute (gravity), mL per hour (pump)
SITE_CONDITIONS = (
    "normal", "redness", "pain", "swelling", "infiltration", "extravasation", "occluded",
    "phlebitis_1", "phlebitis_2", "phlebitis_3", "phlebitis_4",
)  # fmt: skip
ROUND_ACTIONS = (
    "continue", "rate_adjusted", "bag_changed", "stopped", "resited", "doctor_informed",
    "completed",
)  # fmt: skip
MUST_STOP_SITES = frozenset({"infiltration", "extravasation"})
STOPPING_ACTIONS = frozenset({"stopped", "resited", "completed"})
RUNNING_ACTIONS = frozenset({"continue", "rate_adjusted", "bag_changed"})


def _round_rule(payload: dict[str, Any]) -> list[str]:
    """Infiltration or extravasation stops the bag; a running bag has a rate."""
    site, action = payload.get("site"), payload.get("action")
    problems = []
    if site in MUST_STOP_SITES and action not in STOPPING_ACTIONS:
        problems.append(f"site {site}: the infusion is stopped or re-sited, not left running")
    if action in RUNNING_ACTIONS and not payload.get("rate_value"):
        problems.append("rate_value: a running infusion has a drip rate")
    return problems


def infusion_types() -> list[EventType]:
    """Event types of infusion work: the infusion round."""
    return [
        EventType("InfusionRoundRecorded", {
            "order_id": Field(uuid_ref),  # the bag's order (its label names it)
            "scheduled_for": optional(timestamp),  # the dose (label) of that order, when known
            "observed_at": Field(timestamp),
            "rate_value": optional(number(0, 2000)),
            "rate_unit": Field(one_of(RATE_UNITS)),
            "site": Field(one_of(SITE_CONDITIONS)),
            "remaining_ml": optional(number(0, 5000)),
            "action": Field(one_of(ROUND_ACTIONS)),
            "scanned": optional(boolean),  # by a scan of the label, not chosen by key
            "note": optional(text(500)),
        }, references=("order_id",), rules=(_round_rule,)),
    ]  # fmt: skip
