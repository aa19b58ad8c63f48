"""Anonymous feedback: `POST /feedback` stores an item, `GET /feedback` is the board every user
reads, `POST /feedback/{feedback_id}/answer` is the quality office's tags and answer.

A sender must be logged in (the token keeps strangers out), but nothing of the token is kept: the
request writes the item's row and nothing else — no audit row, no user, no device, no time finer
than the day — and its ward is stored only where at least five users could have sent it
(workstation.telemetry.feedback). The access log names the route, never the user."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import Connection, Engine, func, insert, select, update

from workstation.clock import utc_now
from workstation.security.policy import QUALITY_OFFICE_ROLES
from workstation.server import audit, auth
from workstation.server.audit import AuditEntry
from workstation.server.auth import User
from workstation.server.db import reader, writer
from workstation.server.errors import ApiError, body_openapi
from workstation.server.models import users
from workstation.server.usage_tables import feedback
from workstation.server.write_pool import run_write
from workstation.telemetry.feedback import (
    FeedbackItem,
    InvalidFeedback,
    shown_ward,
    validate_answer,
    validate_feedback,
)

MAX_LISTED = 1000


def _json(data: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json")


def _caller(engine: Engine, header: str) -> tuple[User, str]:
    if not header.lower().startswith("bearer "):
        raise ApiError(401, "no_token", "log in first (missing bearer token)")
    return auth.authenticate(engine, header[7:].strip())


def users_of_ward(conn: Connection, ward_id: str) -> int:
    """Active users who work on the ward (any of whom could have sent an item from it)."""
    wards = conn.execute(select(users.c.wards).where(users.c.active.is_(True))).scalars()
    return sum(1 for listed in wards if ward_id in listed.split(","))


def store_feedback(conn: Connection, item: FeedbackItem) -> str:
    """Insert the item (its ward hidden when too few could have sent it); "stored" or "duplicate"."""
    known = conn.execute(
        select(func.count()).select_from(feedback).where(feedback.c.feedback_id == item.feedback_id)
    ).scalar_one()
    if known:
        return "duplicate"
    ward = shown_ward(item.ward_id, users_of_ward(conn, item.ward_id)) if item.ward_id else None
    conn.execute(insert(feedback).values(feedback_id=item.feedback_id, day=item.day,
                                         category=item.category, text=item.text, ward_id=ward, tags=""))  # fmt: skip
    return "stored"


def board(conn: Connection) -> list[dict[str, Any]]:
    """Every item, newest day first (within a day by random id: no order of arrival)."""
    rows = conn.execute(
        select(feedback).order_by(feedback.c.day.desc(), feedback.c.feedback_id).limit(MAX_LISTED)
    ).all()
    return [{"feedback_id": r.feedback_id, "day": r.day, "category": r.category, "text": r.text,
             "ward_id": r.ward_id, "tags": [t for t in r.tags.split(",") if t],
             "answer": r.answer, "answered_on": r.answered_on} for r in rows]  # fmt: skip


def router(engine: Engine) -> APIRouter:
    """The feedback endpoints bound to one database engine (included by server.app)."""
    api = APIRouter()

    def receive(header: str, raw: bytes) -> Response:
        _caller(engine, header)  # logged in; who it is is not kept
        try:
            item = validate_feedback(orjson.loads(raw), utc_now().date())
        except (orjson.JSONDecodeError, InvalidFeedback) as exc:
            raise ApiError(400, "bad_request", str(exc)) from None
        with writer(engine) as conn:
            status = store_feedback(conn, item)
        return _json({"feedback_id": item.feedback_id, "status": status})

    @api.post("/feedback", openapi_extra=body_openapi("FeedbackBody"))
    async def post_feedback(request: Request) -> Response:
        raw = await request.body()
        return await run_write(receive, request.headers.get("authorization", ""), raw)  # type: ignore[no-any-return]

    @api.get("/feedback")
    def get_board(request: Request) -> Response:
        _caller(engine, request.headers.get("authorization", ""))
        with reader(engine) as conn:
            return _json({"items": board(conn)})

    def answer(header: str, feedback_id: str, raw: bytes) -> Response:
        user, device_id = _caller(engine, header)
        if user.role not in QUALITY_OFFICE_ROLES:
            raise ApiError(403, "forbidden", f"a {user.role} may not answer feedback")
        try:
            tags, text = validate_answer(orjson.loads(raw))
        except (orjson.JSONDecodeError, InvalidFeedback) as exc:
            raise ApiError(400, "bad_request", str(exc)) from None
        with writer(engine) as conn:
            done = conn.execute(update(feedback).where(feedback.c.feedback_id == feedback_id).values(
                tags=",".join(tags), answer=text, answered_on=utc_now().date().isoformat() if text else None))  # fmt: skip
            if not done.rowcount:
                raise ApiError(404, "not_found", "no such feedback")
            audit.append(conn, [AuditEntry("feedback_answered", user.user_id, None, device_id,
                                           {"feedback_id": feedback_id})])  # fmt: skip
        return _json({"feedback_id": feedback_id, "tags": tags, "answer": text})

    @api.post("/feedback/{feedback_id}/answer", openapi_extra=body_openapi("FeedbackAnswer"))
    async def post_answer(request: Request, feedback_id: str) -> Response:
        raw = await request.body()
        return await run_write(
            answer, request.headers.get("authorization", ""), feedback_id[:36], raw
        )  # type: ignore[no-any-return]

    return api
