"""Text the server cannot store or answer never reaches a route. A NUL character (U+0000):
PostgreSQL refuses it in text, and the statement's failure was a 500 with the parameters' place
in the log, while SQLite stored it. A JSON body that orjson refuses but Python's json module
takes (a lone UTF-16 surrogate such as `\\ud800`, NaN, Infinity): the routes whose bodies
FastAPI parses got it, and orjson then failed to write the answer (a 500). Every field of every
route would need its own check; this pure ASGI layer refuses the request instead (400),
whatever route it is for: a NUL in the path or the query string, a JSON-escaped one
(`\\u0000`; JSON allows no raw control character in a string) anywhere in the body, or a body
that is JSON only to the lenient parser.

Two bodies are judged item by item, so that one bad item never blocks the rest of a station's
queue: a push's events (a NUL makes that event `malformed`: events.envelope) and the read
audit's entries (server.read_audit refuses that entry). Their other fields are checked by their
routes. The FHIR API answers its own errors as OperationOutcome and checks its ids and search
parameters itself (server.fhir_api)."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote_to_bytes

import orjson

PER_ITEM_BODIES = frozenset({"/sync/push", "/audit/reads"})
OWN_ERRORS = "/fhir"
# a backslash-u-0000 escape not itself escaped (preceded by an even run of backslashes)
_ESCAPED_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


def has_nul(body: bytes) -> bool:
    """True when a JSON text holds a NUL in a string (escaped) or anywhere (raw)."""
    return b"\x00" in body or _ESCAPED_NUL.search(body) is not None


def body_problem(body: bytes) -> str | None:
    """Why a body must not reach its route, or None. A body orjson cannot read is left to the
    route's own answer (bad JSON is its 400) unless the lenient parser would take it."""
    if has_nul(body):
        return "the request body holds a NUL character"
    if not body.strip():
        return None
    try:
        orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        try:
            json.loads(body)
        except ValueError:  # bad JSON to both: the route answers it as ever
            return None
        except RecursionError:  # the lenient parser would fail in the route (a 500)
            return f"request body is not valid JSON: {exc}"
        return f"request body is not valid JSON: {exc}"
    return None


def _address_has_nul(scope: dict[str, Any]) -> bool:
    return "\x00" in scope["path"] or b"\x00" in unquote_to_bytes(scope["query_string"])


class TextGuard:
    """Refuses a request with a NUL in its address or its body (see the module's notes)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """Pass the request on, its body replayed, unless it holds a NUL."""
        if scope["type"] != "http" or scope["path"].startswith(OWN_ERRORS):
            await self.app(scope, receive, send)
            return
        if _address_has_nul(scope):
            await _refuse(send, "the address holds a NUL character")
            return
        if scope["method"] in ("GET", "HEAD") or scope["path"] in PER_ITEM_BODIES:
            await self.app(scope, receive, send)
            return
        messages = []  # the body is bounded by server.body_limit, outside this layer
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request" or not message.get("more_body", False):
                break
        problem = body_problem(b"".join(m.get("body", b"") for m in messages))
        if problem is not None:
            await _refuse(send, problem)
            return
        replay = iter(messages)

        async def replayed() -> Any:
            return next(replay, None) or await receive()

        await self.app(scope, replayed, send)


async def _refuse(send: Any, message: str) -> None:
    body = orjson.dumps({"error": "bad_request", "message": message})
    await send({"type": "http.response.start", "status": 400, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})
