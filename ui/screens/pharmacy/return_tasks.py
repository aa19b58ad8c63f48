"""The pharmacy returns' work as plain functions on the workstation, run on a worker lane."""

from __future__ import annotations

from typing import Any

from offline_cache.workstation import Workstation
from ui.screens.pharmacy.tasks import today
from workstation.clinical import returns


def returnable(ws: Workstation, code: str) -> list[returns.DispensedItem]:
    """The dispenses a scanned label names that still have units out, newest first."""
    with ws.store.reading() as conn:
        found = returns.dispensed_items(conn, code)
    if not found:
        raise returns.ReturnRefused("not_dispensed", "nothing dispensed here carries this label")
    out = [item for item in found if item.returnable > 0]
    if not out:
        raise returns.ReturnRefused("all_returned", "everything dispensed on it has come back")
    return out


def record_return(
    ws: Workstation, movement_id: str, quantity: float, reason: str, disposition: str
) -> dict[str, Any]:
    """Take units of a dispense back (a StockAdjusted on the order's patient, when it has one)."""
    with ws.store.reading() as conn:
        item = returns.dispensed_item(conn, movement_id)
    payload = returns.return_payload(item, quantity=quantity, reason=reason,
                                     disposition=disposition, today=today())  # fmt: skip
    ws.record("StockAdjusted", patient_id=item.patient_id, payload=payload)
    return payload
