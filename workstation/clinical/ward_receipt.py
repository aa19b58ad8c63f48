"""Receiving a pharmacy delivery on the ward: the items dispensed for the ward's patients, which
of them the ward has received (WardReceived), and what one scanned label means.

A label names an item in one of two ways (workstation.clinical.barcodes, workstation.reports.labels):
the order label carries the order's UUID as 40 digits; the dispensing label carries
`drug_code/lot`. An order dispensed several times is received once per dispense, oldest first, so
the receipt a scan records always matches the lot and quantity the pharmacy sent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, select

from workstation.clinical.barcodes import parse_scan
from workstation.domain.enums import PatientStatus
from workstation.projections import tables as t


@dataclass(frozen=True, slots=True)
class Delivery:
    """One item the pharmacy dispensed for a patient of the ward, and its receipt once received."""

    movement_id: str
    patient_id: str
    patient_name: str
    bed: str
    order_id: str
    description: str
    drug_code: str
    lot: str
    quantity: float
    unit: str | None
    dispensed_at: str
    received_at: str | None = None
    received_by: str | None = None

    @property
    def received(self) -> bool:
        """Whether the ward has recorded this item as arrived."""
        return self.received_at is not None


@dataclass(frozen=True, slots=True)
class LabelMatch:
    """What a scanned label means on this ward.

    outcome: receive (`delivery` is the item to record), already_received (`delivery` says when
    and by whom), not_dispensed (an order of this ward the pharmacy has not sent yet),
    other_ward (`ward_id` is the patient's ward now), not_this_ward (no order of this ward has
    this label), ambiguous (a dispensing label several expected items share), not_a_label."""

    outcome: str
    delivery: Delivery | None = None
    ward_id: str | None = None


def pair_receipts(
    dispensed: Iterable[Delivery], receipts: Iterable[Mapping[str, Any]]
) -> list[Delivery]:
    """The dispensed items, each with the receipt that answers it: a receipt answers the oldest
    unanswered dispense of the same order and lot."""
    waiting: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for r in sorted(receipts, key=lambda r: r["received_at"]):
        waiting[(r["order_id"], r["lot"])].append(r)
    paired = []
    for item in sorted(dispensed, key=lambda d: d.dispensed_at):
        queue = waiting.get((item.order_id, item.lot))
        if queue:
            receipt = queue.pop(0)
            item = replace(item, received_at=receipt["received_at"],
                           received_by=receipt["received_by"])  # fmt: skip
        paired.append(item)
    return paired


def ward_deliveries(conn: Connection, ward_id: str) -> list[Delivery]:
    """Every medication dispensed for an admitted patient of the ward, oldest first, with its receipt."""
    m, p, o, r = t.stock_movements.c, t.patients.c, t.orders.c, t.ward_receipts.c
    rows = conn.execute(
        select(m.movement_id, m.patient_id, p.name, p.bed, m.order_id, o.description, m.drug_code,
               m.lot, m.quantity_delta, m.unit, m.recorded_at)
        .join_from(t.stock_movements, t.patients, p.patient_id == m.patient_id)
        .join(t.orders, o.order_id == m.order_id)
        .where(p.ward_id == ward_id, p.status == PatientStatus.ADMITTED.value,
               m.movement_kind == "dispense", m.voided.is_(False))
    ).all()  # fmt: skip
    dispensed = [Delivery(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7],
                          abs(row[8]), row[9], row[10]) for row in rows]  # fmt: skip
    receipts = conn.execute(
        select(r.order_id, r.lot, r.received_at, r.received_by)
        .join_from(t.ward_receipts, t.patients, p.patient_id == r.patient_id)
        .where(p.ward_id == ward_id, r.voided.is_(False), r.order_id.is_not(None))
    ).all()
    return pair_receipts(dispensed, [dict(x._mapping) for x in receipts])


def order_ward(conn: Connection, order_id: str) -> str | None:
    """The ward of the patient an order belongs to, when this replica holds the order."""
    o, p = t.orders.c, t.patients.c
    return conn.execute(
        select(p.ward_id).join_from(t.orders, t.patients, p.patient_id == o.patient_id)
        .where(o.order_id == order_id)
    ).scalar_one_or_none()  # fmt: skip


def label_order(code: str) -> str | None:
    """The order id an order label names (None for any other code)."""
    scan = parse_scan(code)
    return scan.order_id if scan is not None and scan.kind == "label" else None


def match_label(code: str, deliveries: list[Delivery], *, ward_id: str,
                ward_of_order: str | None = None) -> LabelMatch:  # fmt: skip
    """What one scan means: the oldest expected item it names, or why it is not received here.
    `ward_of_order`: the ward of the order an order label names (`order_ward`), if known."""
    order_id = label_order(code)
    if order_id is not None:
        named = [d for d in deliveries if d.order_id == order_id]
        if not named:
            if ward_of_order is None:
                return LabelMatch("not_this_ward")
            if ward_of_order != ward_id:
                return LabelMatch("other_ward", ward_id=ward_of_order)
            return LabelMatch("not_dispensed")
        return _first_expected(named)
    drug_code, slash, lot = code.strip().partition("/")
    if not slash or not drug_code or not lot:
        return LabelMatch("not_a_label")
    named = [d for d in deliveries if (d.drug_code, d.lot) == (drug_code, lot)]
    if not named:
        return LabelMatch("not_this_ward")
    if len({d.order_id for d in named if not d.received}) > 1:
        return LabelMatch("ambiguous")
    return _first_expected(named)


def _first_expected(named: list[Delivery]) -> LabelMatch:
    expected = [d for d in named if not d.received]
    if expected:
        return LabelMatch("receive", expected[0])
    return LabelMatch("already_received", max(named, key=lambda d: d.received_at or ""))


def receipt_payload(item: Delivery, *, ward_id: str) -> dict[str, Any]:
    """The WardReceived payload of one delivered item (its order, lot and quantity, on the ward)."""
    payload: dict[str, Any] = {"order_id": item.order_id, "drug_code": item.drug_code,
                               "lot": item.lot, "quantity": item.quantity, "location_id": ward_id}  # fmt: skip
    if item.unit:
        payload["unit"] = item.unit
    return payload
