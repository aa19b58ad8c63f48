"""Laboratory results as Observations (category laboratory): value with UCUM unit, reference
range, abnormal flag and result status (preliminary, final, corrected). A test code of LOINC's
form is given as LOINC, any other as the hospital's own lab-test code."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fhir.resources.R4B.observation import Observation, ObservationReferenceRange
from fhir.resources.R4B.quantity import Quantity

from workstation.fhir.common import (
    INTERPRETATION,
    LAB_TEST_SYSTEM,
    LOINC,
    OBSERVATION_CATEGORY,
    UCUM,
    coding,
    concept,
    instant,
    is_loinc,
    meta,
    reference,
)

_STATUS = {"preliminary": "preliminary", "final": "final", "corrected": "corrected"}
_FLAGS = {"H": "High", "L": "Low", "HH": "Critical high", "LL": "Critical low", "N": "Normal",
          "A": "Abnormal"}  # fmt: skip


def _value(row: Mapping[str, Any]) -> dict[str, Any]:
    number = row.get("numeric_value")
    if number is None:
        return {"valueString": row["value"]}
    unit = row.get("unit")
    return {"valueQuantity": Quantity(value=number, unit=unit or None,
                                      system=UCUM if unit else None, code=unit or None)}  # fmt: skip


def _range(row: Mapping[str, Any]) -> list[ObservationReferenceRange] | None:
    low, high = row.get("reference_low"), row.get("reference_high")
    if low is None and high is None:
        return None
    unit = row.get("unit")

    def bound(value: float | None) -> Quantity | None:
        if value is None:
            return None
        return Quantity(value=value, unit=unit or None, system=UCUM if unit else None,
                        code=unit or None)  # fmt: skip

    return [ObservationReferenceRange(low=bound(low), high=bound(high))]


def lab_result(row: Mapping[str, Any], *, last_updated: str | None = None) -> Observation:
    """One analyte's result."""
    system = LOINC if is_loinc(row["test_code"]) else LAB_TEST_SYSTEM
    flag = row.get("flag")
    return Observation(
        id=row["result_id"],
        meta=meta(last_updated),
        status=_STATUS.get(row.get("result_status") or "final", "final"),
        category=[concept(coding(OBSERVATION_CATEGORY, "laboratory"), text="laboratory")],
        code=concept(coding(system, row["test_code"], row["test_name"]), text=row["test_name"]),
        subject=reference("Patient", row["patient_id"]),
        encounter=reference("Encounter", row["patient_id"]),
        effectiveDateTime=instant(row["resulted_at"]),
        issued=instant(row["resulted_at"]),
        interpretation=[concept(coding(INTERPRETATION, flag, _FLAGS[flag]))]
        if flag in _FLAGS
        else None,
        referenceRange=_range(row),
        **_value(row),
    )
