"""The problem list as Conditions (ICD-10 coded where the doctor chose a code) and the allergy
list as AllergyIntolerances."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fhir.resources.R4B.allergyintolerance import AllergyIntolerance, AllergyIntoleranceReaction
from fhir.resources.R4B.condition import Condition

from workstation.fhir.common import (
    ALLERGY_CLINICAL,
    ALLERGY_VERIFICATION,
    CONDITION_CATEGORY,
    CONDITION_CLINICAL,
    CONDITION_VERIFICATION,
    ICD10,
    coding,
    concept,
    instant,
    meta,
    person,
    reference,
)

_CLINICAL = {"active": "active", "resolved": "resolved", "inactive": "inactive"}
_CRITICALITY = {"mild": "low", "moderate": "low", "severe": "high", "unknown": "unable-to-assess"}
_SEVERITY = {"mild": "mild", "moderate": "moderate", "severe": "severe"}


def condition(
    row: Mapping[str, Any], *, last_updated: str | None = None, staff: Mapping[str, str]
) -> Condition:
    """One problem of the problem list."""
    status = _CLINICAL.get(row["status"], "active")
    codes = [coding(ICD10, row["icd10"])] if row.get("icd10") else []
    return Condition(
        id=row["problem_id"],
        meta=meta(last_updated),
        clinicalStatus=concept(coding(CONDITION_CLINICAL, status)),
        verificationStatus=concept(coding(CONDITION_VERIFICATION, "confirmed")),
        category=[concept(coding(CONDITION_CATEGORY, "problem-list-item", "Problem List Item"))],
        code=concept(*codes, text=row["description"]),
        subject=reference("Patient", row["patient_id"]),
        encounter=reference("Encounter", row["patient_id"]),
        recordedDate=instant(row["recorded_at"]),
        recorder=person(row.get("recorded_by"), staff),
    )


def allergy(
    row: Mapping[str, Any], *, last_updated: str | None = None, staff: Mapping[str, str]
) -> AllergyIntolerance:
    """One recorded allergy: the substance as written, the reaction and how severe it was."""
    severity = _SEVERITY.get(row["severity"])
    reaction = None
    if row.get("reaction"):
        reaction = [AllergyIntoleranceReaction(manifestation=[concept(text=row["reaction"])],
                                               severity=severity)]  # fmt: skip
    return AllergyIntolerance(
        id=row["allergy_id"],
        meta=meta(last_updated),
        clinicalStatus=concept(coding(ALLERGY_CLINICAL, "active")),
        verificationStatus=concept(coding(ALLERGY_VERIFICATION, "confirmed")),
        criticality=_CRITICALITY.get(row["severity"], "unable-to-assess"),
        code=concept(text=row["substance"]),
        patient=reference("Patient", row["patient_id"]),
        recordedDate=instant(row["recorded_at"]),
        recorder=person(row.get("recorded_by"), staff),
        reaction=reaction,
    )
