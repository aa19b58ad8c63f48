"""Fold the order sheet's facts: the term, group, verbal and discharge parts of an order, and
the marks on the sheet (nurse's check, verbal order signed, 重整医嘱)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from sqlalchemy import select

from workstation.events.envelope import Event
from workstation.projections import order_sheet_tables as ot
from workstation.projections import tables as t

Handler = Callable[[Any, Event], None]
_ENDED = ("discontinued", "completed", "rejected")


def _json(value: Any) -> str | None:
    return orjson.dumps(value).decode() if value is not None else None


def _placed(placed: Handler) -> Handler:
    def handle(fold: Any, e: Event) -> None:
        placed(fold, e)
        p = e.payload
        fold.add(ot.order_sheet, {
            "order_id": e.event_id, "patient_id": e.patient_id, "term": p.get("term"),
            "order_group": _json(p.get("group")), "verbal_from": p.get("verbal_from"),
            "discharge": _json(p.get("discharge")), "voided": False,
        })  # fmt: skip

    return handle


def _mark(fold: Any, e: Event, mark: str) -> None:
    fold.add(ot.order_sheet_marks, {
        "mark_id": e.event_id, "patient_id": e.patient_id, "order_id": e.payload.get("order_id"),
        "mark": mark, "marked_by": e.author_id, "marked_at": e.recorded_at, "voided": False,
    })  # fmt: skip


def _status(fold: Any, e: Event) -> str | None:
    """The order's status in this chart (as this fold has it, else as stored)."""
    key = (e.payload["order_id"], e.patient_id)
    if key not in fold.order_status:
        o = t.orders.c
        fold.order_status[key] = fold.conn.execute(
            select(o.status).where(o.order_id == key[0], o.patient_id == key[1])
        ).scalar()
    status = fold.order_status[key]
    return str(status) if status is not None else None


def _checked(fold: Any, e: Event) -> None:
    """The nurse's 核对: of a new order, or of a stopped one (only once it is stopped)."""
    status = _status(fold, e)
    if status is None:
        fold.flag(e, "unknown_order", "check of an order this chart does not have")
        return
    if e.payload["what"] == "stop" and status not in _ENDED:
        fold.flag(e, "order_not_stopped", "check of a stop on an order still in force")
        return
    _mark(fold, e, f"checked_{e.payload['what']}")


def _verbal_signed(fold: Any, e: Event) -> None:
    sheet = ot.order_sheet.c
    fold.flush()
    verbal = fold.conn.execute(
        select(sheet.verbal_from).where(
            sheet.order_id == e.payload["order_id"], sheet.patient_id == e.patient_id
        )
    ).scalar()
    if not verbal:
        fold.flag(e, "not_verbal", "signature of an order that is not a verbal order")
        return
    _mark(fold, e, "verbal_signed")


def _reorganised(fold: Any, e: Event) -> None:
    _mark(fold, e, "reorganised")


def order_sheet_handlers(placed: Handler) -> dict[str, Handler]:
    """The order sheet's handlers; `OrderPlaced` wraps the order handler it is given."""
    return {
        "OrderPlaced": _placed(placed),
        "OrderChecked": _checked,
        "VerbalOrderSigned": _verbal_signed,
        "OrderSheetReorganised": _reorganised,
    }
