"""What a push reads is read once per batch where it can be: the allergy hold reads a patient's
projected allergy rows once for all the doses of a batch, and still sees the batch's own
allergy documentation (an undocumented patient's first dose stays flagged)."""

from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy import Engine, event, select

from tests.support.signing import server_keys
from tests.support.ward import admission, amoxicillin_order, given, seed_ward
from workstation.clock import now_iso
from workstation.events import Event
from workstation.ids import uuid7
from workstation.projections import tables as pt
from workstation.security import signing
from workstation.server import auth, push_ahead, push_rights, refdata, signing_keys
from workstation.server.auth import User
from workstation.server.db import reader, writer
from workstation.server.sync import push

_seq = itertools.count(1)


def _wire(author: User, event_type: str, payload: dict[str, Any], patient: str) -> dict[str, Any]:
    return Event(uuid7(), event_type, patient, author.user_id, "dev-1", next(_seq), now_iso(),
                 payload).to_wire()  # fmt: skip


def _send(engine: Engine, author: User, wires: list[dict[str, Any]]) -> list[str]:
    signed = server_keys(engine).sign_all(wires)
    return [r["status"] for r in push(engine, pusher=author, device_id="dev-1",
                                      wire_events=signed)["results"]]  # fmt: skip


def test_the_allergy_rows_of_a_batch_are_read_in_one_query(server_engine: Engine) -> None:
    seed_ward(server_engine)
    with reader(server_engine) as conn:
        users = {u.username: u for u in auth.all_users(conn).values()}
    doc, nurse = users["doc.card"], users["nurse.card"]
    documented, undocumented = uuid7(), uuid7()
    orders = {
        p: _wire(doc, "OrderPlaced", amoxicillin_order(), p) for p in (documented, undocumented)
    }
    assert _send(server_engine, doc, [
        _wire(doc, "PatientAdmitted", admission("赵六", "3", record_number="MRN-9"), documented),
        _wire(doc, "PatientAdmitted", admission("钱七", "4", record_number="MRN-10"), undocumented),
        _wire(doc, "NoKnownAllergiesRecorded", {"source": "patient"}, documented), *orders.values(),
    ]) == ["accepted"] * 5  # fmt: skip
    doses = [_wire(nurse, "MedicationAdministered", given(orders[p]["event_id"]), p)
             for p in (documented, undocumented) for _ in range(3)]  # fmt: skip
    reads: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "FROM allergies" in statement:
            reads.append(statement)

    event.listen(server_engine, "before_cursor_execute", seen)
    try:
        assert _send(server_engine, nurse, doses) == ["accepted"] * 6
    finally:
        event.remove(server_engine, "before_cursor_execute", seen)
    assert len(reads) == 1  # both patients at once, not a query per patient or per dose
    with reader(server_engine) as conn:
        flagged = conn.execute(select(pt.review_flags.c.event_id)).scalars().all()
    assert flagged == [doses[3]["event_id"]]  # the undocumented patient's first dose only


def test_a_push_alone_takes_no_savepoint_and_moves_the_audit_head_in_one_statement(
    server_engine: Engine,
) -> None:
    seed_ward(server_engine)
    with reader(server_engine) as conn:
        users = {u.username: u for u in auth.all_users(conn).values()}
    doc, patient = users["doc.card"], uuid7()
    assert _send(server_engine, doc, [
        _wire(doc, "PatientAdmitted", admission("赵六", "3", record_number="MRN-9"), patient)
    ]) == ["accepted"]  # fmt: skip
    notes = server_keys(server_engine).sign_all([
        _wire(doc, "NoteSigned", {"note_type": "daily_progress_note", "text": "stable"}, patient)
        for _ in range(2)])  # fmt: skip
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(server_engine, "before_cursor_execute", seen)
    try:
        results = push(server_engine, pusher=doc, device_id="dev-1", wire_events=notes,
                       bound_device_time=True)["results"]  # fmt: skip
    finally:
        event.remove(server_engine, "before_cursor_execute", seen)
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    assert not [s for s in statements if "SAVEPOINT" in s]
    assert len([s for s in statements if "server_meta" in s]) == 3  # epoch, audit scheme, head
    locks = 0 if server_engine.dialect.name == "sqlite" else 2  # PostgreSQL's advisory locks
    assert len(statements) <= 22 + locks  # 25 before: savepoint, release, a read of the head


