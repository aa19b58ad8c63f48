"""How a dose is given: drugs never pushed IV (concentrated potassium chloride) and the highest
concentration once diluted in the carrier fluid of a compound line (`NS 500ml + 10%氯化钾 15ml`).

Rules and their sources are in `resources/knowledge/dose_rules.json` (`infusion`); alerts go in
the `dose-single` category, the dose as given.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workstation.clinical.checks.common import names
from workstation.clinical.checks.model import Alert, MedicationOrder, PatientContext
from workstation.clinical.formulary import Drug
from workstation.clinical.knowledge import Knowledge


def check(order: MedicationOrder, patient: PatientContext, kb: Knowledge) -> list[Alert]:
    """An alert per infusion rule the order breaks."""
    rules = [r for r in kb.dose_rules.get("infusion", ()) if order.drug_code in r["drugs"]]
    drug = kb.formulary.by_code(order.drug_code)
    alerts: list[Alert] = []
    for rule in rules:
        if order.route in rule.get("never_routes", ()):
            alerts.append(_alert(kb, order, rule, {}))
        g_per_l = _grams_per_litre(drug, order) if drug and "max_g_per_l" in rule else None
        if g_per_l is not None and g_per_l > float(rule["max_g_per_l"]) * (1 + 1e-9):
            alerts.append(_alert(kb, order, rule, {"g_per_l": g_per_l, "max": rule["max_g_per_l"]}))
    return alerts


def _grams_per_litre(drug: Drug, order: MedicationOrder) -> float | None:
    """The drug's concentration in its carrier fluid (the drug's own volume included)."""
    if not order.diluent_ml or order.dose_value is None or not order.dose_unit:
        return None
    grams = drug.dose_in(order.dose_value, order.dose_unit, "g")
    if grams is None:
        return None
    own_ml = order.dose_value if order.dose_unit == "mL" else 0.0
    return grams * 1000 / (order.diluent_ml + own_ml)


def _alert(
    kb: Knowledge, order: MedicationOrder, rule: Mapping[str, Any], values: Mapping[str, Any]
) -> Alert:
    en, zh = names(kb, order.drug_code)
    return Alert(
        category="dose-single",
        severity=rule["severity"],
        message=f"{en}: {rule['message'].format(**values)}",
        message_zh=f"{zh}：{rule['message_zh'].format(**values)}",
        rule_id=rule["id"],
        source=kb.cite(rule["source"]),
    )
