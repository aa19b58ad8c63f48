"""Pregnancy: the formulary's `pregnancy` entry and the knowledge file's drug groups."""

from __future__ import annotations

from workstation.clinical.checks.common import most_severe, names, rule_alert
from workstation.clinical.checks.drug_diagnosis import matching_conditions
from workstation.clinical.checks.model import Alert, MedicationOrder, PatientContext
from workstation.clinical.knowledge import Knowledge

_AVOID = {"avoid", "contraindicated", "x"}


def check(order: MedicationOrder, patient: PatientContext, kb: Knowledge) -> list[Alert]:
    """At most one pregnancy alert, the most severe reading, for a patient marked pregnant or
    with a pregnancy diagnosis (ICD-10 O, Z33-Z36, or the words)."""
    conditions = kb.diagnosis["conditions"]
    recorded = "pregnancy" in matching_conditions(patient.diagnoses, conditions)
    if not (patient.pregnant or recorded):
        return []
    en, zh = names(kb, order.drug_code)
    found: list[Alert] = []
    groups = kb.groups_of(order.drug_code, order.route)
    for rule in kb.pregnancy:
        if rule["group"] in groups:
            found.append(rule_alert(kb, "pregnancy", rule, prefix=f"{en}, pregnant: ",
                                    prefix_zh=f"{zh}，妊娠期："))  # fmt: skip
    entry = (kb.drug(order.drug_code) or {}).get("pregnancy")
    if isinstance(entry, dict) and entry.get("risk"):
        avoid = str(entry["risk"]).lower() in _AVOID
        found.append(Alert(
            category="pregnancy",
            severity="critical" if avoid else "info",
            message=f"{en}, pregnant: {entry.get('advice') or ('avoid' if avoid else 'caution')}",
            message_zh=f"{zh}，妊娠期：{entry.get('advice_zh') or ('避免使用' if avoid else '慎用')}",
            rule_id=f"pregnancy-{order.drug_code}",
            source=kb.cite(str(entry.get("source") or "label")),
        ))  # fmt: skip
    best = most_severe(found)
    return [best] if best else []
