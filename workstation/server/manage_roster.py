"""The nurse roster's endpoints (排班). `GET /manage/roster?ward=&start=&days=` answers the roster
of a week beside the workload and its warnings to the ward's staff and its managers;
`PUT /manage/roster/{ward}` saves the head nurse's edit of her own ward under the version she read
(409 when another edit came first). The actor is the token's; every edit and refusal is audited."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from workstation.clinical.roster import RosterError
from workstation.server import audit, auth
from workstation.server import roster_store as rs
from workstation.server.audit import AuditEntry
from workstation.server.auth import AuthError, User
from workstation.server.db import reader, writer
from workstation.server.manage_api import manager_scope
from workstation.server.models import wards
from workstation.server.staffing_report import MAX_DAYS, staffing, ward_now

EDITOR_ROLE = "head_nurse"  # 护士长: her own wards' roster
HOSPITAL_READERS = frozenset({"medical_affairs", "admin"})  # 医务科 / 护理部 read every ward's


class RosterEdit(BaseModel):
    """A head nurse's edit: the version she read and what changes (each part optional)."""

    model_config = ConfigDict(strict=True, extra="forbid")
    base_version: int = Field(ge=0, le=1_000_000_000)
    shifts: list[Any] | None = None
    levels: dict[str, Any] | None = None
    cells: list[Any] | None = None


def _json(data: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json")


def _caller(engine: Engine, request: Request) -> tuple[User, str] | Response:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        return _json({"error": "no_token", "message": "log in first (missing bearer token)"}, 401)
    try:
        return auth.authenticate(engine, header[7:].strip())
    except AuthError as exc:
        return _json({"error": exc.code, "message": str(exc)}, 401)


def may_read(user: User, ward_id: str) -> bool:
    """Everyone of the ward reads its roster; the hospital's offices read every ward's."""
    return user.role in HOSPITAL_READERS or ward_id in user.wards


def readable_versions(user: User, versions: dict[str, int]) -> dict[str, int]:
    """The reference snapshots `user` may download: every one but other wards' rosters."""
    return {name: v for name, v in versions.items()
            if (ward := rs.snapshot_ward(name)) is None or may_read(user, ward)}  # fmt: skip


def edit_problem(user: User, ward_id: str) -> str | None:
    """Why `user` may not edit the ward's roster: only a head nurse, only of her own wards."""
    if user.role != EDITOR_ROLE:
        return f"a {user.role} may not edit a roster (the head nurse does)"
    if ward_id not in user.wards:
        return (
            f"a head nurse of {', '.join(user.wards) or 'no ward'} may not edit {ward_id}'s roster"
        )
    return None


def _refuse(engine: Engine, user: User, device: str, ward: str, code: int, error: str,
            message: str) -> Response:  # fmt: skip
    audit.record(engine, [AuditEntry("roster_change_refused", user.user_id, None, device,
                                     {"ward_id": ward, "reason": error})])  # fmt: skip
    return _json({"error": error, "message": message}, code)


def _window(start: str | None, days: int) -> date | Response:
    if not 1 <= days <= MAX_DAYS:
        return _json({"error": "invalid", "message": f"days: 1 to {MAX_DAYS}"}, 422)
    try:
        return date.fromisoformat(start) if start else rs.ward_today()
    except ValueError:
        return _json({"error": "invalid", "message": "start: a date YYYY-MM-DD"}, 422)


def staffing_router(engine: Engine) -> APIRouter:
    """`GET /manage/staffing?ward=`: the dashboard's staffing tab for a manager's scope: each
    ward's shift running now against the standard, and for one ward its week."""
    api = APIRouter(prefix="/manage")
    scope_of = manager_scope(engine, "staffing")

    @api.get("/staffing")
    def get_staffing(request: Request, ward: str | None = None) -> Response:
        chosen = scope_of(request).wards_for(ward)
        with reader(engine) as conn:
            every = sorted(conn.execute(select(wards.c.ward_id)).scalars())
            shown = [w for w in every if chosen is None or w in chosen]
            answer = {"standard": rs.standard(conn).as_json(),
                      "wards": [ward_now(conn, w) for w in shown],
                      "week": staffing(conn, shown[0], _monday(), 7) if len(shown) == 1 else None}  # fmt: skip
        return _json(answer)

    return api


def _monday() -> date:
    today = rs.ward_today()
    return today - timedelta(days=today.weekday())


def router(engine: Engine) -> APIRouter:
    """The roster endpoints bound to one database engine, with the dashboard's staffing."""
    api = APIRouter()
    api.include_router(staffing_router(engine))
    roster_api = APIRouter(prefix="/manage/roster")

    @roster_api.get("")
    def get_roster(request: Request, ward: str = "", start: str | None = None,
                   days: int = 7) -> Response:  # fmt: skip
        caller = _caller(engine, request)
        if isinstance(caller, Response):
            return caller
        user, device = caller
        first = _window(start, days)
        if isinstance(first, Response):
            return first
        if not may_read(user, ward):
            return _json({"error": "forbidden", "message": f"{ward} is not your ward"}, 403)
        with reader(engine) as conn:
            if rs.ward_beds(conn, ward) is None:
                return _json({"error": "not_found", "message": f"no ward {ward}"}, 404)
            found = staffing(conn, ward, first, days)
        audit.record(engine, [AuditEntry("roster_read", user.user_id, None, device,
                                         {"ward_id": ward})])  # fmt: skip
        return _json(found)

    @roster_api.put("/{ward}")
    def put_roster(request: Request, ward: str, body: RosterEdit) -> Response:
        caller = _caller(engine, request)
        if isinstance(caller, Response):
            return caller
        user, device = caller
        problem = edit_problem(user, ward)
        if problem is not None:
            return _refuse(engine, user, device, ward, 403, "forbidden", problem)
        edit = body.model_dump(exclude_none=True, exclude={"base_version"})
        try:
            with writer(engine) as conn:
                version, cells = rs.save(conn, ward, base_version=body.base_version, edit=edit,
                                         actor=user.user_id)  # fmt: skip
                audit.append(conn, [AuditEntry("roster_changed", user.user_id, None, device, {
                    "ward_id": ward, "version": version, "cells": cells,
                    "shifts": "shifts" in edit, "levels": "levels" in edit})])  # fmt: skip
        except rs.StaleRoster as exc:
            return _refuse(engine, user, device, ward, 409, "stale_version", str(exc))
        except IntegrityError:  # two first edits of a ward at once: the other one was saved
            return _refuse(engine, user, device, ward, 409, "stale_version", "reload the roster")
        except RosterError as exc:
            return _refuse(engine, user, device, ward, 422, "invalid", str(exc))
        return _json({"ward_id": ward, "version": version, "cells": cells})

    api.include_router(roster_api)
    return api
