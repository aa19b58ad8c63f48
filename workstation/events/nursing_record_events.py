"""The nursing record (护理记录) as facts: one signed event per timed row.

病历书写基本规范 (卫医政发〔2010〕11号) Art. 22 (二十三) names the content of the 病重（病危）患者
护理记录: record date and time to the minute, intake and output, temperature, pulse, respiration,
blood pressure and other observations, the nursing measures and their effect, and the nurse's
signature; the general form (一般护理记录) keeps the observations, measures and effect. Each row is
signed by the nurse who wrote it (Art. 8; the event's own signature) and is never edited: a
correction is a new row that names the one it supersedes with a reason, and the superseded row
stays readable (Art. 7)."""

from __future__ import annotations

from typing import Any

from workstation.events.fields import (
    Field,
    check_fields,
    integer,
    json_object,
    number,
    one_of,
    optional,
    text,
    timestamp,
    uuid_ref,
)
from workstation.events.vocabulary import INTAKE_CATEGORIES, IO_CATEGORIES, EventType

RECORD_FORMS = ("general", "critical")  # 一般护理记录, 病重（病危）患者护理记录
OUTPUT_CATEGORIES = frozenset(IO_CATEGORIES) - INTAKE_CATEGORIES
MAX_ENTRY_ML = 10_000  # as IntakeOutputRecorded: more in one entry can only be a typing slip

# What a row observes (the same bounds as VitalsRecorded), plus the pupils of a critical patient.
OBSERVATION_FIELDS: dict[str, Field] = {
    "temperature_c": optional(number(20, 46)),
    "pulse_bpm": optional(integer(0, 350)),
    "resp_rate": optional(integer(0, 120)),
    "systolic_mmhg": optional(integer(0, 350)),
    "diastolic_mmhg": optional(integer(0, 250)),
    "spo2_pct": optional(integer(0, 100)),
    "consciousness": optional(one_of(("A", "C", "V", "P", "U"))),
    "pain_score": optional(integer(0, 10)),
    "pupils": optional(text(64)),  # 瞳孔: size and light reflex, as the nurse writes it
}
_CONTENT = ("observations", "observation_text", "measures", "effect", "intake", "output")


def _volumes(value: Any, allowed: frozenset[str], name: str) -> list[str]:
    if not isinstance(value, dict):
        return []
    problems = [f"{name}.{k} is not an {name} kind" for k in value if k not in allowed]
    for kind, ml in value.items():
        if isinstance(ml, bool) or not isinstance(ml, int | float) or not 0 <= ml <= MAX_ENTRY_ML:
            problems.append(f"{name}.{kind} must be a volume from 0 to {MAX_ENTRY_ML} mL")
    return problems


def _row_rule(payload: dict[str, Any]) -> list[str]:
    """A row says something; its volumes are of known kinds; a correction gives its reason."""
    problems = []
    if not any(payload.get(k) not in (None, "", {}) for k in _CONTENT):
        problems.append(
            "a nursing record row must record an observation, measure, effect or volume"
        )
    if isinstance(payload.get("observations"), dict):
        problems += check_fields(payload["observations"], OBSERVATION_FIELDS, where="observations.")
    problems += _volumes(payload.get("intake"), INTAKE_CATEGORIES, "intake")
    problems += _volumes(payload.get("output"), OUTPUT_CATEGORIES, "output")
    if bool(payload.get("supersedes_id")) != bool(payload.get("correction_reason")):
        problems.append("a correction names the row it supersedes and its reason, both or neither")
    return problems


def nursing_record_types() -> list[EventType]:
    """The nursing record's one event type: a signed, timed row."""
    return [
        EventType("NursingRecordWritten", {
            "form": Field(one_of(RECORD_FORMS)),
            "written_at": Field(timestamp),  # the row's date and time (to the minute)
            "observations": optional(json_object),
            "vitals_id": optional(uuid_ref),  # the VitalsRecorded event pulled into the row
            "observation_text": optional(text(2000)),  # 病情观察
            "measures": optional(text(2000)),  # 护理措施
            "effect": optional(text(2000)),  # 效果
            "intake": optional(json_object),  # kind -> mL (oral, iv, enteral, blood, other_intake)
            "output": optional(json_object),  # kind -> mL (urine, drain, vomit, stool, ...)
            "supersedes_id": optional(uuid_ref),  # the row this one corrects
            "correction_reason": optional(text(500)),
        }, references=("supersedes_id",), rules=(_row_rule,)),
    ]  # fmt: skip
