"""The demo's infusion work: a CARD patient's pantoprazole bag (NS 100 mL, bid, ordered
yesterday, this morning's bag hung), and the rounds (输液巡视) of every drip bag hung in the last
24 hours: a look 20 minutes after it was started; the newest bag of each ward a second time with
a phlebitis grade 1 site and the rate slowed; the others recorded completed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from workstation.clock import iso, parse_iso
from workstation.server.demo_events import DemoLog, local_day, local_time

RECENT = timedelta(hours=24)
FINISHED_AFTER = timedelta(hours=2)
ENDED_TYPES = ("OrderDiscontinued", "OrderCompleted", "OrderRejected")


def _drip_orders(events: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    ended = {e["payload"]["order_id"] for e in events if e["type"] in ENDED_TYPES}
    return {e["event_id"]: e for e in events if e["type"] == "OrderPlaced"
            and (e["payload"].get("medication") or {}).get("route") == "ivgtt"
            and e["event_id"] not in ended}  # fmt: skip


_PANTOPRAZOLE = {
    "order_kind": "medication", "description": "NS 100ml + 泮托拉唑 40mg ivgtt bid",
    "medication": {"drug_code": "pantoprazole", "drug_name": "泮托拉唑", "dose_value": 40,
                   "dose_unit": "mg", "route": "ivgtt", "frequency": "bid"},
    "group": {"carrier": {"code": "ns", "volume_ml": 100}, "members": []},
}  # fmt: skip


def _card_bag(log: DemoLog, users: dict[str, Any], events: list[dict[str, Any]]) -> None:
    gone = {e["patient_id"] for e in events if e["type"] == "PatientDischarged"}
    staying = [e for e in events if e["type"] == "PatientAdmitted"
               and e["payload"]["ward_id"] == "CARD" and e["patient_id"] not in gone]  # fmt: skip
    if not staying:
        return
    patient_id = staying[0]["patient_id"]
    placed_at = local_time(local_day(log.now) - timedelta(days=1), 10)
    order_id = log.add(placed_at, "OrderPlaced", author=users["card.physician"].user_id,
                       patient_id=patient_id, payload=_PANTOPRAZOLE)  # fmt: skip
    log.add(placed_at + timedelta(minutes=20), "OrderVerified", author=users["pharmacist"].user_id,
            patient_id=patient_id, payload={"order_id": order_id})  # fmt: skip
    due = local_time(local_day(log.now), 8)
    hung = due + timedelta(minutes=5)
    log.add(hung, "MedicationAdministered", author=users["card.nurse"].user_id,
            patient_id=patient_id, payload={
                "order_id": order_id, "outcome": "given", "administered_at": iso(hung),
                "scheduled_for": iso(due), "dose_value": 40, "dose_unit": "mg", "route": "ivgtt"})  # fmt: skip


def infusion_demo(log: DemoLog, users: dict[str, Any]) -> None:
    """Add a CARD bag and the rounds of the recently hung drip bags to the demo history."""
    _card_bag(log, users, log.wire_events())
    events = log.wire_events()
    wards = {e["patient_id"]: e["payload"]["ward_id"] for e in events
             if e["type"] == "PatientAdmitted"}  # fmt: skip
    drips = _drip_orders(events)
    hung = [e for e in events if e["type"] == "MedicationAdministered"
            and e["payload"]["order_id"] in drips and e["payload"]["outcome"] == "given"
            and log.now - parse_iso(e["payload"]["administered_at"]) < RECENT]  # fmt: skip
    newest = {wards[e["patient_id"]]: e["event_id"] for e in hung}  # hung is in time order
    for dose in hung:
        nurse = users[f"{wards[dose['patient_id']].lower()}.nurse"].user_id
        _rounds(log, dose, nurse, troubled=dose["event_id"] in newest.values())


def _rounds(log: DemoLog, dose: dict[str, Any], nurse: str, *, troubled: bool) -> None:
    started = parse_iso(dose["payload"]["administered_at"])
    base = {"order_id": dose["payload"]["order_id"], "rate_unit": "gtt_min", "scanned": True,
            "scheduled_for": dose["payload"].get("scheduled_for")}  # fmt: skip
    looks = [(timedelta(minutes=20), {"rate_value": 40, "site": "normal", "action": "continue",
                                      "remaining_ml": 180})]  # fmt: skip
    if troubled:
        looks.append((timedelta(minutes=50), {
            "rate_value": 30, "site": "phlebitis_1", "action": "rate_adjusted", "remaining_ml": 120,
            "note": "穿刺点轻度发红，减慢滴速，热敷 / mild redness at the site, rate slowed"}))  # fmt: skip
    else:
        looks.append((FINISHED_AFTER, {"site": "normal", "action": "completed", "remaining_ml": 0}))
    for after, look in looks:
        at = started + after
        payload = {
            k: v for k, v in (base | look | {"observed_at": iso(at)}).items() if v is not None
        }
        log.add(at, "InfusionRoundRecorded", author=nurse, patient_id=dose["patient_id"],
                payload=payload)  # fmt: skip
