"""`GET /manage/usage?ward=&days=`: the usage dashboard (server.usage_summary) for a manager's
scope; the scope (manage_api.manager_scope, which audits the read) is handed in by manage_api."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy import Engine

from workstation.clock import utc_now
from workstation.server.db import reader
from workstation.server.errors import ApiError
from workstation.server.usage_summary import usage_summary

MAX_DAYS = 366


def router(engine: Engine, scope_of: Callable[[Request], Any]) -> APIRouter:
    """The usage dashboard bound to one database engine and the managers' scope dependency."""
    api = APIRouter(prefix="/manage/usage")

    @api.get("")
    def usage(request: Request, days: int = 28) -> dict[str, Any]:
        if not 1 <= days <= MAX_DAYS:
            raise ApiError(400, "bad_request", f"days must be from 1 to {MAX_DAYS}")
        scope = scope_of(request)
        wards = scope.wards_for(request.query_params.get("ward") or None)
        with reader(engine) as conn:
            return usage_summary(conn, wards, utc_now().date(), days)

    return api
