"""What an ADT or ORU message says, read segment by segment into plain values (no database).

Each reader names the field it could not use (MessageProblem), so the ACK's ERR segment and the
interface queue can say exactly what was wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import hl7

from workstation.hl7v2.message import (
    REQUIRED_FIELD_MISSING,
    TABLE_VALUE_NOT_FOUND,
    UNSUPPORTED_MESSAGE_TYPE,
    MessageProblem,
    Received,
    calendar_date,
    segment_field,
    timestamp,
)

ADT_TRIGGERS = ("A01", "A02", "A03", "A04", "A08", "A11", "A12", "A13", "A40")
SEXES = {"F": "female", "M": "male", "U": "unknown", "O": "unknown", "A": "unknown", "N": "unknown"}
# 病情 (PV1-15 here): the HIS's code, its Chinese name, or the workstation's own value.
ACUITIES = {
    "病危": "critical", "critical": "critical", "1": "critical",
    "病重": "serious", "serious": "serious", "2": "serious",
    "一般": "stable", "stable": "stable", "3": "stable",
}  # fmt: skip
ALLERGY_SEVERITIES = {"SV": "severe", "MO": "moderate", "MI": "mild", "U": "unknown", "": "unknown"}
RESULT_STATUSES = {"P": "preliminary", "R": "preliminary", "F": "final", "C": "corrected"}
FLAGS = {"L": "L", "H": "H", "LL": "LL", "HH": "HH", "A": "A", "AA": "A", "<": "L", ">": "H"}


@dataclass(frozen=True, slots=True)
class PatientRef:
    """A patient as the hospital names them: record number and its assigning authority."""

    authority: str
    record_number: str

    @property
    def key(self) -> str:
        """authority|record number, the key held messages wait under."""
        return f"{self.authority}|{self.record_number}"


@dataclass(frozen=True, slots=True)
class Visit:
    """PV1: where the patient lies and under whom."""

    ward_id: str
    bed: str
    attending_id: str | None
    admitted_at: str | None
    acuity: str | None


@dataclass(frozen=True, slots=True)
class Result:
    """One OBX of an ORU^R01."""

    test_code: str
    test_name: str
    value: str
    numeric_value: float | None
    unit: str | None
    reference_low: float | None
    reference_high: float | None
    flag: str | None
    status: str
    resulted_at: str
    filler_order_number: str


@dataclass
class Inbound:
    """Everything one message tells the ward."""

    trigger: str  # A01..A40, R01
    patient: PatientRef
    name: str | None = None
    sex: str | None = None
    birth_date: str | None = None
    visit: Visit | None = None
    event_at: str | None = None  # EVN-2 / PV1-45: when it happened at the hospital
    allergies: list[dict[str, Any]] = field(default_factory=list)
    diagnoses: list[dict[str, Any]] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    prior: PatientRef | None = None  # A40: MRG-1, the record merged away


def _segment(message: hl7.Message, name: str) -> hl7.Segment | None:
    try:
        return message.segment(name)
    except KeyError:
        return None


def _segments(message: hl7.Message, name: str) -> list[hl7.Segment]:
    try:
        return list(message.segments(name))
    except KeyError:
        return []


def _required(segment: hl7.Segment | None, name: str, number: int, component: int = 1) -> str:
    value = segment_field(segment, number, component) if segment is not None else ""
    if not value:
        raise MessageProblem(f"{name}-{number}", "a value is required", REQUIRED_FIELD_MISSING)
    return value


def read(received: Received) -> Inbound:
    """The message's content; MessageProblem for a type this ward does not take or a bad field."""
    kind, _, trigger = received.message_type.partition("^")
    if not ((kind == "ADT" and trigger in ADT_TRIGGERS) or (kind, trigger) == ("ORU", "R01")):
        raise MessageProblem("MSH-9", f"message type {received.message_type} is not taken here",
                             UNSUPPORTED_MESSAGE_TYPE)  # fmt: skip
    message = received.message
    pid = _segment(message, "PID")
    inbound = Inbound(trigger, _patient_ref(pid, "PID", 3))
    if kind == "ORU":
        inbound.results = _results(message, received.sending_facility)
        return inbound
    _demographics(inbound, pid)
    evn = _segment(message, "EVN")
    occurred = segment_field(evn, 2) if evn is not None else ""
    inbound.event_at = timestamp(occurred, "EVN-2") if occurred else None
    pv1 = _segment(message, "PV1")
    if pv1 is not None and segment_field(pv1, 3):
        inbound.visit = _visit(pv1)
    if pv1 is not None and segment_field(pv1, 45):
        inbound.event_at = timestamp(segment_field(pv1, 45), "PV1-45")
    inbound.allergies = [_allergy(s) for s in _segments(message, "AL1")]
    inbound.diagnoses = [_diagnosis(s) for s in _segments(message, "DG1")]
    if trigger == "A40":
        inbound.prior = _patient_ref(_segment(message, "MRG"), "MRG", 1)
    return inbound


def _patient_ref(segment: hl7.Segment | None, name: str, number: int) -> PatientRef:
    record_number = _required(segment, name, number)
    if len(record_number) > 32:
        raise MessageProblem(f"{name}-{number}", "a record number is at most 32 characters")
    authority = segment_field(segment, number, 4) if segment is not None else ""
    return PatientRef(authority[:64], record_number)


