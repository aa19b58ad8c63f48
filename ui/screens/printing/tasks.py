"""Printing work run on a worker lane: documents from the local replica (works offline), audited."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from offline_cache.downtime import build_downtime_pack
from offline_cache.workstation import Workstation
from workstation.projections import tables as pt
from workstation.reports.context import make_context
from workstation.reports.documents import print_patient_document
from workstation.reports.stock import stock_report

STOCK_REPORT = "stock-report"


@dataclass(frozen=True)
class PrintedDocument:
    """A PDF ready for the preview, what it is, and whom it is about (None for the stock report)."""

    pdf: bytes
    kind: str
    patient_id: str | None
    record_number: str | None


def report_language(ui_language: str) -> str:
    """The documents' language for the UI's ("en" prints in en_US, Chinese in zh_CN)."""
    return "zh_CN" if ui_language.startswith("zh") else "en_US"


def patient_document(ws: Workstation, kind: str, patient_id: str, lang: str) -> PrintedDocument:
    """One patient's document from the replica; the print is audited (queued for the next sync)."""
    with ws.store.reading() as conn:
        record_number = conn.execute(
            select(pt.patients.c.record_number).where(pt.patients.c.patient_id == patient_id)
        ).scalar_one_or_none()
        if record_number is None:
            raise LookupError("This patient is not in the local data.")
        pdf, _patient = print_patient_document(
            conn, kind, record_number, lang=lang, printed_by=ws.user.display_name
        )
    ws.record_access("print", patient_id)
    return PrintedDocument(pdf, kind, patient_id, record_number)


def stock_document(ws: Workstation, lang: str) -> PrintedDocument:
    """The pharmacy's stock report from the replica; the print is audited."""
    with ws.store.reading() as conn:
        ctx = make_context(conn, lang=lang, printed_by=ws.user.display_name)
        pdf = stock_report(ctx, conn)
    ws.record_access("print")
    return PrintedDocument(pdf, STOCK_REPORT, None, None)


def downtime_pack_now(ws: Workstation, ward_id: str | None, lang: str) -> Path:
    """Build the ward's downtime pack now (no server needed); where it was written."""
    return build_downtime_pack(ws, ward_id=ward_id, lang=lang)
