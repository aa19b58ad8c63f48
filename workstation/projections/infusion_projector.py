"""Fold infusion rounds (输液巡视) into their table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workstation.events.envelope import Event
from workstation.projections import infusion_tables as it

Handler = Callable[[Any, Event], None]


def _round(fold: Any, e: Event) -> None:
    p = e.payload
    fold.add(it.infusion_rounds, {
        "round_id": e.event_id, "patient_id": e.patient_id, "order_id": p["order_id"],
        "scheduled_for": p.get("scheduled_for"), "observed_at": p["observed_at"],
        "rate_value": p.get("rate_value"), "rate_unit": p["rate_unit"], "site": p["site"],
        "remaining_ml": p.get("remaining_ml"), "action": p["action"],
        "scanned": bool(p.get("scanned")), "note": p.get("note"), "recorded_by": e.author_id,
        "voided": False,
    })  # fmt: skip


def infusion_handlers() -> dict[str, Handler]:
    """The handlers of the infusion event types."""
    return {"InfusionRoundRecorded": _round}
