"""Drug-diagnosis: the ordered drug against the patient's diagnoses (ICD-10 codes or words)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from workstation.clinical.checks.common import mentions, names, rule_alert, stronger
from workstation.clinical.checks.model import Alert, MedicationOrder, PatientContext
from workstation.clinical.knowledge import Knowledge

_ICD10 = re.compile(r"^[A-Z][0-9]{2}")


def _code(text: str) -> str:
    return text.strip().upper().replace(".", "")


def icd10_of(diagnosis: str) -> str:
    """The ICD-10 code a diagnosis starts with ('I50.9 heart failure' -> 'I509'), or ''."""
    first = diagnosis.split()[0] if diagnosis.split() else ""
    return _code(first) if _ICD10.match(first.upper()) else ""


def matching_conditions(diagnoses: Iterable[str], conditions: Mapping[str, Any]) -> set[str]:
    """The knowledge conditions that any diagnosis matches, by ICD-10 prefix or by word."""
    found = set()
    for diagnosis in diagnoses:
        text, code = diagnosis.lower(), icd10_of(diagnosis)
        for name, spec in conditions.items():
            by_code = code and any(code.startswith(_code(p)) for p in spec.get("icd10", ()))
            if by_code or any(mentions(text, w, word_start=True) for w in spec.get("words", ())):
                found.add(name)
    return found


def check(order: MedicationOrder, patient: PatientContext, kb: Knowledge) -> list[Alert]:
    """One alert per matching condition, the most severe rule for it."""
    conditions = matching_conditions(patient.diagnoses, kb.diagnosis["conditions"])
    if not conditions:
        return []
    groups = kb.groups_of(order.drug_code, order.route)
    chosen: dict[str, dict] = {}
    for rule in kb.diagnosis["rules"]:
        if rule["condition"] in conditions and rule["group"] in groups:
            best = chosen.get(rule["condition"])
            if best is None or stronger(best["severity"], rule["severity"]) != best["severity"]:
                chosen[rule["condition"]] = rule
    en, zh = names(kb, order.drug_code)
    return [
        rule_alert(kb, "drug-diagnosis", rule, prefix=f"{en}: ", prefix_zh=f"{zh}：")
        for rule in chosen.values()
    ]
