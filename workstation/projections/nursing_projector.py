"""Fold the nurse's station's events: a dose's extra facts, intake and output, scored
assessments, ward receipt of a delivery, the bedside scan and the shift handoff."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from sqlalchemy import select

from workstation.events.envelope import Event
from workstation.projections import tables as t

Handler = Callable[[Any, Event], None]

DETAIL_FIELDS = (
    "end_at", "amount_given_ml", "prn_indication", "reassess_at", "early_late_reason",
    "adverse_reaction",
)  # fmt: skip


def _administered(base: Handler) -> Handler:
    """The core dose handler, plus a details row when the dose carries any extra fact."""

    def handle(fold: Any, e: Event) -> None:
        base(fold, e)
        details = {name: e.payload.get(name) for name in DETAIL_FIELDS}
        if any(value is not None for value in details.values()):
            fold.add(t.administration_details, {
                "administration_id": e.event_id, "patient_id": e.patient_id, **details,
            })  # fmt: skip

    return handle


def _order_in_chart(fold: Any, e: Event, order_id: str | None) -> None:
    """Flag an event naming an order this patient's chart does not have."""
    if order_id is None:
        return
    o = t.orders.c
    fold.flush()
    found = fold.conn.execute(
        select(o.order_id).where(o.order_id == order_id, o.patient_id == e.patient_id)
    ).first()
    if found is None:
        fold.flag(e, "unknown_order", f"{e.type} refers to an order this chart does not have")


def _intake_output(fold: Any, e: Event) -> None:
    p = e.payload
    fold.add(t.intake_output, {
        "entry_id": e.event_id, "patient_id": e.patient_id, "direction": p["direction"],
        "category": p["category"], "volume_ml": p["volume_ml"], "measured_at": p["measured_at"],
        "note": p.get("note"), "recorded_by": e.author_id, "voided": False,
    })  # fmt: skip


def _assessment(fold: Any, e: Event) -> None:
    p = e.payload
    fold.add(t.assessments, {
        "assessment_id": e.event_id, "patient_id": e.patient_id, "kind": p["kind"],
        "items": orjson.dumps(p["items"], option=orjson.OPT_SORT_KEYS).decode(),
        "total": p.get("total"), "risk": p.get("risk"), "assessed_at": p["assessed_at"],
        "recorded_by": e.author_id, "voided": False,
    })  # fmt: skip


def _ward_received(fold: Any, e: Event) -> None:
    p = e.payload
    _order_in_chart(fold, e, p.get("order_id"))
    fold.add(t.ward_receipts, {
        "receipt_id": e.event_id, "patient_id": e.patient_id, "order_id": p.get("order_id"),
        "drug_code": p.get("drug_code"), "lot": p["lot"], "quantity": p["quantity"],
        "unit": p.get("unit"), "location_id": p.get("location_id"), "received_by": e.author_id,
        "received_at": e.recorded_at, "voided": False,
    })  # fmt: skip


def _bedside_checked(fold: Any, e: Event) -> None:
    p = e.payload
    _order_in_chart(fold, e, p["order_id"])
    if p["result"] == "unable_to_scan":
        fold.flag(e, "unable_to_scan", f"given without scanning: {p['unable_to_scan_reason']}")
    fold.add(t.bedside_checks, {
        "check_id": e.event_id, "patient_id": e.patient_id, "order_id": p["order_id"],
        "wristband_code": p.get("wristband_code"), "drug_code_scanned": p.get("drug_code_scanned"),
        "result": p["result"], "unable_to_scan_reason": p.get("unable_to_scan_reason"),
        "scheduled_for": p.get("scheduled_for"), "checked_by": e.author_id,
        "checked_at": e.recorded_at, "voided": False,
    })  # fmt: skip


def _handoff(fold: Any, e: Event) -> None:
    fold.add(t.handoffs, {
        "handoff_id": e.event_id, "patient_id": e.patient_id, "style": e.payload["style"],
        "text": e.payload["text"], "recorded_by": e.author_id, "recorded_at": e.recorded_at,
        "voided": False,
    })  # fmt: skip


def nursing_handlers(administered: Handler) -> dict[str, Handler]:
    """The nursing handlers, with the core MedicationAdministered handler wrapped."""
    return {
        "MedicationAdministered": _administered(administered),
        "IntakeOutputRecorded": _intake_output,
        "AssessmentRecorded": _assessment,
        "WardReceived": _ward_received,
        "BedsideChecked": _bedside_checked,
        "HandoffRecorded": _handoff,
    }
