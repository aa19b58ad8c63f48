"""Drug-drug interactions between the new order and each active order.

A rule may carry `within_dose` {group, daily_max, unit, severity, source}: when the order of that
group's drug stays within the daily dose the label allows with the other drug (atorvastatin
<= 20 mg a day with clarithromycin), the rule's severity is the lower one given there.
A rule may carry `critical_when` {conditions, egfr_below, source}: the label contraindicates the
pair only in those patients (aliskiren with an ACE inhibitor or ARB in diabetes or at
eGFR < 60), where the rule becomes critical.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workstation.clinical.checks.clearance import patient_egfr
from workstation.clinical.checks.common import names, rule_alert, stronger
from workstation.clinical.checks.dose import daily_amount
from workstation.clinical.checks.drug_diagnosis import matching_conditions
from workstation.clinical.checks.model import SEVERITY_RANK, Alert, MedicationOrder, PatientContext
from workstation.clinical.knowledge import Knowledge


def _graded(rule: Mapping[str, Any], pair: tuple[MedicationOrder, MedicationOrder],
            kb: Knowledge, weight: float | None) -> Mapping[str, Any]:  # fmt: skip
    """The rule at the severity the dose calls for (its own unless within `within_dose`)."""
    within = rule.get("within_dose")
    if not within:
        return rule
    for order in pair:
        drug = kb.formulary.by_code(order.drug_code)
        if drug is None or not kb.in_group(order.drug_code, within["group"], order.route):
            continue
        amount = daily_amount(drug, order, weight, {"value": 1, "unit": within["unit"]})
        if amount is not None and amount <= float(within["daily_max"]) * (1 + 1e-9):
            return {**rule, "severity": within["severity"]}
    return rule


def _for_patient(rule: Mapping[str, Any], patient: PatientContext,
                 kb: Knowledge) -> Mapping[str, Any]:  # fmt: skip
    """The rule at critical where its `critical_when` holds for the patient, else as it is."""
    when = rule.get("critical_when")
    if not when:
        return rule
    conditions = kb.diagnosis["conditions"]
    wanted = {name: conditions[name] for name in when.get("conditions", ())}
    egfr = patient_egfr(patient) if "egfr_below" in when else None
    if matching_conditions(patient.diagnoses, wanted) or (
        egfr is not None and egfr < float(when["egfr_below"])
    ):
        return {**rule, "severity": "critical"}
    return rule


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
        for raw in kb.interactions:
            a, b = raw["a"], raw["b"]
            hit = (a in new_groups and b in old_groups) or (b in new_groups and a in old_groups)
            rule: Mapping[str, Any] = raw
            if hit:
                rule = _for_patient(
                    _graded(raw, (order, active), kb, patient.weight_kg), patient, kb
                )
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
