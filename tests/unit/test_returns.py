"""Returns to the pharmacy: found by label, what is still out, where the units may go, and the
return on the order's closed loop."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Connection

from tests.unit.pharmacy_fixtures import ev, fold, projection_db, receive
from tests.unit.test_verification import admit, order
from workstation.clinical.barcodes import label_code
from workstation.clinical.closed_loop import closed_loop
from workstation.clinical.returns import (
    QUARANTINE_LOCATION,
    ReturnRefused,
    default_disposition,
    dispensed_item,
    dispensed_items,
    return_payload,
)
from workstation.clinical.stock import lots_on_hand
from workstation.projections.nursing_queries import nursing_chart

TODAY = date(2026, 3, 1)


@pytest.fixture
def conn() -> Iterator[Connection]:
    """A fresh projection database."""
    yield from projection_db()


def ward_dispense(conn: Connection) -> tuple[str, str]:
    """10 capsules of lot L1 dispensed for 张三's amoxicillin order; (patient, order)."""
    receive(conn, "amoxicillin", "L1", "2026-06-30", 100)
    pid = admit(conn, "张三")
    order_id = order(conn, pid, "amoxicillin", "2026-03-01T06:00:00.000Z")
    fold(conn, ev("Dispensed", {"drug_code": "amoxicillin", "lot": "L1", "location_id": "PHARM",
                                "quantity": 10, "unit": "cap", "order_id": order_id}, pid))  # fmt: skip
    return pid, order_id


def outpatient_dispense(conn: Connection) -> str:
    """6 capsules of lot L2 handed to outpatient No. 3; the Dispensed event's id."""
    receive(conn, "amoxicillin", "L2", "2026-06-30", 50)
    rx = fold(conn, ev("OutpatientPrescribed", {
        "queue_number": 3, "patient_name": "王五", "patient_ref": "OP-0003",
        "items": [{"sentence": "amox 500mg po tid 2d", "drug_code": "amoxicillin",
                   "drug_name": "Amoxicillin", "quantity": 6, "unit": "cap"}]}))[0]  # fmt: skip
    return fold(conn, ev("Dispensed", {"drug_code": "amoxicillin", "lot": "L2", "location_id": "PHARM",
                                       "quantity": 6, "unit": "cap", "prescription_id": rx.event_id,
                                       "item_index": 0}))[0].event_id  # fmt: skip


def on_hand(conn: Connection, location: str) -> float:
    return sum(x.quantity for x in lots_on_hand(conn, location, "amoxicillin"))


def test_a_ward_return_found_by_its_medication_label_goes_back_to_stock_and_onto_the_loop(
    conn: Connection,
) -> None:
    pid, order_id = ward_dispense(conn)
    [item] = dispensed_items(conn, label_code(order_id))
    assert (item.dispensed, item.returnable, item.holder) == (10, 10, "1 张三")
    assert default_disposition(item, "patient_discharged", TODAY) == "restock"
    payload = return_payload(item, quantity=4, reason="patient_discharged", disposition="restock",
                             today=TODAY)  # fmt: skip
    fold(conn, ev("StockAdjusted", payload, pid))
    assert on_hand(conn, "PHARM") == 94
    assert dispensed_item(conn, item.movement_id).returnable == 6
    returned = [e for e in closed_loop(nursing_chart(conn, pid), order_id) if e.kind == "returned"]
    assert len(returned) == 1 and returned[0].exception
    assert returned[0].fact("lot") == "L1" and returned[0].fact("quantity") == "4"
    assert "patient discharged" in returned[0].detail


def test_more_than_is_still_out_is_refused(conn: Connection) -> None:
    ward_dispense(conn)
    [item] = dispensed_items(conn, "amoxicillin/L1")  # the dispensing label's code
    with pytest.raises(ReturnRefused) as refused:
        return_payload(item, quantity=11, reason="not_needed", disposition="restock",
                       today=TODAY)  # fmt: skip
    assert refused.value.code == "quantity"


@pytest.mark.parametrize(("reason", "today", "code"), [
    ("damaged", TODAY, "unfit"),
    ("expired", TODAY, "unfit"),
    ("order_stopped", date(2026, 7, 1), "expired_lot"),  # L1 was in date when dispensed, not now
])  # fmt: skip
def test_unfit_units_never_go_back_into_stock(
    conn: Connection, reason: str, today: date, code: str
) -> None:
    ward_dispense(conn)
    [item] = dispensed_items(conn, "amoxicillin/L1")
    assert default_disposition(item, reason, today) != "restock"
    with pytest.raises(ReturnRefused) as refused:
        return_payload(item, quantity=1, reason=reason, disposition="restock", today=today)
    assert refused.value.code == code


def test_an_expired_lot_is_proposed_for_destruction_whatever_the_reason(conn: Connection) -> None:
    ward_dispense(conn)
    [item] = dispensed_items(conn, "amoxicillin/L1")
    assert item.expiry == date(2026, 6, 30)
    assert default_disposition(item, "order_stopped", date(2026, 6, 30)) == "restock"
    assert default_disposition(item, "order_stopped", date(2026, 7, 1)) == "destroy"


def test_damaged_units_go_to_quarantine_where_they_cannot_be_dispensed(conn: Connection) -> None:
    pid, _order_id = ward_dispense(conn)
    [item] = dispensed_items(conn, "amoxicillin/L1")
    assert default_disposition(item, "damaged", TODAY) == "quarantine"
    payload = return_payload(item, quantity=2, reason="damaged", disposition="quarantine",
                             today=TODAY)  # fmt: skip
    fold(conn, ev("StockAdjusted", payload, pid))
    assert on_hand(conn, QUARANTINE_LOCATION) == 2 and on_hand(conn, "PHARM") == 90


def test_an_outpatients_item_is_found_by_its_label_and_never_restocked(conn: Connection) -> None:
    movement_id = outpatient_dispense(conn)
    [item] = dispensed_items(conn, "amoxicillin/L2")
    assert item.movement_id == movement_id and item.outpatient
    assert item.holder == "3 王五 (OP-0003)"
    assert default_disposition(item, "not_needed", TODAY) == "quarantine"
    with pytest.raises(ReturnRefused) as refused:
        return_payload(item, quantity=6, reason="not_needed", disposition="restock",
                       today=TODAY)  # fmt: skip
    assert refused.value.code == "left_hospital"
    payload = return_payload(item, quantity=6, reason="expired", disposition="destroy",
                             today=TODAY)  # fmt: skip
    assert "order_id" not in payload
    fold(conn, ev("StockAdjusted", payload))
    assert dispensed_item(conn, movement_id).returnable == 0


def test_a_scan_that_is_no_pharmacy_label_is_refused(conn: Connection) -> None:
    with pytest.raises(ReturnRefused) as refused:
        dispensed_items(conn, "WBMRN0001")
    assert refused.value.code == "not_a_label"
