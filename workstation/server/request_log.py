"""Server logs a hospital's collector can read: one JSON object per line, a request id, no patient data.

Every log record of the server is written as JSON (python-json-logger) to stderr, which systemd
hands to the journal. Each HTTP request gets an id, echoed to the caller as `X-Request-Id` and
carried by every line logged while the request is served, so a station's error report can be
matched to the server's lines. The access line names the route's template
(`/sync/history/{patient_id}`), never the path or the query, which may hold a record number; no
body, token or user name is logged.
"""

from __future__ import annotations

import logging
import sys
import time
from contextvars import ContextVar
from typing import Any, TextIO

from pythonjsonlogger.json import JsonFormatter

from workstation.ids import uuid7

ACCESS_LOGGER = "workstation.access"
REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)
_FIELDS = ("asctime", "levelname", "name", "message")

_access = logging.getLogger(ACCESS_LOGGER)


class RequestIdFilter(logging.Filter):
    """Adds the id of the request being served (or null) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


def configure(level: str = "INFO", stream: TextIO | None = None) -> logging.Handler:
    """Send every server log record to `stream` (stderr) as one JSON object per line."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(
        JsonFormatter(
            list(_FIELDS),
            rename_fields={"asctime": "time", "levelname": "level"},
            datefmt="%Y-%m-%dT%H:%M:%S%z",
        )  # fmt: skip
    )
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error"):  # uvicorn's own handlers would print text
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
    for name in (
        "httpx",
        "httpcore",
    ):  # their INFO lines carry URLs, which may hold a record number
        logging.getLogger(name).setLevel(logging.WARNING)
    return handler


class RequestLog:
    """ASGI middleware: a request id for each HTTP request and one access line when it ends."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid7()
        token = REQUEST_ID.set(request_id)
        started, status = time.perf_counter(), 500

        async def send_with_id(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            route = getattr(scope.get("route"), "path", None)
            _access.info(
                "request",
                extra={
                    "method": scope.get("method"), "route": route or "unmatched",
                    "status": status, "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )  # fmt: skip
            REQUEST_ID.reset(token)
