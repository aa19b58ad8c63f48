"""Where each FHIR resource type is read from: a projection table, its key, its patient column,
the rows it leaves out, and the mapping (workstation.fhir) that makes resources of a row.

Every row is keyed by the event that created it, so the resource's `meta.lastUpdated` is that
event's `received_at` (for Patient and Encounter: the newest admission, transfer, demographics
or discharge event of the patient)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, Table, and_, func, select
from sqlalchemy.sql.elements import ColumnElement

from workstation.fhir import clinical, documents, labs, medications, patients, vitals
from workstation.projections import tables as pt
from workstation.server.models import events

STAY_EVENTS = ("PatientAdmitted", "PatientTransferred", "DemographicsUpdated", "PatientDischarged",
               "DischargeCancelled")  # fmt: skip
Mapper = Callable[[Mapping[str, Any], str | None, Mapping[str, str]], list[Any]]


@dataclass(frozen=True)
class Source:
    """One table that resources of `resource_type` come from."""

    resource_type: str
    table: Table
    key: Column
    patient: Column
    mapper: Mapper
    where: Sequence[ColumnElement[bool]] = ()
    joins: Sequence[tuple[Table, ColumnElement[bool], Sequence[Column]]] = field(default=())
    categories: frozenset[str] | None = None  # the categories its resources have (None: any)
    codes: frozenset[str] | None = None  # the codes its resources have (None: any)

    def last_updated(self) -> Any:
        """The column expression of each row's last change."""
        if self.table is pt.patients:
            e = events.c
            return (
                select(func.max(e.received_at))
                .where(e.patient_id == self.key, e.type.in_(STAY_EVENTS))
                .scalar_subquery()
            )
        return select(events.c.received_at).where(events.c.event_id == self.key).scalar_subquery()

    def select(self) -> Any:
        """The rows with their `last_updated`, unfiltered by scope or search."""
        columns: list[Any] = [self.table, self.last_updated().label("last_updated")]
        joined: Any = self.table
        for other, on, picked in self.joins:
            joined = joined.outerjoin(other, on)
            columns += list(picked)
        return select(*columns).select_from(joined).where(*self.where)


def _one(build: Callable[..., Any], staff: bool = True) -> Mapper:
    def mapper(row: Mapping[str, Any], last: str | None, names: Mapping[str, str]) -> list[Any]:
        if staff:
            return [build(row, last_updated=last, staff=names)]
        return [build(row, last_updated=last)]

    return mapper


def _vitals(row: Mapping[str, Any], last: str | None, names: Mapping[str, str]) -> list[Any]:
    return list(vitals.vital_signs(row, last_updated=last, staff=names))


def _note(row: Mapping[str, Any], last: str | None, names: Mapping[str, str]) -> list[Any]:
    addenda = row.get("addenda") or ()
    return [documents.document_reference(row, addenda=addenda, last_updated=last, staff=names)]


def _live(table: Table) -> ColumnElement[bool]:
    return table.c.voided.is_(False)


_o = pt.orders.c
_DRUG = (pt.orders, _o.order_id == pt.administrations.c.order_id,
         (_o.drug_code, _o.drug_name, _o.description))  # fmt: skip
SOURCES: dict[str, list[Source]] = {
    "Patient": [Source("Patient", pt.patients, pt.patients.c.patient_id,
                       pt.patients.c.patient_id, _one(patients.patient, staff=False))],
    "Encounter": [Source("Encounter", pt.patients, pt.patients.c.patient_id,
                         pt.patients.c.patient_id, _one(patients.encounter))],
    "Condition": [Source("Condition", pt.problems, pt.problems.c.problem_id,
                         pt.problems.c.patient_id, _one(clinical.condition),
                         [_live(pt.problems)])],
    "AllergyIntolerance": [Source("AllergyIntolerance", pt.allergies, pt.allergies.c.allergy_id,
                                  pt.allergies.c.patient_id, _one(clinical.allergy),
                                  [_live(pt.allergies)])],
    "Observation": [
        Source("Observation", pt.vitals, pt.vitals.c.vitals_id, pt.vitals.c.patient_id, _vitals,
               [_live(pt.vitals)], categories=frozenset({vitals.VITAL_SIGNS_CATEGORY, "survey"}),
               codes=vitals.CODES),
        Source("Observation", pt.lab_results, pt.lab_results.c.result_id,
               pt.lab_results.c.patient_id, _one(labs.lab_result, staff=False),
               [_live(pt.lab_results), pt.lab_results.c.superseded_by.is_(None)],
               categories=frozenset({"laboratory"})),
    ],
    "MedicationRequest": [Source("MedicationRequest", pt.orders, _o.order_id, _o.patient_id,
                                 _one(medications.medication_request),
                                 [_live(pt.orders), _o.order_kind == "medication"])],
    "MedicationAdministration": [Source(
        "MedicationAdministration", pt.administrations, pt.administrations.c.administration_id,
        pt.administrations.c.patient_id, _one(medications.medication_administration),
        [_live(pt.administrations)], [_DRUG])],
    "MedicationDispense": [Source(
        "MedicationDispense", pt.stock_movements, pt.stock_movements.c.movement_id,
        pt.stock_movements.c.patient_id, _one(medications.medication_dispense),
        [_live(pt.stock_movements), pt.stock_movements.c.movement_kind == "dispense",
         pt.stock_movements.c.patient_id.is_not(None)])],
    "DocumentReference": [Source("DocumentReference", pt.notes, pt.notes.c.note_id,
                                 pt.notes.c.patient_id, _note, [_live(pt.notes)])],
}  # fmt: skip
# $everything: the patient's compartment in this order (Medications come as includes).
EVERYTHING = [source for sources in SOURCES.values() for source in sources]


def same_row(source: Source, key: str) -> ColumnElement[bool]:
    """The row of one resource id (a vital sign's id carries a measurement suffix)."""
    if source.table is pt.vitals:
        split = vitals.split_id(key)
        return source.key == (split[0] if split else "")
    return source.key == key


def drug_rows_filter(patient_id: str) -> Any:
    """The drug codes a patient's medication orders name (for $everything's Medications)."""
    return (
        select(_o.drug_code)
        .where(and_(_o.patient_id == patient_id, _o.drug_code.is_not(None), _live(pt.orders)))
        .distinct()
    )
