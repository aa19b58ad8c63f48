"""The nursing record for `workstation-server print nursing-record --patient RECORD_NUMBER`
(cli_print.py dispatches here): every row of the patient's record from the server's projection,
on the form each was written on, with its shift and 24-hour totals."""

from __future__ import annotations

from sqlalchemy import Connection, select

from workstation.clinical.nursing_record import RecordSettings
from workstation.projections import tables as t
from workstation.projections.nursing_record_queries import record_rows
from workstation.reports.context import PatientNotFound, PrintContext
from workstation.reports.nursing_record import nursing_record_pdf


def nursing_record_document(
    conn: Connection, ctx: PrintContext, record_number: str
) -> tuple[bytes, str]:
    """(PDF, patient id) of a patient's nursing record; PatientNotFound for an unknown number."""
    row = conn.execute(
        select(t.patients).where(t.patients.c.record_number == record_number)
    ).first()
    if row is None:
        raise PatientNotFound(f"no patient with record number {record_number}")
    patient = dict(row._mapping)
    rows = record_rows(conn, patient["patient_id"])
    return nursing_record_pdf(ctx, patient, rows, settings=RecordSettings.load()), patient[
        "patient_id"
    ]
