"""Fold the pharmacy's events: change requests, outpatient prescriptions, their hand-over and
which prescription item each dispense belongs to."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from sqlalchemy import update

from workstation.events.envelope import Event
from workstation.projections import pharmacy_tables as pt

Handler = Callable[[Any, Event], None]


def _change_requested(fold: Any, e: Event) -> None:
    fold.add(pt.order_change_requests, {
        "request_id": e.event_id, "order_id": e.payload["order_id"], "patient_id": e.patient_id,
        "message": e.payload["message"], "requested_by": e.author_id,
        "requested_at": e.recorded_at, "voided": False,
    })  # fmt: skip


def _outpatient_prescribed(fold: Any, e: Event) -> None:
    p = e.payload
    fold.add(pt.outpatient_prescriptions, {
        "prescription_id": e.event_id, "queue_number": p["queue_number"],
        "patient_name": p["patient_name"], "patient_ref": p["patient_ref"],
        "prescriber": p.get("prescriber"), "items": orjson.dumps(p["items"]).decode(),
        "prescribed_by": e.author_id, "prescribed_at": e.recorded_at, "handed_over_by": None,
        "handed_over_at": None, "counselling_note": None,
    })  # fmt: skip


def _handed_over(fold: Any, e: Event) -> None:
    rx = pt.outpatient_prescriptions.c
    done = fold.run(
        update(pt.outpatient_prescriptions)
        .where(rx.prescription_id == e.payload["prescription_id"], rx.handed_over_at.is_(None))
        .values(handed_over_by=e.author_id, handed_over_at=e.recorded_at,
                counselling_note=e.payload.get("counselling_note"))
    )  # fmt: skip
    if done.rowcount == 0:
        fold.flag(e, "unknown_prescription", "hand-over of a prescription not waiting here")


def _dispensed(stock: Handler) -> Handler:
    def handle(fold: Any, e: Event) -> None:
        stock(fold, e)
        if e.payload.get("prescription_id"):
            fold.add(pt.prescription_dispenses, {
                "movement_id": e.event_id, "prescription_id": e.payload["prescription_id"],
                "item_index": e.payload.get("item_index"),
            })  # fmt: skip

    return handle


def pharmacy_handlers(stock_dispensed: Handler) -> dict[str, Handler]:
    """The pharmacy's handlers; `Dispensed` wraps the stock movement handler it is given."""
    return {
        "OrderChangeRequested": _change_requested,
        "OutpatientPrescribed": _outpatient_prescribed,
        "OutpatientHandedOver": _handed_over,
        "Dispensed": _dispensed(stock_dispensed),
    }
