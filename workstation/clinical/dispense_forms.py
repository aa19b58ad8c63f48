"""The dosage form a route implies, and what is dispensed for a dose: `morphine 10mg po` is
counted in tablets, `morphine 10mg iv` in ampoules (处方管理办法 2007 Art. 6: a prescription
names the form; a dose is dispensed in the form it is given by). The formulary lists each drug's
forms without a route, so a form's family is read from its dispensing unit and its words.

Oral and injection routes take only forms of their own family: counting an oral dose in
ampoules (or an injection in tablets) is a wrong drug product, so where the formulary has no such
form the order is refused, naming the route. Rectal, inhaled, topical and vaginal routes prefer
their own forms and otherwise use the forms the formulary lists for the drug (lactulose or
chloral hydrate solution as an enema, ambroxol injection nebulised, thrombin powder on a wound),
as the formulary lists that route for the drug.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workstation.clinical.formulary import (
    Drug,
    DrugForm,
    Formulary,
    canonical_unit,
    convert_amount,
)

ROUTE_FAMILY = {
    "po": "oral", "sl": "oral", "ng": "oral",
    "iv": "injection", "ivgtt": "injection", "im": "injection", "sc": "injection",
    "ih": "injection", "id": "injection", "it": "injection",
    "pr": "rectal", "neb": "inhaled", "inh": "inhaled", "top": "topical", "pv": "vaginal",
    "epidural": "injection", "infil": "injection",
    "eye": "ophthalmic", "ear": "otic", "nasal": "nasal",
}  # fmt: skip
STRICT_FAMILIES = frozenset({"oral", "injection"})
# the family a route without forms of its own borrows first: a nebulised dose is drawn from an
# injection ampoule (ambroxol), never a tablet the formulary also lists
BORROWS = {"inhaled": "injection"}
# eye, ear and nose products, told by their words before any other family (`eye drops`)
_LOCAL_FORM_WORDS = {
    "ophthalmic": ("eye drops", "eye ointment", "eye gel"), "otic": ("ear drops",),
    "nasal": ("nasal drops", "nasal spray"),
}  # fmt: skip
_ORAL_UNITS = frozenset({"tab", "cap", "sachet"})
_INJECTION_UNITS = frozenset({"amp", "vial", "bag", "syringe", "pen"})
_ORAL_WORDS = ("oral", "tincture", "tablet", "capsule", "granules", "syrup")
_WHOLE_WORDS = ("sustained", "controlled", "modified", "extended", "enteric", "release")
_INJECTION_WORDS = ("injection", "infusion", "emulsion", "concentrate")
# the formulary drug an order group's carrier (sentence_words.VEHICLES) is picked as
CARRIER_DRUGS = {
    "ns": "sodium_chloride_09", "gs5": "glucose_5", "gs10": "glucose_10",
    "gns": "glucose_sodium_chloride", "lr": "ringer_lactate",
}  # fmt: skip


# A multi-dose container (an eye, ear or nose dropper bottle, a metered nasal spray): its form's
# unit is the dose unit and its strength the doses one container holds (a 5 mL dropper bottle
# is 100 drops, 中国药典 凡例: 1.0 mL of water = 20 drops), so a dose is a fraction of a
# container and a course is counted in whole containers, never one container a dose.
CONTAINER_DOSE_UNITS = frozenset({"drop", "puff"})


def is_container(form: DrugForm) -> bool:
    """A multi-dose container counted by the drops or puffs it holds."""
    return form.unit in CONTAINER_DOSE_UNITS


# A semisolid applied from a tube (外用 cream, ointment, gel, eye ointment and eye gel): the
# prescription names the tubes (支) to supply and how often it is applied, each application a
# thin layer (适量) that no label measures. So its order's count is tubes supplied, dispensed
# as written (not per dose), and no per-application dose is checked; only the label's
# applications a day are (a `max_daily_dose` in `application`).
SUPPLY_UNITS = frozenset({"tube"})
APPLICATION = "application"


def is_supply(form: DrugForm) -> bool:
    """A tube of a semisolid: ordered and dispensed in whole tubes, applied 适量."""
    return form.dispense_unit in SUPPLY_UNITS


def supply_forms(drug: Drug) -> tuple[DrugForm, ...]:
    """The drug's forms ordered by the tube (empty for a drug dosed by amount)."""
    return tuple(form for form in drug.forms if is_supply(form))


