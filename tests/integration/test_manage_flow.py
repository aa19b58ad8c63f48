"""`/manage/flow` over HTTP: a head nurse reads her ward only, a nurse reads none, the medical
affairs office reads every ward; the figures come from the events (folded once, then only what is
new) on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

import httpx
import orjson
from sqlalchemy import Connection, Engine, insert

from tests.support.ward import PASSWORD, seed_ward
from workstation.clock import iso, utc_now
from workstation.ids import uuid7
from workstation.server import auth
from workstation.server.db import writer
from workstation.server.models import events

_SEQ = count(1)


def _append(conn: Connection, kind: str, patient: str, ward: str, **payload: object) -> None:
    seq = next(_SEQ)
    conn.execute(insert(events).values(
        server_seq=seq, event_id=uuid7(), type=kind, patient_id=patient, ward_id=ward,
        author_id="u", device_id="d", device_seq=seq, recorded_at=iso(utc_now()),
        received_at=iso(utc_now()), pushed_by="u", content_hash="0" * 64,
        payload=orjson.dumps(payload),
    ))  # fmt: skip


def _token(http: httpx.Client, username: str) -> dict[str, str]:
    body = {"username": username, "password": PASSWORD, "device_id": f"pc-{username}"}
    answer = http.post("/auth/login", json=body)
    assert answer.status_code == 200, answer.text
    return {"authorization": f"Bearer {answer.json()['access_token']}"}


def _stays(engine: Engine) -> None:
    """Two stays on CARD (one discharged after 3 days), one on RESP still in."""
    now = utc_now()
    with writer(engine) as conn:
        for username, role, wards in (("hn.card", "head_nurse", ["CARD"]),
                                      ("office", "medical_affairs", [])):  # fmt: skip
            auth.add_user(conn, username=username, password=PASSWORD, display_name=username,
                          role=role, wards=wards)  # fmt: skip
        for patient, ward, days_ago in (("p1", "CARD", 5), ("p2", "CARD", 2), ("p3", "RESP", 4)):
            at = iso(now - timedelta(days=days_ago))
            _append(conn, "PatientAdmitted", patient, ward, ward_id=ward, bed="1", admitted_at=at)
        _append(conn, "PatientDischarged", "p1", "CARD", base_version=0,
                discharged_at=iso(now - timedelta(days=2)))  # fmt: skip


def test_flow_dashboard_answers_for_the_managers_wards(live_server, server_engine) -> None:  # noqa: ANN001
    seed_ward(server_engine)
    _stays(server_engine)
    with httpx.Client(base_url=live_server.url, timeout=60.0) as http:
        head_nurse = _token(http, "hn.card")
        mine = http.get("/manage/flow", headers=head_nurse)
        assert mine.status_code == 200, mine.text
        card = mine.json()
        assert card["wards"] == ["CARD"] and card["beds"] == 15
        assert sum(card["movements"]["by_weekday"]["admissions"]) == 2
        assert card["los"]["count"] == 1 and card["los"]["median"] == 3.0
        assert card["census"][-1] == 1 and len(card["forecast"]["days"]) == 7
        assert http.get("/manage/flow?ward=RESP", headers=head_nurse).status_code == 403
        assert http.get("/manage/flow", headers=_token(http, "nurse.card")).status_code == 403
        office = _token(http, "office")
        hospital = http.get("/manage/flow", headers=office).json()
        assert hospital["wards"] == ["CARD", "RESP"] and hospital["census"][-1] == 2
        with writer(server_engine) as conn:  # a new admission: the next open folds only it
            _append(conn, "PatientAdmitted", "p4", "RESP", ward_id="RESP", bed="2",
                    admitted_at=iso(utc_now() - timedelta(days=1)))  # fmt: skip
        resp = http.get("/manage/flow", params={"ward": "RESP"}, headers=office).json()
        assert resp["wards"] == ["RESP"] and resp["census"][-1] == 2
