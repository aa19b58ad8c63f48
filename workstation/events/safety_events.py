"""The ward's core safety systems as facts (医疗质量安全核心制度要点, 国卫办医发〔2018〕8号):
critical values (危急值报告制度), nursing levels with the Barthel index and nursing rounds
(分级护理制度; WS/T 431-2013 护理分级), and consultations (会诊制度).

A critical value is named by its CriticalValueReported event, a consultation by its
ConsultationRequested event; the later steps refer to them as `critical_id` and
`consultation_id`, as an order's steps refer to its OrderPlaced event."""

from __future__ import annotations

from typing import Any

from workstation.events.fields import (
    Field,
    boolean,
    integer,
    json_object,
    number,
    one_of,
    optional,
    text,
    timestamp,
    uuid_ref,
)
from workstation.events.vocabulary import EventType

CRITICAL_FLAGS = ("LL", "HH", "L", "H", "A")
# Why a result is a critical value: the laboratory's own panic flag (HL7 v2 table 0078 LL/HH)
# or the hospital's configured limit for the test (resources/settings/critical_values.json).
CRITICAL_BASES = ("lab_flag", "hospital_limit")
# 护理级别 (WS/T 431-2013): 特级, 一级, 二级, 三级护理.
NURSING_LEVELS = ("special", "first", "second", "third")
# 会诊制度: 急会诊 and 普通会诊 (the 2018 要点's two urgencies).
CONSULT_URGENCIES = ("emergency", "routine")
# The Barthel index's ten activities and the points each may score (WS/T 431-2013 表 B / Barthel).
BARTHEL_ITEMS: dict[str, tuple[int, ...]] = {
    "feeding": (0, 5, 10),
    "bathing": (0, 5),
    "grooming": (0, 5),
    "dressing": (0, 5, 10),
    "bowels": (0, 5, 10),
    "bladder": (0, 5, 10),
    "toilet_use": (0, 5, 10),
    "transfers": (0, 5, 10, 15),
    "mobility": (0, 5, 10, 15),
    "stairs": (0, 5, 10),
}


def _read_back_rule(payload: dict[str, Any]) -> list[str]:
    # 危急值报告制度: the receiver reads the value back to the reporter before recording it.
    if payload.get("read_back") is not True:
        return ["read_back must be true: the value is read back before it is recorded as received"]
    return []


def barthel_problems(items: Any, total: Any) -> list[str]:
    """What is wrong with a Barthel record: unknown or missing items, impossible scores, a total
    that is not their sum."""
    if not isinstance(items, dict):
        return []
    problems = [f"items.{k} is not a Barthel item" for k in items if k not in BARTHEL_ITEMS]
    problems += [f"items.{k} is required" for k in BARTHEL_ITEMS if k not in items]
    for name, allowed in BARTHEL_ITEMS.items():
        if name in items and items[name] not in allowed:
            problems.append(f"items.{name} must be one of {', '.join(map(str, allowed))}")
    if not problems and total != sum(items.values()):
        problems.append("total must be the sum of the items")
    return problems


def _barthel_rule(payload: dict[str, Any]) -> list[str]:
    return barthel_problems(payload.get("items"), payload.get("total"))


def _critical_types() -> list[EventType]:
    return [
        EventType("CriticalValueReported", {
            "result_id": Field(uuid_ref),  # the LabResulted event
            "test_code": Field(text(32)),
            "test_name": Field(text(200)),
            "value": Field(text(64)),
            "numeric_value": optional(number()),
            "unit": optional(text(32)),
            "flag": optional(one_of(CRITICAL_FLAGS)),
            "basis": Field(one_of(CRITICAL_BASES)),
            "limit_low": optional(number()),
            "limit_high": optional(number()),
            "reported_at": Field(timestamp),
            "reporter": Field(text(200)),  # the laboratory person who telephoned or sent it
        }, references=("result_id",)),
        EventType("CriticalValueReceived", {
            "critical_id": Field(uuid_ref),
            "received_at": Field(timestamp),
            "read_back": Field(boolean),
            "read_back_text": optional(text(200)),
        }, references=("critical_id",), rules=(_read_back_rule,)),
        EventType("CriticalValueDoctorNotified", {
            "critical_id": Field(uuid_ref),
            "doctor_id": Field(text(64)),
            "notified_at": Field(timestamp),
        }, references=("critical_id",)),
        EventType("CriticalValueAcknowledged", {
            "critical_id": Field(uuid_ref),
            "action": Field(text(1000)),
            "acknowledged_at": Field(timestamp),
            "note_id": optional(uuid_ref),  # the linked 病程 entry
        }, references=("critical_id", "note_id")),
    ]  # fmt: skip


def _nursing_level_types() -> list[EventType]:
    return [
        EventType("NursingLevelOrdered", {
            "level": Field(one_of(NURSING_LEVELS)),
            "ordered_at": Field(timestamp),
            "reason": optional(text(500)),
        }),
        EventType("BarthelAssessed", {
            "items": Field(json_object),
            "total": Field(integer(0, 100)),
            "assessed_at": Field(timestamp),
        }, rules=(_barthel_rule,)),
        EventType("NursingRoundRecorded", {
            "seen_at": Field(timestamp),
            "observation": optional(text(1000)),
        }),
    ]  # fmt: skip


def _consultation_types() -> list[EventType]:
    return [
        EventType("ConsultationRequested", {
            "urgency": Field(one_of(CONSULT_URGENCIES)),
            "department": Field(text(64)),
            "question": Field(text(2000)),
            "requested_at": Field(timestamp),
        }),
        EventType("ConsultantArrived", {
            "consultation_id": Field(uuid_ref),
            "arrived_at": Field(timestamp),
            "consultant": Field(text(200)),
        }, references=("consultation_id",)),
        EventType("ConsultationRecorded", {
            "consultation_id": Field(uuid_ref),
            "note_id": Field(uuid_ref),  # the 会诊记录 (NoteSigned, consultation_note)
        }, references=("consultation_id", "note_id")),
    ]  # fmt: skip


def safety_types() -> list[EventType]:
    """Event types of critical values, nursing levels and rounds, and consultations."""
    return [*_critical_types(), *_nursing_level_types(), *_consultation_types()]
