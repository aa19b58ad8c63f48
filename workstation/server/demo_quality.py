"""The demo history's quality facts (质控), one stay at a time (a STAY_EVENT_MAKERS maker): notes
written on time or late, medication orders with order-check alerts and some overrides, pharmacist
verification, bedside scans with some unable-to-scan, doses on time, late, refused or missed, and
NEWS2 triggers answered in time, late or not at all.

Every share below is a demo's shape, chosen so that each indicator of the quality tab shows
something real; none is a measured rate of any hospital. The alerts are the record of rules of
the order checks (resources/knowledge) as stored on OrderPlaced.overrides, not a re-run of them."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from workstation.clinical.barcodes import product_code, wristband_code
from workstation.clinical.quality_indicators import RESPONSE_WITHIN
from workstation.clinical.schedule import scheduled_doses
from workstation.clock import iso
from workstation.server.auth import User
from workstation.server.demo_events import DemoLog
from workstation.server.demo_history_types import Stay

# (drug, dose, unit, route, frequency, the alerts its order may show: rule, category, severity)
_MEDS: tuple[tuple[str, str, float, str, str, str, tuple[tuple[str, str, str], ...]], ...] = (
    ("omeprazole", "奥美拉唑", 20, "mg", "po", "qd", (("age-ppi", "age", "warning"),)),
    ("spironolactone", "螺内酯", 20, "mg", "po", "qd",
     (("k-high-mra", "drug-lab", "critical"),)),
    ("furosemide", "呋塞米", 20, "mg", "po", "bid",
     (("dose-single-furosemide", "dose-single", "warning"),
      ("dup-same-drug", "therapeutic-duplication", "critical"))),
    ("metoprolol", "美托洛尔", 25, "mg", "po", "bid", ()),
    ("lactulose", "乳果糖", 15, "mL", "po", "bid", ()),
)  # fmt: skip
_OVERRIDE_REASONS = ("已知耐受，监测血钾", "病情需要，已告知患者", "负荷剂量，次日减量")
_CHART_DAYS = 3  # doses are charted for the first three days of each order (duration_days)


@dataclass(frozen=True)
class _Ctx:
    """One stay's people and times."""

    stay: Stay
    doctor: str
    nurses: tuple[str, ...]
    pharmacist: str
    senior: str  # who may write the 上级医师查房记录 (the director where there is one)
    documented: bool  # allergy status recorded at admission


