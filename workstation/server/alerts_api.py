"""The privacy officer's alerts: `GET /alerts` lists the break-the-glass alerts (who, which patient,
the reason, how long, when; read or not), `POST /alerts/{alert_id}/acknowledge` marks one read.
Only the roles of `policy.ALERT_REVIEWERS` may call them, and every call is audited."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import Connection, Engine, select, update

from workstation.clock import now_iso, parse_iso
from workstation.projections import tables as pt
from workstation.security.policy import ALERT_REVIEWERS
from workstation.server import audit, auth
from workstation.server import requests as rq
from workstation.server.audit import AuditEntry
from workstation.server.auth import User
from workstation.server.db import reader, writer
from workstation.server.models import alerts, users

MAX_LISTED = 500  # the newest alerts first; unread ones are listed whatever their age


def _json(data: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json")


def _refusal(status: int, code: str, message: str) -> Response:
    return _json({"error": code, "message": message}, status)


def _reviewer(engine: Engine, request: Request) -> tuple[User, str] | Response:
    """The caller when they may review alerts, else the refusal to send."""
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        return _refusal(401, "no_token", "log in first (missing bearer token)")
    user, device_id = auth.authenticate(engine, header[7:].strip())
    if user.role not in ALERT_REVIEWERS:
        audit.record(engine, [AuditEntry("alerts_refused", user.user_id, None, device_id)])
        return _refusal(403, "forbidden", f"a {user.role} may not read the privacy alerts")
    return user, device_id


def list_alerts(conn: Connection) -> list[dict[str, Any]]:
    """Break-the-glass alerts, unread first then newest first, with names and record numbers."""
    a, g, p = alerts.c, pt.break_glass_grants.c, pt.patients.c
    author, reader_ = users.alias("author"), users.alias("reader")
    rows = conn.execute(
        select(a.alert_id, a.raised_at, a.message, a.acknowledged_at, a.patient_id, a.user_id,
               author.c.display_name.label("user_name"), reader_.c.display_name.label("acknowledged_by"),
               p.record_number, p.name.label("patient_name"), g.reason, g.granted_at, g.expires_at)
        .select_from(alerts.outerjoin(author, author.c.user_id == a.user_id)
                     .outerjoin(reader_, reader_.c.user_id == a.acknowledged_by)
                     .outerjoin(pt.patients, p.patient_id == a.patient_id)
                     .outerjoin(pt.break_glass_grants, g.grant_id == a.alert_id))
        .where(a.kind == "break_glass")
        .order_by(a.acknowledged_at.is_not(None), a.raised_at.desc())
        .limit(MAX_LISTED)
    ).all()  # fmt: skip
    return [_wire(row) for row in rows]


def _wire(row: Any) -> dict[str, Any]:
    minutes = None
    if row.granted_at and row.expires_at:
        minutes = round(
            (parse_iso(row.expires_at) - parse_iso(row.granted_at)).total_seconds() / 60
        )
    return {
        "alert_id": row.alert_id, "raised_at": row.raised_at, "user_id": row.user_id,
        "user_name": row.user_name or row.user_id, "patient_id": row.patient_id,
        "record_number": row.record_number, "patient_name": row.patient_name,
        "reason": row.reason if row.reason is not None else row.message, "minutes": minutes,
        "acknowledged_by": row.acknowledged_by, "acknowledged_at": row.acknowledged_at,
    }  # fmt: skip


def acknowledge(conn: Connection, alert_id: str, user: User) -> dict[str, Any] | None:
    """Mark an alert read by `user` (the first reader stays); None when there is no such alert."""
    a = alerts.c
    found = conn.execute(
        select(a.patient_id, a.acknowledged_at).where(a.alert_id == alert_id)
    ).first()
    if found is None:
        return None
    if found.acknowledged_at is None:
        conn.execute(update(alerts).where(a.alert_id == alert_id)
                     .values(acknowledged_by=user.user_id, acknowledged_at=now_iso()))  # fmt: skip
    row = conn.execute(
        select(a.acknowledged_by, a.acknowledged_at).where(a.alert_id == alert_id)
    ).one()
    return {"alert_id": alert_id, "patient_id": found.patient_id,
            "acknowledged_by": row.acknowledged_by, "acknowledged_at": row.acknowledged_at}  # fmt: skip


def router(engine: Engine) -> APIRouter:
    """The alerts endpoints bound to one database engine (included by server.app)."""
    api = APIRouter()

    @api.get("/alerts")
    def get_alerts(request: Request) -> Response:
        caller = _reviewer(engine, request)
        if isinstance(caller, Response):
            return caller
        user, device_id = caller
        with reader(engine) as conn:
            listed = list_alerts(conn)
        audit.record(engine, [AuditEntry("alerts_listed", user.user_id, None, device_id,
                                         {"alerts": len(listed)})])  # fmt: skip
        return _json({"alerts": listed})

    @api.post("/alerts/{alert_id}/acknowledge")
    def post_acknowledge(request: Request, alert_id: rq.AlertPath) -> Response:
        caller = _reviewer(engine, request)
        if isinstance(caller, Response):
            return caller
        user, device_id = caller
        with writer(engine) as conn:
            done = acknowledge(conn, alert_id, user)
            if done is not None:
                audit.append(conn, [AuditEntry("alert_acknowledged", user.user_id, done["patient_id"],
                                               device_id, {"alert_id": alert_id})])  # fmt: skip
        if done is None:
            return _refusal(404, "not_found", "no such alert")
        return _json(done)

    return api
