"""The archive's work on the worker lanes, as plain functions (tested without Qt)."""

from __future__ import annotations

from typing import Any

from offline_cache.workstation import Workstation
from ui import tasks


def request_unlock(ws: Workstation, patient_id: str, reason: str) -> str:
    """Save an unlock request (also offline); its id."""
    return ws.request_unlock(patient_id, reason=reason).event_id


def archive_record(ws: Workstation, patient_id: str, record_number: str) -> str:
    """Archive a discharged record against the server's state; the event id."""
    return ws.archive_record(patient_id, record_number=record_number).event_id


def pending_unlocks(ws: Workstation) -> list[dict[str, Any]]:
    """The requests waiting for a decision, after a sync (the list on this computer when the
    server cannot be reached), with the askers' names."""
    tasks.sync(ws)
    names = tasks.user_names(ws)
    return [{**r, "requested_by_name": names.get(r["requested_by"], r["requested_by"])}
            for r in ws.pending_unlocks()]  # fmt: skip


def approve_unlock(ws: Workstation, patient_id: str, request_id: str, hours: int) -> str:
    """Approve a request for `hours`; the event id."""
    return ws.approve_unlock(patient_id, request_id=request_id, hours=hours).event_id


def deny_unlock(ws: Workstation, patient_id: str, request_id: str, reason: str) -> str:
    """Deny a request with a reason; the event id."""
    return ws.deny_unlock(patient_id, request_id=request_id, reason=reason).event_id
