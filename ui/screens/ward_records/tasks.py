"""The front sheet's and the ward reports' work on the worker lanes, as plain functions."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from offline_cache.record_archive import diagnosis_catalogue
from offline_cache.tables import local_events
from offline_cache.workstation import Workstation
from workstation.clinical.icd10 import Icd10Catalogue
from workstation.clinical.ward_census import draft_census, shift_window
from workstation.clock import utc_now
from workstation.events.envelope import Event
from workstation.projections import ward_queries


def load_front_sheet(
    ws: Workstation, patient_id: str
) -> tuple[dict[str, Any] | None, Icd10Catalogue]:
    """The saved front sheet of a patient on this computer (or None) and the diagnosis list."""
    with ws.store.reading() as conn:
        return ward_queries.front_sheet(conn, patient_id), diagnosis_catalogue(conn)


def save_front_sheet(ws: Workstation, patient_id: str, sheet: dict[str, Any]) -> str:
    """Save the whole sheet as the current user (also offline); the event id."""
    return ws.record("FrontSheetSaved", patient_id=patient_id, payload=sheet).event_id


def report_adverse_event(ws: Workstation, report: dict[str, Any]) -> str:
    """Save an adverse-event report (also offline); the event id."""
    return ws.record("AdverseEventReported", patient_id=None, payload=report).event_id


def draft_handover(
    ws: Workstation, ward_id: str, day: date, shift: str, zone: Any
) -> dict[str, Any]:
    """The shift's census drafted from this computer's events, and the report awaiting receipt."""
    start, end = shift_window(day, shift, zone)
    with ws.store.reading() as conn:
        events = _census_events(ws, conn)
        signed = [
            r for r in ward_queries.ward_handovers(conn, ward_id) if r["shift_start"] == start
        ]
    census = draft_census(events, ward_id=ward_id, start=start, end=end)
    return {"ward_id": ward_id, "shift": shift, "shift_start": start, "shift_end": end,
            "counts": census.counts, "special_patients": census.special_patients,
            "signed": signed[0] if signed else None, "now": utc_now(),
            "ward_names": ws.store.reference.ward_names(ward_id)}  # fmt: skip


def _census_events(ws: Workstation, conn: Any) -> list[Event]:
    ids = conn.execute(select(local_events.c.patient_id).where(local_events.c.patient_id.is_not(None))
                       .distinct()).scalars().all()  # fmt: skip
    return [e for pid in ids for e in ws.store.patient_events(conn, pid)]


def sign_handover(ws: Workstation, report: dict[str, Any]) -> str:
    """The handing-over nurse signs the drafted report; the event id."""
    return ws.record("WardHandoverSigned", patient_id=None, payload=report).event_id


def receive_handover(ws: Workstation, report_id: str, ward_id: str) -> str:
    """The receiving nurse signs for the report; the event id."""
    return ws.record("WardHandoverReceived", patient_id=None,
                     payload={"report_id": report_id, "ward_id": ward_id}).event_id  # fmt: skip
