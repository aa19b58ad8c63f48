"""A lost database connection: a request safe to run twice is retried once on a new connection,
and while the database cannot be reached the answer is 503 with Retry-After, never a 500."""

from __future__ import annotations

import asyncio
from collections.abc import MutableMapping
from typing import Any

import orjson
import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from workstation.server.db_unavailable import DatabaseUnavailable, is_connection_failure

BROKEN = OperationalError("SELECT 1", {}, ConnectionError("server closed the connection"))


class FlakyApp:
    """An ASGI app that fails with the given errors first, then echoes the request body."""

    def __init__(self, *failures: BaseException, fail_after_start: bool = False):
        self.failures = list(failures)
        self.fail_after_start = fail_after_start
        self.bodies: list[bytes] = []

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        self.bodies.append(body)
        if self.failures and not self.fail_after_start:
            raise self.failures.pop(0)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        if self.failures:
            raise self.failures.pop(0)
        await send({"type": "http.response.body", "body": body})


def call(app: FlakyApp, method: str, path: str, chunks: tuple[bytes, ...] = (b"",)) -> list[Any]:
    """Run one request through the middleware; the messages it sent."""
    incoming = [{"type": "http.request", "body": c, "more_body": i < len(chunks) - 1}
                for i, c in enumerate(chunks)]  # fmt: skip
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": []}
    asyncio.run(DatabaseUnavailable(app)(scope, receive, send))
    return sent


def test_a_push_that_lost_its_connection_runs_once_more_with_the_same_body() -> None:
    app = FlakyApp(BROKEN)
    sent = call(app, "POST", "/sync/push", (b'{"events": [', b"1]}"))
    assert app.bodies == [b'{"events": [1]}', b'{"events": [1]}']
    assert sent[0]["status"] == 200 and sent[1]["body"] == b'{"events": [1]}'


def test_a_get_is_retried_once_then_answered_503_with_retry_after() -> None:
    app = FlakyApp(BROKEN, BROKEN, BROKEN)
    sent = call(app, "GET", "/sync/pull")
    assert len(app.bodies) == 2
    assert sent[0]["status"] == 503 and (b"retry-after", b"1") in sent[0]["headers"]
    answer = orjson.loads(sent[1]["body"])
    assert answer["error"] == "database_unavailable"
    assert "server closed" not in answer["message"]  # the driver's text stays out


def test_a_write_that_is_not_idempotent_is_not_run_twice() -> None:
    app = FlakyApp(BROKEN)
    sent = call(app, "POST", "/auth/login", (b'{"username": "x"}',))
    assert len(app.bodies) == 1 and sent[0]["status"] == 503


def test_other_database_errors_are_not_taken_for_a_lost_connection() -> None:
    refused = IntegrityError("INSERT", {}, ValueError("duplicate key"))
    assert not is_connection_failure(refused) and not is_connection_failure(ValueError())
    with pytest.raises(IntegrityError):
        call(FlakyApp(refused), "POST", "/sync/push")


def test_an_answer_already_begun_is_never_followed_by_a_second() -> None:
    app = FlakyApp(BROKEN, fail_after_start=True)
    with pytest.raises(OperationalError):
        call(app, "GET", "/sync/pull")
    assert len(app.bodies) == 1


def test_the_server_answers_503_not_500_while_its_database_cannot_be_reached() -> None:
    from fastapi.testclient import TestClient

    from tests.support import free_loopback_port
    from workstation.server.app import create_app
    from workstation.server.db import make_engine

    nobody_listens = f"postgresql://cw@127.0.0.1:{free_loopback_port()}/cw?connect_timeout=2"
    engine = make_engine(nobody_listens)
    try:
        with TestClient(create_app(engine), raise_server_exceptions=False) as client:
            pulled = client.get("/sync/pull", headers={"Authorization": "Bearer t"})
            ready = client.get("/readyz")
    finally:
        engine.dispose()
    assert pulled.status_code == 503 and pulled.headers["retry-after"] == "1"
    assert pulled.json()["error"] == "database_unavailable"
    assert ready.status_code == 503 and ready.json()["status"] == "not ready"
