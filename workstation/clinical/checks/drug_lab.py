"""Drug-lab: the ordered drug against the latest lab values (resources/knowledge/drug_lab.json)."""

from __future__ import annotations

from workstation.clinical.checks.common import names, rule_alert, stronger
from workstation.clinical.checks.model import Alert, MedicationOrder, PatientContext
from workstation.clinical.checks.renal import patient_egfr
from workstation.clinical.knowledge import Knowledge


def _value(patient: PatientContext, lab: str) -> float | None:
    if lab == "egfr_ml_min_1_73m2":
        return patient_egfr(patient)
    value = patient.labs.get(lab)
    return None if value is None else float(value)


def check(order: MedicationOrder, patient: PatientContext, kb: Knowledge) -> list[Alert]:
    """One alert per lab that a rule flags for this drug (the most severe rule for that lab)."""
    groups = kb.groups_of(order.drug_code, order.route)
    chosen: dict[str, dict] = {}
    for rule in kb.drug_lab:
        if rule["group"] not in groups:
            continue
        value = _value(patient, rule["lab"])
        if value is None:
            continue
        beyond = value > rule["value"] if rule["op"] == "above" else value < rule["value"]
        best = chosen.get(rule["lab"])
        if beyond and (
            best is None or stronger(best["severity"], rule["severity"]) != best["severity"]
        ):
            chosen[rule["lab"]] = {**rule, "shown": value}
    en, zh = names(kb, order.drug_code)
    alerts = []
    for rule in chosen.values():
        shown = f"{rule['shown']:.3g}"
        text = {**rule, "message": rule["message"].format(value=shown),
                "message_zh": rule["message_zh"].format(value=shown)}  # fmt: skip
        alerts.append(rule_alert(kb, rule.get("category", "drug-lab"), text,
                                 prefix=f"{en}: ", prefix_zh=f"{zh}："))  # fmt: skip
    return alerts
