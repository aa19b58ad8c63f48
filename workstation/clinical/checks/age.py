"""Age: potentially inappropriate drugs in older adults (formulary `older_adults`, AGS Beers
2023) and drugs to avoid in children (resources/knowledge/older_adults.json `age_below`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workstation.clinical.checks.common import names, rule_alert
from workstation.clinical.checks.dose import daily_amount, limit_maximum
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
        return [_formulary_alert(order, patient, kb, entry)]
    return []


def _formulary_alert(
    order: MedicationOrder, patient: PatientContext, kb: Knowledge, entry: Mapping[str, Any]
) -> Alert:
    """The formulary's Beers entry: `avoid` warns; `caution` informs, unless the order's daily
    dose exceeds the entry's Beers limit (digoxin > 0.125 mg/day), which warns and says so."""
    en, zh = names(kb, order.drug_code)
    age = patient.age_years or 0.0
    advice = str(entry.get("advice") or "potentially inappropriate in older adults")
    advice_zh = str(entry.get("advice_zh") or "老年人潜在不适当用药")
    over = _over_beers_limit(order, patient, kb, entry.get("max_daily_dose"))
    source = entry.get("source") or "beers"
    if over is not None:
        amount, limit = over
        unit = str(limit["unit"])
        advice = f"daily dose {amount:g} {unit} exceeds the older-adult limit {limit['value']:g} {unit}; {advice}"
        advice_zh = f"日剂量{amount:g}{unit}超过老年人限量{limit['value']:g}{unit}；{advice_zh}"
        source = limit.get("source") or source
    avoid = str(entry.get("action") or "avoid") == "avoid"
    return Alert(
        category="age",
        severity="warning" if avoid or over is not None else "info",
        message=f"{en}, age {age:g}: {advice}",
        message_zh=f"{zh}，{age:g}岁：{advice_zh}",
        rule_id=f"age-{order.drug_code}",
        source=kb.cite(str(source)),
    )


def _over_beers_limit(
    order: MedicationOrder, patient: PatientContext, kb: Knowledge, limit: Any
) -> tuple[float, Mapping[str, Any]] | None:
    """(daily amount, limit) when the order's daily dose (with the same drug's active orders)
    is above the older-adults limit; None when within it or not computable."""
    drug = kb.formulary.by_code(order.drug_code)
    if drug is None or not isinstance(limit, Mapping) or not limit.get("value"):
        return None
    total = daily_amount(drug, order, patient.weight_kg, limit)
    if total is None:
        return None
    for active in patient.active_orders:
        if active.drug_code == order.drug_code:
            total += daily_amount(drug, active, patient.weight_kg, limit) or 0.0
    maximum = limit_maximum(limit, patient.weight_kg)
    return (total, limit) if maximum is not None and total > maximum * (1 + 1e-9) else None
