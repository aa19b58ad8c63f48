"""The ward's safety reports: adverse events (不良事件, with the ADR report's fields for a drug
reaction) and the ward handover report (交接班报告, 医疗质量安全核心制度要点 2018 交接班制度).

Both are facts of a ward rather than of one chart (patient_id is not set; a report may name a
patient in its payload): an adverse-event report goes only to its reporter and the quality office
(the server keeps it out of everyone else's pull, and shows colleagues an anonymous report
without its reporter), a handover report to the ward. A handover report is signed by the nurse
handing over; the receiving nurse signs `WardHandoverReceived` naming it by `report_id`."""

from __future__ import annotations

from typing import Any

from workstation.events.fields import (
    Field,
    boolean,
    check_fields,
    json_object,
    one_of,
    optional,
    text,
    timestamp,
    uuid_ref,
)
from workstation.events.vocabulary import EventType

ADVERSE_CATEGORIES = ("medication", "fall", "pressure_injury", "transfusion", "device", "other")
# 医疗安全（不良）事件 grades as the 中国医院协会 reporting guide names them: I 警告事件 (death or
# permanent harm), II 不良后果事件, III 未造成后果事件, IV 隐患事件 (near miss).
SEVERITY_GRADES = ("I", "II", "III", "IV")
SHIFTS = ("day", "evening", "night")
ADR_OUTCOMES = ("recovered", "improving", "not_recovered", "sequelae", "death", "unknown")

# 药品不良反应/事件报告表 (药品不良反应报告和监测管理办法 2011, Annex 1), the fields a ward fills.
_ADR = {
    "drug_name": Field(text(200)),
    "drug_code": optional(text(64)),
    "batch": optional(text(64)),
    "route": optional(text(32)),
    "dose": optional(text(64)),
    "indication": optional(text(200)),
    "reaction": Field(text(500)),
    "reaction_at": Field(timestamp),
    "new_reaction": Field(boolean),  # 新的
    "serious": Field(boolean),  # 严重
    "outcome": Field(one_of(ADR_OUTCOMES)),
    "dechallenge": optional(text(200)),  # 停药或减量后反应是否消失
    "rechallenge": optional(text(200)),
}


def _adverse_rule(payload: dict[str, Any]) -> list[str]:
    adr = payload.get("adr")
    if adr is None:
        return []
    if payload.get("category") != "medication":
        return ["adr is only for a medication event"]
    return check_fields(adr, _ADR, "adr.")


def _handover_rule(payload: dict[str, Any]) -> list[str]:
    start, end = payload.get("shift_start"), payload.get("shift_end")
    if isinstance(start, str) and isinstance(end, str) and end <= start:
        return ["shift_end must be after shift_start"]
    return []


def ward_types() -> list[EventType]:
    """Event types of adverse-event reports and ward handover reports."""
    return [
        EventType("AdverseEventReported", {
            "ward_id": Field(text(32)),
            "patient_id": optional(uuid_ref),
            "category": Field(one_of(ADVERSE_CATEGORIES)),
            "severity": Field(one_of(SEVERITY_GRADES)),
            "occurred_at": Field(timestamp),
            "description": Field(text(4000)),
            "action_taken": optional(text(2000)),
            "anonymous": optional(boolean),
            "adr": optional(json_object),
        }, patient_scoped=False, rules=(_adverse_rule,)),
        EventType("WardHandoverSigned", {
            "ward_id": Field(text(32)),
            "shift": Field(one_of(SHIFTS)),
            "shift_start": Field(timestamp),
            "shift_end": Field(timestamp),
            "counts": Field(json_object),
            "special_patients": Field(json_object),  # {"rows": [{patient_id, bed, name, reasons, note}]}
            "note": optional(text(4000)),
        }, patient_scoped=False, rules=(_handover_rule,)),
        EventType("WardHandoverReceived", {
            "report_id": Field(uuid_ref), "ward_id": Field(text(32)),
        }, patient_scoped=False, references=("report_id",)),
    ]  # fmt: skip
