"""Station pushes arriving together share one write transaction and one commit (sync.push's
group commit), yet each is decided as if alone: a tampered event of one push does not touch the
other's accepted events, a push that fails is rolled back alone, server_seq follows commit order."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, event, select

from tests.support.signing import ServerKeys
from workstation.events import Event
from workstation.ids import uuid7
from workstation.server import auth, refdata, sync
from workstation.server.auth import User
from workstation.server.db import reader, writer
from workstation.server.models import audit_log, events

AT = "2024-03-01T08:00:00.000Z"


@pytest.fixture
def ward(server_engine: Engine) -> dict[str, Any]:
    """A ward W1 with a physician and three nurses, a patient admitted, signing keys."""
    with writer(server_engine) as conn:
        refdata.add_ward(conn, ward_id="W1", name_en="Medicine", name_zh="内科", beds=["1"])
        for name, role in [
            ("doc", "physician"),
            ("n1", "nurse"),
            ("n2", "nurse"),
            ("gate", "nurse"),
        ]:
            auth.add_user(conn, username=name, password="long enough pw", display_name=name,
                          role=role, wards=["W1"])  # fmt: skip
    with reader(server_engine) as conn:
        users = {user.username: user for user in auth.all_users(conn).values()}
    keys, patient_id = ServerKeys(server_engine, registered_at="2000-01-01T00:00:00.000Z"), uuid7()
    admit = _admission(users["doc"], 1, patient_id)
    [result] = _push(server_engine, users["doc"], keys.sign_all([admit]))["results"]
    assert result["status"] == "accepted"
    return {"users": users, "keys": keys, "patient_id": patient_id}


def _admission(author: User, seq: int, patient_id: str, bed: str = "1") -> Any:
    return _event(author, seq, "PatientAdmitted", patient_id, {
        "record_number": f"MRN-{patient_id[-6:]}", "name": "张三", "sex": "male",
        "birth_date": "1950-01-01", "ward_id": "W1", "bed": bed, "admitted_at": AT})  # fmt: skip


def _event(author: User, seq: int, kind: str, patient_id: str, payload: dict[str, Any]) -> Any:
    return Event(uuid7(), kind, patient_id, author.user_id, f"pc-{author.username}", seq, AT,
                 payload).to_wire()  # fmt: skip


def _notes(ward: dict[str, Any], name: str, count: int, first_seq: int = 1) -> list[Any]:
    author = ward["users"][name]
    wires = [_event(author, first_seq + n, "NoteSigned", ward["patient_id"],
                    {"note_type": "nursing_note", "text": f"note {n}"}) for n in range(count)]  # fmt: skip
    return [ward["keys"].sign(wire) for wire in wires]


def _push(engine: Engine, pusher: User, wires: list[Any]) -> dict[str, Any]:
    return sync.push(engine, pusher=pusher, device_id=f"pc-{pusher.username}", wire_events=wires)


@pytest.fixture
def commits(server_engine: Engine) -> Iterator[list[int]]:
    """Counts the server's (top-level) commits from now on."""
    seen: list[int] = []

    def count(_conn: Any) -> None:
        seen.append(1)

    event.listen(server_engine, "commit", count)
    yield seen
    event.remove(server_engine, "commit", count)


