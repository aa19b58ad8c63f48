"""Returns to the pharmacy: an item dispensed to a ward or handed to an outpatient comes back,
found by scanning its label, with a reason from a list and the quantity.

Where the returned units go:
- back into stock (the lot and location they were dispensed from) only when they never left the
  hospital's hands (a ward's unit doses), are intact and in date;
- quarantine, to be inspected, when damaged or in doubt;
- the destruction bin, awaiting destruction, when expired.
An outpatient's item has left the hospital's control and never goes back into stock:
医疗机构药事管理规定 (卫医政发〔2011〕11号): "除药品质量原因外，药品一经发出，不得退换".

A return is a StockAdjusted event (a positive quantity) carrying the order's id for a ward item,
so the order's closed loop shows it as a "returned" exception (workstation.clinical.closed_loop).
StockAdjusted has no field naming the dispense, so its reason does, in a form only this module
writes and reads back, to know how much of a dispense is still out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from workstation.clinical.barcodes import parse_scan
from workstation.clinical.stock import lot_expiries
from workstation.projections import pharmacy_tables as pt
from workstation.projections import tables as t

QUARANTINE_LOCATION = "QUARANTINE"
DESTRUCTION_LOCATION = "DESTRUCTION"
DISPOSITIONS = ("restock", "quarantine", "destroy")
# reason -> where its units go unless the pharmacist chooses otherwise
RETURN_REASONS: dict[str, str] = {
    "order_stopped": "restock",
    "patient_discharged": "restock",
    "not_needed": "restock",
    "dispensing_error": "restock",
    "damaged": "quarantine",
    "expired": "destroy",
}
UNFIT_REASONS = frozenset({"damaged", "expired"})
_DISPENSE_TAG = "; dispense "


class ReturnRefused(ValueError):
    """A return that must not be recorded; `code` names why, for the screen to say it."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class DispensedItem:
    """One dispense a label names, with what is still out (dispensed less returned)."""

    movement_id: str
    drug_code: str
    lot: str
    location_id: str
    dispensed: float
    returned: float
    unit: str
    dispensed_at: str
    order_id: str | None = None
    patient_id: str | None = None
    holder: str = ""  # "bed 7 张三", or an outpatient's queue number, name and clinic number
    prescription_id: str | None = None
    expiry: date | None = None  # the lot's

    def expired(self, today: date) -> bool:
        """True from the day after the lot's printed expiry date."""
        return self.expiry is not None and self.expiry < today

    @property
    def outpatient(self) -> bool:
        """Handed over at the counter: it has left the hospital's control."""
        return self.prescription_id is not None

    @property
    def returnable(self) -> float:
        """How much of it may still come back."""
        return round(self.dispensed - self.returned, 6)


def read_label(code: str) -> tuple[str | None, str | None, str | None]:
    """(order_id, drug_code, lot) a scanned label names: a medication label's order, or a
    dispensing label's `drug/lot`; ReturnRefused for anything else."""
    scan = parse_scan(code)
    if scan is not None and scan.kind == "label":
        return scan.order_id, None, None
    drug, _, lot = code.strip().partition("/")
    if not drug.strip() or not lot.strip():
        raise ReturnRefused("not_a_label", f"{code.strip()!r} is not a pharmacy label")
    return None, drug.strip(), lot.strip()


def dispensed_items(conn: Connection, code: str) -> list[DispensedItem]:
    """The dispenses a scanned label names, newest first, with what is still out of each."""
    order_id, drug_code, lot = read_label(code)
    s = t.stock_movements.c
    statement = select(t.stock_movements).where(s.movement_kind == "dispense", s.voided.is_(False))
    if order_id is not None:
        statement = statement.where(s.order_id == order_id)
    else:
        statement = statement.where(s.drug_code == drug_code, s.lot == lot)
    rows = conn.execute(statement.order_by(s.recorded_at.desc())).mappings().all()
    expiries = lot_expiries(conn)
    return [_item(conn, dict(row), expiries) for row in rows]


def dispensed_item(conn: Connection, movement_id: str) -> DispensedItem:
    """One dispense by its id, as it stands now; ReturnRefused when there is none."""
    s = t.stock_movements.c
    row = conn.execute(
        select(t.stock_movements).where(s.movement_id == movement_id, s.movement_kind == "dispense",
                                        s.voided.is_(False))
    ).mappings().first()  # fmt: skip
    if row is None:
        raise ReturnRefused("unknown_dispense", "no such dispense here")
    return _item(conn, dict(row), lot_expiries(conn))


