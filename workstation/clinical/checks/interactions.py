"""Drug-drug interactions between the new order and each active order."""

from __future__ import annotations

from workstation.clinical.checks.common import names, rule_alert, stronger
from workstation.clinical.checks.model import SEVERITY_RANK, Alert, MedicationOrder, PatientContext
from workstation.clinical.knowledge import Knowledge


def check(order: MedicationOrder, patient: PatientContext, kb: Knowledge) -> list[Alert]:
    """One alert per interacting active order: the most severe rule for that pair."""
    alerts: list[Alert] = []
    new_groups = kb.groups_of(order.drug_code, order.route)
    seen: set[str] = set()
    for active in patient.active_orders:
        if active.drug_code == order.drug_code or active.drug_code in seen:
            continue
        seen.add(active.drug_code)
        old_groups = kb.groups_of(active.drug_code, active.route)
        best = None
        for rule in kb.interactions:
            a, b = rule["a"], rule["b"]
            hit = (a in new_groups and b in old_groups) or (b in new_groups and a in old_groups)
            if hit and (
                best is None or stronger(best["severity"], rule["severity"]) != best["severity"]
            ):
                best = rule
        if best is not None:
            new_en, new_zh = names(kb, order.drug_code)
            old_en, old_zh = names(kb, active.drug_code)
            alerts.append(rule_alert(
                kb, "drug-drug", best,
                prefix=f"{new_en} with {old_en}: ", prefix_zh=f"{new_zh}与{old_zh}：",
            ))  # fmt: skip
    alerts.sort(key=lambda a: -SEVERITY_RANK[a.severity])
    return alerts