def _together(engine: Engine, ward: dict[str, Any], later: dict[str, list[Any]],
              monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:  # fmt: skip
    """A push by gate holds the write transaction until the `later` pushes (by name) have all been
    handed in, one after the other; the outcome of each (its answer, or what it raised)."""
    entered, release = threading.Event(), threading.Event()
    decide = sync._decide_all

    def gated(conn: Any, pusher: User, *args: Any) -> Any:
        if pusher.username == "gate":
            entered.set()
            assert release.wait(10)
        return decide(conn, pusher, *args)

    monkeypatch.setattr(sync, "_decide_all", gated)
    outcomes: dict[str, Any] = {}

    def run(name: str, wires: list[Any]) -> None:
        try:
            outcomes[name] = _push(engine, ward["users"][name], wires)
        except Exception as exc:  # noqa: BLE001 - the outcome under test
            outcomes[name] = exc

    threads = [threading.Thread(target=run, args=("gate", []))]
    threads[0].start()
    assert entered.wait(10)
    group = sync._group(engine)
    for name, wires in later.items():
        threads.append(threading.Thread(target=run, args=(name, wires)))
        threads[-1].start()
        handed_in = len(threads) - 1
        with group.turn:
            assert group.turn.wait_for(lambda n=handed_in: group.waiting() == n, 10)
    release.set()
    for thread in threads:
        thread.join(10)
    return outcomes


def _stored(engine: Engine, event_ids: list[str]) -> dict[str, int]:
    with reader(engine) as conn:
        rows = conn.execute(
            select(events.c.event_id, events.c.server_seq).where(events.c.event_id.in_(event_ids))
        ).all()
        audited = conn.execute(select(audit_log.c.detail)).scalars().all()
    assert sum(any(i in str(d) for i in event_ids) for d in audited) == len(rows)  # one row each
    return {row.event_id: row.server_seq for row in rows}


def test_pushes_share_one_commit_and_a_tampered_event_leaves_the_other_push_alone(
    server_engine: Engine, ward: dict[str, Any], commits: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    [original] = _notes(ward, "n1", 1)
    assert (
        _push(server_engine, ward["users"]["n1"], [original])["results"][0]["status"] == "accepted"
    )
    tampered = ward["keys"].sign(
        {**original, "payload": {"note_type": "nursing_note", "text": "x"}}
    )
    first = _notes(ward, "n1", 1, first_seq=2)
    second = _notes(ward, "n2", 2)
    commits.clear()
    outcomes = _together(server_engine, ward, {"n1": [tampered, *first], "n2": second}, monkeypatch)
    assert len(commits) == 2  # gate's push alone, then n1's and n2's in ONE commit
    n1, n2 = outcomes["n1"]["results"], outcomes["n2"]["results"]
    assert [(r["status"], r.get("code")) for r in n1] == [
        ("rejected", "tampered"),
        ("accepted", None),
    ]
    assert [r["status"] for r in n2] == ["accepted", "accepted"]
    seqs = [n1[1]["server_seq"], n2[0]["server_seq"], n2[1]["server_seq"]]
    assert seqs == list(range(seqs[0], seqs[0] + 3))  # in the order the pushes were handed in
    ids = [w["event_id"] for w in first + second]
    assert _stored(server_engine, ids) == dict(zip(ids, seqs, strict=True))
    assert outcomes["n1"]["epoch"] == outcomes["n2"]["epoch"]


def test_a_push_that_fails_is_rolled_back_alone(
    server_engine: Engine, ward: dict[str, Any], commits: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    failing, fine = _notes(ward, "n1", 2), _notes(ward, "n2", 2)
    store = sync.store

    def broken(conn: Any, pusher: User, *args: Any) -> None:
        store(conn, pusher, *args)  # its rows are written, then it fails
        if pusher.username == "n1":
            raise RuntimeError("a fault while storing n1's push")

    monkeypatch.setattr(sync, "store", broken)
    commits.clear()
    outcomes = _together(server_engine, ward, {"n1": failing, "n2": fine}, monkeypatch)
    assert len(commits) == 2
    assert isinstance(outcomes["n1"], RuntimeError)
    assert [r["status"] for r in outcomes["n2"]["results"]] == ["accepted", "accepted"]
    stored = _stored(server_engine, [w["event_id"] for w in failing + fine])
    assert set(stored) == {w["event_id"] for w in fine}
    monkeypatch.setattr(sync, "store", store)  # n1's station pushes again: all accepted, anew
    again = _push(server_engine, ward["users"]["n1"], failing)["results"]
    assert [r["status"] for r in again] == ["accepted", "accepted"]


def test_pushes_decided_together_see_each_other_as_if_committed_one_after_the_other(
    server_engine: Engine, ward: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    newcomer = uuid7()
    admit = ward["keys"].sign(_admission(ward["users"]["doc"], 2, newcomer))
    chart = ward["keys"].sign(_event(ward["users"]["n1"], 1, "NoteSigned", newcomer,
                                     {"note_type": "nursing_note", "text": "settled in"}))  # fmt: skip
    [shared] = _notes(ward, "n1", 1, first_seq=2)
    reads: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "max(events.server_seq)" in statement:
            reads.append(statement)

    event.listen(server_engine, "before_cursor_execute", seen)
    try:
        outcomes = _together(server_engine, ward, {
            "doc": [admit], "n1": [chart, shared], "n2": [shared]}, monkeypatch)  # fmt: skip
    finally:
        event.remove(server_engine, "before_cursor_execute", seen)
    assert len(reads) == 2  # the gate's push, then ONE read for the three pushes decided together
    doc, n1, n2 = (outcomes[name]["results"] for name in ("doc", "n1", "n2"))
    assert [r["status"] for r in doc + n1] == ["accepted"] * 3  # n1 charts doc's new patient
    assert n2 == [{"event_id": shared["event_id"], "status": "duplicate",
                   "server_seq": n1[1]["server_seq"]}]  # fmt: skip
    assert [doc[0]["server_seq"], n1[0]["server_seq"], n1[1]["server_seq"]] == list(
        range(doc[0]["server_seq"], doc[0]["server_seq"] + 3)
    )
    with reader(server_engine) as conn:
        chained = conn.execute(select(audit_log.c.detail).order_by(audit_log.c.audit_id)).scalars()
        last = [d for d in chained if d and "server_seq" in d][-3:]
    assert [
        admit["event_id"] in last[0],
        chart["event_id"] in last[1],
        shared["event_id"] in last[2],
    ] == [True] * 3


def test_a_group_reads_its_authors_and_their_keys_once_and_still_checks_each_signature(
    server_engine: Engine, ward: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The users and signing keys of the pushes decided together are read in one statement
    each for the group (they were read once per push); a forged event is still refused."""
    [doc_note] = _notes(ward, "doc", 1, first_seq=2)
    [n1_note] = _notes(ward, "n1", 1)
    [forged] = _notes(ward, "n2", 1)
    forged["payload"] = {**forged["payload"], "text": "changed after signing"}
    reads: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "FROM users" in statement or "FROM signing_keys" in statement:
            reads.append(statement)

    event.listen(server_engine, "before_cursor_execute", seen)
    try:
        outcomes = _together(server_engine, ward, {
            "doc": [doc_note], "n1": [n1_note], "n2": [forged]}, monkeypatch)  # fmt: skip
    finally:
        event.remove(server_engine, "before_cursor_execute", seen)
    statuses = {name: [r.get("code", r["status"]) for r in outcomes[name]["results"]]
                for name in ("doc", "n1", "n2")}  # fmt: skip
    assert statuses == {"doc": ["accepted"], "n1": ["accepted"], "n2": ["bad_signature"]}
    # the gate's push has no event to read for; the group of three: one each (three before)
    assert len([s for s in reads if "FROM users" in s]) == 1
    assert len([s for s in reads if "FROM signing_keys" in s]) == 1