def test_a_batch_checked_ahead_still_refuses_each_bad_signature(server_engine: Engine) -> None:
    """A batch large enough for the worker thread (push_ahead): the verdicts worked out ahead
    are the same as in place, each forged or unsigned event refused, its neighbours accepted."""
    seed_ward(server_engine)
    with reader(server_engine) as conn:
        doc = {u.username: u for u in auth.all_users(conn).values()}["doc.card"]
    patient = uuid7()
    assert _send(server_engine, doc, [
        _wire(doc, "PatientAdmitted", admission("孙八", "5", record_number="MRN-11"), patient),
    ]) == ["accepted"]  # fmt: skip
    wires = server_keys(server_engine).sign_all(
        [
            _wire(doc, "NoKnownAllergiesRecorded", {"source": "patient"}, patient)
            for _ in range(push_ahead.IN_PLACE_BELOW + 50)
        ]  # fmt: skip
    )
    wires[10]["payload"] = {"source": "family"}  # changed after signing
    del wires[70]["signature"]
    wires[130]["signature"] = wires[131]["signature"]  # another event's signature
    results = push(server_engine, pusher=doc, device_id="dev-1", wire_events=wires)["results"]
    refused = {i: r.get("code") for i, r in enumerate(results) if r["status"] != "accepted"}
    assert refused == {10: "bad_signature", 70: "unsigned", 130: "bad_signature"}


def test_an_outbox_signed_before_a_newer_login_key_is_verified_once_per_event(
    server_engine: Engine, monkeypatch: Any
) -> None:
    """A station whose user logged in again holds a newer key than the one its outbox was
    signed with, both within the events' window: each signature is still verified once (ahead,
    with the key that verified the pair's previous event), not a second time by the decision."""
    seed_ward(server_engine)
    with reader(server_engine) as conn:
        doc = {u.username: u for u in auth.all_users(conn).values()}["doc.card"]
    keys = server_keys(server_engine)
    patient = uuid7()
    assert _send(server_engine, doc, [
        _wire(doc, "PatientAdmitted", admission("周九", "6", record_number="MRN-12"), patient),
    ]) == ["accepted"]  # fmt: skip
    wires = keys.sign_all(
        [
            _wire(doc, "NoKnownAllergiesRecorded", {"source": "patient"}, patient)
            for _ in range(push_ahead.IN_PLACE_BELOW + 50)
        ]  # fmt: skip
    )
    with writer(server_engine) as conn:  # the next online login's key, newest of the pair
        signing_keys.register(conn, user_id=doc.user_id, device_id="dev-1",
                              public_key=signing.public_key_of(signing.new_private_key()))  # fmt: skip
    verified: list[bool] = []
    original = signing.verify

    def counted(*args: Any) -> bool:
        verified.append(original(*args))
        return verified[-1]

    monkeypatch.setattr(signing, "verify", counted)
    results = push(server_engine, pusher=doc, device_id="dev-1", wire_events=wires)["results"]
    assert [r["status"] for r in results] == ["accepted"] * len(wires)
    assert verified.count(True) == len(wires)  # each signature proven once
    assert verified.count(False) <= 2  # the newest key tried first while no key has verified yet


def test_the_formulary_a_push_judges_rights_by_is_parsed_once_and_never_stale(
    server_engine: Engine,
) -> None:
    """Each push with an order reads the formulary in force; it is parsed again only when the
    stored snapshot changed, so a newly published formulary is the one the next push uses."""
    seed_ward(server_engine)
    with reader(server_engine) as conn:
        first = push_rights.formulary_entries(conn)
        assert push_rights.formulary_entries(conn) is first  # the same bytes: not parsed again
    drugs = [{**entry, "code": "bench-new-drug"} for entry in list(first.values())[:1]]
    with writer(server_engine) as conn:
        refdata.publish(conn, "formulary", {"drugs": drugs})
    with reader(server_engine) as conn:
        assert list(push_rights.formulary_entries(conn)) == ["bench-new-drug"]
