"""The demo patient's orders: medications with pharmacy verification and the MAR, nursing,
imaging and laboratory orders with their results.

Doses come from the scenario files (each names its guideline); enoxaparin by weight is
1 mg/kg rounded to the nearest 10 mg syringe graduation (EU SmPC dosing for ACS and VTE).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from workstation.clinical.formulary_schema import class_atc
from workstation.clock import iso
from workstation.server.demo_events import (
    ROUND_HOURS,
    DemoLog,
    hospital_day,
    local_time,
    times_between,
)
from workstation.server.demo_labs import record_panel
from workstation.server.demo_patient import PatientCase

# Share of scheduled doses not given at the bedside, by outcome (demo texture, not a statistic).
_MISSED = (("held", 0.015), ("refused", 0.015), ("not_given", 0.01))


@dataclass(frozen=True, slots=True)
class Dispensable:
    """A verified oral order the pharmacy could supply from stock."""

    order_id: str
    patient_id: str
    drug_code: str
    verified_at: datetime
    quantity: float


def medication_plan(
    case: PatientCase, common: dict[str, Any], formulary: dict[str, Any]
) -> list[dict[str, Any]]:
    """The scenario's medicines plus those of the patient's chronic conditions, doses resolved."""
    plan = [_resolve(case, dict(m)) for m in case.scenario["meds"]]
    atc = {class_atc(formulary[m["drug"]]) for m in plan}
    for condition in case.comorbidities:
        rule = common["comorbidity_drugs"].get(condition)
        if rule is None or any(a.startswith(tuple(rule["unless_atc"])) for a in atc):
            continue
        spec = rule["instead"] if rule.get("unless_comorbidity") in case.comorbidities else rule
        plan.append({k: spec[k] for k in ("drug", "dose", "unit", "route", "frequency")})
    return plan


def _resolve(case: PatientCase, med: dict[str, Any]) -> dict[str, Any]:
    if "dose_per_kg" in med:
        med["dose"] = round(med["dose_per_kg"] * case.weight_kg / 10) * 10
    for condition, dose in med.get("dose_if", {}).items():
        if condition in case.comorbidities:
            med["dose"] = dose
    if "then" in med:
        med["then"] = _resolve(case, dict(med["then"]))
    return med


def plan_drug_codes(plan: list[dict[str, Any]]) -> set[str]:
    """Every drug a plan may give, including the follow-on orders."""
    return {m["drug"] for m in plan} | {m["then"]["drug"] for m in plan if "then" in m}


def _medication_payload(
    case: PatientCase, med: dict[str, Any], drug: dict[str, Any]
) -> dict[str, Any]:
    name = drug["name_zh"] if case.lang == "zh" else drug["name_en"]
    medication = {
        "drug_code": drug["code"], "drug_name": name, "dose_value": med["dose"],
        "dose_unit": med["unit"], "route": med["route"], "frequency": med["frequency"],
    }  # fmt: skip
    if med.get("duration_days"):
        medication["duration_days"] = med["duration_days"]
    description = f"{name} {med['dose']:g}{med['unit']} {med['route']} {med['frequency']}"
    if med["frequency"] == "prn":
        medication |= {"prn": True, "prn_indication": case.text(med, "prn")}
        description += f" ({medication['prn_indication']})"
    return {"order_kind": "medication", "description": description, "code": drug["code"],
            "medication": medication, "urgent": med["frequency"] == "st"}  # fmt: skip


def place_medications(
    log: DemoLog, case: PatientCase, plan: list[dict[str, Any]], formulary: dict[str, Any],
    common: dict[str, Any], rng: random.Random,
) -> list[Dispensable]:  # fmt: skip
    """Admission medication orders with everything that followed them."""
    supplies: list[Dispensable] = []
    placed_at = case.admitted_at + timedelta(minutes=rng.randint(30, 50))
    for index, med in enumerate(plan):
        supplies += _one_medication(log, case, med, placed_at + timedelta(seconds=index), formulary,
                                    common, rng, replaces=None)  # fmt: skip
    return supplies


# Orders written this morning that the pharmacy has not verified yet, so the pharmacist's queue
# and the nurse's "waiting for pharmacy" rows have work on a fresh demo. Doses and frequencies are
# the formulary's defaults (each sourced in resources/formulary/README.md); the first one the
# patient does not already take (same ATC class) and is not allergic to is ordered.
_AWAITING_VERIFICATION: tuple[dict[str, Any], ...] = (
    {"drug": "paracetamol", "dose": 500, "unit": "mg", "route": "po", "frequency": "prn",
     "prn_zh": "疼痛或发热时", "prn_en": "pain or fever"},
    {"drug": "lactulose", "dose": 15, "unit": "mL", "route": "po", "frequency": "bid"},
    {"drug": "omeprazole", "dose": 20, "unit": "mg", "route": "po", "frequency": "qd"},
)  # fmt: skip


def place_awaiting_verification(
    log: DemoLog, case: PatientCase, plan: list[dict[str, Any]], formulary: dict[str, Any],
    rng: random.Random,
) -> None:  # fmt: skip
    """One new medication order placed in the last two hours and left for the pharmacist."""
    taken = {class_atc(formulary[code])[:5] for code in plan_drug_codes(plan)}
    avoid = set((case.allergy or {}).get("avoid", ()))
    for med in _AWAITING_VERIFICATION:
        drug = formulary[med["drug"]]
        if class_atc(drug)[:5] in taken or med["drug"] in avoid:
            continue
        placed_at = log.now - timedelta(minutes=rng.randint(20, 110))
        payload = _medication_payload(case, med, drug) | {"start_at": iso(placed_at)}
        log.add(placed_at, "OrderPlaced", author=case.staff.physician,
                patient_id=case.patient_id, payload=payload)  # fmt: skip
        return


def _one_medication(
    log: DemoLog, case: PatientCase, med: dict[str, Any], placed_at: datetime,
    formulary: dict[str, Any], common: dict[str, Any], rng: random.Random, replaces: str | None,
) -> list[Dispensable]:  # fmt: skip
    drug = formulary[med["drug"]]
    payload = _medication_payload(case, med, drug) | {"start_at": iso(placed_at)}
    if replaces:
        payload["replaces_order_id"] = replaces
    order_id = log.add(placed_at, "OrderPlaced", author=case.staff.physician,
                       patient_id=case.patient_id, payload=payload)  # fmt: skip
    verified_at = placed_at + timedelta(minutes=rng.randint(15, 50))
    if order_id is None or not log.add(
        verified_at,
        "OrderVerified",
        author=case.staff.pharmacist,
        patient_id=case.patient_id,
        payload={"order_id": order_id},
    ):
        return []
    stop_at = _stop(log, case, med, order_id, placed_at, rng)
    _administer(log, case, med, order_id, verified_at, stop_at, common, rng)
    supplies = []
    if med["route"] == "po" and med["frequency"] in ROUND_HOURS:
        per_dose = med["dose"] / drug["forms"][0]["strength"]
        quantity = per_dose * len(ROUND_HOURS[med["frequency"]]) * 3
        supplies.append(Dispensable(order_id, case.patient_id, drug["code"], verified_at, quantity))
    if stop_at is not None and "then" in med:
        supplies += _one_medication(log, case, med["then"], stop_at + timedelta(minutes=2),
                                    formulary, common, rng, replaces=order_id)  # fmt: skip
    return supplies


def _stop(
    log: DemoLog, case: PatientCase, med: dict[str, Any], order_id: str, placed_at: datetime,
    rng: random.Random,
) -> datetime | None:  # fmt: skip
    if "stop_day" not in med:
        return None
    stop_at = local_time(hospital_day(case.admitted_at, med["stop_day"]), 10, rng.randint(0, 50))
    if stop_at <= placed_at + timedelta(hours=2):
        return None
    done = log.add(
        stop_at,
        "OrderDiscontinued",
        author=case.staff.physician,
        patient_id=case.patient_id,
        payload={"order_id": order_id, "reason": case.text(med, "stop")},
    )
    return stop_at if done else None


def _administer(
    log: DemoLog, case: PatientCase, med: dict[str, Any], order_id: str, verified_at: datetime,
    stop_at: datetime | None, common: dict[str, Any], rng: random.Random,
) -> None:  # fmt: skip
    frequency = med["frequency"]
    if frequency == "st":
        given_at = verified_at + timedelta(minutes=rng.randint(5, 15))
        _dose(log, case, med, order_id, given_at, None, "given", common, rng)
        log.add(given_at + timedelta(minutes=5), "OrderCompleted", author=case.staff.nurse,
                patient_id=case.patient_id, payload={"order_id": order_id})  # fmt: skip
        return
    if frequency == "prn":
        _prn_doses(log, case, med, order_id, verified_at, common, rng)
        return
    end = stop_at or log.now
    if med.get("duration_days"):
        end = min(end, verified_at + timedelta(days=med["duration_days"]))
    for due in times_between(verified_at, end, ROUND_HOURS[frequency]):
        draw, outcome = rng.random(), "given"
        for name, share in _MISSED:
            if draw < share:
                outcome = name
                break
            draw -= share
        if outcome == "held" and med["route"] != "po":
            outcome = "not_given"  # the held reason (nil by mouth) only fits oral doses
        _dose(
            log,
            case,
            med,
            order_id,
            due + timedelta(minutes=rng.randint(0, 25)),
            due,
            outcome,
            common,
            rng,
        )


def _prn_doses(
    log: DemoLog, case: PatientCase, med: dict[str, Any], order_id: str, verified_at: datetime,
    common: dict[str, Any], rng: random.Random,
) -> None:  # fmt: skip
    threshold, last = med.get("prn_fever"), None
    for signs in case.vitals if threshold else []:
        taken = datetime.fromisoformat(signs["taken_at"].replace("Z", "+00:00"))
        recent = last is not None and taken - last < timedelta(hours=6)
        if signs["temperature_c"] > threshold and taken > verified_at and not recent:
            last = taken
            _dose(log, case, med, order_id, taken + timedelta(minutes=rng.randint(10, 20)), None,
                  "given", common, rng)  # fmt: skip


def _dose(
    log: DemoLog, case: PatientCase, med: dict[str, Any], order_id: str, at: datetime,
    due: datetime | None, outcome: str, common: dict[str, Any], rng: random.Random,
) -> None:  # fmt: skip
    payload: dict[str, Any] = {"order_id": order_id, "outcome": outcome, "administered_at": iso(at)}
    if due is not None:
        payload["scheduled_for"] = iso(due)
    if outcome == "given":
        payload |= {"dose_value": med["dose"], "dose_unit": med["unit"], "route": med["route"]}
    else:
        payload["reason"] = case.text(common["bedside_reasons"][outcome])
    log.add(at + timedelta(minutes=rng.randint(1, 4)), "MedicationAdministered",
            author=case.staff.nurse, patient_id=case.patient_id, payload=payload)  # fmt: skip


def place_care_orders(
    log: DemoLog, case: PatientCase, common: dict[str, Any], rng: random.Random
) -> None:
    """Nursing orders (care level, diet, monitoring) and imaging, completed once reported."""
    at = case.admitted_at + timedelta(minutes=rng.randint(30, 45))
    nursing = [common["care_levels"][case.acuity], *case.scenario.get("nursing", [])]
    for index, item in enumerate(nursing):
        log.add(at + timedelta(seconds=index), "OrderPlaced", author=case.staff.physician,
                patient_id=case.patient_id,
                payload={"order_kind": "nursing", "description": case.text(item)})  # fmt: skip
    for index, study in enumerate(case.scenario.get("imaging", [])):
        placed = at + timedelta(minutes=5, seconds=index)
        order_id = log.add(
            placed,
            "OrderPlaced",
            author=case.staff.physician,
            patient_id=case.patient_id,
            payload={
                "order_kind": "imaging",
                "description": case.text(study),
                "code": study["code"],
            },
        )
        if order_id:
            log.add(placed + timedelta(hours=rng.randint(3, 20)), "OrderCompleted", author=case.staff.physician,
                    patient_id=case.patient_id, payload={"order_id": order_id})  # fmt: skip


def place_labs(log: DemoLog, case: PatientCase, rng: random.Random) -> None:
    """Admission panels (urgent), planned repeats, then morning bloods daily (every other day when stable)."""
    admitted, scenario = case.admitted_at, case.scenario
    draws: list[tuple[str, datetime, datetime]] = []
    urgent_at = admitted + timedelta(minutes=15)
    draws += [
        (p, urgent_at, urgent_at + timedelta(minutes=10)) for p in scenario["admission_panels"]
    ]
    draws += [
        (p, urgent_at, admitted + timedelta(hours=h)) for p, h in scenario.get("repeat", {}).items()
    ]
    day = 2
    while (
        morning := local_time(hospital_day(admitted, day), 6, rng.randint(0, 30))
    ) < log.now + timedelta(days=1):
        if case.acuity != "stable" or day % 2 == 0:
            placed = max(
                morning - timedelta(hours=rng.randint(13, 14)), admitted + timedelta(hours=1)
            )
            draws += [(p, placed, morning) for p in scenario["daily_panels"]]
        day += 1
    for index, (panel, placed, drawn) in enumerate(draws):
        case.results += record_panel(
            log, panel, patient_id=case.patient_id, physician=case.staff.physician,
            lab_user=case.staff.lab, drawn_at=drawn, placed_at=placed + timedelta(seconds=index),
            course=case.labs_course, admitted_at=admitted, lang=case.lang, rng=rng,
        )  # fmt: skip
