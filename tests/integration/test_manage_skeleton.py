"""The managers' dashboards' common ground: who reads which wards' dashboards over HTTP (a head
nurse her own, medical affairs every ward, a nurse none), each read audited with the actor from
the token, and the catch-up projections that fold only what arrived since the last open (SQLite
and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import count

import httpx
import orjson
import pytest
from sqlalchemy import Connection, Engine, insert, select

from tests.support.ward import PASSWORD, seed_ward
from workstation.clock import now_iso
from workstation.ids import uuid7
from workstation.server import auth
from workstation.server.db import writer
from workstation.server.manage_catchup import EventRow, catch_up
from workstation.server.models import audit_log, events

_SEQ = count(1)


@pytest.fixture
def managers(server_engine: Engine) -> None:
    seed_ward(server_engine)
    with writer(server_engine) as conn:
        for username, role, wards in (("hn.card", "head_nurse", ["CARD"]),
                                      ("office", "medical_affairs", [])):  # fmt: skip
            auth.add_user(conn, username=username, password=PASSWORD, display_name=username,
                          role=role, wards=wards)  # fmt: skip


def _token(http: httpx.Client, username: str) -> dict[str, str]:
    body = {"username": username, "password": PASSWORD, "device_id": f"pc-{username}"}
    answer = http.post("/auth/login", json=body)
    assert answer.status_code == 200, answer.text
    return {"authorization": f"Bearer {answer.json()['access_token']}"}


def test_a_dashboard_answers_for_the_managers_wards_only(managers, live_server, server_engine):  # noqa: ANN001
    with httpx.Client(base_url=live_server.url, timeout=30.0) as http:
        head_nurse = _token(http, "hn.card")
        scope = http.get("/manage/scope", headers=head_nurse).json()
        assert [w["ward_id"] for w in scope["wards"]] == ["CARD"] and not scope["hospital"]
        assert http.get("/manage/scope?ward=RESP", headers=head_nurse).status_code == 403
        office = http.get("/manage/scope", headers=_token(http, "office")).json()
        assert office["hospital"] and [w["ward_id"] for w in office["wards"]] == ["CARD", "RESP"]
        nurse = _token(http, "nurse.card")
        assert http.get("/manage/scope", headers=nurse).status_code == 403
        assert http.get("/manage/scope").status_code == 401
        too_long = http.get("/manage/scope", params={"ward": "X" * 33}, headers=head_nurse)
        assert too_long.status_code == 400
    with server_engine.connect() as conn:
        actions = [r.action for r in conn.execute(select(audit_log.c.action))]
    assert actions.count("dashboard_opened") == 2 and actions.count("dashboard_refused") == 1


def _append(conn: Connection, kind: str, ward: str) -> None:
    seq = next(_SEQ)
    conn.execute(insert(events).values(
        server_seq=seq, event_id=uuid7(), type=kind, patient_id=uuid7(), ward_id=ward,
        author_id="u", device_id="d", device_seq=seq, recorded_at=now_iso(),
        received_at=now_iso(), pushed_by="u", content_hash="0" * 64,
        payload=orjson.dumps({"ward_id": ward}),
    ))  # fmt: skip


def test_a_catch_up_projection_folds_each_event_once(server_engine, monkeypatch):  # noqa: ANN001
    monkeypatch.setattr("workstation.server.manage_catchup.PAGE", 3)  # several pages
    folded: list[EventRow] = []

    def fold(_conn: Connection, rows: Sequence[EventRow]) -> None:
        folded.extend(rows)

    with writer(server_engine) as conn:
        for kind in ("PatientAdmitted", "VitalsRecorded") * 4:
            _append(conn, kind, "CARD")
    assert catch_up(server_engine, "admissions", fold, types=["PatientAdmitted"]) == 4
    assert [r.type for r in folded] == ["PatientAdmitted"] * 4
    assert folded[0].payload == {"ward_id": "CARD"}
    assert catch_up(server_engine, "admissions", fold, types=["PatientAdmitted"]) == 0
    with writer(server_engine) as conn:
        _append(conn, "VitalsRecorded", "RESP")
        _append(conn, "PatientAdmitted", "RESP")
    assert catch_up(server_engine, "admissions", fold, types=["PatientAdmitted"]) == 1
    assert len(folded) == 5 and folded[-1].ward_id == "RESP"
    assert len({r.event_id for r in folded}) == 5
