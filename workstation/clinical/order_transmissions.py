"""A lab or imaging order's way to the LIS or the PACS as steps of its timeline: each
OrderTransmitted event (server.hl7_outbound) is a step "sent" (or "cancel_sent") at the first
attempt, with the destination, the receiver's answer and its time as coded facts, a rejection
marked as an exception with the receiver's words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from workstation.clinical.closed_loop import LoopEvent, closed_loop

SENT_STEPS = ("signed", "sent")
SENT_KINDS = ("lab", "imaging")


def transmission_steps(
    transmissions: Iterable[Mapping[str, Any]], order_id: str
) -> list[LoopEvent]:
    """The OrderTransmitted payloads of one order as timeline steps."""
    steps = []
    for t in transmissions:
        if t.get("order_id") != order_id:
            continue
        kind = "sent" if t["action"] == "new" else "cancel_sent"
        facts = (("destination", t["destination"]), ("outcome", t["outcome"]),
                 ("answered", t["answered_at"]))  # fmt: skip
        steps.append(LoopEvent(kind, t["sent_at"], None, t.get("ack_text") or "",
                               t["outcome"] == "rejected", facts))  # fmt: skip
    return steps


def sent_order_loop(chart: Mapping[str, Any], order_id: str,
                    transmissions: Iterable[Mapping[str, Any]]) -> list[LoopEvent]:  # fmt: skip
    """A lab or imaging order's timeline: signed, sent (and answered), stopped, cancel sent."""
    loop = closed_loop(chart, order_id) + transmission_steps(transmissions, order_id)
    return sorted(loop, key=lambda e: (e.at, 0 if e.kind == "signed" else 1))


def missing_sent_steps(loop: list[LoopEvent]) -> list[str]:
    """The steps of a sent order not (yet) seen: the LIS's answer has not come back."""
    seen = {e.kind for e in loop}
    return [kind for kind in SENT_STEPS if kind not in seen]