def is_supply_order(drug: Drug, dose_unit: str) -> bool:
    """An order whose count is tubes supplied rather than a dose (`莫匹罗星软膏 1支 外用 tid`)."""
    return canonical_unit(dose_unit) in SUPPLY_UNITS and bool(supply_forms(drug))


class NoFormForRoute(ValueError):
    """The formulary has no form of the drug for the route written."""


def form_families(form: DrugForm) -> frozenset[str]:
    """The route families a form serves: a tablet oral, an ampoule injection, a nebuliser
    ampoule inhaled, a powder without other words (thrombin) any route the drug lists."""
    words, unit = form.form_en.lower(), form.dispense_unit
    for family, marks in _LOCAL_FORM_WORDS.items():
        if any(mark in words for mark in marks):
            return frozenset({family})
    if "nebuli" in words or "inhal" in words or unit == "inhaler":
        return frozenset({"inhaled"})
    if unit == "supp" or "enema" in words or "suppositor" in words:
        return frozenset({"rectal"})
    if unit in _ORAL_UNITS or any(word in words for word in _ORAL_WORDS):
        return frozenset({"oral"})
    if any(word in words for word in _INJECTION_WORDS):
        return frozenset({"injection"})
    if unit in _INJECTION_UNITS and "powder" in words:  # 冻干粉: dissolved for the route written
        return frozenset({"injection", "oral", "topical"})
    return frozenset({"injection"}) if unit in _INJECTION_UNITS else frozenset()


def forms_for_route(drug: Drug, route: str | None) -> tuple[DrugForm, ...]:
    """The drug's forms a dose by this route is dispensed in (every form when no route is
    known); NoFormForRoute when an oral or injection route has none."""
    family = ROUTE_FAMILY.get(route or "")
    if family is None:
        return drug.forms
    own = tuple(form for form in drug.forms if family in form_families(form))
    if own or family not in STRICT_FAMILIES:
        borrowed = tuple(f for f in drug.forms if BORROWS.get(family) in form_families(f))
        return own or borrowed or drug.forms
    kinds = ", ".join(dict.fromkeys(form.form_en for form in drug.forms))
    raise NoFormForRoute(
        f"{drug.label()}: the formulary has no {family} form for route {route}"
        f" (its forms: {kinds}); write the route of a form it has"
    )


def dispense_units(
    drug: Drug, dose_value: float, dose_unit: str, route: str | None = None
) -> tuple[str, float]:
    """(dispensing unit, units per dose) of the form `dispensed_form` chooses."""
    form, per_dose = dispensed_form(drug, dose_value, dose_unit, route)
    return form.dispense_unit, per_dose


def dispensed_form(
    drug: Drug, dose_value: float, dose_unit: str, route: str | None = None
) -> tuple[DrugForm, float]:
    """(form, units per dose) among the route's forms (forms_for_route), the form
    giving whole units first, then the fewest: 500 mg is one 500 mg capsule rather than two of
    250 mg; 20 mg furosemide po is one tablet, iv one ampoule. A part of a capsule or of a
    sustained-release or enteric-coated tablet is never counted (it is not split):
    NoFormForRoute when only such parts would give the dose."""
    forms = forms_for_route(drug, route)
    tubes = [form for form in forms if is_supply(form)]
    if tubes and is_supply_order(drug, dose_unit):  # the tubes written, whatever the doses
        return tubes[0], dose_value
    choices, unsplittable = [], []
    for index, form in enumerate(forms):
        amount = _amount_in_form_unit(form, dose_value, dose_unit)
        if amount is None or form.strength <= 0:
            continue
        per_dose = amount / form.strength
        whole = float(per_dose).is_integer()
        if not whole and _not_split(form):
            unsplittable.append(form)
            continue
        choices.append((not whole, per_dose, index))
    if not choices and unsplittable:
        kinds = ", ".join(f"{f.form_en} {f.strength:g} {f.unit}" for f in unsplittable)
        raise NoFormForRoute(
            f"{drug.label()}: {dose_value:g} {dose_unit} {route or ''} is not a whole number of"
            f" {kinds}, which is not split; write a dose of whole units or another route"
        )
    if not choices:
        return forms[0], 1.0
    _fraction, per_dose, index = min(choices)
    return forms[index], per_dose


