"""The work the screens ask for, as plain functions run on a worker lane (tested without Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from PySide6.QtCore import QLocale
from sqlalchemy import select

from offline_cache.drafts import NoteDraft
from offline_cache.link import Offline, Refused
from offline_cache.session import Session
from offline_cache.sync_client import Progress, SyncReport
from offline_cache.tables import refdata
from offline_cache.ward_safety import ward_safety
from offline_cache.workstation import SyncStatus, Workstation
from workstation.clinical.note_deadlines import notes_due
from workstation.clock import utc_now
from workstation.projections import queries
from workstation.projections import tables as pt
from workstation.security.policy import clinical_role


@dataclass(frozen=True)
class SyncOutcome:
    """One background sync: its report (None when it failed), why it failed, and the status after."""

    report: SyncReport | None
    error: str | None
    status: SyncStatus


def login(ws: Workstation, username: str, password: str) -> tuple[Session, SyncStatus]:
    """Log in (online, or offline from the cached verifier) and read the status bar's figures."""
    session = ws.login(username, password)
    return session, ws.status()


def logout(ws: Workstation) -> None:
    """End the current session."""
    ws.logout()


def census(ws: Workstation, ward_id: str | None) -> list[dict[str, Any]]:
    """The ward's admitted patients by bed."""
    return ws.census(ward_id)


def find_patients(ws: Workstation, text: str) -> tuple[str, list[dict[str, Any]]]:
    """Patients matching the search text, with the text they answer (results can arrive late)."""
    patients = ws.find_patients(text)
    safety = ward_safety(ws, None)  # a found patient shows an open critical value as well
    for patient in patients:
        patient.update(safety.get(patient["patient_id"], {}))
    return text, patients


def status(ws: Workstation) -> SyncStatus:
    """The status bar's figures."""
    return ws.status()


def sync(ws: Workstation, progress: Progress | None = None) -> SyncOutcome:
    """One sync; an unreachable server or a refusal is an outcome, not an exception."""
    try:
        report: SyncReport | None = ws.sync(progress)
        error = None
    except (Offline, Refused) as exc:
        report, error = None, str(exc)
    return SyncOutcome(report=report, error=error, status=ws.status())


# -- lock ------------------------------------------------------------------------------------
def lock(ws: Workstation) -> None:
    """Audit the lock (the screen is already emptied by the UI)."""
    ws.lock()


def unlock(ws: Workstation, password: str) -> tuple[Session, SyncStatus]:
    """Check the locked user's password locally; LoginRefused when wrong (the session stays)."""
    ws.unlock(password)
    return ws.user, ws.status()


# -- the census with its notes due -----------------------------------------------------------
def census_with_notes_due(ws: Workstation, ward_id: str | None) -> list[dict[str, Any]]:
    """The ward's patients, each with "notes_due" (the notes overdue or due within 24 hours),
    the ward's safety facts and "attending_name"."""
    patients = ws.census(ward_id)
    ids = [p["patient_id"] for p in patients]
    notes: dict[str, list[dict[str, Any]]] = {pid: [] for pid in ids}
    n = pt.notes.c
    with ws.store.reading() as conn:
        for start in range(0, len(ids), 500):
            rows = conn.execute(
                select(n.patient_id, n.note_type, n.signed_at, n.voided).where(
                    n.patient_id.in_(ids[start : start + 500])
                )
            )
            for row in rows:
                notes[row.patient_id].append(dict(row._mapping))
    now = utc_now()
    for patient in patients:
        chart = {"patient": patient, "notes": notes[patient["patient_id"]]}
        patient["notes_due"] = notes_due(chart, now=now)
    safety = ward_safety(ws, ward_id, now=now)  # open critical values, nursing level and round
    names = user_names(ws)  # the attending by name, from the user directory
    for patient in patients:
        patient.update(safety.get(patient["patient_id"], {}))
        patient["attending_name"] = names.get(patient.get("attending_id") or "", "")
    return patients


# -- notes -----------------------------------------------------------------------------------
def user_names(ws: Workstation) -> dict[str, str]:
    """user_id -> display name, from the user directory snapshot (empty before the first sync)."""
    with ws.store.reading() as conn:
        content = conn.execute(
            select(refdata.c.content).where(refdata.c.name == "users")
        ).scalar_one_or_none()
    names = {u["user_id"]: u["display_name"] for u in orjson.loads(content)} if content else {}
    if ws.sessions.current is not None:
        names[ws.user.user_id] = ws.user.display_name
    return names


def sign_note(ws: Workstation, patient_id: str, note_type: str, title: str, text: str) -> str:
    """Sign a note (a trainee's needs a co-signature) and drop its draft; the note's id."""
    user = ws.user
    needs_cosign = clinical_role(user.role) == "trainee_physician" or not user.licensed
    event = ws.record("NoteSigned", patient_id=patient_id, payload={
        "note_type": note_type, "title": title, "text": text, "needs_cosign": needs_cosign})  # fmt: skip
    ws.drafts.drop(author_id=user.user_id, patient_id=patient_id, note_type=note_type)
    return event.event_id


def addend_note(ws: Workstation, patient_id: str, note_id: str, text: str) -> str:
    """Add an addendum to a signed note (the note itself never changes)."""
    payload = {"note_id": note_id, "text": text}
    return ws.record("NoteAddended", patient_id=patient_id, payload=payload).event_id


def cosign_note(ws: Workstation, patient_id: str, note_id: str) -> str:
    """A licensed senior co-signs a trainee's note."""
    payload = {"note_id": note_id}
    return ws.record("NoteCosigned", patient_id=patient_id, payload=payload).event_id


def save_draft(ws: Workstation, author_id: str, patient_id: str, note_type: str, text: str) -> None:
    """Keep an unsigned note in the encrypted replica."""
    ws.drafts.save(author_id=author_id, patient_id=patient_id, note_type=note_type, body=text)


def drafts_for(ws: Workstation, author_id: str, patient_id: str) -> list[NoteDraft]:
    """An author's drafts for a patient, latest first."""
    return ws.drafts.for_patient(author_id=author_id, patient_id=patient_id)


def drop_draft(ws: Workstation, author_id: str, patient_id: str, note_type: str) -> None:
    """Discard a draft."""
    ws.drafts.drop(author_id=author_id, patient_id=patient_id, note_type=note_type)


# -- needs attention -------------------------------------------------------------------------
def needs_attention(ws: Workstation) -> list[dict[str, Any]]:
    """Rejected events, each with "patient": what the replica (so the server) has for it now."""
    items = ws.needs_attention()
    with ws.store.reading() as conn:
        for item in items:
            pid = item["patient_id"]
            item["patient"] = queries.patient(conn, pid) if pid else None
    chinese = QLocale().name().startswith("zh")
    for item in items:
        if item["patient"]:  # the ward by its name, never its code
            item["patient"] = {**item["patient"], "ward_name": ws.store.reference.ward_name(
                item["patient"].get("ward_id"), chinese)}  # fmt: skip
    return items


def void_rejected(ws: Workstation, event_id: str, reason: str) -> SyncStatus:
    """Close a rejected event with a reason (the current user must be its author)."""
    ws.store.void_rejected(event_id, reason=reason, user_id=ws.user.user_id)
    return ws.status()


def amend_rejected(ws: Workstation, event_id: str, payload: dict[str, Any]) -> SyncStatus:
    """Replace a rejected event by a corrected one, queued for the server."""
    ws.amend_rejected(event_id, payload=payload)
    return ws.status()
