"""What every FHIR mapping shares: code systems, identifiers, references, times and meta.

The models are fhir.resources' R4B package (FHIR 4.3.0): fhir.resources has no FHIR 4.0.1 (R4)
package for pydantic 2 (its 6.x, the last R4 one, needs pydantic 1, which the server's FastAPI
cannot use). The mappings use only elements that R4 and R4B share, and the tests validate every
resource the API returns against R4 (4.0.1) itself with two independent validators."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.coding import Coding
from fhir.resources.R4B.identifier import Identifier
from fhir.resources.R4B.meta import Meta
from fhir.resources.R4B.reference import Reference

from workstation.clock import iso, parse_iso

FHIR_VERSION = "4.0.1"
# The hospital's own naming systems (a hospital may publish OIDs for them instead).
LOCAL = "urn:clinical-workstation"
RECORD_NUMBER_SYSTEM = f"{LOCAL}:record-number"  # 住院号 / MRN
WARD_SYSTEM = f"{LOCAL}:ward"
USER_SYSTEM = f"{LOCAL}:user"
LAB_TEST_SYSTEM = f"{LOCAL}:lab-test"
DRUG_SYSTEM = f"{LOCAL}:drug"
ROUTE_SYSTEM = f"{LOCAL}:route"
NOTE_TYPE_SYSTEM = f"{LOCAL}:note-type"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
ICD10 = "http://hl7.org/fhir/sid/icd-10"
ATC = "http://www.whocc.no/atc"
V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203"
V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"
ALLERGY_VERIFICATION = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"

_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")
_LOINC_CODE = re.compile(r"\d{1,7}-\d")


def is_fhir_id(value: str) -> bool:
    """True when `value` may be a FHIR resource id."""
    return bool(_ID.fullmatch(value))


def is_loinc(code: str) -> bool:
    """True when a code has LOINC's form (digits, a dash, a check digit)."""
    return bool(_LOINC_CODE.fullmatch(code))


def instant(text: str) -> str:
    """A stored ISO time as a FHIR instant/dateTime (UTC with milliseconds and Z)."""
    return iso(parse_iso(text))


def meta(last_updated: str | None, profile: str | None = None) -> Meta | None:
    """Resource meta: when the server last changed it and the profile it claims."""
    if last_updated is None and profile is None:
        return None
    return Meta(
        lastUpdated=instant(last_updated) if last_updated else None,
        profile=[profile] if profile else None,
    )


def coding(system: str, code: str, display: str | None = None) -> Coding:
    """One code of a code system."""
    return Coding(system=system, code=code, display=display or None)


def concept(*codings: Coding, text: str | None = None) -> CodeableConcept:
    """A codeable concept of these codings and a text."""
    return CodeableConcept(coding=list(codings) or None, text=text or None)


def reference(resource_type: str, resource_id: str, display: str | None = None) -> Reference:
    """A literal reference to a resource this server serves."""
    return Reference(reference=f"{resource_type}/{resource_id}", display=display or None)


def person(user_id: str | None, names: Mapping[str, str]) -> Reference | None:
    """A member of staff by identifier and name (the server serves no Practitioner)."""
    if not user_id:
        return None
    return Reference(
        identifier=Identifier(system=USER_SYSTEM, value=user_id),
        display=names.get(user_id) or user_id,
    )


def row_value(row: Mapping[str, Any], name: str, default: Any = None) -> Any:
    """A column of a row, `default` when the row has no such column or it is null."""
    value = row.get(name)
    return default if value is None else value
