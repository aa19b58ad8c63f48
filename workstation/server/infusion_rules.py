"""The server's check of an infusion round (输液巡视): the round names a bag of the same patient
that was running when the nurse looked — ordered before the look, not rejected or voided, not
stopped or finished before it. (Who may record it is the permission matrix: a nurse; the ward
scope is the sync's own check.) A round taken offline before the bag was stopped, and pushed
after, is therefore accepted: it happened while the bag ran."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, select

from workstation.clinical.infusion import is_bag
from workstation.events import Event
from workstation.projections import order_sheet_tables as ot
from workstation.projections import tables as t

NOT_RUNNING_STATUSES = ("rejected",)


def _order_in_batch(order_id: str, batch: Sequence[Event]) -> dict[str, Any] | None:
    placed = next((e for e in batch if e.event_id == order_id and e.type == "OrderPlaced"), None)
    if placed is None:
        return None
    med = placed.payload.get("medication") or {}
    return {**med, "order_kind": placed.payload["order_kind"], "group": placed.payload.get("group"),
            "patient_id": placed.patient_id, "placed_at": placed.recorded_at,
            "status": "placed", "voided": False, "ended_at": None}  # fmt: skip


def _stored_order(conn: Connection, order_id: str) -> dict[str, Any] | None:
    o, s = t.orders.c, ot.order_sheet.c
    row = conn.execute(
        select(o.order_kind, o.route, o.patient_id, o.placed_at, o.status, o.voided, o.ended_at,
               s.order_group).outerjoin(ot.order_sheet, s.order_id == o.order_id)
        .where(o.order_id == order_id)
    ).first()  # fmt: skip
    if row is None:
        return None
    found = dict(row._mapping)
    found["group"] = found.pop("order_group")
    return found


def _not_running(order: Mapping[str, Any], observed_at: str) -> str | None:
    if order["voided"] or order["status"] in NOT_RUNNING_STATUSES:
        return "the bag's order was rejected or voided"
    if observed_at < order["placed_at"]:
        return "the round is before the bag was ordered"
    if order.get("ended_at") and observed_at >= order["ended_at"]:
        return "the bag's order had stopped before the round"
    return None


def infusion_round_problem(conn: Connection, event: Event, batch: Sequence[Event]) -> str | None:
    """Why an InfusionRoundRecorded may not be taken, or None."""
    if event.type != "InfusionRoundRecorded":
        return None
    order_id = event.payload["order_id"]
    order = _order_in_batch(order_id, batch) or _stored_order(conn, order_id)
    if order is None or order["patient_id"] != event.patient_id:
        return "no such bag on this patient's chart"
    if not is_bag(order):
        return "the order is not an infusion bag"
    return _not_running(order, event.payload["observed_at"])
