"""Therapeutic duplication: the same drug, or the same group, already active."""

from __future__ import annotations

from workstation.clinical.checks.common import names, stronger
from workstation.clinical.checks.model import Alert, MedicationOrder, PatientContext
from workstation.clinical.knowledge import Knowledge

ONCE_ONLY = {"st", "once"}


def _occasional(order: MedicationOrder) -> bool:
    """An as-needed or once-only order: a rescue dose beside a regular one is usual."""
    return order.prn or (order.frequency or "").lower() in ONCE_ONLY


def _severity(
    order: MedicationOrder, active: MedicationOrder, kb: Knowledge
) -> tuple[str | None, str]:
    """The duplication severity for one active order and the group that caused it."""
    spec = kb.duplication
    new_groups = kb.groups_of(order.drug_code, order.route)
    old_groups = kb.groups_of(active.drug_code, active.route)
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
        same = why == "same drug"
        alerts.append(Alert(
            category="therapeutic-duplication",
            severity=severity,
            message=(f"{new_en}: {old_en} is already ordered" if same else
                     f"{new_en} duplicates {old_en} (both {why}): stop one or confirm both"),
            message_zh=(f"{new_zh}：已有{old_zh}医嘱" if same else
                        f"{new_zh}与{old_zh}同类重复({why})：停用其一或确认需要两者"),
            rule_id="dup-same-drug" if same else f"dup-{why}",
            source=kb.cite(kb.duplication.get("source", "dup")),
        ))  # fmt: skip
    return alerts
