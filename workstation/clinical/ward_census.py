"""The ward handover report's census (交接班报告), drafted from the events.

医疗质量安全核心制度要点 (2018) 交接班制度: each shift hands over the ward's numbers and its
special patients, signed by the nurse handing over and the one receiving. The counts are those
of the ward nursing report: 原有 (on the ward at the start of the shift), 入院, 转入, 出院, 转出,
死亡, 病危 and 病重 (at the end), 手术 (procedures dated in the shift) and 现有 (at the end), so
that 现有 = 原有 + 入院 + 转入 − 出院 − 转出 − 死亡. Clinical times count (admitted_at,
discharged_at, a procedure's date); a transfer counts at its recording. There is no operation
event yet: 手术 counts the ward's patients whose front sheet dates a procedure in the shift."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from workstation.clock import iso
from workstation.events.envelope import Event
from workstation.resources import resource

COUNT_KEYS = ("existing_at_start", "admitted", "transferred_in", "discharged", "transferred_out",
              "died", "critical", "serious", "operated", "present_at_end")  # fmt: skip
COUNT_NAMES = {
    "existing_at_start": ("原有", "At start"), "admitted": ("入院", "Admitted"),
    "transferred_in": ("转入", "Transferred in"), "discharged": ("出院", "Discharged"),
    "transferred_out": ("转出", "Transferred out"), "died": ("死亡", "Died"),
    "critical": ("病危", "Critically ill"), "serious": ("病重", "Seriously ill"),
    "operated": ("手术", "Operations"), "present_at_end": ("现有", "At end"),
}  # fmt: skip


@dataclass
class _Patient:
    name: str = ""
    bed: str = ""
    ward_id: str | None = None
    present: bool = False
    acuity: str | None = None
    reasons: list[str] = field(default_factory=list)
    procedures: list[str] = field(default_factory=list)  # dates, from the latest front sheet


@dataclass
class ShiftCensus:
    """The counts of one ward over one shift and its special patients."""

    counts: dict[str, int]
    special_patients: list[dict[str, Any]]


def _when(e: Event) -> str:
    if e.type == "PatientAdmitted":
        return str(e.payload["admitted_at"])
    if e.type == "PatientDischarged":
        return str(e.payload["discharged_at"])
    return e.recorded_at


def draft_census(events: Iterable[Event], *, ward_id: str, start: str, end: str) -> ShiftCensus:
    """Count one ward's shift [start, end) from every event of its patients, in server order."""
    counts = dict.fromkeys(COUNT_KEYS, 0)
    patients: dict[str, _Patient] = {}
    started = False
    for e in sorted(events, key=_when):
        if e.patient_id is None:
            continue
        if not started and _when(e) >= start:
            counts["existing_at_start"] = sum(
                p.present and p.ward_id == ward_id for p in patients.values()
            )
            started = True
        if _when(e) >= end:
            break
        _fold(
            patients.setdefault(e.patient_id, _Patient()), e, ward_id, counts if started else None
        )
    if not started:
        counts["existing_at_start"] = sum(
            p.present and p.ward_id == ward_id for p in patients.values()
        )
    here = {pid: p for pid, p in patients.items() if p.present and p.ward_id == ward_id}
    counts["present_at_end"] = len(here)
    counts["critical"] = sum(p.acuity == "critical" for p in here.values())
    counts["serious"] = sum(p.acuity == "serious" for p in here.values())
    for p in here.values():
        if any(start <= when < end for when in p.procedures):
            counts["operated"] += 1
            p.reasons.append("operated")
        if p.acuity in ("critical", "serious"):
            p.reasons.append(p.acuity)
    special = [{"patient_id": pid, "bed": p.bed, "name": p.name, "reasons": p.reasons}
               for pid, p in here.items() if p.reasons]  # fmt: skip
    return ShiftCensus(counts, sorted(special, key=lambda r: r["bed"]))


def _fold(p: _Patient, e: Event, ward_id: str, counts: dict[str, int] | None) -> None:
    """Apply one event to a patient; count it when it falls in the shift (counts not None)."""
    on_ward = p.present and p.ward_id == ward_id
    pay = e.payload
    if e.type == "PatientAdmitted":
        p.name, p.bed, p.ward_id, p.present = pay["name"], pay["bed"], pay["ward_id"], True
        p.acuity, p.reasons = pay.get("acuity"), []
        if counts is not None and p.ward_id == ward_id:
            counts["admitted"] += 1
            p.reasons.append("admitted")
    elif e.type == "PatientTransferred":
        p.bed, p.ward_id = pay["bed"], pay["ward_id"]
        if counts is not None and on_ward != (p.ward_id == ward_id):
            counts["transferred_in" if p.ward_id == ward_id else "transferred_out"] += 1
            if p.ward_id == ward_id:
                p.reasons.append("transferred_in")
    elif e.type == "PatientDischarged":
        p.present = False
        if counts is not None and on_ward:
            counts["died" if pay.get("disposition_code") == "5" else "discharged"] += 1
    elif e.type == "DemographicsUpdated" and pay.get("acuity"):
        p.acuity = pay["acuity"]
    elif e.type == "FrontSheetSaved":
        p.procedures = [row["performed_at"] for row in pay.get("procedures") or []]


def records_settings() -> dict[str, Any]:
    """The records office's archive days and the ward's shifts (resources/settings/records.json)."""
    return dict(json.loads(resource("settings", "records.json").read_text(encoding="utf-8")))


def shift_window(day: date, shift: str, zone: tzinfo) -> tuple[str, str]:
    """The UTC [start, end) of a shift on a ward calendar day."""
    begin, finish = records_settings()["shifts"][shift]
    start = datetime.combine(day, time.fromisoformat(begin), zone)
    end = datetime.combine(day, time.fromisoformat(finish), zone)
    if end <= start:
        end += timedelta(days=1)
    return iso(start), iso(end)


def current_shift(now: datetime, zone: tzinfo) -> tuple[date, str]:
    """The ward day and the shift in force at `now`."""
    day = now.astimezone(zone).date()
    for shift in records_settings()["shifts"]:
        start, end = shift_window(day, shift, zone)
        if start <= iso(now) < end:
            return day, shift
    return day, "day"