def _item(
    conn: Connection, row: dict[str, Any], expiries: dict[tuple[str, str], date]
) -> DispensedItem:
    holder, prescription_id = _holder(conn, row)
    return DispensedItem(row["movement_id"], row["drug_code"], row["lot"], row["location_id"],
                         -row["quantity_delta"], _returned(conn, row["movement_id"]),
                         row["unit"] or "", row["recorded_at"], row["order_id"], row["patient_id"],
                         holder, prescription_id, expiries.get((row["drug_code"], row["lot"])))  # fmt: skip


def _holder(conn: Connection, row: dict[str, Any]) -> tuple[str, str | None]:
    """Who the item went to: the ward patient's bed and name, or the outpatient."""
    if row["patient_id"] is not None:
        p = t.patients.c
        patient = conn.execute(
            select(p.bed, p.name).where(p.patient_id == row["patient_id"])
        ).first()
        return (f"{patient.bed} {patient.name}" if patient else ""), None
    d, rx = pt.prescription_dispenses.c, pt.outpatient_prescriptions.c
    found = conn.execute(
        select(rx.prescription_id, rx.queue_number, rx.patient_name, rx.patient_ref)
        .join(pt.prescription_dispenses, d.prescription_id == rx.prescription_id)
        .where(d.movement_id == row["movement_id"])
    ).first()
    if found is None:
        return "", None
    return f"{found.queue_number} {found.patient_name} ({found.patient_ref})", found.prescription_id


def _returned(conn: Connection, movement_id: str) -> float:
    s = t.stock_movements.c
    rows = conn.execute(
        select(s.quantity_delta).where(
            s.movement_kind == "adjustment", s.voided.is_(False), s.quantity_delta > 0,
            s.reason.like(f"%{_DISPENSE_TAG}{movement_id}"),
        )
    )  # fmt: skip
    return float(sum(r.quantity_delta for r in rows))


def refuse_return(
    item: DispensedItem, *, quantity: float, reason: str, disposition: str, today: date
) -> None:
    """ReturnRefused when this return must not be recorded as asked."""
    if reason not in RETURN_REASONS:
        raise ReturnRefused("unknown_reason", f"unknown return reason {reason!r}")
    if disposition not in DISPOSITIONS:
        raise ReturnRefused("unknown_disposition", f"unknown disposition {disposition!r}")
    if not 0 < quantity <= item.returnable:
        raise ReturnRefused(
            "quantity", f"between 0 and {item.returnable:g} {item.unit} can come back"
        )
    if disposition != "restock":
        return
    if item.outpatient:
        raise ReturnRefused("left_hospital", "an outpatient's item never goes back into stock")
    if reason in UNFIT_REASONS:
        raise ReturnRefused("unfit", "damaged or expired units never go back into stock")
    if item.expired(today):
        raise ReturnRefused("expired_lot", f"lot {item.lot} expired on {item.expiry}")


def default_disposition(item: DispensedItem, reason: str, today: date) -> str:
    """Where the units go unless the pharmacist chooses: the reason's own place, but the
    destruction bin for a lot that has expired since, and never back into stock for an
    outpatient's item (quarantine instead)."""
    if item.expired(today):
        return "destroy"
    disposition = RETURN_REASONS.get(reason, "quarantine")
    return "quarantine" if disposition == "restock" and item.outpatient else disposition


def return_payload(
    item: DispensedItem, *, quantity: float, reason: str, disposition: str, today: date
) -> dict[str, Any]:
    """The StockAdjusted payload of a return (ReturnRefused when it must not happen)."""
    refuse_return(item, quantity=quantity, reason=reason, disposition=disposition, today=today)
    location = {"restock": item.location_id, "quarantine": QUARANTINE_LOCATION,
                "destroy": DESTRUCTION_LOCATION}[disposition]  # fmt: skip
    words = f"return: {reason.replace('_', ' ')}; to {disposition}{_DISPENSE_TAG}{item.movement_id}"
    payload: dict[str, Any] = {"drug_code": item.drug_code, "lot": item.lot,
                               "location_id": location, "quantity_delta": quantity, "reason": words}  # fmt: skip
    if item.order_id is not None:
        payload["order_id"] = item.order_id
    return payload
