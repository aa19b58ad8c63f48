"""Finding 8: no request can reach a 500 with bad input, the same on SQLite and PostgreSQL, and no
body is read past its route's limit (chunked or not)."""

from __future__ import annotations

import re
import select
import socket
import time
from pathlib import Path
from typing import Any

import orjson
import pytest
from starlette.testclient import TestClient

from tests.security.conftest import station
from tests.security.fuzz_events import FuzzStation, ward_batch
from tests.support import ward as ward_support
from tests.support.live_server import LiveServer
from workstation.ids import uuid7

MiB = 1024 * 1024


def _nested(depth: int) -> Any:
    value: Any = "leaf"
    for level in range(depth):
        value = {"k": value} if level % 2 else [value]
    return value


@pytest.fixture
def doctor(api: TestClient, ward: ward_support.TestWard) -> FuzzStation:
    """The ward's physician logged in on a workstation."""
    return station(api, ward.doctor, "ws-limits")


def _push(api: TestClient, station: FuzzStation, events: list[Any]) -> list[dict[str, Any]]:
    answer = api.post("/sync/push", json={"events": events}, headers=station.headers)
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]


def _refused(answer: Any, status: int = 400, code: str = "bad_request") -> str:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert set(body) == {"error", "message"} and body["error"] == code, body
    return str(body["message"])


def test_a_payload_nested_hundreds_deep_is_malformed_not_a_crash(
    api: TestClient, doctor: FuzzStation
) -> None:
    batch = ward_batch(doctor)[:1]
    for depth in (33, 400, 900):
        deep = {
            **batch[0],
            "event_id": uuid7(),
            "payload": {**batch[0]["payload"], "x": _nested(depth)},
        }
        [result] = _push(api, doctor, [deep])
        assert (result["status"], result["code"]) == ("rejected", "malformed"), result
        assert "deeper than 32" in result["message"]
    too_deep_for_json = b'{"events": [' + b"[" * 5000 + b"]" * 5000 + b"]}"
    answer = api.post("/sync/push", content=too_deep_for_json,
                      headers={**doctor.headers, "Content-Type": "application/json"})  # fmt: skip
    _refused(answer, 400, "bad_json")
    [ok] = _push(api, doctor, batch)  # a shallow payload still goes in
    assert ok["status"] == "accepted"


def test_a_hostile_event_id_is_not_echoed_back(api: TestClient, doctor: FuzzStation) -> None:
    [result] = _push(api, doctor, [{"event_id": _nested(300)}])
    assert (result["status"], result["event_id"]) == ("rejected", None)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("patient_id", "p" * 37, "patient_id must be a string or null (at most 36"),
        ("patient_id", "a\x00b", "patient_id must be a string or null"),
        ("device_id", "d" * 65, "device_id must be at most 64 characters"),
        ("event_id", "e\x00", "event_id must not contain a NUL character"),
        ("payload", {"x": 2**63}, "integers must lie within"),
        ("payload", {"x": "a\x00"}, "NUL character"),
        ("payload", {"x": "y" * 1_000_001}, "characters of text"),
        ("payload", {"x": list(range(10_001))}, "members and elements"),
    ],
)
def test_envelope_and_payload_bounds_are_malformed_on_every_database(
    api: TestClient, doctor: FuzzStation, field: str, value: Any, expected: str
) -> None:
    event = ward_batch(doctor)[0]
    [result] = _push(api, doctor, [{**event, field: value}])
    assert (result["status"], result["code"]) == ("rejected", "malformed"), result
    assert expected in result["message"]


@pytest.mark.parametrize(
    "query", ["after=9223372036854775808", "after=-1", "limit=1000000000000000000000", "limit=0",
              "after=abc", "limit=5001"],
)  # fmt: skip
def test_pull_cursor_and_page_size_are_bounded(
    api: TestClient, doctor: FuzzStation, query: str
) -> None:
    message = _refused(api.get(f"/sync/pull?{query}", headers=doctor.headers))
    assert query.split("=")[0] in message, message  # the refusal names the parameter


