"""Pushes run on the server's own write threads, with the request's context."""

from __future__ import annotations

import asyncio
import contextvars
import threading

from workstation.server.write_pool import run_write

_REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def _where(label: str) -> tuple[str, str, str]:
    return threading.current_thread().name, _REQUEST_ID.get(), label


def test_a_write_runs_on_a_write_thread_with_the_request_context() -> None:
    async def request() -> tuple[str, str, str]:
        _REQUEST_ID.set("req-42")
        return await run_write(_where, label="push")

    thread, request_id, label = asyncio.run(request())
    assert thread.startswith("cw-write")  # not the framework's pool the polls crowd
    assert (request_id, label) == ("req-42", "push")


def test_the_read_pool_is_widened_for_polls_waiting_on_their_audit_commit() -> None:
    from anyio import to_thread
    from fastapi.testclient import TestClient
    from sqlalchemy import create_engine

    from workstation.server.app import create_app
    from workstation.server.write_pool import READ_THREADS

    seen: list[float] = []
    app = create_app(create_engine("sqlite://"))

    @app.get("/test-threads")
    async def threads() -> dict[str, float]:
        seen.append(to_thread.current_default_thread_limiter().total_tokens)
        return {}

    with TestClient(app) as client:
        client.get("/test-threads")
    assert seen == [READ_THREADS] and READ_THREADS > 40  # anyio's default