def _amount_in_form_unit(form: DrugForm, dose_value: float, dose_unit: str) -> float | None:
    """The dose in the form's strength unit; a volume through the form's own volume (15 mL of
    the 10 % KCl 10 mL ampoule is 1.5 g, one and a half ampoules, not one)."""
    amount = convert_amount(dose_value, dose_unit, form.unit)
    millilitres = convert_amount(dose_value, dose_unit, "mL") if amount is None else None
    if millilitres is None or not form.volume_ml:
        return amount
    return millilitres * form.strength / form.volume_ml


def _not_split(form: DrugForm) -> bool:
    """A capsule, or a tablet made to release slowly or past the stomach, is given whole."""
    words = form.form_en.lower()
    return form.dispense_unit == "cap" or any(word in words for word in _WHOLE_WORDS)


def carrier_units(
    formulary: Formulary, carrier_code: str, volume_ml: float
) -> tuple[Drug, str, float] | None:
    """(drug, unit, units per dose) of an order group's carrier fluid: the smallest bag or
    bottle holding the volume written (NS 100 mL from a 250 mL bag when no 100 mL one is
    stocked), or as many of the largest as it takes; None for a carrier not in the formulary."""
    drug = formulary.by_code(CARRIER_DRUGS.get(carrier_code, carrier_code))
    sized = [form for form in drug.forms if form.volume_ml] if drug is not None else []
    if drug is None or not sized:
        return None
    holding = [form for form in sized if (form.volume_ml or 0) >= volume_ml]
    if holding:
        form = min(holding, key=lambda f: f.volume_ml or 0)
        return drug, form.dispense_unit, 1.0
    largest = max(sized, key=lambda f: f.volume_ml or 0)
    return drug, largest.dispense_unit, float(-(-volume_ml // (largest.volume_ml or 1)))


@dataclass(frozen=True)
class PickPart:
    """One drug of an order as the pharmacy picks it: the order's own drug (part 0), each
    other drug of its bag (1..), then the carrier; `problem` says why it cannot be counted."""

    part: int
    drug_code: str
    amount: str  # the drug's dose in the bag ('1 g'), the carrier's volume ('250 mL')
    unit: str
    per_dose: float
    problem: str = ""
    container: bool = False  # a multi-dose container: per_dose is the part of one a dose takes
    supply: bool = False  # tubes of a semisolid: per_dose is the tubes the order supplies


def pick_parts(
    order: Mapping[str, Any], group: Mapping[str, Any] | None, formulary: Formulary
) -> list[PickPart]:
    """Every drug of an order (its bag's other drugs and carrier too), each counted in the
    form its route implies; a drug the formulary lacks is left out, one without a form for the
    route is kept with its problem (so the pick list shows it rather than silently drop it)."""
    route = order.get("route")
    drugs = [order, *((group or {}).get("members") or ())]
    parts = []
    for index, row in enumerate(drugs):
        drug = formulary.by_code(str(row.get("drug_code") or ""))
        if drug is None or row.get("dose_value") is None:
            continue
        amount = f"{float(row['dose_value']):g} {row.get('dose_unit') or ''}".strip()
        try:
            form, per_dose = dispensed_form(drug, float(row["dose_value"]),
                                            str(row.get("dose_unit") or ""), route)  # fmt: skip
        except NoFormForRoute as refused:
            parts.append(PickPart(index, drug.code, amount, "", 0.0, str(refused)))
            continue
        parts.append(PickPart(index, drug.code, amount, form.dispense_unit, per_dose,
                              container=is_container(form), supply=is_supply(form)))  # fmt: skip
    carrier = (group or {}).get("carrier")
    found = (
        carrier_units(formulary, carrier["code"], float(carrier["volume_ml"])) if carrier else None
    )
    if carrier and found is not None:
        drug, unit, per_dose = found
        parts.append(PickPart(len(drugs), drug.code, f"{float(carrier['volume_ml']):g} mL", unit,
                              per_dose))  # fmt: skip
    return parts
