"""LOINC codes of the ward's vital signs, as the HL7 FHIR R4 vital-signs profile names them.

Each measurement of a VitalsRecorded event (vocabulary.VITAL_FIELDS) has its code, display and
UCUM unit; oxygen saturation carries the profile's code 2708-6 and the pulse-oximetry code
59408-5. The lab catalogue's codes are in resources/catalogues/labs.json ("loinc")."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from workstation.resources import resource


@dataclass(frozen=True, slots=True)
class LoincCode:
    """One LOINC term with the UCUM unit the ward records it in."""

    code: str
    display: str
    unit: str
    also: tuple[str, ...] = ()  # further codes the FHIR profile expects beside it


VITAL_SIGNS: dict[str, LoincCode] = {
    "temperature_c": LoincCode("8310-5", "Body temperature", "Cel"),
    "pulse_bpm": LoincCode("8867-4", "Heart rate", "/min"),
    "resp_rate": LoincCode("9279-1", "Respiratory rate", "/min"),
    "systolic_mmhg": LoincCode("8480-6", "Systolic blood pressure", "mm[Hg]"),
    "diastolic_mmhg": LoincCode("8462-4", "Diastolic blood pressure", "mm[Hg]"),
    "spo2_pct": LoincCode("2708-6", "Oxygen saturation in Arterial blood", "%", ("59408-5",)),
    "weight_kg": LoincCode("29463-7", "Body weight", "kg"),
    "height_cm": LoincCode("8302-2", "Body height", "cm"),
    "pain_score": LoincCode(
        "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported", "{score}"
    ),
}
# The panels the profile groups them in.
BLOOD_PRESSURE_PANEL = LoincCode("85354-9", "Blood pressure panel with all children optional", "")
VITAL_SIGNS_PANEL = LoincCode("85353-1", "Vital signs, weight, height, head circumference, "
                              "oxygen saturation and BMI panel", "")  # fmt: skip


@lru_cache(maxsize=1)
def lab_catalogue_loinc() -> dict[str, str]:
    """The lab catalogue's order code -> LOINC code (resources/catalogues/labs.json)."""
    document = json.loads(resource("catalogues", "labs.json").read_text(encoding="utf-8"))
    return {item["code"]: item["loinc"] for item in document["items"] if item.get("loinc")}
