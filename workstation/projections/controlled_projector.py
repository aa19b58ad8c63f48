"""Fold skin-test results (a positive one also becomes an allergy) and the controlled drugs'
empty-ampoule returns and witnessed destructions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workstation.events.envelope import Event
from workstation.projections import controlled_tables as ct
from workstation.projections import tables as t

Handler = Callable[[Any, Event], None]
POSITIVE_REACTION = "皮试阳性 / positive skin test"


def _skin_test(fold: Any, e: Event) -> None:
    p = e.payload
    fold.add(ct.skin_tests, {
        "skin_test_id": e.event_id, "patient_id": e.patient_id, "substance": p["substance"],
        "result": p["result"], "read_at": p["read_at"], "witness_id": p["witness_id"],
        "order_id": p.get("order_id"), "drug_code": p.get("drug_code"),
        "reaction": p.get("reaction"), "recorded_by": e.author_id, "recorded_at": e.recorded_at,
        "voided": False,
    })  # fmt: skip
    if p["result"] == "positive":  # the allergy shares the event's id: voiding one voids both
        fold.add(t.allergies, {
            "allergy_id": e.event_id, "patient_id": e.patient_id, "substance": p["substance"],
            "reaction": p.get("reaction") or POSITIVE_REACTION, "severity": "unknown",
            "recorded_by": e.author_id, "recorded_at": e.recorded_at, "voided": False,
        })  # fmt: skip


def _movement(kind: str) -> Handler:
    def handle(fold: Any, e: Event) -> None:
        p = e.payload
        fold.add(ct.controlled_movements, {
            "movement_id": e.event_id, "patient_id": e.patient_id, "movement_kind": kind,
            "drug_code": p["drug_code"], "quantity": p.get("quantity", p.get("amount")),
            "unit": p["unit"], "lot": p.get("lot"), "order_id": p.get("order_id"),
            "witness_id": p.get("witness_id"), "method": p.get("method"),
            "recorded_by": e.author_id, "recorded_at": e.recorded_at, "voided": False,
        })  # fmt: skip

    return handle


def controlled_handlers() -> dict[str, Handler]:
    """The handlers of the skin-test and controlled-drug event types."""
    return {
        "SkinTestRecorded": _skin_test,
        "EmptyAmpouleReturned": _movement("empty_returned"),
        "ControlledDrugDestroyed": _movement("destroyed"),
    }
