"""The ward's nurse roster on the station (排班): read from the cached `roster.<ward>` snapshot
(offline too, like other reference data), and edited by the head nurse through the server, which
checks her ward, every field and the version she read."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import select

from offline_cache.link import Offline
from offline_cache.tables import refdata
from offline_cache.workstation import Workstation
from workstation.clinical.roster import beds_of
from workstation.clinical.schedule import ward_clock
from workstation.clock import utc_now

SNAPSHOT_PREFIX = "roster."  # workstation.server.roster_store publishes under this name


def cached_roster(ws: Workstation, ward_id: str) -> dict[str, Any] | None:
    """The ward's roster as last downloaded (None before the first sync that brought it)."""
    with ws.store.reading() as conn:
        raw = conn.execute(
            select(refdata.c.content).where(refdata.c.name == SNAPSHOT_PREFIX + ward_id)
        ).scalar()
    return None if raw is None else dict(orjson.loads(raw))


def my_beds(
    ws: Workstation, ward_id: str | None, now: datetime | None = None
) -> frozenset[str] | None:
    """The beds the nurse logged in is responsible for on the shift running now, by the cached
    roster; None when she is not on the roster now (her worklist then shows the whole ward)."""
    session = ws.sessions.current
    if session is None or ward_id is None:
        return None
    found = cached_roster(ws, ward_id)
    if found is None:
        return None
    return beds_of(found, session.user_id, now or utc_now(), ward_clock())


def _online(ws: Workstation) -> None:
    session = ws.sessions.current
    if ws.link is None or session is None or not session.online:
        raise Offline("the roster is edited on the server: log in online to change it")


def fetch_roster(ws: Workstation, ward_id: str, start: str, days: int = 7) -> dict[str, Any]:
    """The roster of `days` days from `start` with its workload and warnings (online)."""
    _online(ws)
    assert ws.link is not None
    params = {"ward": ward_id, "start": start, "days": days}
    return dict(ws.link.request("GET", "/manage/roster", params=params))


def save_roster(ws: Workstation, ward_id: str, edit: dict[str, Any]) -> dict[str, Any]:
    """Save the head nurse's edit ({base_version, shifts?, levels?, cells?}); then bring the new
    snapshot down so this station's worklist follows at once. Refused (409) when stale."""
    _online(ws)
    assert ws.link is not None
    saved = dict(ws.link.request("PUT", f"/manage/roster/{ward_id}", body=edit))
    if ws.sync_client is not None:
        ws.sync_client.refresh_refdata(dict(ws.link.request("GET", "/refdata")))
    return saved
