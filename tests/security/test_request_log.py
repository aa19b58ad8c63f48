"""The server's log: one JSON object per line, a request id echoed to the caller, no patient data."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from workstation.server import request_log
from workstation.server.app import create_app

RECORD_NUMBER = "ZY20260042"


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """The server's logging sent to a buffer as serve does; the test's own logging put back."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    quiet = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    stream = io.StringIO()
    request_log.configure(stream=stream)
    try:
        yield stream
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in saved[0]:
            root.addHandler(handler)
        root.setLevel(saved[1])
        for name, level in quiet.items():
            logging.getLogger(name).setLevel(level)


def _records(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_each_request_has_an_id_and_one_json_access_line(
    server_engine: Engine, log_lines: io.StringIO
) -> None:
    client = TestClient(create_app(server_engine))
    first = client.get("/healthz")
    second = client.get("/healthz")
    ids = [first.headers["x-request-id"], second.headers["x-request-id"]]
    assert len(set(ids)) == 2
    access = [r for r in _records(log_lines) if r["name"] == request_log.ACCESS_LOGGER]
    assert [(r["request_id"], r["route"], r["status"]) for r in access] == [
        (ids[0], "/healthz", 200), (ids[1], "/healthz", 200),
    ]  # fmt: skip
    assert all(r["method"] == "GET" and r["duration_ms"] >= 0 and r["time"] for r in access)


def test_the_access_line_names_the_route_never_the_record_number(
    server_engine: Engine, log_lines: io.StringIO
) -> None:
    client = TestClient(create_app(server_engine))
    answer = client.get("/patients/lookup", params={"record_number": RECORD_NUMBER},
                        headers={"authorization": "Bearer not-a-token"})  # fmt: skip
    assert answer.status_code == 401
    text = log_lines.getvalue()
    assert RECORD_NUMBER not in text and "not-a-token" not in text
    (line,) = [r for r in _records(log_lines) if r["name"] == request_log.ACCESS_LOGGER]
    assert (line["route"], line["status"]) == ("/patients/lookup", 401)


def test_a_line_logged_while_serving_carries_the_request_id(log_lines: io.StringIO) -> None:
    async def app(scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        logging.getLogger("workstation.server.sync").warning("slow commit")
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    answer = TestClient(request_log.RequestLog(app)).get("/anything/ZY1")
    request_id = answer.headers["x-request-id"]
    records = _records(log_lines)
    warning = next(r for r in records if r["message"] == "slow commit")
    assert warning["request_id"] == request_id and warning["level"] == "WARNING"
    assert records[-1]["route"] == "unmatched" and "ZY1" not in log_lines.getvalue()
