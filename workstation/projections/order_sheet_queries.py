"""The order sheet's parts read beside a chart's orders: each order row gains its term, group,
verbal and discharge parts and who checked it (new and stop), and the chart its 重整医嘱."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import Connection, select

from workstation.projections import order_sheet_tables as ot

_MARK_COLUMNS = {
    "checked_new": ("checked_by", "checked_at"),
    "checked_stop": ("stop_checked_by", "stop_checked_at"),
    "verbal_signed": ("verbal_signed_by", "verbal_signed_at"),
}


def with_order_sheet(conn: Connection, chart: dict[str, Any]) -> dict[str, Any]:
    """The chart with its orders completed from the order sheet tables (in place, returned)."""
    patient_id = chart["patient"]["patient_id"]
    s, m = ot.order_sheet.c, ot.order_sheet_marks.c
    sheet = {r.order_id: r for r in conn.execute(
        select(ot.order_sheet).where(s.patient_id == patient_id))}  # fmt: skip
    marks = list(conn.execute(
        select(ot.order_sheet_marks)
        .where(m.patient_id == patient_id, m.voided.is_(False)).order_by(m.marked_at)
    ))  # fmt: skip
    unmarked = dict.fromkeys(column for pair in _MARK_COLUMNS.values() for column in pair)
    for order in chart["orders"]:
        order.update(sheet_parts(sheet.get(order["order_id"])), **unmarked)
    by_order = {o["order_id"]: o for o in chart["orders"]}
    for mark in marks:
        who, when = _MARK_COLUMNS.get(mark.mark, (None, None))
        order = by_order.get(mark.order_id)
        if who and order is not None and not order.get(who):  # the first check counts
            order[who], order[when] = mark.marked_by, mark.marked_at
    chart["reorganisations"] = [
        {"reorganised_by": r.marked_by, "reorganised_at": r.marked_at}
        for r in marks if r.mark == "reorganised"
    ]  # fmt: skip
    return chart


def sheet_parts(row: Any) -> dict[str, Any]:
    """An order's term, group, verbal and discharge parts (all None for an order before them)."""
    if row is None:
        return {"term": None, "group": None, "verbal_from": None, "discharge": None}
    return {
        "term": row.term, "verbal_from": row.verbal_from,
        "group": orjson.loads(row.order_group) if row.order_group else None,
        "discharge": orjson.loads(row.discharge) if row.discharge else None,
    }  # fmt: skip
