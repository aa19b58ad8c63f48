"""The front sheet and the ward handover report for `workstation-server print` (cli_print.py
dispatches here): `front-sheet --patient RECORD_NUMBER`, `handover-report --ward WARD [--from
DAY] [--shift day|evening|night]` — the signed report of that shift when there is one, else the
draft counted from the events."""

from __future__ import annotations

from datetime import date
from typing import Any

import orjson
from sqlalchemy import Connection, select

from workstation.clinical.ward_census import shift_window
from workstation.projections import tables as t
from workstation.projections import ward_tables as wt
from workstation.projections.ward_queries import front_sheet
from workstation.reports.context import PatientNotFound, PrintContext
from workstation.reports.front_sheet import front_sheet_pdf
from workstation.reports.handover_report import handover_report_pdf
from workstation.server.ward_reports import draft_handover

WARD_PRINTS = ("front-sheet", "handover-report")
SHIFTS = ("day", "evening", "night")


def front_sheet_document(
    conn: Connection, ctx: PrintContext, record_number: str
) -> tuple[bytes, str]:
    """(PDF, patient id) of a patient's front sheet; PatientNotFound for an unknown number."""
    row = conn.execute(
        select(t.patients).where(t.patients.c.record_number == record_number)
    ).first()
    if row is None:
        raise PatientNotFound(f"no patient with record number {record_number}")
    patient = dict(row._mapping)
    return front_sheet_pdf(ctx, patient, front_sheet(conn, patient["patient_id"])), patient[
        "patient_id"
    ]


def handover_report(
    conn: Connection, *, ward_id: str, day: date, shift: str, zone: Any
) -> dict[str, Any]:
    """The signed report of the shift, or a draft from the events."""
    start, end = shift_window(day, shift, zone)
    h = wt.ward_handovers.c
    signed = conn.execute(select(wt.ward_handovers).where(h.ward_id == ward_id, h.shift_start == start)
                          .order_by(h.signed_at.desc())).first()  # fmt: skip
    if signed is not None:
        content = orjson.loads(signed.content)
        return (
            dict(signed._mapping)
            | content
            | {"special_patients": content["special_patients"]["rows"]}
        )
    census = draft_handover(conn, ward_id=ward_id, start=start, end=end)
    return {"ward_id": ward_id, "shift": shift, "shift_start": start, "shift_end": end,
            "counts": census.counts, "special_patients": census.special_patients}  # fmt: skip


def handover_document(
    conn: Connection, ctx: PrintContext, *, ward_id: str, day: date, shift: str
) -> bytes:
    """The PDF of a ward's handover report."""
    report = handover_report(conn, ward_id=ward_id, day=day, shift=shift, zone=ctx.times.zone)
    return handover_report_pdf(ctx, report)
