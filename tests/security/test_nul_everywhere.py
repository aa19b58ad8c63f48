"""A NUL character (U+0000) reaches no SQL statement from any route: PostgreSQL refuses it in
text (a 500 and a traceback in the log), SQLite stores it. Found by sending it in every path,
query and body field of the routes the first limits did not cover: the read audit's entries,
the rights and roster paths, the feedback answer's id, the interface queue's re-run, a push's
sync_id. A request with one is refused with 400 (a bad read-audit entry alone, as ever)."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from tests.security.conftest import station
from tests.security.fuzz_events import FuzzStation
from tests.support import ward as ward_support
from tests.support.ward import PASSWORD
from workstation.ids import uuid7
from workstation.server import auth
from workstation.server.db import writer
from workstation.server.text_guard import has_nul

NUL = "\x00"
OFFICES = {"records": "admin", "head.card": "head_nurse", "quality": "medical_affairs"}


@pytest.fixture
def offices(
    api: TestClient, server_engine: Engine, ward: ward_support.TestWard
) -> dict[str, FuzzStation]:
    """The records office, CARD's head nurse and the quality office, logged in."""
    with writer(server_engine) as conn:
        for username, role in OFFICES.items():
            auth.add_user(conn, username=username, password=PASSWORD, display_name=username,
                          role=role, wards=["CARD"])  # fmt: skip
    return {name: station(api, name, f"ws-{name}") for name in OFFICES} | {
        "doctor": station(api, ward.doctor, "ws-nul")
    }


def _requests() -> list[tuple[str, str, str, Any]]:
    """(who, method, url, JSON body): each with a NUL in one place, the rest well-formed."""
    rights = {"title": None, "antibiotic_tier": None, "narcotic_right": False,
              "antibiotic_approver": False}  # fmt: skip
    return [
        ("records", "POST", "/admin/rights/doc%00card", rights),
        ("records", "POST", "/admin/rights/doc.card", {**rights, "title": "attending" + NUL}),
        ("records", "POST", "/interface/queue/rerun", {"message_key": "k" + NUL}),
        ("records", "POST", "/interface/queue/rerun", {"message_key": "k", "ward_map": {"A": NUL}}),
        ("head.card", "PUT", "/manage/roster/CA%00RD", {"base_version": 0}),
        ("head.card", "GET", "/manage/roster?ward=CARD%00", None),
        ("head.card", "GET", "/manage/flow?ward=CA%00RD", None),
        ("quality", "POST", f"/feedback/{uuid7()[:35]}%00/answer", {"tags": []}),
        ("quality", "POST", f"/feedback/{uuid7()}/answer", {"tags": ["a" + NUL]}),
        ("doctor", "POST", "/sync/push", {"events": [], "sync_id": "s" + NUL}),
        ("doctor", "POST", "/usage/records", {"records": [{"record_id": NUL}]}),
        ("doctor", "GET", "/refdata/users%00", None),
    ]


def test_a_nul_in_any_path_query_or_body_is_refused_never_a_500(
    api: TestClient, offices: dict[str, FuzzStation]
) -> None:
    for who, method, url, body in _requests():
        answer = api.request(method, url, json=body, headers=offices[who].headers)
        assert 400 <= answer.status_code < 500, (url, body, answer.status_code, answer.text)
        assert "Traceback" not in answer.text


@pytest.mark.parametrize("field", ["entry_id", "patient_id", "user_id", "at", "signature"])
def test_a_read_audit_entry_with_a_nul_is_refused_alone(
    api: TestClient, offices: dict[str, FuzzStation], field: str
) -> None:
    doctor = offices["doctor"]
    good = {"entry_id": uuid7(), "action": "chart_opened", "at": "2026-01-31T08:00:00.000Z"}
    wrong = {**good, "entry_id": uuid7(), field: (good.get(field) or "x") + NUL}
    answer = api.post("/audit/reads", json={"entries": [wrong, good]}, headers=doctor.headers)
    assert answer.status_code == 200, answer.text
    assert [r["status"] for r in answer.json()["results"]] == ["refused", "recorded"]


def test_the_text_backslash_u0000_is_not_a_nul() -> None:
    assert has_nul(orjson.dumps({"text": "a\x00"}))
    assert has_nul(orjson.dumps({"text": "\\\x00"}))  # an escaped backslash, then a NUL
    assert not has_nul(orjson.dumps({"text": "C:\\u0000 is six characters"}))
    assert not has_nul(orjson.dumps({"text": "\\\\u0000"}))


def test_json_only_the_lenient_parser_takes_is_refused_never_a_500(
    api: TestClient, offices: dict[str, FuzzStation]
) -> None:
    """Routes whose bodies FastAPI parses (Python's json) took a lone surrogate, NaN or a body
    nested thousands deep, and orjson failed to write the answer, or the parser recursed."""
    roster = "/manage/roster/CARD"
    bodies = [
        ("head.card", "PUT", roster, b'{"base_version": 0, "levels": {"\\ud800": 1}}'),
        ("head.card", "PUT", roster, b'{"base_version": 0, "levels": {"x": NaN}}'),
        ("head.card", "PUT", roster, b"[" * 5000 + b"]" * 5000),
        ("records", "POST", "/interface/queue/rerun", b'{"message_key": "k\\udc00"}'),
    ]
    for who, method, url, body in bodies:
        headers = {**offices[who].headers, "content-type": "application/json"}
        answer = api.request(method, url, content=body, headers=headers)
        assert 400 <= answer.status_code < 500, (url, body[:60], answer.status_code, answer.text)
