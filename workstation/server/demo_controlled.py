"""The demo's skin tests and controlled drugs, shown by each ward's nurse pair: a negative skin test
before every penicillin of the history, a patient whose penicillin waits for its skin test, one
whose positive result became an allergy, and a fentanyl and a morphine order with every movement
of the register (received, dispensed, given, remainder destroyed, empty ampoule back)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from workstation.clinical.controlled import skin_test_substance
from workstation.clinical.skin_tests import skin_test_order
from workstation.clock import iso, parse_iso
from workstation.server.demo_events import DemoLog

PHARMACY = "PHARM"
CONTROLLED_LOTS = {"morphine": "MOR2611A", "fentanyl": "FEN2610C"}


def skin_tests_and_controlled(log: DemoLog, users: dict[str, Any],
                              formulary: dict[str, dict[str, Any]]) -> None:  # fmt: skip
    """Add the skin tests and the controlled-drug movements to the demo history."""
    events = log.wire_events()
    wards = {
        e["patient_id"]: e["payload"]["ward_id"] for e in events if e["type"] == "PatientAdmitted"
    }
    allergic = {e["patient_id"] for e in events if e["type"] == "AllergyRecorded"}
    for e in events:  # the history's penicillins were given after a negative test
        drug = formulary.get((e["payload"].get("medication") or {}).get("drug_code") or "")
        if e["type"] == "OrderPlaced" and skin_test_substance(drug):
            pair = _pair(users, wards[e["patient_id"]])
            _skin_test(log, e["patient_id"], pair, substance="penicillin", result="negative",
                       at=_at(e) + timedelta(seconds=1), drug_code=drug["code"] if drug else None)  # fmt: skip
    # Each story's first event must come after its patient's admission, whatever the hour the
    # demo is loaded at: the newest patient admitted before the story starts (then its orders go
    # to a patient the server knows when they are pushed in time order).
    # ...and whose allergies were documented by then (a verification needs them: allergy_hold).
    admitted = {e["patient_id"]: _at(e) for e in events if e["type"] == "PatientAdmitted"}
    documented: dict[str, datetime] = {}
    for e in events:
        if e["type"] in ("AllergyRecorded", "NoKnownAllergiesRecorded"):
            documented.setdefault(e["patient_id"], _at(e))
    admitted = {p: max(at, documented.get(p, log.now)) for p, at in admitted.items()}
    card = [p for p, w in wards.items() if w == "CARD" and p not in allergic]
    pending = _newest_admitted(card, admitted, log.now - PENDING_BEFORE)
    positive = _newest_admitted([p for p in card if p != pending], admitted,
                                log.now - POSITIVE_BEFORE)  # fmt: skip
    if pending and positive:
        _pending(log, users, pending, formulary)
        _positive(log, users, positive, formulary)
    resp = [p for p, w in wards.items() if w == "RESP"]
    controlled = _newest_admitted(resp, admitted, log.now - CONTROLLED_BEFORE)
    if controlled:
        _controlled(log, users, controlled, formulary)


def _newest_admitted(
    patients: list[str], admitted: dict[str, datetime], before: datetime
) -> str | None:
    """The most recently admitted of `patients` whose admission (and allergy documentation) was
    before `before`."""
    earlier = [p for p in patients if admitted[p] < before]
    return max(earlier, key=lambda p: admitted[p]) if earlier else None


# How long before the demo's "now" each story starts (see _pending, _positive, _controlled).
PENDING_BEFORE, POSITIVE_BEFORE, CONTROLLED_BEFORE = (
    timedelta(minutes=40),
    timedelta(hours=3),
    timedelta(hours=6),
)


def _at(event: dict[str, Any]) -> datetime:
    return parse_iso(event["recorded_at"])


def _pair(users: dict[str, Any], ward_id: str) -> tuple[str, str]:
    prefix = ward_id.lower()
    return users[f"{prefix}.nurse"].user_id, users[f"{prefix}.nurse2"].user_id


def _skin_test(log: DemoLog, patient_id: str, pair: tuple[str, str], *, substance: str,
               result: str, at: Any, drug_code: str | None, order_id: str | None = None,
               reaction: str | None = None) -> None:  # fmt: skip
    payload = {"substance": substance, "result": result, "read_at": iso(at), "witness_id": pair[1]}
    extra = {"drug_code": drug_code, "order_id": order_id, "reaction": reaction}
    log.add(at, "SkinTestRecorded", author=pair[0], patient_id=patient_id,
            payload=payload | {k: v for k, v in extra.items() if v})  # fmt: skip


def _medication(drug: dict[str, Any], dose: float, unit: str, route: str, frequency: str,
                description: str, **more: Any) -> dict[str, Any]:  # fmt: skip
    medication = {"drug_code": drug["code"], "drug_name": drug["name_zh"], "dose_value": dose,
                  "dose_unit": unit, "route": route, "frequency": frequency, **more}  # fmt: skip
    return {"order_kind": "medication", "description": description, "medication": medication}


def _pending(
    log: DemoLog, users: dict[str, Any], patient_id: str, formulary: dict[str, Any]
) -> None:
    """Amoxicillin ordered 40 minutes ago with its skin-test order; no result yet."""
    doctor, drug = users["card.physician"].user_id, formulary["amoxicillin"]
    at = log.now - PENDING_BEFORE
    log.add(at, "OrderPlaced", author=doctor, patient_id=patient_id,
            payload=_medication(drug, 500, "mg", "po", "tid", "阿莫西林 0.5g 口服 tid（皮试后）"))  # fmt: skip
    log.add(at, "OrderPlaced", author=doctor, patient_id=patient_id, payload=skin_test_order(drug))


def _positive(
    log: DemoLog, users: dict[str, Any], patient_id: str, formulary: dict[str, Any]
) -> None:
    """Ampicillin ordered, its skin test read positive by the nurse pair: an allergy; stopped."""
    doctor, drug = users["card.physician"].user_id, formulary["ampicillin"]
    at = log.now - POSITIVE_BEFORE
    order = log.add(at, "OrderPlaced", author=doctor, patient_id=patient_id,
                    payload=_medication(drug, 2, "g", "ivgtt", "q6h", "氨苄西林 2g 静滴 q6h"))  # fmt: skip
    test = log.add(at, "OrderPlaced", author=doctor, patient_id=patient_id,
                   payload=skin_test_order(drug))  # fmt: skip
    read = at + timedelta(minutes=35)
    _skin_test(log, patient_id, _pair(users, "CARD"), substance="penicillin", result="positive",
               at=read, drug_code="ampicillin", order_id=test, reaction="风团直径 1.5 cm，伴红晕、瘙痒")  # fmt: skip
    nurse = users["card.nurse"].user_id
    log.add(read, "OrderCompleted", author=nurse, patient_id=patient_id, payload={"order_id": test})
    log.add(read + timedelta(minutes=10), "OrderDiscontinued", author=doctor, patient_id=patient_id,
            payload={"order_id": order, "reason": "青霉素皮试阳性 / positive penicillin skin test"})  # fmt: skip


def _controlled(
    log: DemoLog, users: dict[str, Any], patient_id: str, formulary: dict[str, Any]
) -> None:
    """Fentanyl 0.05 mg st (half an ampoule: the rest destroyed before the second nurse, the empty
    ampoule back) and morphine 10 mg sc q4h for one day (处方管理办法 Art. 25), with the register."""
    doctor, pharmacist = users["resp.physician"].user_id, users["pharmacist"].user_id
    nurse, second = _pair(users, "RESP")
    received = log.now - timedelta(days=8)
    for code, lot in CONTROLLED_LOTS.items():
        log.add(received, "StockReceived", author=pharmacist, payload={
            "drug_code": code, "lot": lot, "expiry": (log.now + timedelta(days=500)).date().isoformat(),
            "location_id": PHARMACY, "quantity": 50, "unit": "amp"})  # fmt: skip
    at = log.now - CONTROLLED_BEFORE
    fentanyl = log.add(at, "OrderPlaced", author=doctor, patient_id=patient_id,
                       payload=_medication(formulary["fentanyl"], 0.05, "mg", "iv", "st", "芬太尼 0.05mg 静推 st"))  # fmt: skip
    morphine = log.add(at, "OrderPlaced", author=doctor, patient_id=patient_id,
                       payload=_medication(formulary["morphine"], 10, "mg", "sc", "q4h", "吗啡 10mg 皮下 q4h 1天",
                                           duration_days=1))  # fmt: skip
    for order, code, amps in ((fentanyl, "fentanyl", 1), (morphine, "morphine", 6)):
        log.add(at + timedelta(minutes=15), "OrderVerified", author=pharmacist, patient_id=patient_id,
                payload={"order_id": order})  # fmt: skip
        log.add(at + timedelta(minutes=25), "Dispensed", author=pharmacist, patient_id=patient_id,
                payload={"drug_code": code, "lot": CONTROLLED_LOTS[code], "location_id": PHARMACY,
                         "quantity": amps, "unit": "amp", "order_id": order})  # fmt: skip
    given = at + timedelta(minutes=40)
    log.add(given, "MedicationAdministered", author=nurse, patient_id=patient_id, payload={
        "order_id": fentanyl, "outcome": "given", "administered_at": iso(given), "dose_value": 0.05,
        "dose_unit": "mg", "route": "iv", "witness_id": second})  # fmt: skip
    log.add(given + timedelta(minutes=2), "ControlledDrugDestroyed", author=nurse, patient_id=patient_id,
            payload={"drug_code": "fentanyl", "amount": 0.05, "unit": "mg", "witness_id": second,
                     "order_id": fentanyl, "lot": CONTROLLED_LOTS["fentanyl"], "method": "倒入污水池 / poured away"})  # fmt: skip
    log.add(given + timedelta(minutes=3), "EmptyAmpouleReturned", author=nurse, patient_id=patient_id,
            payload={"drug_code": "fentanyl", "quantity": 1, "unit": "amp", "order_id": fentanyl,
                     "lot": CONTROLLED_LOTS["fentanyl"]})  # fmt: skip
