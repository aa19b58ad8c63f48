"""The medical affairs office's screen on the server: `GET /admin/rights` lists users with their
title and prescribing rights, `POST /admin/rights/{username}` sets them (checked by
workstation.server.user_rights: 抗菌药物临床应用管理办法 2012 Art. 24 and 27, 处方管理办法 Art. 11).
Only the `admin` role (医务科 / the records office) may call them; every call is audited."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy import Connection, Engine, select

from workstation.domain.enums import Role
from workstation.server import audit, auth, refdata
from workstation.server.audit import AuditEntry
from workstation.server.auth import User
from workstation.server.db import reader, writer
from workstation.server.models import users
from workstation.server.user_rights import RightsProblem, rights_of, set_rights


class RightsBody(BaseModel):
    """A user's title and rights, all four given (a missing one is refused, never taken as "none":
    a half-filled request must not silently withdraw a right)."""

    model_config = ConfigDict(strict=True, extra="forbid")
    title: str | None
    antibiotic_tier: str | None
    narcotic_right: bool
    antibiotic_approver: bool


def _json(data: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json")


def _office(engine: Engine, request: Request) -> tuple[User, str] | Response:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        return _json({"error": "no_token", "message": "log in first (missing bearer token)"}, 401)
    user, device_id = auth.authenticate(engine, header[7:].strip())
    if user.role != Role.ADMIN.value:
        audit.record(engine, [AuditEntry("rights_refused", user.user_id, None, device_id)])
        return _json({"error": "forbidden", "message": f"a {user.role} may not set rights"}, 403)
    return user, device_id


def list_rights(conn: Connection) -> list[dict[str, Any]]:
    """Every active user with role, wards and rights, by username."""
    rows = conn.execute(select(users).where(users.c.active.is_(True)).order_by(users.c.username))
    return [{"username": r.username, "display_name": r.display_name, "role": r.role,
             "licensed": bool(r.licensed), **rights_of(r)} for r in rows]  # fmt: skip


def router(engine: Engine) -> APIRouter:
    """The rights endpoints bound to one database engine (included by server.app)."""
    api = APIRouter()

    @api.get("/admin/rights")
    def get_rights(request: Request) -> Response:
        caller = _office(engine, request)
        if isinstance(caller, Response):
            return caller
        with reader(engine) as conn:
            return _json({"users": list_rights(conn)})

    @api.post("/admin/rights/{username}")
    def post_rights(request: Request, username: str, body: RightsBody) -> Response:
        caller = _office(engine, request)
        if isinstance(caller, Response):
            return caller
        user, device_id = caller
        try:
            with writer(engine) as conn:
                now = set_rights(conn, username, **body.model_dump())
                refdata.publish_directory(conn)
                audit.append(conn, [AuditEntry("user_rights_changed", user.user_id, None, device_id,
                                               {"username": username, **now})])  # fmt: skip
        except RightsProblem as exc:
            return _json({"error": exc.code, "message": str(exc)}, 422)
        except ValueError as exc:  # no such user
            return _json({"error": "not_found", "message": str(exc)}, 404)
        return _json({"username": username, **now})

    return api