def _minutes(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(minutes=rng.uniform(low, high))


def _on_first_ward_until(stay: Stay) -> datetime | None:
    """The end of the stay's time on its first ward: its staff write only until then (a transfer
    puts the patient out of their scope)."""
    moves = [at for at, _ward in stay.transfers]
    return min(moves) if moves else stay.discharged_at


def _during(ctx: _Ctx, at: datetime) -> bool:
    end = _on_first_ward_until(ctx.stay)
    return end is None or at < end


def _note(log: DemoLog, ctx: _Ctx, at: datetime, author: str, kind: str, text: str) -> None:
    if _during(ctx, at):
        log.add(at, "NoteSigned", author=author, patient_id=ctx.stay.patient_id,
                payload={"note_type": kind, "text": text})  # fmt: skip


def _notes(log: DemoLog, ctx: _Ctx, rng: random.Random) -> None:
    """The three once-per-admission notes, mostly on time (病历书写基本规范 deadlines 8/24/48 h)."""
    start, h = ctx.stay.admitted_at, 60.0
    first = (
        _minutes(rng, 1.5 * h, 7.5 * h) if rng.random() < 0.85 else _minutes(rng, 8.5 * h, 16 * h)
    )
    _note(log, ctx, start + first, ctx.doctor, "first_progress_note", "首次病程记录：病例特点、拟诊讨论、诊疗计划。")  # fmt: skip
    admission = (
        _minutes(rng, 4 * h, 23 * h) if rng.random() < 0.88 else _minutes(rng, 25 * h, 40 * h)
    )
    _note(log, ctx, start + admission, ctx.doctor, "admission_note", "入院记录：主诉、现病史、既往史、体格检查、初步诊断。")  # fmt: skip
    roll = rng.random()
    if roll < 0.92:
        late = roll >= 0.80
        at = start + (_minutes(rng, 49 * h, 72 * h) if late else _minutes(rng, 18 * h, 46 * h))
        _note(log, ctx, at, ctx.senior, "ward_round_note", "上级医师查房记录：补充病史与查体，分析诊断，调整诊疗方案。")  # fmt: skip


def _alerts(meds: tuple[tuple[str, str, str], ...], rng: random.Random) -> dict[str, Any] | None:
    """The alerts shown when the order was signed and the reasons given (checks.overrides_payload)."""
    shown = [a for a in meds if rng.random() < 0.6]
    if not shown:
        return None
    reasons = {rule: rng.choice(_OVERRIDE_REASONS) for rule, _c, severity in shown
               if rng.random() < (0.7 if severity == "critical" else 0.35)}  # fmt: skip
    return {"alerts": [{"rule_id": r, "category": c, "severity": s} for r, c, s in shown],
            "reasons": reasons}  # fmt: skip


def _order_payload(med: tuple[Any, ...], placed: datetime, rng: random.Random) -> dict[str, Any]:
    code, name, dose, unit, route, frequency, alerts = med
    medication = {"drug_code": code, "drug_name": name, "dose_value": dose, "dose_unit": unit,
                  "route": route, "frequency": frequency, "duration_days": _CHART_DAYS}  # fmt: skip
    payload = {"order_kind": "medication", "code": code, "medication": medication,
               "description": f"{name} {dose:g}{unit} {route} {frequency}", "start_at": iso(placed)}  # fmt: skip
    overrides = _alerts(alerts, rng)
    return payload | ({"overrides": overrides} if overrides else {})


def _turnaround(rng: random.Random) -> timedelta:
    """Most orders verified within the hour, some within two, a few left until the next shift."""
    roll = rng.random()
    if roll < 0.7:
        return _minutes(rng, 8, 45)
    return _minutes(rng, 45, 120) if roll < 0.9 else _minutes(rng, 120, 360)


def _medication(log: DemoLog, ctx: _Ctx, med: tuple[Any, ...], rng: random.Random) -> None:
    stay = ctx.stay
    placed = stay.admitted_at + _minutes(rng, 60, 300)
    order_id = log.add(placed, "OrderPlaced", author=ctx.doctor, patient_id=stay.patient_id,
                       payload=_order_payload(med, placed, rng))  # fmt: skip
    if order_id is None:
        return
    checked = placed + _turnaround(rng)
    if not ctx.documented:
        log.add(checked - timedelta(minutes=1), "AllergyCheckOverridden", author=ctx.pharmacist,
                patient_id=stay.patient_id, payload={"order_id": order_id, "step": "verification",
                                                     "reason": "患者意识不清，家属未到，病情需要"})  # fmt: skip
    if rng.random() < 0.05:
        log.add(checked, "OrderRejected", author=ctx.pharmacist, patient_id=stay.patient_id,
                payload={"order_id": order_id, "reason": "剂量与肾功能不符，请调整"})  # fmt: skip
        return
    if log.add(checked, "OrderVerified", author=ctx.pharmacist, patient_id=stay.patient_id,
               payload={"order_id": order_id}):  # fmt: skip
        _doses(log, ctx, med, order_id, placed, checked, rng)


def _doses(log: DemoLog, ctx: _Ctx, med: tuple[Any, ...], order_id: str, placed: datetime,
           verified: datetime, rng: random.Random) -> None:  # fmt: skip
    end = _on_first_ward_until(ctx.stay) or log.now
    order = {"start_at": iso(placed), "verified_at": iso(verified), "frequency": med[5],
             "duration_days": _CHART_DAYS, "status": "completed", "ended_at": iso(end)}  # fmt: skip
    first_given = True
    for due in scheduled_doses(order, verified, end):
        roll = rng.random()
        if roll < 0.03:
            continue  # missed: nothing recorded for this time
        nurse = rng.choice(ctx.nurses)
        if roll < 0.06:
            refused = due + _minutes(rng, 0, 20)
            if not _during(ctx, refused):
                continue  # the patient left the ward before the round reached them
            log.add(refused, "MedicationAdministered", author=nurse,
                    patient_id=ctx.stay.patient_id, payload={
                        "order_id": order_id, "outcome": "refused", "administered_at": iso(due),
                        "scheduled_for": iso(due), "reason": "患者拒绝服药"})  # fmt: skip
            continue
        late = roll > 0.91
        given = due + (_minutes(rng, 65, 180) if late else _minutes(rng, -25, 45))
        if not _during(ctx, given):
            continue  # a dose (and its scan) due before a transfer but given after it is not ours
        _scan(log, ctx, (order_id, med), given, nurse, rng)
        if first_given and not ctx.documented:
            log.add(given - timedelta(seconds=30), "AllergyCheckOverridden", author=nurse,
                    patient_id=ctx.stay.patient_id, payload={"order_id": order_id,
                    "step": "administration", "reason": "医嘱紧急，已询问家属无过敏史"})  # fmt: skip
        first_given = False
        payload = {"order_id": order_id, "outcome": "given", "administered_at": iso(given),
                   "scheduled_for": iso(due), "dose_value": med[2], "dose_unit": med[3],
                   "route": med[4]}  # fmt: skip
        if late:
            payload["early_late_reason"] = "患者外出检查"
        log.add(given, "MedicationAdministered", author=nurse, patient_id=ctx.stay.patient_id,
                payload=payload)  # fmt: skip


def _scan(log: DemoLog, ctx: _Ctx, order: tuple[str, tuple[Any, ...]], given: datetime, nurse: str,
          rng: random.Random) -> None:  # fmt: skip
    """A bedside scan before the dose: mostly both codes, sometimes unable, rarely none at all."""
    roll = rng.random()
    if roll < 0.03:
        return
    order_id, med = order
    payload: dict[str, Any] = {"order_id": order_id}
    if roll < 0.10:
        payload |= {"result": "unable_to_scan", "unable_to_scan_reason": "腕带污损无法识读"}
    else:
        payload |= {"result": "match", "wristband_code": wristband_code(ctx.stay.mrn),
                    "drug_code_scanned": product_code(med[0], med[2], med[3], med[4])}  # fmt: skip
    log.add(given - timedelta(minutes=2), "BedsideChecked", author=nurse,
            patient_id=ctx.stay.patient_id, payload=payload)  # fmt: skip


_URGENT_VITALS = {"resp_rate": 22, "spo2_pct": 94, "on_oxygen": False, "systolic_mmhg": 104,
                  "pulse_bpm": 96, "consciousness": "A", "temperature_c": 38.4}  # NEWS2 6  # fmt: skip
_EMERGENCY_VITALS = {"resp_rate": 26, "spo2_pct": 91, "on_oxygen": True, "systolic_mmhg": 96,
                     "pulse_bpm": 118, "consciousness": "A", "temperature_c": 38.6}  # NEWS2 13  # fmt: skip


def _news2(log: DemoLog, ctx: _Ctx, rng: random.Random) -> None:
    """A deterioration in some stays, answered by a doctor's note in time, late or not at all (an
    unanswered one falls after the admission notes, which would otherwise count as its answer)."""
    if rng.random() > 0.35:
        return
    roll = rng.random()
    hours = rng.uniform(74, 110) if roll >= 0.8 else rng.uniform(10, 60)
    at = ctx.stay.admitted_at + timedelta(hours=hours)
    if not _during(ctx, at + timedelta(hours=4)):
        return
    level = "emergency" if rng.random() < 0.35 else "urgent"
    vitals = _EMERGENCY_VITALS if level == "emergency" else _URGENT_VITALS
    log.add(at, "VitalsRecorded", author=rng.choice(ctx.nurses), patient_id=ctx.stay.patient_id,
            payload={**vitals, "taken_at": iso(at)})  # fmt: skip
    window = RESPONSE_WITHIN[level].total_seconds() / 60
    if roll < 0.8:
        delay = _minutes(rng, 5, window - 3) if roll < 0.62 else _minutes(rng, window + 10, 150)
        _note(log, ctx, at + delay, ctx.doctor, "daily_progress_note",
              "病情变化记录：患者生命体征恶化，查看患者，予吸氧、补液，复查血气，密切观察。")  # fmt: skip


def quality_stay_events(
    stay: Stay, log: DemoLog, users: dict[str, User], rng: random.Random
) -> None:
    """The quality facts of one finished stay of the demo history (STAY_EVENT_MAKERS)."""
    if stay.discharged_at is None:
        return  # the ward's current patients have the demo's full charts already
    director = users.get("card.director")
    senior = (
        director.user_id
        if director and stay.ward_id == "CARD" and rng.random() < 0.4
        else stay.attending_id
    )
    ctx = _Ctx(
        stay,
        stay.attending_id,
        tuple(stay.nurse_ids) or (stay.attending_id,),
        users["pharmacist"].user_id,
        senior,
        documented=rng.random() < 0.92,
    )
    if ctx.documented:
        log.add(stay.admitted_at + _minutes(rng, 10, 40), "NoKnownAllergiesRecorded",
                author=ctx.nurses[0], patient_id=stay.patient_id, payload={"source": "患者本人"})  # fmt: skip
    _notes(log, ctx, rng)
    _news2(log, ctx, rng)
    for med in rng.sample(_MEDS, k=2 if rng.random() < 0.4 else 1):
        _medication(log, ctx, med, rng)
