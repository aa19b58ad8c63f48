"""Every router of the managers' dashboards (`/manage/...`), which app.create_app includes: each
dashboard is a module of its own built on manage_api.manager_scope, added here with one line."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter
from sqlalchemy import Engine

from workstation.server import manage_api, manage_flow, manage_quality, manage_roster, manage_usage

ROUTERS: list[Callable[[Engine], APIRouter]] = [
    manage_api.scope_router,
    lambda engine: manage_flow.router(engine, manage_api.manager_scope(engine, "flow")),  # 入出转
    manage_quality.router,  # 质控: note timeliness, overrides, scans, doses, verification, NEWS2
    manage_roster.router,  # the roster (排班) and the staffing tab
    lambda engine: manage_usage.router(engine, manage_api.manager_scope(engine, "usage")),
]
