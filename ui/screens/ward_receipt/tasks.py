"""The ward-receipt screen's work as plain functions on the replica, run on a worker lane (so
offline too: a receipt is a local write that syncs later)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from offline_cache.workstation import Workstation
from ui.tasks import user_names
from workstation.clinical.ward_receipt import (
    Delivery,
    LabelMatch,
    label_order,
    match_label,
    order_ward,
    receipt_payload,
    ward_deliveries,
)
from workstation.clock import iso, utc_now

# Received items stay listed for a day: the pharmacy's ward pick list covers the next 24 hours
# (ui.screens.pharmacy.tasks.pick_list), so a day's list holds one round of deliveries.
RECEIVED_SHOWN = timedelta(hours=24)


@dataclass(frozen=True)
class ReceiptBoard:
    """What the screen lists: items still expected (oldest first), items received in the last
    day (newest first), the staff names, and the outcome of the last scan (if any)."""

    expected: list[Delivery]
    received: list[Delivery]
    names: dict[str, str] = field(default_factory=dict)
    match: LabelMatch | None = None
    other_ward: dict[str, str | None] = field(
        default_factory=dict
    )  # the match's ward named, zh / en


def board(ws: Workstation, ward_id: str, match: LabelMatch | None = None) -> ReceiptBoard:
    """The ward's expected and recently received deliveries, read from the replica."""
    with ws.store.reading() as conn:
        deliveries = ward_deliveries(conn, ward_id)
    since = iso(utc_now() - RECEIVED_SHOWN)
    received = sorted((d for d in deliveries if d.received and (d.received_at or "") >= since),
                      key=lambda d: d.received_at or "", reverse=True)  # fmt: skip
    named = ws.store.reference.ward_names(match.ward_id) if match is not None else {}
    return ReceiptBoard([d for d in deliveries if not d.received], received, user_names(ws), match,
                        named)  # fmt: skip


def receive_scan(ws: Workstation, ward_id: str, code: str) -> ReceiptBoard:
    """Match one scanned label to the ward's deliveries and record WardReceived when it names an
    item still expected; the board afterwards carries what the scan meant."""
    with ws.store.reading() as conn:
        deliveries = ward_deliveries(conn, ward_id)
        order_id = label_order(code)
        ward = order_ward(conn, order_id) if order_id else None
    match = match_label(code, deliveries, ward_id=ward_id, ward_of_order=ward)
    if match.outcome == "receive" and match.delivery is not None:
        item = match.delivery
        ws.record("WardReceived", patient_id=item.patient_id,
                  payload=receipt_payload(item, ward_id=ward_id))  # fmt: skip
    return board(ws, ward_id, match)
