"""Every printable document by name, for the command line, the desktop and the downtime refresher."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from workstation.reports.context import PrintContext, make_context, patient_by_record_number
from workstation.reports.controlled_rx import narcotic_prescription, psychotropic_prescription
from workstation.reports.discharge import discharge_prescription
from workstation.reports.handoff import handoff
from workstation.reports.labels import medication_labels
from workstation.reports.mar import mar
from workstation.reports.notes import discharge_summary, progress_notes
from workstation.reports.order_sheet import order_sheets
from workstation.reports.orders import prescription
from workstation.reports.vitals_chart import vitals_chart

PatientDocument = Callable[[PrintContext, dict[str, Any]], bytes]

PATIENT_DOCUMENTS: dict[str, PatientDocument] = {
    "prescription": prescription,
    "narcotic-prescription": narcotic_prescription,  # 麻、精一 (处方管理办法 Annex 1)
    "psychotropic-prescription": psychotropic_prescription,  # 精二
    "order-sheet": order_sheets,
    "mar": mar,
    "vitals-chart": vitals_chart,
    "progress-notes": progress_notes,
    "discharge-summary": discharge_summary,
    "discharge-prescription": discharge_prescription,
    "handoff": handoff,
    "label": medication_labels,
}


def print_patient_document(
    conn: Connection, kind: str, record_number: str, *, lang: str, printed_by: str,
    printed_at: datetime | None = None,
) -> tuple[bytes, dict[str, Any]]:  # fmt: skip
    """The PDF of one patient document and the patient it is about (for the audit row)."""
    if kind not in PATIENT_DOCUMENTS:
        raise ValueError(f"unknown document {kind!r}: use one of {', '.join(PATIENT_DOCUMENTS)}")
    ctx = make_context(conn, lang=lang, printed_by=printed_by, printed_at=printed_at)
    chart = patient_by_record_number(conn, record_number)
    return PATIENT_DOCUMENTS[kind](ctx, chart), chart["patient"]
