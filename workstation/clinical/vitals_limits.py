"""Plausibility of a vitals entry: an impossible value is refused, an unlikely one asks to confirm.

Impossible: outside what the shared event contract accepts (workstation.events.vocabulary, the
VitalsRecorded bounds: typing slips such as 370 °C), or against a definition — SpO2 is a
percentage of haemoglobin (at most 100), the numeric pain scale runs 0-10, and a diastolic
pressure is by definition below the systolic of the same reading.

Unlikely: a value in the 3-point band of the NEWS2 chart (Royal College of Physicians, National
Early Warning Score 2, 2017, Chart 1), which by itself calls the doctor (see news2.py). A slip
there raises a false alarm, and a true value deserves a second look, so the screen asks the nurse
to confirm the reading (recheck) before it is saved. The bands are those of news2.py so the two
can never disagree; SpO2 follows the patient's scale.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workstation.clinical import news2 as n2
from workstation.events.fields import check_fields
from workstation.events.vocabulary import EVENT_TYPES, VITAL_FIELDS

UNITS = {
    "temperature_c": "°C", "pulse_bpm": "/min", "resp_rate": "/min", "systolic_mmhg": "mmHg",
    "diastolic_mmhg": "mmHg", "spo2_pct": "%", "weight_kg": "kg", "pain_score": "/10",
    "height_cm": "cm",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem with one field: `impossible` (refused) or `unlikely` (confirm to save)."""

    field: str
    level: str
    message: str


def _impossible(values: Mapping[str, Any]) -> list[Finding]:
    measured = {k: v for k, v in values.items() if k in VITAL_FIELDS and v is not None}
    fields = {k: f for k, f in EVENT_TYPES["VitalsRecorded"].fields.items() if k in measured}
    findings = [
        Finding(problem.split(" ", 1)[0], "impossible", problem)
        for problem in check_fields(measured, fields)
    ]
    systolic, diastolic = measured.get("systolic_mmhg"), measured.get("diastolic_mmhg")
    if isinstance(systolic, int) and isinstance(diastolic, int) and diastolic >= systolic:
        findings.append(Finding("diastolic_mmhg", "impossible",
                                "diastolic_mmhg must be below systolic_mmhg"))  # fmt: skip
    return findings


def _unlikely(values: Mapping[str, Any], spo2_scale: int) -> list[Finding]:
    scorers = {
        "resp_rate": n2.resp_rate_score,
        "systolic_mmhg": n2.systolic_score,
        "pulse_bpm": n2.pulse_score,
        "temperature_c": n2.temperature_score,
    }
    findings = []
    for name, scorer in scorers.items():
        value = values.get(name)
        if value is not None and scorer(value) >= n2.SINGLE_PARAMETER_RED:
            findings.append(_confirm(name, value))
    spo2 = values.get("spo2_pct")
    if spo2 is not None:
        on_oxygen = bool(values.get("on_oxygen"))
        score = (n2.spo2_scale1_score(spo2) if spo2_scale == 1
                 else n2.spo2_scale2_score(spo2, on_oxygen=on_oxygen))  # fmt: skip
        if score >= n2.SINGLE_PARAMETER_RED:
            findings.append(_confirm("spo2_pct", spo2))
    return findings


def _confirm(name: str, value: Any) -> Finding:
    return Finding(
        name, "unlikely", f"{name} {value} {UNITS[name]} is extreme: recheck and confirm"
    )


def check_vitals(values: Mapping[str, Any], *, spo2_scale: int = 1) -> list[Finding]:
    """Every impossible value (refuse) and, when there is none, every unlikely one (confirm)."""
    impossible = _impossible(values)
    return impossible or _unlikely(values, spo2_scale)


def refused(findings: list[Finding]) -> bool:
    """True when the entry cannot be saved at all."""
    return any(f.level == "impossible" for f in findings)


def needs_confirmation(findings: list[Finding]) -> list[str]:
    """The fields the nurse must confirm before an entry with no impossible value is saved."""
    return [f.field for f in findings if f.level == "unlikely"]
