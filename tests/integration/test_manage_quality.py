"""`GET /manage/quality` over HTTP: the quality indicators of the hand-built history
(tests/support/quality_history.py) folded from the server's event log, for the manager's own
wards only (a head nurse her ward, medical affairs every ward, a nurse none), over the date range
asked for (SQLite and PostgreSQL)."""

from __future__ import annotations

import httpx
import orjson
import pytest
from sqlalchemy import Engine, insert

from tests.support.quality_history import history_rows
from tests.support.ward import PASSWORD, seed_ward
from workstation.server import auth
from workstation.server.db import writer
from workstation.server.models import events

RANGE = {"start": "2026-03-01", "end": "2026-03-06"}  # the history's days on the ward clock


@pytest.fixture
def history(server_engine: Engine) -> None:
    """The wards, a head nurse of CARD and the medical affairs office, and the history's events."""
    seed_ward(server_engine)
    with writer(server_engine) as conn:
        for username, role, wards in (("hn.card", "head_nurse", ["CARD"]),
                                      ("office", "medical_affairs", [])):  # fmt: skip
            auth.add_user(conn, username=username, password=PASSWORD, display_name=username,
                          role=role, wards=wards)  # fmt: skip
        conn.execute(insert(events), [
            {"server_seq": r.server_seq, "event_id": r.event_id, "type": r.type,
             "patient_id": r.patient_id, "ward_id": r.ward_id, "author_id": r.author_id,
             "device_id": r.device_id, "device_seq": r.server_seq, "recorded_at": r.recorded_at,
             "received_at": r.received_at, "pushed_by": r.author_id, "content_hash": "0" * 64,
             "payload": orjson.dumps(r.payload)}
            for r in history_rows()
        ])  # fmt: skip


def _token(http: httpx.Client, username: str) -> dict[str, str]:
    body = {"username": username, "password": PASSWORD, "device_id": f"pc-{username}"}
    answer = http.post("/auth/login", json=body)
    assert answer.status_code == 200, answer.text
    return {"authorization": f"Bearer {answer.json()['access_token']}"}


def _wards(data: dict) -> set[str]:  # type: ignore[type-arg]
    return {r["ward_id"] for r in data["notes"]["by_ward"]} | {r["ward_id"] for r in data["doses"]}


def test_quality_answers_for_the_managers_wards_and_range(history, live_server) -> None:  # noqa: ANN001
    with httpx.Client(base_url=live_server.url, timeout=30.0) as http:
        head_nurse = _token(http, "hn.card")
        mine = http.get("/manage/quality", params=RANGE, headers=head_nurse)
        assert mine.status_code == 200, mine.text
        assert _wards(mine.json()) == {"CARD"}
        rules = {r["rule_id"]: (r["n"], r["overridden"]) for r in mine.json()["alerts"]["by_rule"]}
        assert rules == {"r1": (1, 1), "r2": (1, 0), "allergy-status": (1, 1)}
        other = http.get("/manage/quality", params={**RANGE, "ward": "RESP"}, headers=head_nurse)
        assert other.status_code == 403
        office = _token(http, "office")
        everything = http.get("/manage/quality", params=RANGE, headers=office).json()
        assert _wards(everything) == {"CARD", "RESP"}
        assert everything["verification"]["all"]["median_min"] == 45.0
        resp = http.get("/manage/quality", params={**RANGE, "ward": "RESP"}, headers=office).json()
        assert _wards(resp) == {"RESP"}
        later = http.get("/manage/quality", params={"start": "2026-04-01", "end": "2026-04-30"},
                         headers=office).json()  # fmt: skip
        assert later["notes"]["by_type"] == [] and later["alerts"]["by_rule"] == []
        backwards = {"start": "2026-03-06", "end": "2026-03-01"}
        assert http.get("/manage/quality", params=backwards, headers=office).status_code == 422
        nurse = _token(http, "nurse.card")
        assert http.get("/manage/quality", params=RANGE, headers=nurse).status_code == 403
