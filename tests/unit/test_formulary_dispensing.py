"""The formulary can dispense the orders the wards write: every drug's default dose by its first
route is counted in a form of that route, and the ordinary orders once refused for a missing form
(immediate-release morphine, fluconazole 200 mg, IV sodium aminosalicylate) dispense in whole units;
a dose written in mL is counted by the volume of the form, not as one of whatever form comes first."""

from __future__ import annotations

import pytest

from workstation.clinical.dispense_forms import NoFormForRoute, dispense_units, dispensed_form
from workstation.clinical.formulary import default_formulary


@pytest.mark.parametrize(("code", "dose", "unit", "route", "expected"), [
    ("morphine", 10, "mg", "po", ("tab", 1.0)),  # 盐酸吗啡片 10 mg
    ("morphine", 5, "mg", "po", ("tab", 1.0)),
    ("morphine", 10, "mg", "iv", ("amp", 1.0)),
    ("fluconazole", 200, "mg", "po", ("cap", 1.0)),
    ("fluconazole", 50, "mg", "po", ("cap", 1.0)),
    ("fluconazole", 150, "mg", "po", ("cap", 1.0)),
    ("aminosalicylate_sodium", 2, "g", "ivgtt", ("vial", 1.0)),
    ("aminosalicylate_sodium", 4, "g", "ivgtt", ("vial", 1.0)),
    ("aminosalicylate_sodium", 2, "g", "po", ("tab", 4.0)),
    ("progesterone", 20, "mg", "im", ("amp", 1.0)),  # the oil injection 20 mg/1 mL
    ("progesterone", 200, "mg", "po", ("cap", 2.0)),
    ("bisacodyl", 10, "mg", "pr", ("supp", 1.0)),
    ("ambroxol", 30, "mg", "neb", ("amp", 2.0)),  # the 15 mg/2 mL injection nebulised, no tablet
    ("fentanyl", 50, "mcg", "iv", ("amp", 1.0)),  # 1 mL:0.05 mg, not half of 2 mL:0.1 mg
    ("streptomycin", 0.75, "g", "im", ("vial", 1.0)),
    ("captopril", 12.5, "mg", "po", ("tab", 1.0)),
    # a dose in mL is counted by the form's own volume: 1.5 ampoules of 10 mL, 2 of 20 mL
    ("potassium_chloride_inj", 15, "mL", "ivgtt", ("amp", 1.5)),
    ("glucose_50", 40, "mL", "iv", ("amp", 2.0)),
])  # fmt: skip
def test_ordinary_orders_dispense_in_whole_units_of_their_routes_form(
    code: str, dose: float, unit: str, route: str, expected: tuple[str, float]
) -> None:
    drug = default_formulary().by_code(code)
    assert drug is not None
    assert dispense_units(drug, dose, unit, route) == expected


def test_an_oral_dose_no_oral_form_gives_whole_is_still_refused() -> None:
    progesterone = default_formulary().by_code("progesterone")
    assert progesterone is not None  # 20 mg is the IM dose; no oral form holds 20 mg
    with pytest.raises(NoFormForRoute, match=r"20 mg po is not a whole number of capsule"):
        dispense_units(progesterone, 20, "mg", "po")


def test_every_drugs_default_dose_dispenses_by_its_first_route() -> None:
    refused, uncounted = [], []
    for drug in default_formulary():
        dose, unit = drug.default_dose, drug.default_unit
        try:
            form, per_dose = dispensed_form(drug, dose, unit, drug.routes[0])
        except NoFormForRoute as problem:
            refused.append(str(problem))
            continue
        if drug.dose_in(dose, unit, form.unit) != pytest.approx(per_dose * form.strength):
            uncounted.append((drug.code, form.form_en, per_dose))  # one of a form it is not
    assert (refused, uncounted) == ([], [])


# 20 mg is progesterone's IM dose: no oral form holds it, rightly refused (see above)
_NOT_A_DOSE_BY = {("progesterone", "po")}


def test_every_drugs_default_dose_has_a_form_by_each_of_its_routes() -> None:
    refused = []
    for drug in default_formulary():
        for route in drug.routes:
            try:
                dispensed_form(drug, drug.default_dose, drug.default_unit, route)
            except NoFormForRoute as problem:
                if (drug.code, route) not in _NOT_A_DOSE_BY:
                    refused.append(str(problem))
    assert refused == []
