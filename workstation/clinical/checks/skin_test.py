"""Skin test (皮试): a drug the formulary marks as needing one may not be given without a negative
result on file (《中国药典》临床用药须知; 《β-内酰胺类抗菌药物皮肤试验指导原则（2021年版）》)."""

from __future__ import annotations

from workstation.clinical.checks.common import names
from workstation.clinical.checks.model import Alert, MedicationOrder, PatientContext
from workstation.clinical.controlled import skin_test_result
from workstation.clinical.knowledge import Knowledge


def check(order: MedicationOrder, patient: PatientContext, kb: Knowledge) -> list[Alert]:
    """Information when the drug needs a skin test with no negative result on file (the
    skin-test order goes with it and the dose is held downstream); critical when positive."""
    drug = kb.drug(order.drug_code)
    entry = (drug or {}).get("skin_test")
    if not isinstance(entry, dict):
        return []
    result = skin_test_result(drug, patient.skin_tests)
    if result == "negative":
        return []
    en, zh = names(kb, order.drug_code)
    substance, substance_zh = entry["substance"], entry.get("substance_zh") or entry["substance"]
    if result == "positive":
        message = f"{en}: the {substance} skin test is POSITIVE. Do not give it."
        message_zh = f"{zh}：{substance_zh}皮试阳性，禁止使用。"
        positive = entry.get("if_positive")  # an antiserum: the label's desensitisation instead
        if isinstance(positive, dict):
            message = f"{en}: the {substance} skin test is POSITIVE. {positive['text']}"
            message_zh = f"{zh}：{substance_zh}皮试阳性。{positive['text_zh']}"
    else:
        message = (
            f"{en} needs a {substance} skin test: no negative result on file; the first "
            "dose may not be verified or given until a negative result is recorded."
        )
        message_zh = f"{zh}需做{substance_zh}皮试：尚无阴性结果，皮试阴性前不得审核或给药。"
    # pending: nothing for the doctor to decide at order entry (the skin-test order is placed with
    # the drug), so it informs without interrupting; the hard stops are at the pharmacist's
    # verification and the bedside scan. Positive: critical, it is an allergy.
    severity = "critical" if result == "positive" else "info"
    return [Alert(category="skin-test", severity=severity, message=message,
                  message_zh=message_zh, rule_id=f"skin-test-{substance}",
                  source=kb.cite(str(entry.get("source") or "label")))]  # fmt: skip
