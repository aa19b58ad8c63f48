"""`GET /manage/flow`: the patient-flow dashboard of a ward or of the manager's whole scope —
movements by hour and weekday, midnight census and occupancy, length of stay, and a 7-day census
forecast with its held-out error. Opening it folds only the events since the last open
(flow_store) and then reads the small flow tables."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime, timedelta
from typing import Any, Protocol

from fastapi import APIRouter, Query, Request
from sqlalchemy import Engine

from workstation.clinical.schedule import ward_clock
from workstation.clock import iso, utc_now
from workstation.server.db import reader
from workstation.server.flow_forecast import HORIZON, census_forecast
from workstation.server.flow_queries import (
    length_of_stay,
    midnight_census,
    midnights,
    movement_counts,
    ward_beds,
)
from workstation.server.flow_store import catch_up_flow

DEFAULT_DAYS = 84  # twelve weeks on the plots
FORECAST_HISTORY_DAYS = 16 * 7  # what the forecast learns from (and is tested on)


def flow_report(
    engine: Engine, ward_ids: Collection[str] | None, *, now: datetime, days: int = DEFAULT_DAYS
) -> dict[str, Any]:
    """The dashboard's figures for `ward_ids` (None: every ward) over the `days` before `now`."""
    zone = ward_clock()
    today = now.astimezone(zone).date()
    series_days = midnights(
        today - timedelta(days=max(days, FORECAST_HISTORY_DAYS) - 1), today, zone
    )
    since = iso(series_days[-days])
    with reader(engine) as conn:
        beds = ward_beds(conn, ward_ids)
        census = midnight_census(conn, ward_ids, series_days)
        movements = movement_counts(conn, ward_ids, since)
        los = length_of_stay(conn, ward_ids, since)
    shown = sorted(beds) if ward_ids is None else sorted(ward_ids)
    per_ward = {w: census.get(w, [0] * len(series_days)) for w in shown}
    total = [sum(column) for column in zip(*per_ward.values(), strict=True)] or [0] * len(
        series_days
    )
    return {
        "wards": shown,
        "days": [d.date().isoformat() for d in series_days[-days:]],
        "movements": movements,
        "occupancy": {
            w: {"beds": beds.get(w, 0), "census": per_ward[w][-days:],
                "percent": [_percent(c, beds.get(w, 0)) for c in per_ward[w][-days:]]}
            for w in shown
        },
        "census": total[-days:],
        "beds": sum(beds.get(w, 0) for w in shown),
        "los": los,
        "forecast": {
            "days": [(today + timedelta(days=n)).isoformat() for n in range(1, HORIZON + 1)],
            **census_forecast(_since_first_patient(total)),
        },
    }  # fmt: skip


def _since_first_patient(census: list[int]) -> list[float]:
    """The census from the first day with a patient on (a new ward, or the demo's first week)."""
    first = next((n for n, value in enumerate(census) if value), len(census))
    return [float(value) for value in census[first:]]


def _percent(census: int, beds: int) -> float | None:
    return round(100 * census / beds, 1) if beds else None


class _Scope(Protocol):
    def wards_for(self, ward: str | None) -> frozenset[str] | None: ...


def router(engine: Engine, scope_of: Callable[[Request], _Scope]) -> APIRouter:
    """The patient-flow dashboard's router; `scope_of` is manage_api's manager_scope for it
    (passed in, so this module does not import manage_api back)."""
    api = APIRouter(prefix="/manage/flow")

    @api.get("")
    def flow(
        request: Request, ward: str | None = None, days: int = Query(DEFAULT_DAYS, ge=7, le=366)
    ) -> dict[str, Any]:
        scope = scope_of(request)
        ward_ids = scope.wards_for(ward)
        catch_up_flow(engine)
        return flow_report(engine, ward_ids, now=utc_now(), days=days)

    return api
