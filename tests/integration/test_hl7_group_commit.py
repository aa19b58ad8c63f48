"""HL7 v2 inbound group commit: messages arriving together on several connections are applied in
one transaction, in order, with the outcome each would have alone (a resend applied once, a
wrong message kept with its reason, a held result released by its admission, a fault in the
group's joint push falling back to one message at a time); the interface's events stay signed
and gap-free on its device."""

from __future__ import annotations

import threading
from typing import Any

import hl7
import pytest
from sqlalchemy import Engine, event, func, select

from tests.support.hl7_day import WARDS, adt, oru, potassium
from workstation.hl7v2 import message
from workstation.projections import tables as pt
from workstation.server import hl7_batch, refdata
from workstation.server.db import reader, writer
from workstation.server.hl7_identity import DEVICE_ID
from workstation.server.hl7_inbound import Inbox, queue
from workstation.server.models import events, hl7_messages


@pytest.fixture
def inbox(server_engine: Engine) -> Inbox:
    """An inbox over a server with wards W1 and W2."""
    with writer(server_engine) as conn:
        for ward in WARDS:
            refdata.add_ward(conn, ward_id=ward, name_en=ward, name_zh=ward,
                             beds=[str(n) for n in range(1, 20)])  # fmt: skip
    return Inbox(server_engine)


def _batch() -> list[str]:
    return [
        adt("G1", "A01", "P1", location="W1^^1"),
        oru("G2", "P2", [potassium("4.1", "F", "N")], filler="F2"),  # before its admission: held
        adt("G3", "A01", "P3", location="W2^^2"),
        adt("G1", "A01", "P1", location="W1^^1"),  # a resend of G1 in the same batch
        adt("G4", "A01", "P4", location="ZZ^^1"),  # an unknown ward: kept with the reason
        adt("G5", "A01", "P2", location="W1^^5"),  # releases G2
        adt("G6", "A01", "P3", location="W2^^3"),  # P3 already admitted: rejected
        oru("G7", "P1", [potassium("4.0", "F", "N"), potassium("4.3", "C", "N")], filler="F7"),
    ]


def _codes(acks: list[str]) -> list[str]:
    return [str(hl7.parse(ack)["MSA.1"]) for ack in acks]


def _check(engine: Engine) -> None:
    with reader(engine) as conn:
        admitted = conn.execute(select(pt.patients.c.record_number)).scalars().all()
        labs = conn.execute(select(func.count()).select_from(pt.lab_results)).scalar()
        statuses = dict(
            conn.execute(select(hl7_messages.c.control_id, hl7_messages.c.status)).all()
        )
        rows: Any = conn.execute(
            select(events.c.device_seq, events.c.signature).where(events.c.device_id == DEVICE_ID)
        ).all()
    assert sorted(admitted) == ["P1", "P2", "P3"]  # each once: the resend changed nothing
    assert labs == 3
    assert statuses == {"G1": "applied", "G2": "applied", "G3": "applied", "G4": "rejected",
                        "G5": "applied", "G6": "rejected", "G7": "applied"}  # fmt: skip
    assert sorted(seq for seq, _ in rows) == list(range(1, len(rows) + 1))  # gap-free
    assert all(signature for _, signature in rows)
    reasons = {row["message_key"].split("|")[-1]: row["reason"] for row in queue(engine)}
    assert "ZZ" in reasons["G4"] and "already" in reasons["G6"]


def test_a_batch_is_applied_in_order_with_each_outcome_as_alone(
    inbox: Inbox, server_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    joint: list[int] = []
    push = hl7_batch.push_within

    def counted(conn: Any, **kwargs: Any) -> Any:
        joint.append(len({w["patient_id"] for w in kwargs["wire_events"]}))
        return push(conn, **kwargs)

    monkeypatch.setattr(hl7_batch, "push_within", counted)
    acks = inbox.take_batch([message.receive(text.encode()) for text in _batch()])
    assert max(joint) >= 2  # patients' events pushed together
    assert _codes(acks) == ["AA", "AA", "AA", "AA", "AE", "AA", "AE", "AA"]
    assert acks[3] == acks[0]  # the resend is answered with the same ACK
    _check(server_engine)


def test_a_fault_in_the_joint_push_falls_back_to_one_message_at_a_time(
    inbox: Inbox, server_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the joint push fails")

    monkeypatch.setattr(hl7_batch, "push_within", broken)
    acks = inbox.take_batch([message.receive(text.encode()) for text in _batch()])
    assert _codes(acks) == ["AA", "AA", "AA", "AA", "AE", "AA", "AE", "AA"]
    _check(server_engine)


def test_connections_sending_at_once_are_all_applied_exactly_once(
    inbox: Inbox, server_engine: Engine
) -> None:
    feeds = [[adt(f"C{c}-{n}", "A01", f"R{c}-{n}", location=f"{WARDS[c // 2]}^^{c % 2 * 5 + n + 1}") for n in range(5)]
             for c in range(4)]  # fmt: skip
    codes: list[str] = []

    def send(feed: list[str]) -> None:
        for text in feed + feed[:1]:  # and a resend of the first
            codes.append(str(hl7.parse(inbox.handle(text.encode()).decode())["MSA.1"]))

    threads = [threading.Thread(target=send, args=(feed,)) for feed in feeds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == ["AA"] * 24
    with reader(server_engine) as conn:
        admitted = conn.execute(select(func.count()).select_from(pt.patients)).scalar()
        filed = conn.execute(select(func.count()).select_from(hl7_messages)).scalar()
    assert (admitted, filed) == (20, 20)


def test_messages_gathered_from_the_connections_share_one_commit_and_spoil_none(
    inbox: Inbox, server_engine: Engine
) -> None:
    inbox.identity  # noqa: B018 - its key registered (committed) before the batch
    commits: list[int] = []

    def count(conn: Any) -> None:
        commits.append(1)

    event.listen(server_engine, "commit", count)
    try:
        acks = inbox.handle_many([text.encode() for text in _batch()])
    finally:
        event.remove(server_engine, "commit", count)
    assert _codes([ack.decode() for ack in acks]) == [
        "AA",
        "AA",
        "AA",
        "AA",
        "AE",
        "AA",
        "AE",
        "AA",
    ]
    assert len(commits) == 1  # the wrong ones kept, the held one released: all in one commit
    _check(server_engine)


def test_no_aa_is_answered_when_the_batch_does_not_commit(
    inbox: Inbox, server_engine: Engine
) -> None:
    inbox.identity  # noqa: B018 - its key registered (committed) before the batch

    def refuse(conn: Any) -> None:
        raise RuntimeError("the disk is full")

    event.listen(server_engine, "commit", refuse)
    try:
        acks = inbox.handle_many([text.encode() for text in _batch()])
    finally:
        event.remove(server_engine, "commit", refuse)
    assert set(_codes([ack.decode() for ack in acks])) == {"AR"}
    with reader(server_engine) as conn:
        filed = conn.execute(select(func.count()).select_from(hl7_messages)).scalar()
        admitted = conn.execute(select(func.count()).select_from(pt.patients)).scalar()
    assert (filed, admitted) == (0, 0)
