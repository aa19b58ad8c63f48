"""The order sheet's own facts (医嘱单): the nurse's check of an order, the doctor's signature of
a verbal order, the reorganised long-term sheet; and the fields they add to `OrderPlaced`.

- `term`: 长期 (long_term) or 临时 (temporary), chosen by the doctor. 病历书写基本规范 (2010)
  Art. 26 defines the 长期医嘱单 (start, order, doctor and nurse signatures, stop, the stop's
  doctor and nurse) and the 临时医嘱单 (time, order, doctor, time executed, executing nurse).
  An order without it (placed before) keeps the old inference (st, lab, imaging are 临时).
- `group`: several drugs in one bag (`NS 250ml + 呋塞米 20mg + 氯化钾 1g ivgtt qd`): the carrier and
  the drugs after the first, which run at the first's route and frequency.
- `verbal_from`: a verbal order (口头医嘱) a nurse took from this doctor in a rescue; 病历书写基本规范
  Art. 26 (一般情况下不得下达口头医嘱, 抢救时护士应复诵一遍, 抢救结束后即刻据实补记) and 医疗质量安全核心制度要点
  (2018, 查对制度 and 抢救制度): the doctor signs it afterwards (`VerbalOrderSigned`).
- `discharge`: 出院带药, quantity and days; oral or external forms only (处方管理办法 2007 Art. 19: a
  prescription is for 7 days at most, 急诊 3 days, longer only for chronic illness with the reason).
"""

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
    uuid_ref,
)
from workstation.events.vocabulary import MEDICATION_FIELDS, EventType

TERMS = ("long_term", "temporary")
CHECK_KINDS = ("new", "stop")  # the nurse checks a new order and a stopped one
# 重整医嘱: when the sheet is long with changes, after a transfer (转科) or an operation (术后)
REORGANISE_REASONS = ("many_changes", "transfer", "surgery")
MAX_GROUP_MEMBERS = 9
# 出院带药: forms the patient takes home (oral, sublingual, external, inhaled, rectal, vaginal)
DISCHARGE_ROUTES = frozenset({"po", "sl", "top", "inh", "neb", "pr", "pv", "eye", "ear", "nasal"})
CARRIERS = ("ns", "gs5", "gs10", "gns", "lr")

ORDER_SHEET_FIELDS: dict[str, Field] = {
    "term": optional(one_of(TERMS)),
    "group": optional(json_object),
    "verbal_from": optional(text(64)),
    "discharge": optional(json_object),
}
_CARRIER_FIELDS = {"code": Field(one_of(CARRIERS)), "volume_ml": Field(number(1, 5000))}
_DISCHARGE_FIELDS = {
    "quantity": Field(number(positive=True)),
    "unit": Field(text(16)),
    "days": Field(integer(1, 90)),
}


def order_sheet_rule(payload: dict[str, Any]) -> list[str]:
    """The group, verbal and discharge parts of an OrderPlaced are whole and consistent."""
    return _group_problems(payload) + _discharge_problems(payload) + _verbal_problems(payload)


def _group_problems(payload: dict[str, Any]) -> list[str]:
    group, med = payload.get("group"), payload.get("medication")
    if not isinstance(group, dict):
        return []
    if not isinstance(med, dict):
        return ["group is only allowed on a medication order"]
    members = group.get("members", [])
    if not isinstance(members, list) or len(members) > MAX_GROUP_MEMBERS:
        return [f"group.members must be a list of at most {MAX_GROUP_MEMBERS} drugs"]
    problems = [f"group: unknown field(s): {', '.join(sorted(set(group) - {'members', 'carrier'}))}"
                ] if set(group) - {"members", "carrier"} else []  # fmt: skip
    if group.get("carrier") is not None:
        carrier = group["carrier"]
        problems += (check_fields(carrier, _CARRIER_FIELDS, where="group.carrier.")
                     if isinstance(carrier, dict) else ["group.carrier must be an object"])  # fmt: skip
    if not members and group.get("carrier") is None:
        problems.append("group needs a carrier or other drugs")
    for index, member in enumerate(members):
        if not isinstance(member, dict):
            problems.append(f"group.members[{index}] must be an object")
            continue
        problems += check_fields(member, MEDICATION_FIELDS, where=f"group.members[{index}].")
        if (member.get("route"), member.get("frequency")) != (
            med.get("route"),
            med.get("frequency"),
        ):
            problems.append(f"group.members[{index}]: the drugs of one bag run at one route "
                            "and frequency")  # fmt: skip
    return problems


def _discharge_problems(payload: dict[str, Any]) -> list[str]:
    discharge, med = payload.get("discharge"), payload.get("medication")
    if discharge is None:
        return []
    if not isinstance(med, dict) or not isinstance(discharge, dict):
        return ["discharge is only allowed on a medication order"]
    problems = check_fields(discharge, _DISCHARGE_FIELDS, where="discharge.")
    if med.get("route") not in DISCHARGE_ROUTES:
        problems.append("discharge: 出院带药 is oral or external only, not route "
                        f"{med.get('route')}")  # fmt: skip
    if payload.get("group") is not None:
        problems.append("discharge: an infusion group is not taken home")
    return problems


def _verbal_problems(payload: dict[str, Any]) -> list[str]:
    if payload.get("verbal_from") is not None and not payload.get("urgent"):
        return ["verbal_from: a verbal order is taken only in a rescue (urgent)"]
    return []


def order_sheet_types() -> list[EventType]:
    """The nurse's check, the doctor's signature of a verbal order, the reorganised sheet."""
    return [
        EventType("OrderChecked", {
            "order_id": Field(uuid_ref),
            "what": Field(one_of(CHECK_KINDS)),
        }, references=("order_id",)),
        EventType("VerbalOrderSigned", {"order_id": Field(uuid_ref)}, references=("order_id",)),
        EventType("OrderSheetReorganised", {
            "reason": Field(one_of(REORGANISE_REASONS)), "note": optional(text(500)),
        }),
    ]  # fmt: skip
