"""A streaming limit on request bodies: bytes are counted as they arrive, chunked or not, and the
request is answered 413 as soon as its route's limit is crossed, without reading the rest.

A pure ASGI middleware (no BaseHTTPMiddleware, which reads through its own stream): it wraps
`receive`, so whoever reads the body (our `read_body`, FastAPI, Starlette) gets at most the limit."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import orjson

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

KiB, MiB = 1024, 1024 * 1024
DEFAULT_BODY_LIMIT = 16 * KiB  # login, refresh, device registration: a few short fields
# (method, path or path prefix ending in "/") -> the largest body that route reads
BODY_LIMITS: dict[tuple[str, str], int] = {
    ("POST", "/sync/push"): 32 * MiB,  # a full batch of large notes fits well inside
    ("POST", "/audit/reads"): 32 * MiB,  # a station sends every read it queued while offline
    ("POST", "/sync/digest"): 4 * MiB,  # about 100,000 patient ids
    ("POST", "/usage/records"): 512 * KiB,  # 500 usage records with their stacks
    ("POST", "/refdata/"): 32 * MiB,  # a formulary spreadsheet
}


def body_limit(method: str, path: str) -> int:
    """The largest request body, in bytes, the route at method and path accepts."""
    for (limit_method, prefix), limit in BODY_LIMITS.items():
        if method == limit_method and (
            path == prefix or (prefix.endswith("/") and path.startswith(prefix))
        ):
            return limit
    return DEFAULT_BODY_LIMIT


class BodyTooLarge(Exception):
    """Raised to the app by `receive` once the body is over the limit; the middleware answers."""


class BodySizeLimit:
    """Answer 413 to a request whose body (declared or as it streams in) is over its route's limit."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str, str], int] = body_limit):
        self.app, self.limit_for = app, limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["method"], scope["path"])
        declared = _content_length(scope)
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_large(send, limit)
            return
        guard = _Guard(receive, send, limit)
        try:
            await self.app(scope, guard.receive, guard.send)
        except Exception:
            if not guard.over or guard.started:
                raise  # a failure of its own, or too late to answer
        if guard.over and not guard.started:
            await _too_large(send, limit)


class _Guard:
    """The app's view of one request: its body cut at the limit, its answer dropped once over."""

    def __init__(self, receive: Receive, send: Send, limit: int):
        self._receive, self._send, self.limit = receive, send, limit
        self.received, self.over, self.started = 0, False, False

    async def receive(self) -> Message:
        if self.over:
            raise BodyTooLarge(f"request body over {self.limit} bytes")
        message = await self._receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.limit:
                self.over = True
                raise BodyTooLarge(f"request body over {self.limit} bytes")
        return message

    async def send(self, message: Message) -> None:
        if self.over:
            return  # the 413 replaces whatever the app made of a cut body
        if message["type"] == "http.response.start":
            self.started = True
        await self._send(message)


def _content_length(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            return str(value.decode("latin-1"))
    return None


async def _too_large(send: Send, limit: int) -> None:
    size = f"{limit // MiB} MiB" if limit >= MiB else f"{limit // KiB} KiB"
    body = orjson.dumps({"error": "too_large", "message": f"request body over {size}"})
    # Connection: close: the server stops reading (and buffering) the rest of a body it refused.
    await send({
        "type": "http.response.start", "status": 413,
        "headers": [(b"content-type", b"application/json"), (b"connection", b"close"),
                    (b"content-length", str(len(body)).encode())],
    })  # fmt: skip
    await send({"type": "http.response.body", "body": body})
