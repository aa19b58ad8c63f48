"""Usage telemetry in: `POST /usage/records` stores a station's usage records in their own table.

The user and the device are the token's, never the body's; every field is bounded
(workstation.telemetry.records); a record id seen before is a duplicate, not a second row; a user
may send a bounded number of requests a minute (429 beyond); rows older than the configured
retention are deleted as new ones come in (`prune`)."""

from __future__ import annotations

import threading
import time
from collections import deque
from datetime import timedelta
from typing import Any

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import Connection, Engine, delete, insert, select

from workstation.clock import iso, parse_iso, utc_now
from workstation.server import auth
from workstation.server.db import writer
from workstation.server.errors import ApiError, body_openapi
from workstation.server.models import devices
from workstation.server.usage_tables import usage_records
from workstation.server.write_pool import run_write
from workstation.telemetry.records import InvalidRecord, UsageRecord, validate_record

MAX_RECORDS = 500  # per request; the body limit (body_limit.BODY_LIMITS) bounds the bytes
REQUESTS_PER_MINUTE = 30  # per user, per server process
FUTURE_SKEW = timedelta(minutes=10)
DEFAULT_RETENTION_DAYS = 180


def _json(data: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json")


class RateLimit:
    """At most `limit` requests per key in any `window` seconds (in this process)."""

    def __init__(self, limit: int, window: float = 60.0) -> None:
        self.limit, self.window = limit, window
        self.seen: dict[str, deque[float]] = {}
        self.lock = threading.Lock()

    def allow(self, key: str, now: float | None = None) -> bool:
        """Count one request of `key`; False when it is over the limit."""
        now = time.monotonic() if now is None else now
        with self.lock:
            times = self.seen.setdefault(key, deque())
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) >= self.limit:
                return False
            times.append(now)
            return True


def prune(conn: Connection, retention_days: int, now: str | None = None) -> int:
    """Delete usage records the server received more than `retention_days` ago; how many."""
    cutoff = iso(parse_iso(now or iso(utc_now())) - timedelta(days=retention_days))
    return conn.execute(delete(usage_records).where(usage_records.c.received_at < cutoff)).rowcount


def store(
    conn: Connection, records: list[UsageRecord], *, user_id: str, device_id: str
) -> dict[str, int]:
    """Insert the records not stored yet as the token's user and device; counts stored and duplicates."""
    ids = [r.record_id for r in records]
    known = set(
        conn.execute(
            select(usage_records.c.record_id).where(usage_records.c.record_id.in_(ids))
        ).scalars()
    )
    ward = conn.execute(select(devices.c.ward_id).where(devices.c.device_id == device_id)).scalar()
    received, fresh, seen = iso(utc_now()), [], set(known)
    for record in records:
        if record.record_id in seen:
            continue
        seen.add(record.record_id)
        fresh.append({
            "record_id": record.record_id, "user_id": user_id, "device_id": device_id, "ward_id": ward,
            "kind": record.kind, "name": record.name, "screen": record.screen, "version": record.version,
            "count": record.count, "duration_ms": record.duration_ms,
            "frames": orjson.dumps(record.frames).decode() if record.frames else None,
            "at": record.at, "received_at": received,
        })  # fmt: skip
    if fresh:
        conn.execute(insert(usage_records), fresh)
    return {"stored": len(fresh), "duplicates": len(records) - len(fresh)}


def _checked(body: Any) -> tuple[list[UsageRecord], list[dict[str, str]]]:
    if not isinstance(body, dict) or not isinstance(body.get("records"), list):
        raise ApiError(400, "bad_request", 'the body is {"records": [...]}')
    if len(body["records"]) > MAX_RECORDS:
        raise ApiError(413, "too_many", f"at most {MAX_RECORDS} records a request")
    now, good, refused = utc_now(), [], []
    for data in body["records"]:
        try:
            record = validate_record(data)
            if parse_iso(record.at) > now + FUTURE_SKEW:
                raise InvalidRecord("at is in the future")
        except (InvalidRecord, ValueError) as exc:
            record_id = data.get("record_id") if isinstance(data, dict) else None
            refused.append({"record_id": str(record_id)[:36], "message": str(exc)})
            continue
        good.append(record)
    return good, refused


def router(engine: Engine, retention_days: int = DEFAULT_RETENTION_DAYS) -> APIRouter:
    """The usage endpoint bound to one database engine (included by server.app)."""
    api = APIRouter()
    limit = RateLimit(REQUESTS_PER_MINUTE)

    def receive(header: str, raw: bytes) -> Response:
        if not header.lower().startswith("bearer "):
            raise ApiError(401, "no_token", "log in first (missing bearer token)")
        user, device_id = auth.authenticate(engine, header[7:].strip())
        if not limit.allow(user.user_id):
            response = _json({"error": "throttled", "message": "too many usage requests"}, 429)
            response.headers["Retry-After"] = "60"
            return response
        try:
            body = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise ApiError(400, "bad_json", "request body is not valid JSON") from None
        good, refused = _checked(body)
        with writer(engine) as conn:
            counts = store(conn, good, user_id=user.user_id, device_id=device_id)
            prune(conn, retention_days)
        return _json({**counts, "refused": refused})

    @api.post("/usage/records", openapi_extra=body_openapi("UsageRecords"))
    async def post_records(request: Request) -> Response:
        raw = await request.body()
        return await run_write(receive, request.headers.get("authorization", ""), raw)  # type: ignore[no-any-return]

    return api
