"""The medical affairs office's side of prescribing rights: the users with their title and rights
(`GET /admin/rights`) and setting them (`POST /admin/rights/{username}`); both need the server,
which checks every rule again (workstation.server.user_rights)."""

from __future__ import annotations

from typing import Any

from offline_cache.link import Offline
from offline_cache.workstation import Workstation


def _online(ws: Workstation) -> None:
    session = ws.sessions.current
    if ws.link is None or session is None or not session.online:
        raise Offline("prescribing rights are kept on the server: log in online to change them")


def fetch_rights(ws: Workstation) -> list[dict[str, Any]]:
    """Every active user with role and rights, by username."""
    _online(ws)
    assert ws.link is not None
    return list(ws.link.request("GET", "/admin/rights")["users"])


def save_rights(ws: Workstation, username: str, rights: dict[str, Any]) -> dict[str, Any]:
    """Set a user's title and rights; the rights as the server now keeps them."""
    _online(ws)
    assert ws.link is not None
    return dict(ws.link.request("POST", f"/admin/rights/{username}", body=rights))
