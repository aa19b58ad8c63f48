"""Tenfold errors (issue 11 item 2): a dose 10 times or a tenth of the usual single dose.

Critical for every drug, whatever its ceilings say (a drug without a ceiling is caught too). The
usual single dose is the formulary's `default_dose` (what order entry proposes), or where the label
doses by body size (`usual_dose`, ORS 50 mL/kg) that dose times this patient's weight or body
surface area; without the weight or BSA it is the default dose. An infusion
(`ivgtt`) of a drug whose first route is another is left out: the amount in a bag or pump syringe
(insulin 50 U in 50 mL, esmolol 2 g) is not a dose, and its rate is checked elsewhere. Nor is
the count of a semisolid's order: the tubes it supplies (dispense_forms.SUPPLY_UNITS).
"""

from __future__ import annotations

from dataclasses import dataclass

from workstation.clinical.body_surface import dosing_bsa
from workstation.clinical.checks.common import names
from workstation.clinical.checks.dose import limit_for_route, limit_maximum
from workstation.clinical.checks.model import Alert, MedicationOrder, PatientContext
from workstation.clinical.dispense_forms import is_supply_order
from workstation.clinical.dose_units import TENFOLD
from workstation.clinical.formulary import Drug
from workstation.clinical.formulary_schema import limit_base_unit
from workstation.clinical.knowledge import Knowledge


@dataclass(frozen=True, slots=True)
class UsualDose:
    """The usual single dose a tenfold error is measured against, in `unit`. `by_size` is how
    it was worked out (`50 mL/kg × 12 kg`) when the label doses by body size; `lowest` is the
    smaller of it and the fixed default dose (ORS: 一次500ml for an adult), so the label's own
    fixed dose is never a tenfold underdose for a heavy patient."""

    value: float
    unit: str
    by_size: str = ""
    lowest: float = 0.0
    naive_source: str = ""  # measured against an opioid-naive ceiling: that ceiling's source

    @property
    def floor(self) -> float:
        return self.lowest or self.value


def usual_single_dose(drug: Drug, patient: PatientContext, route: str | None = None) -> UsualDose:
    """The usual single dose for this patient: the label's per-kg or per-m² dose (`usual_dose`)
    scaled by the weight or BSA, else (or without them) the formulary's default dose. For an
    opioid and a patient whose opioid tolerance a doctor recorded, the default (an opioid-naive
    starting dose) says nothing: the usual dose is then the most a naive patient may start on
    (`opioid_naive_single_dose` for the route), so 60 mg of MS Contin in a tolerant patient is
    not a tenfold error, while ten times the naive ceiling still is."""
    tolerant = patient.opioid_tolerant and _naive_ceiling(drug, patient, route)
    if tolerant:
        return tolerant
    usual = drug.entry.get("usual_dose")
    amount = usual and limit_maximum(usual, patient.weight_kg, dosing_bsa(patient.body))
    if not usual or not amount:
        return UsualDose(drug.default_dose, drug.default_unit)
    unit = limit_base_unit(str(usual["unit"]))
    per_kg = str(usual["unit"]).lower().endswith("/kg")
    size = f"{patient.weight_kg:g} kg" if per_kg else f"{amount / float(usual['value']):.2f} m²"
    default = drug.dose_in(drug.default_dose, drug.default_unit, unit) or amount
    return UsualDose(amount, unit, f"{usual['value']:g} {usual['unit']} × {size}",
                     min(amount, default))  # fmt: skip


def _naive_ceiling(drug: Drug, patient: PatientContext, route: str | None) -> UsualDose | None:
    limit = limit_for_route(drug.entry.get("opioid_naive_single_dose"), route)
    amount = limit and limit_maximum(limit, patient.weight_kg)
    if not limit or not amount:
        return None
    return UsualDose(amount, limit_base_unit(str(limit["unit"])),
                     f"opioid-tolerant: the opioid-naive ceiling {limit['value']:g} {limit['unit']}",
                     naive_source=str(limit.get("source") or ""))  # fmt: skip


def _source(drug: Drug, usual: UsualDose) -> str:
    base = "ISMP: tenfold dosing errors; usual dose = the formulary's default dose"
    if usual.naive_source:
        return f"{base}, or for an opioid-tolerant patient the opioid-naive ceiling: {usual.naive_source}"
    if not usual.by_size:
        return base
    spec = drug.entry["usual_dose"]
    return f"{base}, or per body size {spec['value']:g} {spec['unit']}: {spec['source']}"


def check(order: MedicationOrder, patient: PatientContext, kb: Knowledge) -> list[Alert]:
    """A critical alert when the dose is >= 10x or <= 1/10 of the usual single dose."""
    drug = kb.formulary.by_code(order.drug_code)
    if drug is None or order.dose_value is None or not order.dose_unit:
        return []
    if order.route == "ivgtt" and drug.routes[0] != "ivgtt":
        return []
    if is_supply_order(drug, order.dose_unit):  # tubes supplied, not a dose
        return []
    usual = usual_single_dose(drug, patient, order.route)
    amount = drug.dose_in(order.dose_value, order.dose_unit, usual.unit)
    if amount is None or usual.value <= 0:
        return []
    high = amount / usual.value >= TENFOLD * (1 - 1e-9)
    if not high and amount / usual.floor > 1 / TENFOLD * (1 + 1e-9):
        return []
    value = usual.value if high else usual.floor
    how = f" ({usual.by_size})" if usual.by_size and value == usual.value else ""
    ratio = amount / value
    en, zh = names(kb, order.drug_code)
    times = f"{ratio:.3g} times" if high else f"1/{1 / ratio:.3g} of"
    times_zh = f"{ratio:.3g}倍" if high else f"{1 / ratio:.3g}分之一"
    dose = f"{order.dose_value:g} {order.dose_unit}"
    how_zh = how.replace(" (", "（").replace(")", "）")
    return [Alert(
        category="dose-single", severity="critical",
        message=f"{en}: {dose} is {times} the usual single dose of {value:g} {usual.unit}{how}"
                " — a tenfold error? Check the dose and its unit.",
        message_zh=f"{zh}：{dose}为常用单次剂量{value:g}{usual.unit}{how_zh}的{times_zh}——"
                   "是否十倍剂量错误？请核对剂量及单位。",
        rule_id=f"dose-tenfold-{order.drug_code}",
        source=_source(drug, usual),
    )]  # fmt: skip
