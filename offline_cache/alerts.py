"""The privacy officer's side of break-the-glass: the server's alerts (`GET /alerts`) and marking one
read; both need the server (the alerts are never copied into a ward's replica)."""

from __future__ import annotations

from typing import Any

from offline_cache.link import Offline
from offline_cache.workstation import Workstation


def _online(ws: Workstation) -> None:
    session = ws.sessions.current
    if ws.link is None or session is None or not session.online:
        raise Offline("the alerts are on the server: log in online to read them")


def fetch_alerts(ws: Workstation) -> list[dict[str, Any]]:
    """The break-the-glass alerts, unread first (who, patient, reason, minutes, when, read by)."""
    _online(ws)
    assert ws.link is not None
    return list(ws.link.request("GET", "/alerts")["alerts"])


def acknowledge_alert(ws: Workstation, alert_id: str) -> dict[str, Any]:
    """Mark one alert read by the user logged in; who read it and when, as the server recorded."""
    _online(ws)
    assert ws.link is not None
    return dict(ws.link.request("POST", f"/alerts/{alert_id}/acknowledge"))
