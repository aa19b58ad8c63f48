"""Medications: the formulary's drugs as Medication (ATC-coded), medication orders as
MedicationRequest, the bedside record as MedicationAdministration, the pharmacy's dispensing
as MedicationDispense. A drug's code may hold `_`, which a FHIR id may not: its id has `.`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fhir.resources.R4B.dosage import Dosage, DosageDoseAndRate
from fhir.resources.R4B.medication import Medication
from fhir.resources.R4B.medicationadministration import (
    MedicationAdministration,
    MedicationAdministrationDosage,
    MedicationAdministrationPerformer,
)
from fhir.resources.R4B.medicationdispense import MedicationDispense, MedicationDispensePerformer
from fhir.resources.R4B.medicationrequest import MedicationRequest
from fhir.resources.R4B.quantity import Quantity
from fhir.resources.R4B.timing import Timing

from workstation.fhir.common import (
    ATC,
    DRUG_SYSTEM,
    ROUTE_SYSTEM,
    coding,
    concept,
    instant,
    meta,
    person,
    reference,
)

REQUEST_STATUS = {
    "awaiting_cosign": "draft", "placed": "active", "verified": "active", "rejected": "cancelled",
    "discontinued": "stopped", "completed": "completed",
}  # fmt: skip
_GIVEN_STATUS = {"given": "completed", "held": "on-hold", "refused": "not-done",
                 "not_given": "not-done"}  # fmt: skip


def medication_id(drug_code: str) -> str:
    """The Medication id of a formulary drug code."""
    return drug_code.replace("_", ".")


def drug_code(medication_id: str) -> str:
    """The formulary drug code of a Medication id."""
    return medication_id.replace(".", "_")


def medication(drug: Mapping[str, Any]) -> Medication:
    """A formulary drug: its ATC code, the formulary code, the Chinese and English names."""
    codes = [coding(DRUG_SYSTEM, drug["code"], drug.get("name_en"))]
    if drug.get("atc"):
        codes.insert(0, coding(ATC, drug["atc"], drug.get("name_en")))
    return Medication(
        id=medication_id(drug["code"]),
        code=concept(*codes, text=drug.get("name_zh") or drug.get("name_en")),
        status="active",
    )


def _drug(row: Mapping[str, Any]) -> dict[str, Any]:
    code, name = row.get("drug_code"), row.get("drug_name") or row.get("description")
    if code:
        return {"medicationReference": reference("Medication", medication_id(code), name)}
    return {"medicationCodeableConcept": concept(text=name or "unnamed")}


def _dose(value: float | None, unit: str | None) -> Quantity | None:
    if value is None:
        return None
    return Quantity(value=value, unit=unit or None)


def _route(code: str | None) -> Any:
    return concept(coding(ROUTE_SYSTEM, code), text=code) if code else None


def medication_request(
    row: Mapping[str, Any], *, last_updated: str | None = None, staff: Mapping[str, str]
) -> MedicationRequest:
    """A medication order: drug, dose, route, frequency, PRN, who signed it and when."""
    dose = _dose(row.get("dose_value"), row.get("dose_unit"))
    frequency = row.get("frequency")
    dosage = Dosage(
        text=row["description"],
        route=_route(row.get("route")),
        timing=Timing(code=concept(text=frequency)) if frequency else None,
        asNeededBoolean=bool(row.get("prn")),
        doseAndRate=[DosageDoseAndRate(doseQuantity=dose)] if dose else None,
    )
    return MedicationRequest(
        id=row["order_id"],
        meta=meta(last_updated),
        status=REQUEST_STATUS.get(row["status"], "unknown"),
        intent="order",
        priority="urgent" if row.get("urgent") else "routine",
        subject=reference("Patient", row["patient_id"]),
        encounter=reference("Encounter", row["patient_id"]),
        authoredOn=instant(row["placed_at"]),
        requester=person(row.get("placed_by"), staff),
        dosageInstruction=[dosage],
        **_drug(row),
    )


def medication_administration(
    row: Mapping[str, Any], *, last_updated: str | None = None, staff: Mapping[str, str]
) -> MedicationAdministration:
    """One dose at the bedside (given, held, refused, not given) against its order."""
    nurse = person(row.get("recorded_by"), staff)
    dose = _dose(row.get("dose_value"), row.get("dose_unit"))
    return MedicationAdministration(
        id=row["administration_id"],
        meta=meta(last_updated),
        status=_GIVEN_STATUS.get(row["outcome"], "unknown"),
        statusReason=[concept(text=row["reason"])] if row.get("reason") else None,
        subject=reference("Patient", row["patient_id"]),
        context=reference("Encounter", row["patient_id"]),
        effectiveDateTime=instant(row["administered_at"]),
        performer=[MedicationAdministrationPerformer(actor=nurse)] if nurse else None,
        request=reference("MedicationRequest", row["order_id"]),
        dosage=MedicationAdministrationDosage(route=_route(row.get("route")), dose=dose)
        if dose or row.get("route")
        else None,
        **_drug(row),
    )


def medication_dispense(
    row: Mapping[str, Any], *, last_updated: str | None = None, staff: Mapping[str, str]
) -> MedicationDispense:
    """One issue of a drug to the patient by the pharmacy (lot, quantity, who, when)."""
    pharmacist = person(row.get("recorded_by"), staff)
    order = row.get("order_id")
    return MedicationDispense(
        id=row["movement_id"],
        meta=meta(last_updated),
        status="completed",
        subject=reference("Patient", row["patient_id"]),
        context=reference("Encounter", row["patient_id"]),
        performer=[MedicationDispensePerformer(actor=pharmacist)] if pharmacist else None,
        authorizingPrescription=[reference("MedicationRequest", order)] if order else None,
        quantity=Quantity(value=abs(row["quantity_delta"]), unit=row.get("unit") or None),
        whenHandedOver=instant(row["recorded_at"]),
        note=None,
        **_drug(row),
    )