def test_the_largest_cursor_is_an_empty_page(api: TestClient, doctor: FuzzStation) -> None:
    answer = api.get(f"/sync/pull?after={2**63 - 1}&limit=5000", headers=doctor.headers)
    assert answer.status_code == 200 and answer.json()["events"] == []


LONG = {"ward": "W" * 33, "patient": "p" * 37, "user": "u" * 65, "device": "d" * 65}


def _requests(doctor: FuzzStation) -> list[tuple[str, str, dict[str, Any] | None]]:
    """(method, url, JSON body) of every route with a field too long for its column or with NUL."""
    entry = {"entry_id": uuid7(), "action": "chart_opened", "at": "2026-01-31T08:00:00.000Z"}
    return [
        (
            "POST",
            "/auth/login",
            {"username": "doc.card", "password": "x", "device_id": LONG["device"]},
        ),
        ("POST", "/auth/login", {"username": "doc\x00card", "password": "x", "device_id": "ws"}),
        ("POST", "/auth/login", {"username": "u" * 65, "password": "x", "device_id": "ws"}),
        ("POST", "/auth/refresh", {"refresh_token": "t" * 257}),
        ("POST", "/auth/refresh", {"refresh_token": {"a": 1}}),
        ("POST", "/devices/register", {"ward_id": LONG["ward"]}),
        ("POST", "/devices/register", {"ward_id": "CA\x00RD"}),
        ("POST", "/devices/register", {"ward_id": ["CARD"]}),
        ("GET", f"/sync/patients/{LONG['patient']}/history", None),
        ("GET", "/sync/patients/a%00b/history", None),
        ("GET", f"/patients/lookup?record_number={'M' * 33}", None),
        ("GET", "/patients/lookup?record_number=M%00N", None),
        ("POST", "/sync/digest", {"patient_ids": [LONG["patient"]]}),
        ("POST", "/sync/digest", {"patient_ids": ["a\x00"]}),
        ("POST", "/sync/digest", {"patient_ids": [], "upto": 2**63}),
        ("POST", "/sync/digest", {"patient_ids": [], "upto": True}),
        ("POST", "/audit/reads", {"entries": {"a": entry}}),
        ("GET", f"/refdata/{'n' * 41}", None),
        ("POST", "/sync/push", {"events": "all of them"}),
    ]


BAD_READ_ENTRIES = [{"patient_id": {"a": 1}}, {"patient_id": LONG["patient"]},
                    {"user_id": LONG["user"]}, {"entry_id": "e" * 65}, {"at": 5}]  # fmt: skip


def test_every_field_is_checked_before_sql_the_same_on_every_database(
    api: TestClient, doctor: FuzzStation
) -> None:
    for method, url, body in _requests(doctor):
        answer = api.request(method, url, json=body, headers=doctor.headers)
        message = _refused(answer)
        assert message and "Traceback" not in message, (url, body, message)


def test_a_bad_read_audit_entry_is_refused_alone_and_the_good_one_recorded(
    api: TestClient, doctor: FuzzStation
) -> None:
    """Read-audit entries are judged one by one (workstation.server.read_audit): a bad entry is
    refused with its reason and stays queued on its station, never blocking the good ones."""
    for bad in BAD_READ_ENTRIES:
        good = {"entry_id": uuid7(), "action": "chart_opened", "at": "2026-01-31T08:00:00.000Z"}
        wrong = {**good, "entry_id": uuid7(), **bad}
        answer = api.post("/audit/reads", json={"entries": [wrong, good]}, headers=doctor.headers)
        assert answer.status_code == 200, answer.text
        results = answer.json()["results"]
        assert [r["status"] for r in results] == ["refused", "recorded"], (bad, results)
        assert results[0]["message"], bad


