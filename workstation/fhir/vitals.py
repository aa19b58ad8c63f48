"""Vital signs as Observations of the FHIR vital-signs profiles: one Observation per measurement
of a VitalsRecorded (blood pressure as one panel with its two components), LOINC-coded
(workstation.domain.loinc), category vital-signs, UCUM units. Its id is the record's id with a
suffix naming the measurement."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from fhir.resources.R4B.observation import Observation, ObservationComponent
from fhir.resources.R4B.quantity import Quantity

from workstation.domain.loinc import BLOOD_PRESSURE_PANEL, VITAL_SIGNS, LoincCode
from workstation.fhir.common import (
    LOINC,
    OBSERVATION_CATEGORY,
    UCUM,
    coding,
    concept,
    instant,
    meta,
    person,
    reference,
)

_PROFILE = "http://hl7.org/fhir/StructureDefinition/"
# suffix: (column, profile); pain is a survey score, not one of the profile's vital signs
MEASUREMENTS = {
    "temp": ("temperature_c", "bodytemp"), "hr": ("pulse_bpm", "heartrate"),
    "rr": ("resp_rate", "resprate"), "spo2": ("spo2_pct", "oxygensat"),
    "wt": ("weight_kg", "bodyweight"), "ht": ("height_cm", "bodyheight"),
    "pain": ("pain_score", None),
}  # fmt: skip
BLOOD_PRESSURE = "bp"
SUFFIXES = (*MEASUREMENTS, BLOOD_PRESSURE)
VITAL_SIGNS_CATEGORY = "vital-signs"
# Every code an Observation of a vital-signs record is coded with.
CODES = frozenset(
    {BLOOD_PRESSURE_PANEL.code}
    | {
        c
        for column, _ in MEASUREMENTS.values()
        for c in (VITAL_SIGNS[column].code, *VITAL_SIGNS[column].also)
    }
)


@cache  # the same concept for every record (models are shared, never changed once built)
def _code(term: LoincCode) -> Any:
    codings = [coding(LOINC, term.code, term.display)]
    codings += [coding(LOINC, extra) for extra in term.also]
    return concept(*codings, text=term.display)


@cache
def _category(category: str) -> Any:
    return concept(coding(OBSERVATION_CATEGORY, category), text=category)


def _quantity(value: float, term: LoincCode) -> Quantity:
    return Quantity(value=value, unit=term.unit, system=UCUM, code=term.unit)


def _shared(row: Mapping[str, Any], staff: Mapping[str, str]) -> dict[str, Any]:
    """What every Observation of one record has alike (built once per record)."""
    recorder = person(row.get("recorded_by"), staff)
    return {
        "status": "final",
        "subject": reference("Patient", row["patient_id"]),
        "encounter": reference("Encounter", row["patient_id"]),
        "effectiveDateTime": instant(row["taken_at"]),
        "performer": [recorder] if recorder else None,
    }


def _base(
    row: Mapping[str, Any], suffix: str, profile: str | None, last_updated: str | None
) -> dict[str, Any]:  # fmt: skip
    category = VITAL_SIGNS_CATEGORY if profile else "survey"
    return {
        "id": f"{row['vitals_id']}-{suffix}",
        "meta": meta(last_updated, _PROFILE + profile if profile else None),
        "category": [_category(category)],
    }


def vital_signs(
    row: Mapping[str, Any], *, last_updated: str | None = None, staff: Mapping[str, str]
) -> list[Observation]:
    """Every measurement of one set of vital signs, in SUFFIXES order."""
    found: list[Observation] = []
    shared = _shared(row, staff)
    for suffix, (column, profile) in MEASUREMENTS.items():
        value = row.get(column)
        if value is None:
            continue
        term = VITAL_SIGNS[column]
        found.append(Observation(**_base(row, suffix, profile, last_updated), **shared,
                                 code=_code(term), valueQuantity=_quantity(value, term)))  # fmt: skip
    if row.get("systolic_mmhg") is not None and row.get("diastolic_mmhg") is not None:
        parts = [ObservationComponent(code=_code(VITAL_SIGNS[c]),
                                      valueQuantity=_quantity(row[c], VITAL_SIGNS[c]))
                 for c in ("systolic_mmhg", "diastolic_mmhg")]  # fmt: skip
        found.append(Observation(**_base(row, BLOOD_PRESSURE, "bp", last_updated), **shared,
                                 code=_code(BLOOD_PRESSURE_PANEL), component=parts))  # fmt: skip
    return sorted(found, key=lambda o: SUFFIXES.index(o.id.rsplit("-", 1)[1]))


def split_id(observation_id: str) -> tuple[str, str] | None:
    """(vitals record id, measurement suffix) of a vital-signs Observation id, else None."""
    record, _, suffix = observation_id.rpartition("-")
    return (record, suffix) if record and suffix in SUFFIXES else None
