"""The REST API's own resources: OperationOutcome for every error, the searchset Bundle with its
paging links, and the CapabilityStatement (`metadata`)."""

from __future__ import annotations

from collections.abc import Sequence

from fhir.resources.R4B.bundle import Bundle, BundleEntry, BundleEntrySearch, BundleLink
from fhir.resources.R4B.capabilitystatement import (
    CapabilityStatement,
    CapabilityStatementImplementation,
    CapabilityStatementRest,
    CapabilityStatementRestResource,
    CapabilityStatementRestResourceInteraction,
    CapabilityStatementRestResourceOperation,
    CapabilityStatementRestResourceSearchParam,
    CapabilityStatementRestSecurity,
    CapabilityStatementSoftware,
)
from fhir.resources.R4B.operationoutcome import OperationOutcome, OperationOutcomeIssue
from fhir.resources.resource import Resource

from workstation.fhir.common import FHIR_VERSION, concept
from workstation.fhir.serialize import dump_json

FHIR_JSON = "application/fhir+json"
# Resource type -> search parameter -> FHIR search parameter type.
SEARCH_PARAMETERS: dict[str, dict[str, str]] = {
    "Patient": {"identifier": "token", "name": "string", "birthdate": "date"},
    "Encounter": {"patient": "reference", "status": "token"},
    "Observation": {"patient": "reference", "category": "token", "code": "token"},
    "Condition": {"patient": "reference", "code": "token"},
    "AllergyIntolerance": {"patient": "reference"},
    "MedicationRequest": {"patient": "reference", "status": "token"},
    "MedicationAdministration": {"patient": "reference"},
    "MedicationDispense": {"patient": "reference"},
    "Medication": {"code": "token"},
    "DocumentReference": {"patient": "reference"},
}
COMMON_PARAMETERS = {"_lastUpdated": "date", "_count": "number", "_id": "token"}


def operation_outcome(code: str, diagnostics: str, severity: str = "error") -> OperationOutcome:
    """An OperationOutcome of one issue (`code` from the FHIR issue-type value set)."""
    return OperationOutcome(
        issue=[OperationOutcomeIssue(severity=severity, code=code, diagnostics=diagnostics)]
    )


def searchset(
    resources: Sequence[Resource], *, base: str, self_url: str, next_url: str | None,
    total: int | None = None, included: Sequence[Resource] = (),
) -> Bundle:  # fmt: skip
    """A page of search results with its `self` and `next` links (`included`: search mode
    include, as $everything's Medications)."""
    links = [BundleLink(relation="self", url=self_url)]
    if next_url:
        links.append(BundleLink(relation="next", url=next_url))
    entries = [
        BundleEntry(fullUrl=f"{base}/{r.get_resource_type()}/{r.id}", resource=r,
                    search=BundleEntrySearch(mode=mode))
        for mode, group in (("match", resources), ("include", included)) for r in group
    ]  # fmt: skip
    return Bundle(type="searchset", total=total, link=links, entry=entries or None)


def capability_statement(base: str, *, software_version: str, now: str) -> CapabilityStatement:
    """What this server does: read and search of each resource type, Patient $everything."""
    resources = []
    for name, parameters in SEARCH_PARAMETERS.items():
        params = {**parameters, **COMMON_PARAMETERS}
        resources.append(CapabilityStatementRestResource(
            type=name,
            interaction=[CapabilityStatementRestResourceInteraction(code=c)
                         for c in ("read", "search-type")],
            searchParam=[CapabilityStatementRestResourceSearchParam(name=n, type=t)
                         for n, t in params.items()],
            operation=[CapabilityStatementRestResourceOperation(
                name="everything",
                definition="http://hl7.org/fhir/OperationDefinition/Patient-everything")]
            if name == "Patient" else None,
        ))  # fmt: skip
    security = CapabilityStatementRestSecurity(
        service=[concept(text="OAuth-style bearer token from POST /auth/login")],
        description="The same bearer tokens, role permissions and ward scope as the sync API; "
        "every read is audited.",
    )
    return CapabilityStatement(
        status="active", date=now, kind="instance", fhirVersion=FHIR_VERSION,
        format=["json"], software=CapabilityStatementSoftware(name="Clinical Workstation",
                                                              version=software_version),
        implementation=CapabilityStatementImplementation(description="Ward server", url=base),
        rest=[CapabilityStatementRest(mode="server", security=security, resource=resources)],
    )  # fmt: skip


def dump(resource: Resource) -> bytes:
    """A resource as FHIR JSON bytes (no nulls, aliases such as `class`): what the model's
    model_dump_json(by_alias=True, exclude_none=True) writes, several times faster."""
    return dump_json(resource)
