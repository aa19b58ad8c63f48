"""The pharmacist's own facts: a change asked of the prescriber, and outpatient prescriptions.

An outpatient is not admitted, so an outpatient prescription carries the person's name and
clinic number itself and is not scoped to a chart (patient_id is null). Each item is the
prescriber's order sentence with the quantity to hand over; every item handed over is a
`Dispensed` event naming the prescription and the item.
"""

from __future__ import annotations

from typing import Any

from workstation.events.fields import Field, check_fields, integer, number, optional, text, uuid_ref
from workstation.events.vocabulary import EventType

MAX_OUTPATIENT_ITEMS = 20

OUTPATIENT_ITEM_FIELDS: dict[str, Field] = {
    "sentence": Field(text(500)),
    "drug_code": Field(text(64)),
    "drug_name": Field(text(200)),
    "quantity": Field(number(positive=True)),
    "unit": Field(text(16)),
    "directions": optional(text(500)),
}


def _item_list(value: Any) -> str | None:
    if not isinstance(value, list) or not value or len(value) > MAX_OUTPATIENT_ITEMS:
        return f"must be a list of 1 to {MAX_OUTPATIENT_ITEMS} items"
    if not all(isinstance(item, dict) for item in value):
        return "must hold objects only"
    return None


def _items_rule(payload: dict[str, Any]) -> list[str]:
    items = payload.get("items")
    if not isinstance(items, list):
        return []
    problems: list[str] = []
    for index, item in enumerate(items):
        if isinstance(item, dict):
            problems += check_fields(item, OUTPATIENT_ITEM_FIELDS, where=f"items[{index}].")
    return problems


def pharmacy_types() -> list[EventType]:
    """Event types added for the pharmacy: change requests and outpatient prescriptions."""
    return [
        EventType("OrderChangeRequested", {
            "order_id": Field(uuid_ref),
            "message": Field(text(1000)),
        }, references=("order_id",)),
        EventType("OutpatientPrescribed", {
            "queue_number": Field(integer(1, 9999)),
            "patient_name": Field(text(200)),
            "patient_ref": Field(text(64)),
            "prescriber": optional(text(200)),
            "items": Field(_item_list),
        }, patient_scoped=False, rules=(_items_rule,)),
        EventType("OutpatientHandedOver", {
            "prescription_id": Field(uuid_ref),
            "counselling_note": optional(text(2000)),
        }, patient_scoped=False, references=("prescription_id",)),
    ]  # fmt: skip
