"""`workstation-server print KIND ...`: any printed document from the server database, audited.
Kept beside cli.py (which stays under its size limit); cli.build_parser adds this command."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from workstation.reports.text import LANGUAGES
from workstation.security.files import write_private
from workstation.server import audit
from workstation.server.audit import AuditEntry
from workstation.server.db import reader
from workstation.server.models import wards

# The names of reports.documents.PATIENT_DOCUMENTS and reports.mar.MAX_DAYS, repeated here so that
# the command line starts without loading reportlab (a test keeps them equal).
PATIENT_DOCUMENTS = ("prescription", "narcotic-prescription", "psychotropic-prescription",
                     "order-sheet", "mar", "vitals-chart", "progress-notes", "discharge-summary",
                     "discharge-prescription", "handoff", "label")  # fmt: skip
WARD_DOCUMENTS = ("downtime-pack", "stock", "handover-report")
# read their own projections (cli_ward_print.py, cli_nursing_print.py)
OWN_PATIENT_DOCUMENTS = ("front-sheet", "nursing-record")
INFUSION_DOCUMENTS = ("infusion-labels", "execution-sheet")  # cli_infusion_print.py
MAX_DAYS = 7


def _days(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_DAYS:
        raise argparse.ArgumentTypeError(f"not a number of days from 1 to {MAX_DAYS}: {text!r}")
    return int(text)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_print_command(commands: Any, command: Any) -> None:
    """Add `print` to the sub-command list; `command` is cli._command (adds --database)."""
    kinds = [*PATIENT_DOCUMENTS, *OWN_PATIENT_DOCUMENTS, *WARD_DOCUMENTS, *INFUSION_DOCUMENTS]
    parser = command(commands, "print", cmd_print, "print a document to a PDF file (audited)")
    parser.add_argument("kind", choices=kinds, metavar="KIND", help=f"one of: {', '.join(kinds)}")
    parser.add_argument("--patient", metavar="RECORD_NUMBER", help="for a patient document")
    parser.add_argument("--ward", help="for downtime-pack and handover-report")
    parser.add_argument(
        "--shift",
        choices=("day", "evening", "night"),
        default="day",
        help="handover-report: the shift of the --from day (default day)",
    )
    parser.add_argument("--location", help="for stock: one location (default all)")
    parser.add_argument("--out", required=True, metavar="FILE", help="the PDF file to write")
    parser.add_argument("--lang", choices=LANGUAGES, default="zh_CN")
    parser.add_argument("--user", metavar="NAME", help="who prints (default: the OS user)")
    parser.add_argument("--from", "--date", dest="first_day", type=_day, metavar="YYYY-MM-DD",
                        help="mar: first ward day (default: two days before today); "
                             "handover-report, infusion-labels, execution-sheet: "
                             "the ward day (default today)")  # fmt: skip
    parser.add_argument("--days", type=_days, default=3, help=f"mar: days, 1 to {MAX_DAYS}")
    parser.set_defaults(print_parser=parser)


def _check_arguments(args: argparse.Namespace) -> None:
    parser = args.print_parser
    if args.kind in (*PATIENT_DOCUMENTS, *OWN_PATIENT_DOCUMENTS) and not args.patient:
        parser.error(f"{args.kind} needs --patient RECORD_NUMBER")
    if args.kind in ("downtime-pack", "handover-report") and not args.ward:
        parser.error(f"{args.kind} needs --ward WARD")
    if args.kind in INFUSION_DOCUMENTS and not (args.ward or args.patient):
        parser.error(f"{args.kind} needs --ward WARD (or --patient RECORD_NUMBER for labels)")
    if args.kind in (*WARD_DOCUMENTS, "execution-sheet") and args.patient:
        parser.error(f"{args.kind} is not about one patient: leave out --patient")
    if not Path(args.out).expanduser().resolve().parent.is_dir():
        parser.error(f"--out folder does not exist: {Path(args.out).parent}")


def cmd_print(args: argparse.Namespace) -> int:
    """Write the document as a PDF and audit the print."""
    from workstation.reports.context import PatientNotFound, make_context, patient_by_record_number
    from workstation.reports.documents import PATIENT_DOCUMENTS as DOCUMENTS
    from workstation.reports.downtime import downtime_pack
    from workstation.reports.mar import mar
    from workstation.reports.stock import stock_report
    from workstation.server.cli_common import CliError, open_initialised, operator
    from workstation.server.cli_infusion_print import infusion_document
    from workstation.server.cli_nursing_print import nursing_record_document
    from workstation.server.cli_ward_print import front_sheet_document, handover_document
    from workstation.server.keys import read_keys

    _check_arguments(args)
    engine = open_initialised(args.database, key=read_keys(args.server_config).audit)
    printed_by = args.user or operator()
    patient_id = None
    with reader(engine) as conn:
        ctx = make_context(conn, lang=args.lang, printed_by=printed_by)
        if args.kind in PATIENT_DOCUMENTS:
            try:
                chart = patient_by_record_number(conn, args.patient)
            except PatientNotFound as exc:
                raise CliError(str(exc)) from exc
            patient_id = chart["patient"]["patient_id"]
            if args.kind == "mar":
                pdf = mar(ctx, chart, first_day=args.first_day, days=args.days)
            else:
                pdf = DOCUMENTS[args.kind](ctx, chart)
        elif args.kind in INFUSION_DOCUMENTS:
            pdf, patient_id = infusion_document(conn, ctx, args)
        elif args.kind in OWN_PATIENT_DOCUMENTS:
            try:
                own = (
                    nursing_record_document
                    if args.kind == "nursing-record"
                    else front_sheet_document
                )
                pdf, patient_id = own(conn, ctx, args.patient)
            except PatientNotFound as exc:
                raise CliError(str(exc)) from exc
        elif args.kind in ("downtime-pack", "handover-report"):
            known = set(conn.execute(select(wards.c.ward_id)).scalars())
            if args.ward not in known:
                raise CliError(f"unknown ward {args.ward}; known wards: {', '.join(sorted(known))}")
            if args.kind == "handover-report":
                day = args.first_day or ctx.local_date(ctx.printed_at)
                pdf = handover_document(conn, ctx, ward_id=args.ward, day=day, shift=args.shift)
            else:
                pdf = downtime_pack(ctx, conn, args.ward, data_as_of=ctx.printed_at.isoformat())
        else:
            pdf = stock_report(ctx, conn, args.location)
    out = Path(args.out).expanduser()
    write_private(out, pdf)
    detail = {"document": args.kind, "lang": args.lang, "printed_by": printed_by,
              "ward": args.ward, "via": "cli", "os_user": operator()}  # fmt: skip
    audit.record(engine, [AuditEntry("print", None, patient_id=patient_id, detail=detail)])
    print(f"{args.kind} written to {out} ({len(pdf)} bytes)")
    return 0
