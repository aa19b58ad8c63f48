"""The demo patient's notes: nursing admission note, admission note, first progress note, the
attending's first ward-round note (within 48 h) and a daily SOAP progress note, in the patient's
language, filled from their recorded vitals and results."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from workstation.clock import parse_iso
from workstation.server.demo_events import DemoLog, hospital_day, local_day, local_time
from workstation.server.demo_patient import PatientCase


def _vitals_text(case: PatientCase, signs: dict[str, Any] | None, words: dict[str, str]) -> str:
    if signs is None:
        return words["pending"]
    oxygen = words["on_oxygen"] if signs.get("on_oxygen") else ""
    bp = f"{signs['systolic_mmhg']}/{signs['diastolic_mmhg']}"
    if case.lang == "zh":
        return (f"T {signs['temperature_c']}℃，P {signs['pulse_bpm']}次/分，R {signs['resp_rate']}次/分，"
                f"BP {bp}mmHg，SpO2 {signs['spo2_pct']}%{oxygen}")  # fmt: skip
    return (f"T {signs['temperature_c']} °C, HR {signs['pulse_bpm']}/min, RR {signs['resp_rate']}/min, "
            f"BP {bp} mmHg, SpO2 {signs['spo2_pct']}%{oxygen}")  # fmt: skip


def _unit(unit: str | None) -> str:
    if not unit:
        return ""
    return unit if unit == "%" else f" {unit}"


def _labs_text(results: list[dict[str, Any]], words: dict[str, str]) -> str:
    if not results:
        return words["pending"]
    arrows = {"H": "↑", "L": "↓"}
    parts = [
        f"{r['test_name']} {r['value']}{_unit(r.get('unit'))}{arrows.get(r.get('flag') or '', '')}"
        for r in results
    ]
    return words["sep"].join(parts) + words["end"]


def _latest_vitals(case: PatientCase, before: datetime) -> dict[str, Any] | None:
    taken = [s for s in case.vitals if parse_iso(s["taken_at"]) <= before]
    return taken[-1] if taken else None


def _results_between(case: PatientCase, start: datetime, end: datetime) -> list[dict[str, Any]]:
    latest: dict[str, dict[str, Any]] = {}
    for result in case.results:
        if start <= parse_iso(result["resulted_at"]) <= end:
            latest[result["test_code"]] = result
    return list(latest.values())


def _fields(case: PatientCase, common: dict[str, Any], at: datetime) -> dict[str, Any]:
    years = random.Random(case.record_number)  # the same history in every note of this patient
    words = common["words"][case.lang]
    notes = case.scenario["notes"][case.lang]
    names = common["comorbidities"]
    pmh = [
        names[c][f"pmh_{case.lang}"].format(years=years.randint(2, 20)) for c in case.comorbidities
    ]
    allergy = words["nkda"]
    if case.allergy:
        allergy = words["allergy"].format(substance=case.text(case.allergy),
                                          reaction=case.text(case.allergy, "reaction"))  # fmt: skip
    diagnoses = [case.text(case.scenario, "diagnosis")] + [
        case.text(names[c]) for c in case.comorbidities
    ]
    complaint = notes["complaint"].format(onset=case.onset)
    return {
        "name": case.name, "sex": words[case.sex], "age": case.age, "weight": case.weight_kg,
        "complaint": complaint, "complaint_lower": complaint[:1].lower() + complaint[1:],
        "hpi": notes["hpi"].format(onset=case.onset), "exam": notes["exam"],
        "pmh": words["sep"].join(pmh) if pmh else words["none_pmh"], "allergy": allergy,
        "vitals": _vitals_text(case, _latest_vitals(case, at), words),
        "labs": _labs_text(_results_between(case, case.admitted_at, at), words),
        "diagnoses": "\n".join(f"{i}. {d}" for i, d in enumerate(diagnoses, start=1)),
        "features": notes["features"], "discussion": notes["discussion"], "plan": notes["plan"],
    }  # fmt: skip


def write_admission_notes(
    log: DemoLog, case: PatientCase, common: dict[str, Any], rng: random.Random
) -> None:
    """Nursing admission note, first progress note (within 8 h) and admission note (within 24 h)."""
    frames = common["frames"][case.lang]
    pid, staff = case.patient_id, case.staff
    nursed_at = case.admitted_at + timedelta(minutes=rng.randint(35, 60))
    nursing = frames["nursing"].format(
        arrival=rng.choice(frames["arrival"]), allergy=_fields(case, common, nursed_at)["allergy"],
        vitals=_vitals_text(case, _latest_vitals(case, nursed_at), common["words"][case.lang]),
        care_level=case.text(common["care_levels"][case.acuity]),
    )  # fmt: skip
    log.add(nursed_at, "NoteSigned", author=staff.nurse, patient_id=pid, payload={
        "note_type": "nursing_note", "title": frames["nursing_title"], "text": nursing})  # fmt: skip
    for kind, frame, hours in (
        ("first_progress_note", "first", (2.5, 4)),
        ("admission_note", "admission", (4.5, 7)),
    ):
        at = case.admitted_at + timedelta(hours=rng.uniform(*hours))
        text = frames[frame].format(**_fields(case, common, at))
        log.add(at, "NoteSigned", author=staff.physician, patient_id=pid, payload={
            "note_type": kind, "title": frames[f"{frame}_title"], "text": text})  # fmt: skip


WARD_ROUND_DAY = 2  # the attending rounds the morning after admission: at most ~35 h later


def write_ward_round_note(log: DemoLog, case: PatientCase, common: dict[str, Any]) -> bool:
    """The attending's first ward-round note (主治医师首次查房记录) on the morning of hospital
    day 2, well within the 48 h of 《病历书写基本规范》; False when that morning is still ahead."""
    rng = random.Random(f"ward-round-{case.record_number}")  # leaves the shared stream alone
    at = local_time(hospital_day(case.admitted_at, WARD_ROUND_DAY), 8, 0) + timedelta(
        minutes=rng.randint(20, 120)
    )
    if not log.happened(at):
        return False
    frames, words = common["frames"][case.lang], common["words"][case.lang]
    phase = next(p for p in case.scenario["notes"][case.lang]["course"]
                 if p["until_day"] >= WARD_ROUND_DAY)  # fmt: skip
    fields = _fields(case, common, at)
    today = _results_between(case, local_time(local_day(at), 0), at)
    text = frames["round"].format(
        complaint=fields["complaint"], subjective=phase["subjective"], vitals=fields["vitals"],
        exam=phase["exam"], discussion=fields["discussion"], diagnoses=fields["diagnoses"],
        labs=frames["labs_today"].format(labs=_labs_text(today, words)) if today else "",
        plan=phase["plan"],
    )  # fmt: skip
    log.add(at, "NoteSigned", author=case.staff.physician, patient_id=case.patient_id, payload={
        "note_type": "ward_round_note", "text": text,
        "title": frames["round_title"].format(day=WARD_ROUND_DAY),
    })  # fmt: skip
    return True


def write_progress_notes(
    log: DemoLog, case: PatientCase, common: dict[str, Any], rng: random.Random,
    *, round_written: bool = False,
) -> None:  # fmt: skip
    """A SOAP progress note every morning from hospital day 2 (the ward-round note stands for
    day 2 when written); the trainee writes some, co-signed later."""
    frames, words = common["frames"][case.lang], common["words"][case.lang]
    course = case.scenario["notes"][case.lang]["course"]
    day = 2
    while log.happened(
        at := local_time(hospital_day(case.admitted_at, day), 9, 0)
        + timedelta(minutes=rng.randint(0, 150))
    ):
        phase = next(p for p in course if day <= p["until_day"])
        today = _results_between(case, local_time(local_day(at), 0), at)
        text = frames["daily"].format(
            subjective=phase["subjective"], exam=phase["exam"], assessment=phase["assessment"],
            plan=phase["plan"], vitals=_vitals_text(case, _latest_vitals(case, at), words),
            labs=frames["labs_today"].format(labs=_labs_text(today, words)) if today else "",
        )  # fmt: skip
        by_trainee = rng.random() < 0.35
        if round_written and day == WARD_ROUND_DAY:
            day += 1
            continue
        author = case.staff.trainee if by_trainee else case.staff.physician
        note_id = log.add(at, "NoteSigned", author=author, patient_id=case.patient_id, payload={
            "note_type": "daily_progress_note", "title": frames["daily_title"].format(day=day),
            "text": text, "needs_cosign": by_trainee,
        })  # fmt: skip
        if by_trainee and note_id:
            log.add(at + timedelta(hours=rng.uniform(1, 4)), "NoteCosigned", author=case.staff.physician,
                    patient_id=case.patient_id, payload={"note_id": note_id})  # fmt: skip
        day += 1
