"""The front sheet (住院病案首页) as coded facts: each save is the whole sheet, signed by the doctor.

Fields follow the 2012 卫生部《住院病案首页》 form and the 2016《住院病案首页数据填写质量规范（暂行）》:
the 门(急)诊诊断, the 出院诊断 with the 主要诊断 first, each with its 入院病情 (1 有, 2 临床未确定,
3 情况不明, 4 无), the 损伤中毒外部原因 code, the operations and procedures (ICD-9-CM-3) with their
dates, and the 离院方式 (1 医嘱离院, 2 医嘱转院, 3 医嘱转社区卫生服务机构/乡镇卫生院, 4 非医嘱离院,
5 死亡, 9 其他). Codes are checked against the reference lists by workstation.clinical.front_sheet;
here only the shape is checked, the same on both sides."""

from __future__ import annotations

from typing import Any

from workstation.events.fields import Field, check_fields, one_of, optional, text, timestamp
from workstation.events.vocabulary import EventType

ADMISSION_CONDITIONS = ("1", "2", "3", "4")  # 有, 临床未确定, 情况不明, 无
DISPOSITIONS = ("1", "2", "3", "4", "5", "9")  # 离院方式
MAX_DIAGNOSES = 40
MAX_PROCEDURES = 40

_DIAGNOSIS = {
    "code": Field(text(24)),
    "name": Field(text(300)),
    "admission_condition": optional(one_of(ADMISSION_CONDITIONS)),
}
_PROCEDURE = {
    "code": Field(text(24)),
    "name": Field(text(300)),
    "performed_at": Field(timestamp),
    "operator": optional(text(100)),
}


def _object_list(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return "must be a list of objects"
    return None


def _items_rule(payload: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    for name, spec, most in (("admission_diagnoses", _DIAGNOSIS, MAX_DIAGNOSES),
                             ("discharge_diagnoses", _DIAGNOSIS, MAX_DIAGNOSES),
                             ("procedures", _PROCEDURE, MAX_PROCEDURES)):  # fmt: skip
        items = payload.get(name) or []
        if isinstance(items, list) and len(items) > most:
            problems.append(f"{name} has more than {most} rows")
        for number, item in enumerate(items if isinstance(items, list) else [], start=1):
            if isinstance(item, dict):
                problems += check_fields(item, spec, f"{name}[{number}].")
    return problems


def frontsheet_types() -> list[EventType]:
    """Event types of the front sheet."""
    return [
        EventType("FrontSheetSaved", {
            "admission_diagnoses": Field(_object_list),
            "discharge_diagnoses": Field(_object_list),  # the first row is the 主要诊断
            "external_cause": optional(text(24)),  # V01-Y98, required for an injury (S/T)
            "procedures": Field(_object_list),
            "disposition": optional(one_of(DISPOSITIONS)),
            "transfer_to": optional(text(200)),  # the receiving institution for 离院方式 2 and 3
        }, rules=(_items_rule,)),
    ]  # fmt: skip
