"""The HL7 interface queue for an admin: `GET /interface/queue` lists the held and rejected
messages with their reason; `POST /interface/queue/rerun` re-runs one after the mapping (a ward
code) or the target patient was corrected. Admins only; every call is audited."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from workstation.domain.enums import Role
from workstation.hl7v2.mapping import PatientRef
from workstation.server import audit, auth
from workstation.server.audit import AuditEntry
from workstation.server.auth import User
from workstation.server.hl7_inbound import Inbox, queue


class RerunRequest(BaseModel):
    """A re-run of one queued message, with the corrections to apply."""

    message_key: str = Field(min_length=1, max_length=200)
    ward_map: dict[str, str] = Field(default_factory=dict, max_length=50)
    record_number: str | None = Field(default=None, max_length=32)
    authority: str = Field(default="", max_length=64)


def _json(data: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json")


def _admin(engine: Any, request: Request, action: str) -> tuple[User, str] | Response:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        return _json({"error": "no_token", "message": "log in first (missing bearer token)"}, 401)
    user, device_id = auth.authenticate(engine, header[7:].strip())
    if user.role != Role.ADMIN.value:
        audit.record(engine, [AuditEntry(f"{action}_refused", user.user_id, None, device_id)])
        return _json({"error": "forbidden",
                      "message": f"a {user.role} may not work the interface queue"}, 403)  # fmt: skip
    return user, device_id


def router(engine: Any) -> APIRouter:
    """The interface queue endpoints bound to one database engine (included by server.app)."""
    api = APIRouter()
    inbox = Inbox(engine)

    @api.get("/interface/queue")
    def get_queue(request: Request) -> Response:
        caller = _admin(engine, request, "interface_queue")
        if isinstance(caller, Response):
            return caller
        listed = queue(engine)
        audit.record(engine, [AuditEntry("interface_queue_listed", caller[0].user_id, None,
                                         caller[1], {"messages": len(listed)})])  # fmt: skip
        return _json({"messages": listed})

    @api.post("/interface/queue/rerun")
    def post_rerun(request: Request, body: RerunRequest) -> Response:
        caller = _admin(engine, request, "interface_rerun")
        if isinstance(caller, Response):
            return caller
        target = PatientRef(body.authority, body.record_number) if body.record_number else None
        try:
            outcome = inbox.rerun(body.message_key, actor_id=caller[0].user_id,
                                  ward_map=body.ward_map, target=target)  # fmt: skip
        except KeyError:
            return _json({"error": "not_found", "message": "no such held or rejected message"}, 404)
        return _json({"message_key": body.message_key, "status": outcome.status,
                      "reason": outcome.reason})  # fmt: skip

    return api
