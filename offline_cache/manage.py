"""The managers' dashboards as the station reads them: counts and rates computed on the server
(`/manage/...`), never copied into a ward's replica, so they need the server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from offline_cache.link import Offline
from offline_cache.workstation import Workstation
from workstation.reports.xlsx import Sheet, workbook_bytes
from workstation.security.files import write_private


def _online(ws: Workstation) -> None:
    session = ws.sessions.current
    if ws.link is None or session is None or not session.online:
        raise Offline("the dashboards are on the server: log in online to read them")


def fetch_manage(
    ws: Workstation, path: str, params: dict[str, Any] | None = None
) -> dict[str, Any]:
    """One dashboard's figures from the server (`path` under /manage), for the given ward."""
    if not path.startswith("/manage/"):
        raise ValueError(f"not a dashboard path: {path}")
    _online(ws)
    assert ws.link is not None
    wanted = {k: v for k, v in (params or {}).items() if v is not None}
    return dict(ws.link.request("GET", path, params=wanted))


def export_dashboard(ws: Workstation, path: Path, sheets: list[Sheet]) -> Path:
    """Write the dashboard's tables to an Excel file readable by its owner only, and audit it."""
    write_private(path, workbook_bytes(sheets))
    ws.record_access("export_dashboard")
    return path
