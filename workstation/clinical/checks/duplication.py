"""Therapeutic duplication: the same drug, or the same group, already active."""

from __future__ import annotations

from workstation.clinical.checks.common import names, stronger
from workstation.clinical.checks.model import Alert, MedicationOrder, PatientContext
from workstation.clinical.knowledge import Knowledge

ONCE_ONLY = {"st", "once"}
_RULE_IDS = {"same drug": "dup-same-drug", "loading dose": "dup-loading-dose"}


def _once_only(order: MedicationOrder) -> bool:
    return (order.frequency or "").lower() in ONCE_ONLY


def _occasional(order: MedicationOrder) -> bool:
    """An as-needed or once-only order: a rescue dose beside a regular one is usual."""
    return order.prn or _once_only(order)


def _loading_dose(order: MedicationOrder, active: MedicationOrder, kb: Knowledge) -> bool:
    """A once-only dose of the drug beside its own regular order: the loading dose of
    ticagrelor 180 mg st then 90 mg bid, aspirin 300 mg st then 100 mg qd, clopidogrel 300 mg.
    Two once-only orders are not a loading dose (the same st entered twice), and a group never
    downgraded (heparins, DOACs, warfarin) counts one only when its entry names a labelled
    loading dose: an extra enoxaparin dose beside its daily order is a double dose."""
    if order.drug_code != active.drug_code or _once_only(order) == _once_only(active):
        return False
    groups = kb.groups_of(order.drug_code)
    return all(entry.get("downgrade", True) or entry.get("loading_dose", False)
               for entry in kb.duplication["groups"] if entry["group"] in groups)  # fmt: skip


def _severity(
    order: MedicationOrder, active: MedicationOrder, kb: Knowledge
) -> tuple[str | None, str]:
    """The duplication severity for one active order and the group that caused it."""
    spec = kb.duplication
    new_groups = kb.groups_of(order.drug_code, order.route)
    old_groups = kb.groups_of(active.drug_code, active.route)
    if _loading_dose(order, active, kb):
        return "info", "loading dose"
    occasional = _occasional(order) or _occasional(active)
    severity: str | None = None
    why = "same drug"
    if order.drug_code == active.drug_code:
        severity = "info" if occasional else "warning"
    for entry in spec["groups"]:
        if entry["group"] in new_groups and entry["group"] in old_groups:
            level = "info" if occasional and entry.get("downgrade", True) else entry["severity"]
            if stronger(severity, level) != severity:
                severity, why = level, entry["group"]
    for pair in spec.get("pairs", ()):
        a, b = pair["a"], pair["b"]
        paired = (a in new_groups and b in old_groups) or (b in new_groups and a in old_groups)
        if paired and stronger(severity, pair["severity"]) != severity:
            severity, why = pair["severity"], f"{a}/{b}"
    return severity, why


def check(order: MedicationOrder, patient: PatientContext, kb: Knowledge) -> list[Alert]:
    """One alert per active order that duplicates the new one."""
    alerts: list[Alert] = []
    new_en, new_zh = names(kb, order.drug_code)
    for active in patient.active_orders:
        severity, why = _severity(order, active, kb)
        if severity is None:
            continue
        old_en, old_zh = names(kb, active.drug_code)
        alerts.append(Alert(
            category="therapeutic-duplication",
            severity=severity,
            message=_message(why, new_en, old_en),
            message_zh=_message_zh(why, new_zh, old_zh),
            rule_id=_RULE_IDS.get(why, f"dup-{why}"),
            source=kb.cite(kb.duplication.get("source", "dup")),
        ))  # fmt: skip
    return alerts


def _message(why: str, new: str, old: str) -> str:
    if why == "loading dose":
        return f"{new}: a once-only dose beside the regular order (loading dose)"
    if why == "same drug":
        return f"{new}: {old} is already ordered"
    return f"{new} duplicates {old} (both {why}): stop one or confirm both"


def _message_zh(why: str, new: str, old: str) -> str:
    if why == "loading dose":
        return f"{new}：临时医嘱与长期医嘱同药（负荷剂量）"
    if why == "same drug":
        return f"{new}：已有{old}医嘱"
    return f"{new}与{old}同类重复({why})：停用其一或确认需要两者"
