"""The server's push decisions, one rule at a time, on a real (SQLite file) server database."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from tests.support.signing import LONG_AGO, ServerKeys
from workstation.clock import now_iso
from workstation.events import Event
from workstation.ids import uuid7
from workstation.projections import queries
from workstation.server import auth, refdata
from workstation.server.auth import User
from workstation.server.db import make_engine, reader, writer
from workstation.server.models import events as event_log
from workstation.server.setup import initialise
from workstation.server.sync import push

AT = "2024-03-01T08:00:00.000Z"
_seq = itertools.count(1)


@pytest.fixture(scope="module")
def template_db(tmp_path_factory) -> Path:
    """An initialised server database with two wards and one user of each role (made once)."""
    path = tmp_path_factory.mktemp("template") / "server.db"
    engine = make_engine(str(path))
    initialise(engine)
    with writer(engine) as conn:
        refdata.add_ward(conn, ward_id="W1", name_en="Medicine", name_zh="内科", beds=["1", "2"])
        refdata.add_ward(conn, ward_id="W2", name_en="Surgery", name_zh="外科", beds=["1"])
        for username, role, wards in [
            ("doc", "physician", ["W1"]), ("nurse", "nurse", ["W1"]),
            ("pharm", "pharmacist", ["W1"]), ("nurse2", "nurse", ["W2"]),
            ("admin", "admin", ["W1", "W2"]),
        ]:  # fmt: skip
            auth.add_user(conn, username=username, password="long enough pw",
                          display_name=username, role=role, wards=wards)  # fmt: skip
    engine.dispose()  # the last connection checkpoints the WAL into the file
    return path


@pytest.fixture
def server(template_db, tmp_path) -> Iterator[dict[str, Any]]:
    """A private copy of the template server database for one test."""
    path = tmp_path / "server.db"
    shutil.copyfile(template_db, path)
    engine = make_engine(str(path))
    with reader(engine) as conn:
        users = {user.username: user for user in auth.all_users(conn).values()}
    yield {"engine": engine, "users": users, "keys": ServerKeys(engine, registered_at=LONG_AGO)}
    engine.dispose()


def make(
    author: User, event_type: str, payload: dict[str, Any], patient_id: str | None, **envelope: Any
) -> dict[str, Any]:
    """A wire event written by author."""
    event = Event(uuid7(), event_type, patient_id, author.user_id, "dev-1", next(_seq), AT, payload)
    return {**event.to_wire(), **envelope}  # fmt: skip


def admission(author: User, patient_id: str, ward: str = "W1") -> dict[str, Any]:
    """A PatientAdmitted wire event."""
    return make(author, "PatientAdmitted", {
        "record_number": "MRN1", "name": "张三", "sex": "male", "birth_date": "1950-01-01",
        "ward_id": ward, "bed": "1", "admitted_at": AT,
    }, patient_id)  # fmt: skip


def med_order(author: User, patient_id: str) -> dict[str, Any]:
    """A medication OrderPlaced wire event."""
    return make(author, "OrderPlaced", {
        "order_kind": "medication", "description": "amox 500mg po tid",
        "medication": {"drug_code": "AMOX", "drug_name": "amoxicillin", "dose_value": 500,
                       "dose_unit": "mg", "route": "po", "frequency": "tid"},
    }, patient_id)  # fmt: skip


def note(author: User, patient_id: str, note_type: str = "nursing_note") -> dict[str, Any]:
    """A NoteSigned wire event."""
    return make(author, "NoteSigned", {"note_type": note_type, "text": "Comfortable."}, patient_id)


def send(server: dict[str, Any], pusher: str, batch: list[Any]) -> list[dict[str, Any]]:
    """Push a batch as pusher, each event signed by its author; the per-event results."""
    user, signed = server["users"][pusher], server["keys"].sign_all(batch)
    return push(server["engine"], pusher=user, device_id="dev-1", wire_events=signed)["results"]


def statuses(results: list[dict[str, Any]]) -> list[str]:
    """accepted / duplicate / rejected:<code> per result."""
    return [r["status"] + (f":{r['code']}" if "code" in r else "") for r in results]


@pytest.fixture
def admitted(server) -> str:
    """A patient admitted to W1 by the physician."""
    patient_id = uuid7()
    assert statuses(send(server, "doc", [admission(server["users"]["doc"], patient_id)])) == [
        "accepted"
    ]
    return patient_id


def test_accepted_event_is_stored_and_projected(server, admitted):
    doc = server["users"]["doc"]
    wire = note(doc, admitted, "daily_progress_note")
    [result] = send(server, "doc", [wire])
    assert result["status"] == "accepted" and result["event_id"] == wire["event_id"]
    with reader(server["engine"]) as conn:
        stored = conn.execute(
            select(event_log).where(event_log.c.event_id == wire["event_id"])
        ).one()
        assert stored.server_seq == result["server_seq"] and stored.pushed_by == doc.user_id
        assert [n["note_id"] for n in queries.chart(conn, admitted)["notes"]] == [wire["event_id"]]


def test_replay_is_a_duplicate_with_the_original_seq(server, admitted):
    wire = note(server["users"]["nurse"], admitted)
    [first] = send(server, "nurse", [wire])
    [again] = send(server, "nurse", [dict(wire)])
    assert again == {"event_id": wire["event_id"], "status": "duplicate",
                     "server_seq": first["server_seq"]}  # fmt: skip


def test_duplicate_within_one_batch(server, admitted):
    wire = note(server["users"]["nurse"], admitted)
    results = send(server, "nurse", [wire, dict(wire)])
    assert statuses(results) == ["accepted", "duplicate"]
    assert results[0]["server_seq"] == results[1]["server_seq"]


def test_same_id_with_other_content_is_tampering(server, admitted):
    wire = note(server["users"]["nurse"], admitted)
    send(server, "nurse", [wire])
    forged = {**wire, "payload": {**wire["payload"], "text": "Patient fine, no pain."}}
    [result] = send(server, "nurse", [forged])
    assert result["status"] == "rejected" and result["code"] == "tampered"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"type": "PatientTeleported"}, "unknown event type"),
        ({"payload": {"note_type": "nursing_note"}}, "text is required"),
        ({"event_id": "not-a-uuid"}, "event_id must be a UUID"),
    ],
)
def test_invalid_event_is_rejected_with_its_problems(server, admitted, change, expected):
    [result] = send(server, "nurse", [{**note(server["users"]["nurse"], admitted), **change}])
    assert result["code"] == "invalid" and expected in result["message"]


@pytest.mark.parametrize(
    "wire",
    [
        "not an object",
        None,
        {"type": "NoteSigned"},
        {"event_id": uuid7(), "type": "NoteSigned", "patient_id": None, "author_id": "a",
         "device_id": "d", "device_seq": -1, "recorded_at": AT, "payload": {}},
    ],
)  # fmt: skip
def test_malformed_envelope_is_rejected(server, wire):
    [result] = send(server, "nurse", [wire])
    assert result["status"] == "rejected" and result["code"] == "malformed"
    assert result["event_id"] == (wire.get("event_id") if isinstance(wire, dict) else None)


def test_forbidden_event_is_rejected(server, admitted):
    nurse = server["users"]["nurse"]
    [result] = send(server, "nurse", [med_order(nurse, admitted)])
    assert result["code"] == "forbidden"
    assert "may not sign a medication order" in result["message"]


def test_unknown_or_inactive_author_is_rejected(server, admitted):
    ghost = User(uuid7(), "ghost", "ghost", "nurse", ("W1",), True)
    [result] = send(server, "nurse", [note(ghost, admitted)])
    assert result["code"] == "unknown_author"
    with writer(server["engine"]) as conn:
        auth.set_active(conn, "nurse2", False)
    [result] = send(server, "nurse", [note(server["users"]["nurse2"], admitted)])
    assert result["code"] == "unknown_author"


def test_patient_on_another_ward_is_out_of_scope(server, admitted):
    [result] = send(server, "nurse2", [note(server["users"]["nurse2"], admitted)])
    assert result["code"] == "out_of_scope"


def test_admission_to_a_ward_the_author_does_not_work_on_is_out_of_scope(server):
    [result] = send(server, "nurse2", [admission(server["users"]["doc"], uuid7(), ward="W2")])
    assert result["code"] == "out_of_scope"


def test_break_glass_opens_the_patient(server, admitted):
    nurse2 = server["users"]["nurse2"]
    glass = make(nurse2, "BreakGlassInvoked", {"reason": "arrest call", "minutes": 30}, admitted)
    glass["recorded_at"] = now_iso()
    assert statuses(send(server, "nurse2", [glass])) == ["accepted"]
    assert statuses(send(server, "nurse2", [note(nurse2, admitted)])) == ["accepted"]


def test_break_glass_then_note_in_one_batch(server, admitted):
    nurse2 = server["users"]["nurse2"]
    glass = make(nurse2, "BreakGlassInvoked", {"reason": "arrest call", "minutes": 30}, admitted)
    glass["recorded_at"] = now_iso()
    assert statuses(send(server, "nurse2", [glass, note(nurse2, admitted)])) == [
        "accepted", "accepted"]  # fmt: skip


def test_event_for_an_unknown_patient_is_rejected(server):
    [result] = send(server, "nurse", [note(server["users"]["nurse"], uuid7())])
    assert result["code"] == "unknown_patient"


def test_second_admission_of_a_patient_is_a_conflict(server, admitted):
    [result] = send(server, "doc", [admission(server["users"]["doc"], admitted)])
    assert result["code"] == "conflict"


def test_stale_base_version_is_a_conflict(server, admitted):
    doc = server["users"]["doc"]
    move = {"ward_id": "W1", "bed": "2", "base_version": 0}
    stale = {"base_version": 0, "weight_kg": 70.0}
    results = send(server, "doc", [
        make(doc, "PatientTransferred", move, admitted),
        make(doc, "DemographicsUpdated", stale, admitted),
        make(doc, "DemographicsUpdated", {**stale, "base_version": 1}, admitted),
    ])  # fmt: skip
    assert statuses(results) == ["accepted", "rejected:conflict", "accepted"]
    assert "version 0, now 1" in results[1]["message"]
    [later] = send(
        server,
        "doc",
        [make(doc, "PatientDischarged", {"base_version": 1, "discharged_at": AT}, admitted)],
    )
    assert later["code"] == "conflict"  # fmt: skip
    with reader(server["engine"]) as conn:
        assert queries.patient(conn, admitted)["version"] == 2


def test_transfer_out_ends_the_authors_scope_within_the_batch(server, admitted):
    nurse = server["users"]["nurse"]
    move = make(nurse, "PatientTransferred", {"ward_id": "W2", "bed": "1", "base_version": 0},
                admitted)  # fmt: skip
    assert statuses(send(server, "nurse", [move, note(nurse, admitted)])) == [
        "accepted", "rejected:out_of_scope"]  # fmt: skip
    assert statuses(send(server, "nurse2", [note(server["users"]["nurse2"], admitted)])) == [
        "accepted"]  # fmt: skip


def test_dose_after_discontinue_is_accepted_and_flagged(server, admitted):
    doc, nurse = server["users"]["doc"], server["users"]["nurse"]
    order = med_order(doc, admitted)
    stop = make(doc, "OrderDiscontinued", {"order_id": order["event_id"], "reason": "rash"},
                admitted)  # fmt: skip
    nka = make(doc, "NoKnownAllergiesRecorded", {"source": "patient"}, admitted)
    send(server, "doc", [order, stop, nka])
    late_dose = make(nurse, "MedicationAdministered", {
        "order_id": order["event_id"], "outcome": "given", "administered_at": AT,
        "dose_value": 500, "dose_unit": "mg", "route": "po",
    }, admitted)  # fmt: skip
    [result] = send(server, "nurse", [late_dose])
    assert result["status"] == "accepted"
    with reader(server["engine"]) as conn:
        found = [(f["event_id"], f["flag_kind"]) for f in queries.review_flags(conn, admitted)]
    assert found == [(late_dose["event_id"], "given_after_stop")]


def test_server_seq_has_no_gaps_across_batches(server, admitted):
    nurse, nurse2 = server["users"]["nurse"], server["users"]["nurse2"]
    seqs: list[int] = []
    for size in (3, 1, 5):
        batch = [note(nurse, admitted) for _ in range(size)]
        batch.insert(1, note(nurse2, admitted))  # rejected: takes no number
        batch.append(batch[0])  # duplicate: takes no new number
        results = send(server, "nurse", batch)
        seqs += [r["server_seq"] for r in results if r["status"] == "accepted"]
    with reader(server["engine"]) as conn:
        stored = list(conn.execute(select(event_log.c.server_seq).order_by(event_log.c.server_seq))
                      .scalars())  # fmt: skip
    assert seqs == list(range(seqs[0], seqs[0] + 9))
    assert stored == list(range(1, len(stored) + 1)) and stored[-1] == seqs[-1]


def test_results_come_back_in_input_order(server, admitted):
    nurse = server["users"]["nurse"]
    batch = [
        note(nurse, admitted), "garbage", med_order(nurse, admitted), note(nurse, uuid7()),
        note(nurse, admitted), {**note(nurse, admitted), "payload": {}},
    ]  # fmt: skip
    results = send(server, "nurse", batch)
    assert statuses(results) == [
        "accepted",
        "rejected:malformed",
        "rejected:forbidden",
        "rejected:unknown_patient",
        "accepted",
        "rejected:invalid",
    ]
    for wire, result in zip(batch, results, strict=True):
        assert result["event_id"] == (wire["event_id"] if isinstance(wire, dict) else None)
    assert results[4]["server_seq"] == results[0]["server_seq"] + 1  # fmt: skip


def test_too_large_a_batch_is_refused_whole(server):
    with pytest.raises(ValueError, match="at most"):
        send(server, "nurse", [None] * 1001)


def test_push_returns_the_epoch(server):
    engine: Engine = server["engine"]
    reply = push(engine, pusher=server["users"]["nurse"], device_id="dev-1", wire_events=[])
    assert reply == {"epoch": initialise(engine), "results": []}
