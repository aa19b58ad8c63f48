"""One demo patient: who they are, their admission, allergies, problems and vital signs."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from workstation.clock import iso
from workstation.ids import uuid7
from workstation.server.demo_events import LOCAL, DemoLog, curve, local_time, times_between
from workstation.server.demo_labs import LabCourse, lab_course

# Vitals rounds by acuity: critical every 4 h, serious every 6 h, stable every 8 h.
VITALS_HOURS = {
    "critical": (2, 6, 10, 14, 18, 22),
    "serious": (0, 6, 12, 18),
    "stable": (6, 14, 22),
}
# Healthy resting adult values used where a scenario does not move a sign (invented, ordinary).
_USUAL_VITALS = {"temperature_c": 36.6, "pulse_bpm": 76, "resp_rate": 17, "systolic_mmhg": 124,
                 "diastolic_mmhg": 76, "spo2_pct": 97, "pain_score": 0}  # fmt: skip
_SCATTER = {"temperature_c": 0.2, "pulse_bpm": 4, "resp_rate": 1, "systolic_mmhg": 6,
            "diastolic_mmhg": 4, "spo2_pct": 1, "pain_score": 0.5}  # fmt: skip


@dataclass(frozen=True, slots=True)
class WardStaff:
    """The user ids who act on one ward's patients."""

    physician: str
    trainee: str
    nurse: str
    pharmacist: str
    lab: str


@dataclass
class PatientCase:
    """A demo patient and what has been recorded for them so far."""

    patient_id: str
    name: str
    sex: str
    lang: str  # "zh" or "en": the language of their notes and order descriptions
    age: int
    birth_date: date
    weight_kg: float
    ward_id: str
    bed: str
    record_number: str
    scenario: dict[str, Any]
    acuity: str
    admitted_at: datetime
    comorbidities: list[str]
    onset: str
    staff: WardStaff
    labs_course: LabCourse
    allergy: dict[str, Any] | None = None
    vitals: list[dict[str, Any]] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)

    def hours_in(self, moment: datetime) -> float:
        """Hours since admission."""
        return (moment - self.admitted_at).total_seconds() / 3600

    def text(self, bilingual: dict[str, Any], key: str = "") -> Any:
        """The patient's-language variant of a {"zh": ..., "en": ...} item (or key_zh / key_en)."""
        return bilingual[f"{key}_{self.lang}" if key else self.lang]


def make_case(
    rng: random.Random, *, person: dict[str, str], lang: str, scenario: dict[str, Any], ward_id: str,
    bed: str, record_number: str, staff: WardStaff, now: datetime, words: dict[str, Any],
) -> PatientCase:  # fmt: skip
    """Draw one patient's particulars (age, weight, acuity, admission time) for a scenario."""
    age = rng.randint(*scenario["age"])
    days_ago = rng.randint(1, 6)
    admitted_day = (now.astimezone(LOCAL) - timedelta(days=days_ago)).date()
    admitted_at = local_time(admitted_day, rng.randint(8, 21), rng.randint(0, 59))
    admitted_at = min(admitted_at, now - timedelta(hours=3))
    birth = admitted_day - timedelta(days=age * 365 + rng.randint(20, 340))
    low, high = (55, 88) if person["sex"] == "male" else (45, 74)
    comorbid = [c for c, p in scenario.get("comorbidities", {}).items() if rng.random() < p]
    onset_n = rng.randint(*scenario["onset"]["range"])
    return PatientCase(
        patient_id=uuid7(), name=person["name"], sex=person["sex"], lang=lang, age=age,
        birth_date=birth, weight_kg=round(rng.uniform(low, high), 1), ward_id=ward_id, bed=bed,
        record_number=record_number, scenario=scenario,
        acuity=rng.choices(list(scenario["acuity"]), weights=list(scenario["acuity"].values()))[0],
        admitted_at=admitted_at, comorbidities=comorbid,
        onset=words[lang][scenario["onset"]["unit"] + ("_1" if onset_n == 1 else "")].format(n=onset_n),
        staff=staff, labs_course=lab_course(scenario, comorbid, sex=person["sex"], age=age),
    )  # fmt: skip


def admit(log: DemoLog, case: PatientCase) -> None:
    """PatientAdmitted by the ward physician."""
    log.add(case.admitted_at, "PatientAdmitted", author=case.staff.physician,
            patient_id=case.patient_id, payload={
        "record_number": case.record_number, "name": case.name, "sex": case.sex,
        "birth_date": case.birth_date.isoformat(), "ward_id": case.ward_id, "bed": case.bed,
        "admitted_at": iso(case.admitted_at), "acuity": case.acuity, "weight_kg": case.weight_kg,
        "diagnosis": case.text(case.scenario, "diagnosis"), "attending_id": case.staff.physician,
    })  # fmt: skip


