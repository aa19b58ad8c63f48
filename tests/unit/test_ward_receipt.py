"""Matching a scanned label to the ward's deliveries: oldest expected first, a receipt answers
one dispense of the same order and lot, and every refusal says why."""

from __future__ import annotations

import uuid

from workstation.clinical.barcodes import label_code
from workstation.clinical.ward_receipt import (
    Delivery,
    match_label,
    pair_receipts,
    receipt_payload,
)

ORDER, OTHER = str(uuid.uuid4()), str(uuid.uuid4())


def delivery(order_id: str = ORDER, lot: str = "L1", at: str = "2026-03-01T08:00:00.000Z",
             drug: str = "metoprolol") -> Delivery:  # fmt: skip
    return Delivery(f"m-{order_id[:4]}-{at}", "p1", "张三", "1", order_id, "Metoprolol 25 mg po",
                    drug, lot, 2.0, "tab", at)  # fmt: skip


def receipt(order_id: str = ORDER, lot: str = "L1", at: str = "2026-03-01T09:00:00.000Z") -> dict:
    return {"order_id": order_id, "lot": lot, "received_at": at, "received_by": "u-nurse"}


def test_a_receipt_answers_the_oldest_dispense_of_its_order_and_lot():
    morning, evening = (
        delivery(at="2026-03-01T08:00:00.000Z"),
        delivery(at="2026-03-01T20:00:00.000Z"),
    )
    other_lot = delivery(lot="L2", at="2026-03-01T21:00:00.000Z")
    paired = pair_receipts([evening, other_lot, morning], [receipt()])
    assert [(d.dispensed_at[11:16], d.received) for d in paired] == [
        ("08:00", True), ("20:00", False), ("21:00", False)]  # fmt: skip


def test_an_order_label_receives_the_oldest_expected_item_then_says_already_received():
    first, second = delivery(), delivery(at="2026-03-01T20:00:00.000Z")
    found = match_label(label_code(ORDER), [first, second], ward_id="W1")
    assert (found.outcome, found.delivery) == ("receive", first)
    done = pair_receipts([first, second], [receipt(), receipt(at="2026-03-01T21:00:00.000Z")])
    again = match_label(label_code(ORDER), done, ward_id="W1")
    assert again.outcome == "already_received"
    assert again.delivery is not None and again.delivery.received_at == "2026-03-01T21:00:00.000Z"


def test_labels_not_for_this_ward_are_refused_with_the_reason():
    items = [delivery()]
    code = label_code(OTHER)
    assert match_label(code, items, ward_id="W1").outcome == "not_this_ward"
    assert match_label(code, items, ward_id="W1", ward_of_order="W2").ward_id == "W2"
    assert match_label(code, items, ward_id="W1", ward_of_order="W1").outcome == "not_dispensed"
    assert match_label("HELLO-123", items, ward_id="W1").outcome == "not_a_label"
    assert match_label("WBMRN0001", items, ward_id="W1").outcome == "not_a_label"


def test_a_dispensing_label_names_its_item_by_drug_and_lot_unless_two_orders_share_them():
    mine, theirs = delivery(), delivery(OTHER)
    assert match_label("metoprolol/L1", [mine], ward_id="W1").delivery == mine
    assert match_label("metoprolol/L1", [mine, theirs], ward_id="W1").outcome == "ambiguous"
    assert match_label("metoprolol/L9", [mine], ward_id="W1").outcome == "not_this_ward"


def test_the_receipt_payload_carries_the_dispensed_lot_and_quantity():
    assert receipt_payload(delivery(), ward_id="W1") == {
        "order_id": ORDER, "drug_code": "metoprolol", "lot": "L1", "quantity": 2.0, "unit": "tab",
        "location_id": "W1"}  # fmt: skip
