"""The demo's order sheet: every doctor's order checked by the ward nurse (OrderChecked, new and
stop; the last two hours' orders still waiting for it), and on each ward one patient with a
catheterisation chosen as 临时, a three-part infusion bag, a verbal order taken in a rescue
(signed on CARD, overdue on RESP), a reorganised long-term sheet and 出院带药."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from workstation.clock import parse_iso
from workstation.server.demo_events import DemoLog

CHECK_AFTER = timedelta(minutes=15)
UNCHECKED_FOR = timedelta(hours=2)  # the newest orders wait for the nurse on the worklist
_BAG = {
    "description": "NS 250ml + 呋塞米 20mg + 氯化钾 1g ivgtt qd",
    "medication": {"drug_code": "furosemide", "drug_name": "呋塞米", "dose_value": 20,
                   "dose_unit": "mg", "route": "ivgtt", "frequency": "qd"},
    "group": {"carrier": {"code": "ns", "volume_ml": 250}, "members": [
        {"drug_code": "potassium_chloride_inj", "drug_name": "氯化钾注射液", "dose_value": 1,
         "dose_unit": "g", "route": "ivgtt", "frequency": "qd"}]},
}  # fmt: skip
_HOME = (
    ("amlodipine", "氨氯地平", 5, "mg", "qd", 14),
    ("aspirin", "阿司匹林", 100, "mg", "qd", 14),
)


def order_sheet_demo(log: DemoLog, users: dict[str, Any]) -> None:
    """Add the nurse's checks and each ward's order sheet patient to the demo history."""
    events = log.wire_events()
    wards = {e["patient_id"]: e["payload"]["ward_id"] for e in events
             if e["type"] == "PatientAdmitted"}  # fmt: skip
    nurses = {ward: users[f"{ward.lower()}.nurse"].user_id for ward in set(wards.values())}
    _checks(log, events, wards, nurses)
    for ward in sorted(set(wards.values())):
        admitted = [
            e for e in events if e["type"] == "PatientAdmitted" and wards[e["patient_id"]] == ward
        ]
        longest = min(admitted, key=lambda e: e["recorded_at"])
        _sheet_patient(log, longest["patient_id"], users[f"{ward.lower()}.physician"].user_id,
                       nurses[ward], users["pharmacist"].user_id, signed=ward == "CARD")  # fmt: skip


def _checks(log: DemoLog, events: list[dict[str, Any]], wards: dict[str, str],
            nurses: dict[str, str]) -> None:  # fmt: skip
    placed_by_doctor = {e["event_id"] for e in events if e["type"] == "OrderPlaced"
                        and e["author_id"] not in nurses.values()}  # fmt: skip
    for e in events:
        what = {"OrderPlaced": "new", "OrderDiscontinued": "stop"}.get(e["type"])
        order_id = e["event_id"] if what == "new" else e["payload"].get("order_id")
        if what is None or order_id not in placed_by_doctor:
            continue
        at = parse_iso(e["recorded_at"]) + CHECK_AFTER
        if at < log.now - UNCHECKED_FOR:
            log.add(at, "OrderChecked", author=nurses[wards[e["patient_id"]]],
                    patient_id=e["patient_id"], payload={"order_id": order_id, "what": what})  # fmt: skip


def _sheet_patient(log: DemoLog, patient_id: str, doctor: str, nurse: str, pharmacist: str, *,
                   signed: bool) -> None:  # fmt: skip
    now = log.now.replace(second=0, microsecond=0)

    def add(at: datetime, kind: str, payload: dict[str, Any], author: str = doctor) -> str | None:
        placed = log.add(at, kind, author=author, patient_id=patient_id, payload=payload)
        if placed and kind == "OrderPlaced" and "medication" in payload:  # verified in 20 min
            log.add(at + timedelta(minutes=20), "OrderVerified", author=pharmacist,
                    patient_id=patient_id, payload={"order_id": placed})  # fmt: skip
        return placed

    def check(at: datetime, order_id: str | None, what: str = "new") -> None:
        if order_id:
            add(at + CHECK_AFTER, "OrderChecked", {"order_id": order_id, "what": what}, nurse)

    add(now - timedelta(days=1), "OrderSheetReorganised", {"reason": "many_changes"})
    catheter = add(now - timedelta(hours=6), "OrderPlaced",
                   {"order_kind": "nursing", "description": "导尿", "term": "temporary"})  # fmt: skip
    check(now - timedelta(hours=6), catheter)
    if catheter:
        add(now - timedelta(hours=5, minutes=30), "OrderCompleted", {"order_id": catheter}, nurse)
    bag = add(
        now - timedelta(hours=5),
        "OrderPlaced",
        {"order_kind": "medication", "term": "long_term", **_BAG},
    )
    check(now - timedelta(hours=5), bag)
    rescue = now - timedelta(hours=3 if signed else 8)
    verbal = add(rescue, "OrderPlaced", {
        "order_kind": "medication", "description": "呋塞米 20mg iv st（口头医嘱，抢救）",
        "medication": {"drug_code": "furosemide", "drug_name": "呋塞米", "dose_value": 20,
                       "dose_unit": "mg", "route": "iv", "frequency": "st"},
        "urgent": True, "verbal_from": doctor, "term": "temporary",
    }, nurse)  # fmt: skip
    if verbal and signed:
        add(rescue + timedelta(hours=1), "VerbalOrderSigned", {"order_id": verbal})
    for index, (code, name, dose, unit, frequency, days) in enumerate(_HOME):
        add(now - timedelta(hours=2, seconds=-index), "OrderPlaced", {
            "order_kind": "medication", "description": f"出院带药 {name} {dose}{unit} po {frequency}",
            "medication": {"drug_code": code, "drug_name": name, "dose_value": dose,
                           "dose_unit": unit, "route": "po", "frequency": frequency},
            "term": "temporary", "discharge": {"quantity": days, "unit": "tab", "days": days},
        })  # fmt: skip