def choose_allergy(
    rng: random.Random, allergies: list[dict[str, Any]], drug_codes: set[str]
) -> dict[str, Any] | None:
    """About one patient in three has an allergy; never one to a drug their plan needs."""
    if rng.random() >= 0.35:
        return None
    safe = [a for a in allergies if not drug_codes & set(a["avoid"])]
    return rng.choice(safe) if safe else None


def record_history(log: DemoLog, case: PatientCase, comorbidity_names: dict[str, Any]) -> None:
    """Allergy and problem list, recorded by the physician soon after admission."""
    at = case.admitted_at + timedelta(minutes=25)
    pid, doctor = case.patient_id, case.staff.physician
    if case.allergy:
        a = case.allergy
        log.add(at, "AllergyRecorded", author=doctor, patient_id=pid, payload={
            "substance": case.text(a), "reaction": case.text(a, "reaction"), "severity": a["severity"],
        })  # fmt: skip
    else:  # asked, none known: "no known allergies" by the physician (not "not yet documented")
        log.add(
            at,
            "NoKnownAllergiesRecorded",
            author=doctor,
            patient_id=pid,
            payload={"source": "patient"},
        )
    problems = [(case.text(case.scenario, "diagnosis"), case.scenario["icd10"])]
    problems += [
        (case.text(comorbidity_names[c]), comorbidity_names[c]["icd10"]) for c in case.comorbidities
    ]
    for offset, (description, icd10) in enumerate(problems, start=1):
        log.add(at + timedelta(seconds=offset), "ProblemRecorded", author=doctor, patient_id=pid,
                payload={"description": description, "icd10": icd10, "status": "active"})  # fmt: skip


def _vital_signs(case: PatientCase, taken_at: datetime, rng: random.Random) -> dict[str, Any]:
    hours = case.hours_in(taken_at)
    settle = float(case.scenario["recovery_hours"])
    courses = case.scenario.get("vitals", {})
    signs: dict[str, Any] = {"taken_at": iso(taken_at), "consciousness": "A"}
    for name, usual in _USUAL_VITALS.items():
        base = curve(courses[name], hours, settle) if name in courses else usual
        value = rng.gauss(base, _SCATTER[name])
        signs[name] = round(value, 1) if name == "temperature_c" else int(round(value))
    signs["spo2_pct"] = min(100, signs["spo2_pct"])
    signs["pain_score"] = max(0, min(10, signs["pain_score"]))
    if hours < case.scenario.get("oxygen_hours", 0):
        signs["on_oxygen"] = True
    return signs


# adult mean heights in China (中国居民营养与慢性病状况报告, 2020): men 169.7 cm, women 158.0 cm
_MEAN_HEIGHT_CM = {"male": 169.7, "female": 158.0}


def demo_height(case: PatientCase) -> float:
    """A height near the national mean, measured at admission (the BSA of per-m² doses). Drawn
    from its own generator so the rest of the demo draws what it drew before."""
    own = random.Random(case.record_number)
    mean = _MEAN_HEIGHT_CM.get(case.sex, (169.7 + 158.0) / 2)  # the midpoint: sex not recorded
    return round(mean + own.uniform(-8.0, 8.0), 1)


def record_vitals(log: DemoLog, case: PatientCase, rng: random.Random) -> None:
    """Admission vitals, then rounds every 4-8 h by acuity; daily weights where the course asks."""
    first = case.admitted_at + timedelta(minutes=rng.randint(8, 20))
    rounds = [first] + times_between(first + timedelta(hours=2), log.now, VITALS_HOURS[case.acuity])
    weight_change = case.scenario.get("daily_weight_change", 0.0)
    weighed_days: set[date] = set()
    for taken_at in rounds:
        signs = _vital_signs(case, taken_at, rng)
        if taken_at == first:
            signs["height_cm"] = demo_height(case)
        day = taken_at.astimezone(LOCAL).date()
        if weight_change and taken_at.astimezone(LOCAL).hour == 6 and day not in weighed_days:
            weighed_days.add(day)
            days = min(4.0, case.hours_in(taken_at) / 24)
            signs["weight_kg"] = round(case.weight_kg + weight_change * days + rng.gauss(0, 0.2), 1)
        recorded_at = taken_at + timedelta(minutes=rng.randint(2, 12))
        if log.add(recorded_at, "VitalsRecorded", author=case.staff.nurse,
                   patient_id=case.patient_id, payload=signs):  # fmt: skip
            case.vitals.append(signs)
