"""The managers' dashboards (`/manage/...`): who may read them and over which wards. A head nurse
(护士长) and a department director (科主任) read their own wards, the medical affairs office (医务科)
every ward (policy.dashboard_wards); anyone else is refused. A dashboard holds counts and rates,
never a patient's chart. Each dashboard is a router of its own module (`manage_<area>.py`, listed
in manage_routers.ROUTERS) built on `manager_scope`; every read is audited with its actor from the token."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import APIRouter, Request
from sqlalchemy import Engine, select

from workstation.security.policy import MANAGER_ROLES, dashboard_wards
from workstation.server import audit, auth
from workstation.server.audit import AuditEntry
from workstation.server.db import reader
from workstation.server.errors import ApiError
from workstation.server.models import wards

MAX_WARD_ID = 32  # the wards table's ward_id column


@dataclass(frozen=True, slots=True)
class ManagerScope:
    """A manager's reach: their user and device, and their wards (None: every ward)."""

    user_id: str
    role: str
    device_id: str
    wards: frozenset[str] | None

    def wards_for(self, ward: str | None) -> frozenset[str] | None:
        """The wards a dashboard read covers: the one asked for (403 when outside the scope),
        or the whole scope when none is asked (None: every ward of the hospital)."""
        if ward is None or ward == "":
            return self.wards
        if len(ward) > MAX_WARD_ID:
            raise ApiError(400, "bad_request", f"a ward id has at most {MAX_WARD_ID} characters")
        if self.wards is not None and ward not in self.wards:
            raise ApiError(403, "forbidden", f"ward {ward} is not among your wards")
        return frozenset({ward})


ScopeOf = Callable[[Request], ManagerScope]


def manager_scope(engine: Engine, dashboard: str) -> ScopeOf:
    """A FastAPI dependency: the caller's scope for `dashboard`, audited as `dashboard_opened`
    (or `dashboard_refused`, then 403, for a role that reads no dashboard)."""

    def scope(request: Request) -> ManagerScope:
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("bearer "):
            raise ApiError(401, "no_token", "log in first (missing bearer token)")
        user, device_id = auth.authenticate(engine, header[7:].strip())
        ward = request.query_params.get("ward") or None
        detail = {"dashboard": dashboard, "ward": ward}
        if user.role not in MANAGER_ROLES:
            audit.record(engine, [AuditEntry("dashboard_refused", user.user_id, None, device_id,
                                             detail)])  # fmt: skip
            raise ApiError(403, "forbidden", f"a {user.role} reads no dashboard")
        found = ManagerScope(user.user_id, user.role, device_id,
                             dashboard_wards(user.role, user.wards))  # fmt: skip
        found.wards_for(ward)  # refuse a ward outside the scope before auditing an open
        audit.record(
            engine, [AuditEntry("dashboard_opened", user.user_id, None, device_id, detail)]
        )
        return found

    return scope


def scope_router(engine: Engine) -> APIRouter:
    """`GET /manage/scope`: the wards (with their names) a manager may choose between."""
    router = APIRouter(prefix="/manage")
    scope_of = manager_scope(engine, "scope")

    @router.get("/scope")
    def scope(request: Request) -> dict[str, object]:
        found = scope_of(request)
        with reader(engine) as conn:
            rows = conn.execute(select(wards.c.ward_id, wards.c.name_en, wards.c.name_zh)).all()
        listed = [
            {"ward_id": r.ward_id, "name_en": r.name_en, "name_zh": r.name_zh}
            for r in sorted(rows, key=lambda r: r.ward_id)
            if found.wards is None or r.ward_id in found.wards
        ]
        return {"role": found.role, "hospital": found.wards is None, "wards": listed}

    return router
