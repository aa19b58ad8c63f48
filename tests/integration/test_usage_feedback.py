"""Usage telemetry and anonymous feedback against the real server (a subprocess; SQLite and
PostgreSQL): usage records land in their own table under the token's user, bounded and
idempotent, and are deleted after the retention; a feedback item leaves nothing on the server
that says which of two users sent it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, insert, select

from offline_cache.feedback import answer_feedback, fetch_board
from offline_cache.link import Refused
from offline_cache.workstation import Workstation
from tests.support.ward import PASSWORD, seed_ward
from workstation.clock import iso, utc_now
from workstation.server import auth
from workstation.server.db import reader, writer
from workstation.server.usage_api import prune
from workstation.server.usage_tables import feedback, usage_records

LATER = datetime(2100, 1, 1, tzinfo=UTC)  # past every queued item's random moment


def _station(tmp_path, name: str, url: str) -> Workstation:  # noqa: ANN001
    return Workstation.open(
        tmp_path / name, server_url=url, ward_id="CARD", attempts=2, base_delay=0.01
    )


def _usage_is_stored_as_the_tokens_user_bounded_and_once(
    tmp_path, live_server, server_engine, ward
) -> None:  # noqa: ANN001
    ws = _station(tmp_path, "pc", live_server.url)
    ws.login(ward.doctor, PASSWORD)
    ws.usage.record("action", "Ctrl+Shift+K", screen="ChartView")
    ws.sync()
    assert ws.usage.queued() == []  # sent and taken off the station's queue
    with reader(server_engine) as conn:
        rows = conn.execute(select(usage_records)).all()
    doctor_id = rows[0].user_id
    assert {r.kind for r in rows} >= {"login", "action", "sync"}
    assert {r.device_id for r in rows} == {ws.store.device_id} and {r.user_id for r in rows} == {
        doctor_id
    }
    record = {"record_id": str(uuid.uuid4()), "kind": "action", "name": "F9", "at": iso(utc_now()),
              "version": "0.1.0"}  # fmt: skip
    assert ws.link is not None
    answer = ws.link.request(
        "POST", "/usage/records", body={"records": [record, record | {"user_id": "pharm"}]}
    )
    assert (
        answer["stored"] == 1 and len(answer["refused"]) == 1
    )  # another user named in the body: refused
    again = ws.link.request("POST", "/usage/records", body={"records": [record]})
    assert again == {"stored": 0, "duplicates": 1, "refused": []}
    with pytest.raises(Refused) as refused:
        ws.link.request("POST", "/usage/records", body={"records": [record] * 501})
    assert refused.value.status == 413
    with pytest.raises(Refused) as refused:  # the size limit, before anything is parsed
        ws.link.request("POST", "/usage/records", body={"records": [], "pad": "x" * 600_000})
    assert refused.value.status == 413
    ws.logout()
    ws.close()


def test_usage_older_than_the_retention_is_deleted(server_engine: Engine) -> None:
    now = utc_now()
    rows = [{"record_id": str(uuid.uuid4()), "user_id": "u", "device_id": "d", "kind": "action", "name": "F9",
             "version": "1", "count": 0, "duration_ms": 0, "at": iso(at), "received_at": iso(at)}
            for at in (now - timedelta(days=31), now - timedelta(days=29), now)]  # fmt: skip
    with writer(server_engine) as conn:
        conn.execute(insert(usage_records), rows)
        assert prune(conn, 30, iso(now)) == 1
    with reader(server_engine) as conn:
        kept = set(conn.execute(select(usage_records.c.record_id)).scalars())
    assert kept == {rows[1]["record_id"], rows[2]["record_id"]}


def _snapshot(engine: Engine) -> dict[str, set[tuple[Any, ...]]]:
    """Every row of every server table (the audit chain, tokens, logs of any kind included)."""
    tables = MetaData()
    tables.reflect(engine)
    with reader(engine) as conn:
        return {
            name: {tuple(row) for row in conn.execute(select(table))}
            for name, table in tables.tables.items()
        }


def _written(
    before: dict[str, set[tuple[Any, ...]]], after: dict[str, set[tuple[Any, ...]]]
) -> dict[str, set[tuple[Any, ...]]]:
    return {
        name: rows - before.get(name, set())
        for name, rows in after.items()
        if rows != before.get(name, set())
    }


def test_usage_lands_as_the_tokens_user_and_no_feedback_can_be_linked_to_its_sender(
    tmp_path, live_server, server_engine
):  # noqa: ANN001
    """One live server for both (each costs seconds to start): usage first, then two users'
    feedback, each send compared against every row of every table."""
    ward = seed_ward(server_engine)
    _usage_is_stored_as_the_tokens_user_bounded_and_once(tmp_path, live_server, server_engine, ward)
    senders = [
        (ward.doctor, "The order line forgets my dose", "pc-a"),
        (ward.nurse, "Scanning is slow at night", "pc-b"),
    ]
    identities: set[str] = set()
    for username, text, pc in senders:
        ws = _station(tmp_path, pc, live_server.url)
        ws.login(username, PASSWORD)
        ws.sync()  # whatever a sync writes, it writes now, before the feedback is sent
        ws.feedback.queue("slow", text, ward_id="CARD")
        assert (
            ws.feedback.send_due(ws.link, now=datetime.now(UTC)) == 0
        )  # not before its random moment
        before = _snapshot(server_engine)
        assert ws.link is not None and ws.feedback.send_due(ws.link, now=LATER) == 1
        written = _written(before, _snapshot(server_engine))
        assert set(written) == {"feedback"}  # no audit row, no log row, no token use, nothing else
        (row,) = written["feedback"]
        with reader(server_engine) as conn:
            user = conn.execute(select(auth.users).where(auth.users.c.username == username)).one()
        identities |= {user.user_id, username, user.display_name, ws.store.device_id}
        assert not {str(v) for v in row} & identities
        ws.logout()
        ws.close()
    with reader(server_engine) as conn:
        stored = conn.execute(select(feedback)).all()
    assert len(stored) == 2 and {r.ward_id for r in stored} == {
        None
    }  # three users on CARD: too few
    assert {r.day for r in stored} == {datetime.now().astimezone().date().isoformat()}
    assert all(uuid.UUID(r.feedback_id).version == 4 for r in stored)
    assert {tuple(sorted(r._mapping)) for r in stored} == {tuple(sorted(feedback.c.keys()))}
    _five_on_the_ward_keep_it_and_only_the_office_answers(
        tmp_path, live_server.url, server_engine, ward.nurse
    )


def _five_on_the_ward_keep_it_and_only_the_office_answers(
    tmp_path, url: str, engine: Engine, nurse: str
) -> None:  # noqa: ANN001
    with writer(engine) as conn:
        for name, role in (("nurse.b", "nurse"), ("nurse.c", "nurse"), ("office", "admin")):
            auth.add_user(conn, username=name, password=PASSWORD, display_name=name, role=role,
                          wards=["CARD"] if role == "nurse" else [])  # fmt: skip
    ws = _station(tmp_path, "pc-c", url)
    ws.login(nurse, PASSWORD)
    ws.feedback.queue("missing", "A fluid balance total per shift", ward_id="CARD")
    assert ws.link is not None and ws.feedback.send_due(ws.link, now=LATER) == 1
    (item,) = [
        i for i in fetch_board(ws.link, online=True) if i["ward_id"] == "CARD"
    ]  # five on CARD now
    with pytest.raises(Refused) as refused:  # only the quality office answers
        answer_feedback(ws.link, item["feedback_id"], tags=["mar"], answer="no", online=True)
    assert refused.value.status == 403
    ws.login("office", PASSWORD)
    answer_feedback(
        ws.link, item["feedback_id"], tags=["fluids"], answer="Planned for January", online=True
    )
    ws.login(nurse, PASSWORD)
    (item,) = [i for i in fetch_board(ws.link, online=True) if i["ward_id"] == "CARD"]
    assert item["tags"] == ["fluids"] and item["answer"] == "Planned for January"
    ws.logout()
    ws.close()
