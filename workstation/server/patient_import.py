"""The first day's in-patients into the server, as the HIS's admissions would arrive.

The file is checked row by row (workstation.clinical.patient_import), then against the server:
the ward, the bed (on the ward, not taken), the attending doctor (a user, by username, name or
id). Each patient then takes the HL7 ADT^A01 path: hl7_plan turns the row into the events a
station would record (PatientAdmitted, AllergyRecorded, ProblemRecorded), signed by the
interface identity and checked by the push path (sync.push_within), the record number filed
under the hospital's assigning authority so the HIS's later ADT finds the patient. All rows go
in one write transaction: one refusal and nothing is imported. A patient already on the server
(the same record number) is left as is, so running the import again changes nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from workstation.clinical.formulary_io import ImportReport, RowProblem
from workstation.clinical.patient_import import check_patients, missing_columns, problem
from workstation.hl7v2.mapping import Inbound, PatientRef, Visit
from workstation.hl7v2.message import MessageProblem
from workstation.projections import tables as pt
from workstation.security.policy import clinical_role
from workstation.server import audit, auth, hl7_identity
from workstation.server.audit import AuditEntry
from workstation.server.db import reader, writer
from workstation.server.hl7_plan import patient_id_of, plan
from workstation.server.models import hl7_patient_ids, wards
from workstation.server.sync import push_within
from workstation.server.ward_rules import diagnosis_catalogue

FACILITY = "IMPORT"


@dataclass
class PatientImport:
    """The report (problems, or the patients) and how many were admitted or already there."""

    report: ImportReport
    admitted: int = 0
    already: int = 0


class _Refused(Exception):
    def __init__(self, problems: list[RowProblem]):
        super().__init__(f"{len(problems)} bad rows")
        self.problems = problems


def import_patients(engine: Engine, rows: list[dict[str, str]], *, authority: str,
                    operator: str, check_only: bool = False) -> PatientImport:  # fmt: skip
    """Check and (unless check_only or a row is bad) admit every patient of the file."""
    with reader(engine) as conn:
        catalogue = diagnosis_catalogue(conn)
    missing = missing_columns(rows)
    if missing:
        report = ImportReport("patients", problems=[
            RowProblem(1, "", f"{c}: the header has no such column") for c in missing])  # fmt: skip
        return PatientImport(report)
    result = PatientImport(check_patients(rows, catalogue))
    if not result.report.ok:
        return result
    identity = hl7_identity.ensure(engine)  # its key registered before the write transaction
    try:
        with writer(engine) as conn:
            _admit_all(conn, identity, result, authority)
            if check_only:
                raise _Refused([])
            audit.append(conn, [AuditEntry("patients_imported", f"cli:{operator}", None,
                                           hl7_identity.DEVICE_ID,
                                           {"admitted": result.admitted,
                                            "already": result.already,
                                            "authority": authority})])  # fmt: skip
    except _Refused as refused:
        result.report.problems = refused.problems
        if refused.problems:
            result.report.records = []
    return result


def _admit_all(conn: Connection, identity: hl7_identity.InterfaceIdentity, result: PatientImport,
               authority: str) -> None:  # fmt: skip
    beds = {w.ward_id: set(w.beds.split(",")) for w in conn.execute(select(wards))}
    doctors = _doctors(conn)
    problems: list[RowProblem] = []
    for number, record in enumerate(result.report.records, start=2):
        ref = PatientRef(authority, record["record_number"])
        if _already_here(conn, ref):
            result.already += 1
            continue
        try:
            _admit(conn, identity, ref, record, _where(conn, record, beds, doctors))
        except _RowError as exc:
            problems.append(problem(number, ref.record_number, exc.column, str(exc)))
            continue
        result.admitted += 1
    if problems:
        raise _Refused(problems)


class _RowError(ValueError):
    def __init__(self, column: str, text: str):
        super().__init__(text)
        self.column = column


def _doctors(conn: Connection) -> dict[str, str]:
    found: dict[str, str] = {}
    for user in auth.all_users(conn).values():
        if clinical_role(user.role) in ("physician", "trainee_physician"):
            for name in (user.user_id, user.username, user.display_name):
                found.setdefault(name, user.user_id)
    return found


def _already_here(conn: Connection, ref: PatientRef) -> bool:
    if patient_id_of(conn, ref) is not None:
        return True
    p = pt.patients.c
    return conn.execute(select(p.patient_id).where(
        p.record_number == ref.record_number, p.status == "admitted")).first() is not None  # fmt: skip


def _where(conn: Connection, record: Mapping[str, Any], beds: dict[str, set[str]],
           doctors: dict[str, str]) -> Visit:  # fmt: skip
    ward, bed = record["ward_id"], record["bed"]
    if ward not in beds:
        raise _RowError("ward", f"no ward {ward!r} on this server")
    if bed not in beds[ward]:
        raise _RowError("bed", f"ward {ward} has no bed {bed!r}")
    p = pt.patients.c
    taken = conn.execute(select(p.record_number).where(
        p.ward_id == ward, p.bed == bed, p.status == "admitted")).scalar()  # fmt: skip
    if taken is not None:
        raise _RowError("bed", f"bed {bed} of {ward} is taken by record {taken}")
    attending = record.get("attending")
    if attending and attending not in doctors:
        raise _RowError("attending", f"no doctor {attending!r} among the users (add them first)")
    return Visit(ward, bed, doctors.get(attending) if attending else None, None, None)


def _admit(conn: Connection, identity: hl7_identity.InterfaceIdentity, ref: PatientRef,
           record: Mapping[str, Any], visit: Visit) -> None:  # fmt: skip
    inbound = Inbound("A01", ref, name=record["name"], sex=record["sex"],
                      birth_date=record["birth_date"], visit=visit,
                      allergies=list(record["allergies"]), diagnoses=list(record["diagnoses"]))  # fmt: skip
    try:
        steps = plan(conn, inbound, facility=FACILITY, ward_map={})
    except MessageProblem as exc:
        raise _RowError("record_number", exc.reason) from exc
    wires = hl7_identity.signed_events(conn, identity, steps.events)
    refused = [r for r in push_within(conn, pusher=identity.user, wire_events=wires)
               if r["status"] != "accepted"]  # fmt: skip
    if refused:
        raise _RowError("record_number", f"{refused[0].get('code')}: {refused[0].get('message')}")
    for filed, patient_id in steps.new_ids:
        conn.execute(insert(hl7_patient_ids).values(
            authority=filed.authority, identifier=filed.record_number, patient_id=patient_id))  # fmt: skip