def _demographics(inbound: Inbound, pid: hl7.Segment | None) -> None:
    assert pid is not None  # _patient_ref required it
    family, given = segment_field(pid, 5, 1), segment_field(pid, 5, 2)
    # A Chinese name is written family name first, without a space (张^三 -> 张三).
    joiner = "" if any(ord(ch) > 0x2E7F for ch in family + given) else " "
    inbound.name = joiner.join(p for p in (family, given) if p) or None
    sex = segment_field(pid, 8)
    if sex and sex not in SEXES:
        raise MessageProblem("PID-8", f"unknown sex {sex!r}", TABLE_VALUE_NOT_FOUND)
    inbound.sex = SEXES.get(sex) if sex else None
    birth = segment_field(pid, 7)
    inbound.birth_date = calendar_date(birth, "PID-7") if birth else None


def _visit(pv1: hl7.Segment) -> Visit:
    ward = segment_field(pv1, 3, 1)
    room, bed = segment_field(pv1, 3, 2), segment_field(pv1, 3, 3)
    if not ward or not bed:
        raise MessageProblem("PV1-3", "the point of care and the bed are required",
                             REQUIRED_FIELD_MISSING)  # fmt: skip
    acuity_code = segment_field(pv1, 15)
    if acuity_code and acuity_code not in ACUITIES:
        raise MessageProblem("PV1-15", f"unknown 病情 {acuity_code!r}", TABLE_VALUE_NOT_FOUND)
    admitted = segment_field(pv1, 44)
    return Visit(
        ward_id=ward[:32], bed=(f"{room}-{bed}" if room else bed)[:16],
        attending_id=segment_field(pv1, 7) or None,
        admitted_at=timestamp(admitted, "PV1-44") if admitted else None,
        acuity=ACUITIES.get(acuity_code) if acuity_code else None,
    )  # fmt: skip


def _allergy(al1: hl7.Segment) -> dict[str, Any]:
    substance = segment_field(al1, 3, 2) or _required(al1, "AL1", 3)
    severity = segment_field(al1, 4)
    if severity not in ALLERGY_SEVERITIES:
        raise MessageProblem("AL1-4", f"unknown severity {severity!r}", TABLE_VALUE_NOT_FOUND)
    reaction = segment_field(al1, 5)
    return {"substance": substance[:200], "reaction": reaction[:500] or None,
            "severity": ALLERGY_SEVERITIES[severity]}  # fmt: skip


def _diagnosis(dg1: hl7.Segment) -> dict[str, Any]:
    code = segment_field(dg1, 3, 1)
    description = segment_field(dg1, 3, 2) or segment_field(dg1, 4) or code
    if not description:
        raise MessageProblem("DG1-3", "a diagnosis code or description is required",
                             REQUIRED_FIELD_MISSING)  # fmt: skip
    return {"description": description[:500], "icd10": code[:16] or None, "status": "active"}


def _results(message: hl7.Message, facility: str) -> list[Result]:
    results: list[Result] = []
    obr: hl7.Segment | None = None
    for segment in message:
        name = str(segment[0])
        if name == "OBR":
            obr = segment
        elif name == "OBX":
            results.append(_result(segment, obr))
    if not results:
        raise MessageProblem("OBX", "the message carries no result", REQUIRED_FIELD_MISSING)
    return results


def _number(text: str, where: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise MessageProblem(where, f"not a number: {text!r}") from None


def _range(text: str) -> tuple[float | None, float | None]:
    low, dash, high = text.partition("-")
    if dash and low.strip():
        return _number(low.strip(), "OBX-7"), _number(high.strip(), "OBX-7")
    if text.startswith("<"):
        return None, _number(text.lstrip("<=").strip(), "OBX-7")
    if text.startswith(">"):
        return _number(text.lstrip(">=").strip(), "OBX-7"), None
    if text:
        raise MessageProblem("OBX-7", f"not a reference range: {text!r}")
    return None, None


def _result(obx: hl7.Segment, obr: hl7.Segment | None) -> Result:
    code = _required(obx, "OBX", 3)
    value = _required(obx, "OBX", 5)
    numeric = _number(value, "OBX-5") if segment_field(obx, 2) in ("NM", "SN") else None
    status_code = _required(obx, "OBX", 11)
    if status_code not in RESULT_STATUSES:
        raise MessageProblem("OBX-11", f"result status {status_code!r} is not taken here",
                             TABLE_VALUE_NOT_FOUND)  # fmt: skip
    low, high = _range(segment_field(obx, 7))
    when = segment_field(obx, 14) or (segment_field(obr, 7) if obr is not None else "")
    filler = (segment_field(obr, 3) or segment_field(obr, 2)) if obr is not None else ""
    flag = segment_field(obx, 8)
    return Result(
        test_code=code[:32], test_name=(segment_field(obx, 3, 2) or code)[:200],
        value=value[:64], numeric_value=numeric, unit=segment_field(obx, 6)[:32] or None,
        reference_low=low, reference_high=high, flag=FLAGS.get(flag, "A") if flag not in ("", "N") else None,
        status=RESULT_STATUSES[status_code], resulted_at=timestamp(when, "OBX-14"),
        filler_order_number=filler[:64],
    )  # fmt: skip
