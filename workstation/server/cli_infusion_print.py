"""The treatment room's prints for `workstation-server print` (cli_print.py dispatches here):
`infusion-labels --ward WARD [--date DAY]` (or `--patient RECORD_NUMBER`): the bottle labels of
the ward day's bags, one per bag per due time; `execution-sheet --ward WARD [--date DAY]
[--shift day|evening|night]`: every dose due in that shift, by route, with the recorded ones
filled in."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, select

from workstation.clinical.formulary import default_formulary
from workstation.clinical.infusion import bottle_labels, execution_rows, sort_execution
from workstation.clinical.ward_census import shift_window
from workstation.clock import parse_iso
from workstation.projections import queries
from workstation.projections import tables as t
from workstation.projections.nursing_queries import nursing_chart
from workstation.reports.context import PatientNotFound, PrintContext
from workstation.reports.infusion import bottle_labels_pdf, execution_sheet_pdf
from workstation.server.cli_common import CliError
from workstation.server.models import wards

INFUSION_PRINTS = ("infusion-labels", "execution-sheet")


def _charts(
    conn: Connection, ward_id: str | None, record_number: str | None
) -> list[dict[str, Any]]:
    if record_number is not None:
        row = conn.execute(
            select(t.patients.c.patient_id).where(t.patients.c.record_number == record_number)
        ).first()
        if row is None:
            raise PatientNotFound(f"no patient with record number {record_number}")
        ids = [row.patient_id]
        beds = {}
    else:
        census = queries.census(conn, ward_id)
        ids = [r["patient_id"] for r in census]
        beds = {r["patient_id"]: r["same_name_beds"] for r in census}
    charts = [nursing_chart(conn, patient_id) for patient_id in ids]
    for chart in charts:
        chart["patient"]["same_name_beds"] = beds.get(chart["patient"]["patient_id"], [])
    return charts


def _ward_day(ctx: PrintContext, day: date) -> tuple[datetime, datetime]:
    start = ctx.times.at(day, time(0))
    return start, ctx.times.at(day + timedelta(days=1), time(0))


def infusion_labels_document(conn: Connection, ctx: PrintContext, *, ward_id: str | None,
                             day: date, record_number: str | None = None) -> tuple[bytes, str | None]:  # fmt: skip
    """(PDF, the patient's id when printed for one) of a ward day's bottle labels."""
    start, end = _ward_day(ctx, day)
    charts = _charts(conn, ward_id, record_number)
    formulary = default_formulary()
    labels = [label for chart in charts for label in bottle_labels(
        chart, start=start, end=end, now=ctx.printed_at, formulary=formulary, times=ctx.times)]  # fmt: skip
    labels.sort(key=lambda label: (label.due_at, label.bed.zfill(6), label.group_number))
    patient_id = charts[0]["patient"]["patient_id"] if record_number is not None else None
    return bottle_labels_pdf(ctx, labels), patient_id


def execution_sheet_document(conn: Connection, ctx: PrintContext, *, ward_id: str, day: date,
                             shift: str) -> bytes:  # fmt: skip
    """The PDF of a ward's execution sheet for one shift."""
    start, end = shift_window(day, shift, ctx.times.zone)
    formulary = default_formulary()
    rows = [row for chart in _charts(conn, ward_id, None) for row in execution_rows(
        chart, start=parse_iso(start), end=parse_iso(end), now=ctx.printed_at,
        formulary=formulary, times=ctx.times)]  # fmt: skip
    return execution_sheet_pdf(
        ctx, ward_id=ward_id, start=start, end=end, rows=sort_execution(rows)
    )


def infusion_document(conn: Connection, ctx: PrintContext, args: Any) -> tuple[bytes, str | None]:
    """(PDF, patient id or None) of `print infusion-labels|execution-sheet`; CliError for an
    unknown ward or record number."""
    known = set(conn.execute(select(wards.c.ward_id)).scalars())
    if args.ward and args.ward not in known:
        raise CliError(f"unknown ward {args.ward}; known wards: {', '.join(sorted(known))}")
    day = args.first_day or ctx.local_date(ctx.printed_at)
    if args.kind == "execution-sheet":
        return execution_sheet_document(
            conn, ctx, ward_id=args.ward, day=day, shift=args.shift
        ), None
    try:
        return infusion_labels_document(conn, ctx, ward_id=args.ward, day=day,
                                        record_number=args.patient)  # fmt: skip
    except PatientNotFound as exc:
        raise CliError(str(exc)) from exc
