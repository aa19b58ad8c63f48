"""`GET /manage/quality?ward=&start=&end=`: the quality indicators (质控) of one ward of the
manager's scope, or of the whole scope, over a date range of the ward clock (default: the last
30 days). The quality projection catches up with the events first (manage_catchup), then the
indicators are read from its facts (manage_quality_queries); definitions and sources are in
workstation.clinical.quality_indicators."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy import Engine

from workstation.clinical.schedule import ward_clock
from workstation.clock import utc_now
from workstation.server.db import reader
from workstation.server.errors import ApiError
from workstation.server.manage_api import manager_scope
from workstation.server.manage_catchup import catch_up
from workstation.server.manage_quality_fold import FOLDS, NAME, fold
from workstation.server.manage_quality_queries import quality_indicators

DEFAULT_DAYS = 30
FOLDS_TYPES = tuple(FOLDS)  # the event types the projection reads
MAX_DAYS = 366


def date_range(start: date | None, end: date | None, now: datetime) -> tuple[datetime, datetime]:
    """[start 00:00, end+1 00:00) on the ward clock, as UTC; by default the last 30 days to today.
    A range that is backwards or longer than a year is refused (422)."""
    zone = ward_clock()
    last = end or now.astimezone(zone).date()
    first = start or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last or (last - first).days >= MAX_DAYS:
        raise ApiError(
            422, "bad_range", "start must not be after end, and the range at most a year"
        )
    low = datetime.combine(first, time(0), tzinfo=zone)
    high = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone)
    return low, high


def router(engine: Engine) -> APIRouter:
    """The quality dashboard's API (listed in manage_routers.ROUTERS)."""
    scope_of = manager_scope(engine, "quality")
    api = APIRouter(prefix="/manage/quality")

    @api.get("")
    def quality(
        request: Request,
        ward: str | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> dict[str, Any]:
        wards = scope_of(request).wards_for(ward)
        now = utc_now()
        low, high = date_range(start, end, now)
        catch_up(engine, NAME, fold, types=FOLDS_TYPES)
        with reader(engine) as conn:
            return quality_indicators(conn, wards=wards, start=low, end=high, now=now)

    return api
