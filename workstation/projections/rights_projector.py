"""Fold the sign-off of orders: an order its author may not sign alone waits "awaiting co-signature"
(off the MAR and the pharmacy queue) until a licensed doctor with the right co-signs it
(处方管理办法 2007 ch. 2) and, for a special-tier antibiotic, until a designated consultant approves it
(抗菌药物临床应用管理办法 2012 Art. 27). An emergency override (越级使用, Art. 28) goes ahead at once and
stays open until the same signatures arrive (rights_queries.overdue_overrides flags it after 24 h)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select, update

from workstation.domain.enums import OrderStatus
from workstation.events.envelope import Event
from workstation.projections import tables as t
from workstation.projections.rights_tables import order_signoffs

Handler = Callable[[Any, Event], None]
_AWAITING = OrderStatus.AWAITING_COSIGN.value


def _is_complete(row: Any) -> bool:
    """Every signature the order waits for is there."""
    cosigned = not row.needs_cosign or row.cosigned_by is not None
    approved = not row.needs_approval or row.approved_by is not None
    return cosigned and approved


def _set_status(fold: Any, e: Event, order_id: str, status: str) -> None:
    fold.run(update(t.orders).where(t.orders.c.order_id == order_id,
                                    t.orders.c.patient_id == e.patient_id).values(status=status))  # fmt: skip
    fold.order_status[(order_id, e.patient_id)] = status


def _placed(base: Handler) -> Handler:
    def handle(fold: Any, e: Event) -> None:
        base(fold, e)
        signoff = e.payload.get("signoff")
        if not isinstance(signoff, dict):
            return
        missing = [str(m) for m in signoff.get("missing") or []]
        given = signoff.get("emergency")
        emergency: dict[str, Any] = given if isinstance(given, dict) else {}
        row = {
            "order_id": e.event_id, "patient_id": e.patient_id,
            "drug_code": (e.payload.get("medication") or {}).get("drug_code"),
            "antibiotic_tier": signoff.get("antibiotic_tier"), "missing": ",".join(missing),
            "placed_by": e.author_id, "placed_at": e.recorded_at,
            # an override stands in for the senior's signature until it is completed
            "needs_cosign": bool(missing), "cosigned_by": None, "cosigned_at": None,
            "needs_approval": bool(signoff.get("needs_approval")), "approved_by": None,
            "approved_at": None, "consultation_id": None, "emergency": bool(emergency),
            "override_indication": emergency.get("indication"),
            "override_purpose": emergency.get("purpose"), "culture_sent": signoff.get("culture_sent"),
        }  # fmt: skip
        fold.add(order_signoffs, row)
        if (row["needs_cosign"] or row["needs_approval"]) and not row["emergency"]:
            _set_status(fold, e, e.event_id, _AWAITING)

    return handle


def _signed_off(values: Callable[[Event], dict[str, Any]], what: str) -> Handler:
    def handle(fold: Any, e: Event) -> None:
        order_id = e.payload["order_id"]
        s = order_signoffs.c
        done = fold.run(update(order_signoffs)
                        .where(s.order_id == order_id, s.patient_id == e.patient_id)
                        .values(**values(e)))  # fmt: skip
        if done.rowcount == 0:
            fold.flag(e, "unknown_order", f"{what} of an order this chart has not waiting for it")
            return
        row = fold.run(select(order_signoffs).where(s.order_id == order_id)).first()
        status = fold.order_status.get((order_id, e.patient_id))
        if status is None:
            status = fold.run(
                select(t.orders.c.status).where(t.orders.c.order_id == order_id)
            ).scalar()
        if status == _AWAITING and _is_complete(row):
            _set_status(fold, e, order_id, OrderStatus.PLACED.value)

    return handle


def rights_handlers(order_placed: Handler) -> dict[str, Handler]:
    """The sign-off handlers; `OrderPlaced` wraps the order handler it is given."""
    return {
        "OrderPlaced": _placed(order_placed),
        "OrderCosigned": _signed_off(
            lambda e: {"cosigned_by": e.author_id, "cosigned_at": e.recorded_at}, "co-signature"
        ),
        "AntibioticApproved": _signed_off(
            lambda e: {
                "approved_by": e.author_id,
                "approved_at": e.recorded_at,
                "consultation_id": e.payload.get("consultation_id"),
            },
            "approval",
        ),  # fmt: skip
    }
