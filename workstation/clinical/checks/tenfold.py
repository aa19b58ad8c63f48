"""Tenfold errors (issue 11 item 2): a dose 10 times or a tenth of the usual single dose.

Critical for every drug, whatever its ceilings say (a drug without a ceiling is caught too). The
usual single dose is the formulary's `default_dose` (what order entry proposes). An infusion
(`ivgtt`) of a drug whose first route is another is left out: the amount in a bag or pump syringe
(insulin 50 U in 50 mL, esmolol 2 g) is not a dose, and its rate is checked elsewhere. Nor is
the count of a semisolid's order: the tubes it supplies (dispense_forms.SUPPLY_UNITS).
"""

from __future__ import annotations

from workstation.clinical.checks.common import names
from workstation.clinical.checks.model import Alert, MedicationOrder, PatientContext
from workstation.clinical.dispense_forms import is_supply_order
from workstation.clinical.dose_units import TENFOLD
from workstation.clinical.knowledge import Knowledge


def check(order: MedicationOrder, patient: PatientContext, kb: Knowledge) -> list[Alert]:
    """A critical alert when the dose is >= 10x or <= 1/10 of the usual single dose."""
    drug = kb.formulary.by_code(order.drug_code)
    if drug is None or order.dose_value is None or not order.dose_unit:
        return []
    if order.route == "ivgtt" and drug.routes[0] != "ivgtt":
        return []
    if is_supply_order(drug, order.dose_unit):  # tubes supplied, not a dose
        return []
    value, unit = drug.default_dose, drug.default_unit
    amount = drug.dose_in(order.dose_value, order.dose_unit, unit)
    if amount is None or value <= 0:
        return []
    ratio = amount / value
    if 1 / TENFOLD * (1 + 1e-9) < ratio < TENFOLD * (1 - 1e-9):
        return []
    en, zh = names(kb, order.drug_code)
    high = ratio >= 1
    times = f"{ratio:.3g} times" if high else f"1/{1 / ratio:.3g} of"
    times_zh = f"{ratio:.3g}倍" if high else f"{1 / ratio:.3g}分之一"
    dose = f"{order.dose_value:g} {order.dose_unit}"
    return [Alert(
        category="dose-single", severity="critical",
        message=f"{en}: {dose} is {times} the usual single dose of {value:g} {unit}"
                " — a tenfold error? Check the dose and its unit.",
        message_zh=f"{zh}：{dose}为常用单次剂量{value:g}{unit}的{times_zh}——是否十倍剂量错误？"
                   "请核对剂量及单位。",
        rule_id=f"dose-tenfold-{order.drug_code}",
        source="ISMP: tenfold dosing errors; usual dose = the formulary's default dose",
    )]  # fmt: skip
