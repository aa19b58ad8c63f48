"""The work the screens ask for, as plain functions run on a worker lane (tested without Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from offline_cache.link import Offline, Refused
from offline_cache.session import Session
from offline_cache.sync_client import Progress, SyncReport
from offline_cache.workstation import SyncStatus, Workstation


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
    return text, ws.find_patients(text)


def open_chart(ws: Workstation, patient_id: str) -> dict[str, Any]:
    """The whole chart of one patient (audited as opened)."""
    return ws.open_chart(patient_id)


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