def test_errors_of_the_framework_keep_the_api_shape(api: TestClient, doctor: FuzzStation) -> None:
    _refused(api.get("/no/such/route", headers=doctor.headers), 404, "not_found")
    _refused(api.get("/sync/push", headers=doctor.headers), 405, "method_not_allowed")
    message = _refused(api.post("/auth/login", json={"username": "doc.card"}))
    assert message == "password is required; device_id is required"


def test_openapi_documents_every_request_body(api: TestClient) -> None:
    document = api.get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    posts = {path: ops["post"] for path, ops in document["paths"].items() if "post" in ops}
    assert set(posts) >= {"/auth/login", "/auth/refresh", "/devices/register", "/sync/push",
                          "/sync/digest", "/audit/reads", "/refdata/{name}"}  # fmt: skip
    for path, operation in posts.items():
        if path in ("/auth/logout", "/alerts/{alert_id}/acknowledge"):  # no body
            continue
        ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        body = schemas[ref.rsplit("/", 1)[1]]
        assert body["type"] == "object" and body["required"], path
        assert operation["responses"]["400"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ApiError"
        }
    assert schemas["LoginBody"]["properties"]["device_id"]["maxLength"] == 64
    assert schemas["PushBatch"]["properties"]["events"]["maxItems"] == 1000
    assert "HTTPValidationError" not in schemas
    text = orjson.dumps(document).decode()
    assert not re.search(r'"\$ref":"#/\$defs/', text)  # every reference resolves in the document


def test_a_declared_oversize_body_is_refused_before_it_is_read(api: TestClient) -> None:
    answer = api.post("/auth/login", content=b" " * (16 * 1024 + 1),
                      headers={"Content-Type": "application/json"})  # fmt: skip
    _refused(answer, 413, "too_large")
    assert answer.headers["connection"] == "close"


def test_each_route_has_its_own_body_limit(api: TestClient, doctor: FuzzStation) -> None:
    one_mib = orjson.dumps({"events": [], "padding": "x" * MiB})
    headers = {**doctor.headers, "Content-Type": "application/json"}
    assert api.post("/sync/push", content=one_mib, headers=headers).status_code == 200
    _refused(api.post("/devices/register", content=one_mib, headers=headers), 413, "too_large")
    over = b'{"events": [], "padding": "' + b"x" * (32 * MiB) + b'"}'
    _refused(api.post("/sync/push", content=iter([over]), headers=headers), 413, "too_large")


# -- the real server: a chunked body is cut off as it streams -------------------------------------


def _rss_kib(pid: int, field: str) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.M).group(1))  # type: ignore[union-attr]


def _stream_chunked(port: int, path: str, total: int, chunk: int = 64 * 1024) -> tuple[bytes, int]:
    """Send a chunked POST of `total` bytes until the server answers; (answer, bytes sent)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n".encode())  # fmt: skip
    piece = f"{chunk:x}\r\n".encode() + b" " * chunk + b"\r\n"
    sent, answer = 0, b""
    try:
        while sent < total:
            if select.select([sock], [], [], 0)[0]:
                break  # the server has answered
            sock.sendall(piece)
            sent += chunk
        else:
            sock.sendall(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server closed the connection after answering
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the refusal says Connection: close: read to its end
        try:
            data = sock.recv(65536)
        except ConnectionResetError:
            break
        if not data:
            break
        answer += data
    sock.close()
    return answer, sent


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_300_mib_chunked_login_body_is_refused_without_growing_the_server(
    live_server: LiveServer,
) -> None:
    before = _rss_kib(live_server.pid, "VmRSS")
    answer, sent = _stream_chunked(live_server.port, "/auth/login", 300 * MiB)
    peak = _rss_kib(live_server.pid, "VmHWM")
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b'"too_large"' in answer
    assert (peak - before) * 1024 < 50 * MiB, f"server grew {(peak - before) // 1024} MiB"
    assert sent < 300 * MiB  # the server stopped the upload early, it did not read it all
