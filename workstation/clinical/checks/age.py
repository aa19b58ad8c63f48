"""Age: potentially inappropriate drugs in older adults (formulary `older_adults`, AGS Beers
2023) and drugs to avoid in children (resources/knowledge/older_adults.json `age_below`)."""

from __future__ import annotations

from workstation.clinical.checks.common import names, rule_alert
from workstation.clinical.checks.model import Alert, MedicationOrder, PatientContext
from workstation.clinical.knowledge import Knowledge


def check(order: MedicationOrder, patient: PatientContext, kb: Knowledge) -> list[Alert]:
    """At most one age alert; the knowledge file's graded rule wins over the formulary's entry."""
    age = patient.age_years
    if age is None:
        return []
    en, zh = names(kb, order.drug_code)
    groups = kb.groups_of(order.drug_code, order.route)
    for rule in kb.older_adults:
        applies = age >= rule["age_from"] if "age_from" in rule else age < rule["age_below"]
        if rule["group"] in groups and applies:
            return [
                rule_alert(
                    kb,
                    "age",
                    {**rule, "source": rule.get("source", "beers")},
                    prefix=f"{en}, age {age:g}: ",
                    prefix_zh=f"{zh}，{age:g}岁：",
                )
            ]
    entry = (kb.drug(order.drug_code) or {}).get("older_adults")
    if isinstance(entry, dict) and entry.get("age_from") and age >= float(entry["age_from"]):
        advice = str(entry.get("advice") or "potentially inappropriate in older adults")
        return [Alert(
            category="age",
            severity="warning" if str(entry.get("action") or "avoid") == "avoid" else "info",
            message=f"{en}, age {age:g}: {advice}",
            message_zh=f"{zh}，{age:g}岁：{entry.get('advice_zh') or '老年人潜在不适当用药'}",
            rule_id=f"age-{order.drug_code}",
            source=kb.cite(str(entry.get("source") or "beers")),
        )]  # fmt: skip
    return []
