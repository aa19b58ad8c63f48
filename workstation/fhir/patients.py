"""Patient (the 住院号 as identifier, the name as written, in Chinese too) and the admission
as an inpatient Encounter."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fhir.resources.R4B.coding import Coding
from fhir.resources.R4B.encounter import Encounter, EncounterLocation, EncounterParticipant
from fhir.resources.R4B.humanname import HumanName
from fhir.resources.R4B.identifier import Identifier
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.period import Period
from fhir.resources.R4B.reference import Reference

from workstation.fhir.common import (
    RECORD_NUMBER_SYSTEM,
    V2_0203,
    V3_ACT_CODE,
    WARD_SYSTEM,
    coding,
    concept,
    instant,
    meta,
    person,
    reference,
)

_GENDER = {"male": "male", "female": "female", "unknown": "unknown"}
_CJK = range(0x2E80, 0xA000)


def human_name(name: str, pinyin: str | None = None) -> list[HumanName]:
    """The name as written; a Chinese name is split into surname and given name (one-character
    surname, the usual case; the whole text stays in `text`), with its pinyin as a second name."""
    name = name.strip()
    names: list[HumanName] = []
    if len(name) >= 2 and all(ord(ch) in _CJK for ch in name):
        names.append(HumanName(use="official", text=name, family=name[0], given=[name[1:]]))
    elif " " in name:
        *given, family = name.split()
        names.append(HumanName(use="official", text=name, family=family, given=given))
    else:
        names.append(HumanName(use="official", text=name))
    if pinyin and pinyin != name:
        names.append(HumanName(use="usual", text=pinyin))
    return names


def record_number(value: str) -> Identifier:
    """The record number (住院号) as the patient's MR identifier."""
    return Identifier(
        use="usual",
        type=concept(coding(V2_0203, "MR", "Medical record number")),
        system=RECORD_NUMBER_SYSTEM,
        value=value,
    )


def patient(row: Mapping[str, Any], *, last_updated: str | None = None) -> Patient:
    """A patient of the census."""
    return Patient(
        id=row["patient_id"],
        meta=meta(last_updated),
        identifier=[record_number(row["record_number"])],
        active=True,
        name=human_name(row["name"], row.get("name_pinyin")),
        gender=_GENDER.get(row["sex"], "unknown"),
        birthDate=row["birth_date"],
    )


def encounter(
    row: Mapping[str, Any], *, last_updated: str | None = None, staff: Mapping[str, str]
) -> Encounter:
    """The patient's inpatient stay: ward and bed, attending doctor, admitted and discharged."""
    discharged = row.get("discharged_at")
    attending = person(row.get("attending_id"), staff)
    where = Reference(
        identifier=Identifier(system=WARD_SYSTEM, value=row["ward_id"]),
        display=f"{row['ward_id']} {row['bed']}".strip(),
    )
    return Encounter(
        id=row["patient_id"],
        meta=meta(last_updated),
        status="finished" if discharged else "in-progress",
        class_fhir=Coding(system=V3_ACT_CODE, code="IMP", display="inpatient encounter"),
        subject=reference("Patient", row["patient_id"], row["name"]),
        period=Period(
            start=instant(row["admitted_at"]), end=instant(discharged) if discharged else None
        ),
        participant=[EncounterParticipant(individual=attending)] if attending else None,
        location=[EncounterLocation(location=where, status=None if discharged else "active")],
        reasonCode=[concept(text=row["diagnosis"])] if row.get("diagnosis") else None,
    )
