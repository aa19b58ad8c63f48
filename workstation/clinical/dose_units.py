"""Units a drug is never dosed in: order entry refuses them with a question, never converts.

Issue 11 item 2 (tenfold and unit errors). Three kinds are refused:
- a unit of another dimension than the drug's dose (`mg` of insulin, dosed in units);
- a volume (`10 mL`) where the drug's dose is a mass or activity (`morphine 10 mL`: of which
  strength? 10 mL of 10 mg/mL is 100 mg) — unless the strength is written (`10%氯化钾 10ml`) or
  the drug is dosed by volume (lactulose);
- a mass unit of the right dimension that is not one the drug is stocked, dosed or limited in and
  that puts the dose 10-fold or more away from the usual one (`digoxin 0.25 g` = 250 mg).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from workstation.clinical.formulary import Drug, canonical_unit, unit_dimension
from workstation.clinical.formulary_schema import limit_base_unit

TENFOLD = 10.0


def usual_ratio(drug: Drug, value: float, unit: str) -> float | None:
    """The dose as a multiple of the drug's usual single dose (its formulary default dose)."""
    amount = drug.dose_in(value, unit, drug.default_unit)
    if amount is None or drug.default_dose <= 0:
        return None
    return amount / drug.default_dose


def _limit_units(entry: Mapping[str, Any]) -> Iterable[str]:
    for key in ("max_single_dose", "max_daily_dose", "opioid_naive_single_dose"):
        spec = entry.get(key)
        for limit in spec if isinstance(spec, list) else [spec] if spec else []:
            yield limit_base_unit(str(limit.get("unit") or ""))


def dosed_units(drug: Drug) -> frozenset[str]:
    """The units the drug is stocked, ordered by default or limited in."""
    written = [drug.default_unit, *(f.unit for f in drug.forms), *_limit_units(drug.entry)]
    return frozenset(u for u in (canonical_unit(w) for w in written) if u)


def unit_question(
    drug: Drug, value: float, unit: str, *, strength_written: bool = False
) -> str | None:
    """The question order entry asks when `value unit` is implausible for the drug, else None;
    a volume with the strength written (`10%氯化钾 10ml`) is plain."""
    usual = f"{drug.default_dose:g} {drug.default_unit}"
    dimension, own = unit_dimension(unit), unit_dimension(drug.default_unit)
    if dimension is None or own is None or dimension == "count":
        return None
    if dimension != own and own != "count":
        if (
            dimension == "volume"
            and not strength_written
            and drug.dose_in(value, unit, drug.default_unit)
        ):
            return (
                f"{value:g} {unit} of {drug.label()}: a volume where a dose in "
                f"{drug.default_unit} is expected — how many {drug.default_unit}? "
                f"(usual dose {usual}; the volume depends on the strength)"
            )
        return None  # another dimension altogether: the parser's own refusal asks
    if unit in dosed_units(drug):
        return None
    ratio = usual_ratio(drug, value, unit)
    if ratio is None or 1 / TENFOLD < ratio < TENFOLD:
        return None
    return (
        f"{drug.label()} is dosed in {drug.default_unit}, not {unit}: {value:g} {unit} would be "
        f"{ratio:g} times the usual dose of {usual} — did you mean {value:g} {drug.default_unit}?"
    )
