"""Fold the doctor's opioid tolerance records into `opioid_tolerance`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workstation.events.envelope import Event
from workstation.projections.opioid_tables import opioid_tolerance


def _recorded(fold: Any, e: Event) -> None:
    fold.add(opioid_tolerance, {
        "record_id": e.event_id, "patient_id": e.patient_id,
        "tolerant": bool(e.payload["tolerant"]), "basis": e.payload["basis"],
        "recorded_by": e.author_id, "recorded_at": e.recorded_at, "voided": False,
    })  # fmt: skip


def opioid_handlers() -> dict[str, Callable[[Any, Event], None]]:
    """The handler of OpioidToleranceRecorded."""
    return {"OpioidToleranceRecorded": _recorded}
