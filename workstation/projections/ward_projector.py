"""Fold the front sheet, adverse-event reports and ward handover reports into their tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, update

from workstation.clinical.adverse_events import adr_deadline
from workstation.events.envelope import Event, canonical_json
from workstation.projections import ward_tables as wt
from workstation.projections.record_lock import received_time

Handler = Callable[[Any, Event], None]


def _text(value: Any) -> str:
    """Canonical JSON as text (the content columns are Text on both databases)."""
    return canonical_json(value).decode()


def _front_sheet(fold: Any, e: Event) -> None:
    rows = e.payload.get("discharge_diagnoses") or []
    fold.run(delete(wt.front_sheets).where(wt.front_sheets.c.patient_id == e.patient_id))
    fold.add(wt.front_sheets, {
        "patient_id": e.patient_id, "sheet_id": e.event_id, "saved_by": e.author_id,
        "saved_at": e.recorded_at, "main_code": rows[0]["code"] if rows else None,
        "content": _text(e.payload),
    })  # fmt: skip


def _adverse(fold: Any, e: Event) -> None:
    p = e.payload
    due, limit = adr_deadline(p["adr"]) if p.get("adr") else (None, None)
    fold.add(wt.adverse_events, {
        "report_id": e.event_id, "ward_id": p["ward_id"], "patient_id": p.get("patient_id"),
        "category": p["category"], "severity": p["severity"], "occurred_at": p["occurred_at"],
        "reported_at": received_time(e), "reporter_id": e.author_id,
        "anonymous": bool(p.get("anonymous")), "adr_due_at": due, "adr_limit": limit,
        "content": _text(p),
    })  # fmt: skip


def _handover(fold: Any, e: Event) -> None:
    p = e.payload
    content = {
        "counts": p["counts"],
        "special_patients": p["special_patients"],
        "note": p.get("note"),
    }
    fold.add(wt.ward_handovers, {
        "report_id": e.event_id, "ward_id": p["ward_id"], "shift": p["shift"],
        "shift_start": p["shift_start"], "shift_end": p["shift_end"], "signed_by": e.author_id,
        "signed_at": e.recorded_at, "received_by": None, "received_at": None,
        "content": _text(content),
    })  # fmt: skip


def _received(fold: Any, e: Event) -> None:
    h = wt.ward_handovers.c
    fold.run(update(wt.ward_handovers).where(h.report_id == e.payload["report_id"])
             .values(received_by=e.author_id, received_at=e.recorded_at))  # fmt: skip


def ward_handlers() -> dict[str, Handler]:
    """The handlers of the front sheet's and the ward reports' events."""
    return {
        "FrontSheetSaved": _front_sheet,
        "AdverseEventReported": _adverse,
        "WardHandoverSigned": _handover,
        "WardHandoverReceived": _received,
    }
