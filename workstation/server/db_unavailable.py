"""Riding out a lost database connection (a failover, a restarted node, a dropped link).

A pure ASGI middleware. When a request fails because the database connection broke or could not
be made (SQLAlchemy has then invalidated the pooled connection, so the next checkout connects
afresh, to whichever node now takes writes), a request that is safe to run twice and has not yet
begun its answer is run once more on a new connection: a GET, or a push (events are idempotent
by id: an event whose commit did reach the database before the link broke comes back
"duplicate" and is never stored twice). When the database still cannot be reached, the answer
is 503 with Retry-After, which stations retry, instead of a 500 and a traceback in the log.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import orjson
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

RETRY_AFTER_S = 1
RUN_TWICE = frozenset({("POST", "/sync/push")})  # besides every GET
_log = logging.getLogger("workstation.database")


def is_connection_failure(exc: BaseException) -> bool:
    """True when exc says the database could not be reached or the connection broke."""
    if isinstance(exc, DisconnectionError):
        return True
    if isinstance(exc, DBAPIError):
        return exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError)
    return False


def may_run_twice(method: str, path: str) -> bool:
    """A GET or an idempotent write: running it again after a failed attempt changes nothing."""
    return method in ("GET", "HEAD") or (method, path) in RUN_TWICE


class DatabaseUnavailable:
    """Retry once on a new connection where safe; answer 503 while the database is unreachable."""

    def __init__(self, app: ASGIApp, attempts: int = 2):
        self.app, self.attempts = app, attempts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        attempts = self.attempts if may_run_twice(scope["method"], scope["path"]) else 1
        messages = await _read_body(receive) if attempts > 1 else None
        answering = False

        async def watched_send(message: Message) -> None:
            nonlocal answering
            answering = answering or message["type"] == "http.response.start"
            await send(message)

        for attempt in range(1, attempts + 1):
            try:
                await self.app(scope, _replay(messages, receive), watched_send)
                return
            except Exception as exc:
                if answering or not is_connection_failure(exc):
                    raise
                failure = exc
                _log.warning("database connection failed (%s, attempt %d of %d)",
                             _kind(exc), attempt, attempts)  # fmt: skip
        await _unavailable(send, failure)


def _kind(exc: BaseException) -> str:
    """The error's class and the driver's, never its message (which may quote SQL)."""
    original = getattr(exc, "orig", None)
    return type(exc).__name__ + (f"/{type(original).__name__}" if original is not None else "")


async def _read_body(receive: Receive) -> list[Message]:
    """Every body message of the request (the body limit outside has already bounded it)."""
    messages = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            return messages


def _replay(messages: list[Message] | None, receive: Receive) -> Receive:
    """A receive that hands out the read body again, then waits on the real one."""
    if messages is None:
        return receive
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed


async def _unavailable(send: Send, exc: BaseException) -> None:
    body = orjson.dumps({
        "error": "database_unavailable",
        "message": f"the database cannot be reached ({_kind(exc)}); try again",
    })  # fmt: skip
    await send({"type": "http.response.start", "status": 503, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(RETRY_AFTER_S).encode()),
    ]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})
