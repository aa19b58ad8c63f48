"""The station's poll (`GET /sync/pull`) answered straight from ASGI: most of a ward's requests
are polls, and FastAPI's routing through every route of the API, its parameter models and its
exception layers cost a poll more CPU than its one statement. A pure ASGI layer inside the
server's own middleware (request id and log, body limit, database retry, timer): a well-formed
poll with a bearer token is authenticated (`auth_cache.TokenCache`, on a thread only when not
cached) and answered by `reads.pull` on a thread, audited as ever. Anything else (a missing or
refused token, a malformed or out-of-range parameter, another route) goes on to the FastAPI
app, which answers it, errors included, exactly as before."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from concurrent.futures import Future
from types import SimpleNamespace
from typing import Any

import orjson
from anyio import CapacityLimiter, to_thread

from workstation.server.audit import AuditEntry
from workstation.server.audit_group import AuditGroup
from workstation.server.auth import AuthError
from workstation.server.auth_cache import Proven, TokenCache
from workstation.server.reads import MAX_PULL_PAGE
from workstation.server.requests import MAX_SEQ

PATH = "/sync/pull"
ROUTE = SimpleNamespace(path=PATH)  # what the timer and the access log read of a route
_NUMBER = re.compile(rb"[0-9]{1,19}")
_HEADERS = [(b"content-type", b"application/json")]

# (user, device_id, after, limit, audit_sink) -> page
Pull = Callable[[Any, str, int, int, Callable[[list[AuditEntry]], None]], dict[str, Any]]
# Polls running on threads at once, per process. A poll waits for its audit row's commit on
# the event loop, not on a thread; the few threads that run keep the GIL free for the pushes,
# which would otherwise take their turn behind every poll thread of a busy ward.
PULL_THREADS = 8


def parameters(query: bytes) -> tuple[int, int] | None:
    """(after, limit) of a plain query string, or None for anything FastAPI should judge
    (unknown, repeated, non-numeric or out-of-range parameters)."""
    found: dict[bytes, int] = {}
    for part in query.split(b"&") if query else []:
        name, sep, value = part.partition(b"=")
        if not sep or name not in (b"after", b"limit") or name in found:
            return None
        if not _NUMBER.fullmatch(value):
            return None
        found[name] = int(value)
    after, limit = found.get(b"after", 0), found.get(b"limit", 1000)
    if after > MAX_SEQ or not 1 <= limit <= MAX_PULL_PAGE:
        return None
    return after, limit


def bearer(headers: list[tuple[bytes, bytes]]) -> str | None:
    """The first Authorization header's bearer token, as `app._bearer` reads it."""
    for name, value in headers:
        if name == b"authorization":
            text = value.decode("latin-1")
            return text[7:].strip() if text.lower().startswith("bearer ") else None
    return None


class PullFastPath:
    """Answers well-formed polls itself; passes every other request to the app."""

    def __init__(self, app: Any, *, tokens: TokenCache, pull: Pull, audit: AuditGroup) -> None:
        self.app, self.tokens, self.pull, self.audit = app, tokens, pull, audit
        self._limiter: CapacityLimiter | None = None  # made in the event loop

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """Serve a poll, or pass the request on."""
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        asked, token = parameters(scope["query_string"]), bearer(scope["headers"])
        page: dict[str, Any] | None = None
        pending: list[Future[None]] = []
        if asked is not None and token:
            proven = self.tokens.cached(token)
            self._limiter = self._limiter or CapacityLimiter(PULL_THREADS)
            page, pending = await to_thread.run_sync(
                self._answer, proven, token, *asked, limiter=self._limiter
            )
        for audited in pending:  # the read's audit row is committed before any of it is sent
            await asyncio.wrap_future(audited)
        if page is None:  # refused or irregular: the app answers it as it always has
            await self.app(scope, receive, send)
            return
        scope["route"] = ROUTE
        body = orjson.dumps(page)
        await send({"type": "http.response.start", "status": 200,
                    "headers": [*_HEADERS, (b"content-length", str(len(body)).encode())]})  # fmt: skip
        await send({"type": "http.response.body", "body": body})

    def _answer(
        self, proven: Proven | None, token: str, after: int, limit: int
    ) -> tuple[dict[str, Any] | None, list[Future[None]]]:
        """On a thread: the token proven (when not cached), the page (None when refused) and
        its audit rows handed to the group commit, to be awaited before the answer."""
        if proven is None:
            try:
                proven = self.tokens.authenticate(token)
            except AuthError:
                return None, []
        pending: list[Future[None]] = []
        page = self.pull(proven.user, proven.device_id, after, limit,
                         lambda entries: pending.append(self.audit.submit(entries)))  # fmt: skip
        return page, pending
