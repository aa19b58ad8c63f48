"""HL7 v2 orders out: signed lab and imaging orders reach a fake LIS (python-hl7's own asyncio
MLLP server, not the server's code) that ACKs some, NAKs one and drops the connection once; in
the end every order is delivered exactly once (the resend carries the same MSH-10), the NAK'd
one is rejected on its timeline, a discontinuation goes out as a cancel."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hl7
import pytest
from hl7.mllp import start_hl7_server
from sqlalchemy import Engine, select

from tests.support.signing import server_keys
from tests.support.ward import admission, amoxicillin_order, seed_ward
from workstation.clock import now_iso
from workstation.events.envelope import Event
from workstation.ids import uuid7
from workstation.server import auth, hl7_outbound
from workstation.server.auth import User
from workstation.server.config import OutboundConfig
from workstation.server.db import reader, writer
from workstation.server.hl7_sender import Sender
from workstation.server.models import events
from workstation.server.sync import push

_seq = itertools.count(1)


@dataclass
class FakeLis:
    """An MLLP receiver that de-duplicates by MSH-10, as an LIS does; `nak` orders get AE, the
    first arrival of a `drop` order is read and the connection closed without an answer."""

    nak: set[str] = field(default_factory=set)
    drop: set[str] = field(default_factory=set)
    arrivals: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, ORC-1/2, MSH-5
    taken: dict[str, str] = field(default_factory=dict)  # MSH-10 -> ORC-1|ORC-2, once each

    async def connected(self, reader: Any, writer: Any) -> None:
        try:
            while True:
                try:
                    message = hl7.parse((await reader.readblock()).decode("utf-8"))
                except asyncio.IncompleteReadError:
                    return
                control, order = str(message["MSH.10"]), str(message["ORC.2"])
                action = str(message["ORC.1"])
                self.arrivals.append((control, action, order, str(message["MSH.5"])))
                if order in self.drop and action == "NW":
                    self.drop.discard(order)
                    return  # read, never answered: the sender cannot know it arrived
                code = "AE" if order in self.nak and action == "NW" else "AA"
                if code == "AA":
                    self.taken.setdefault(control, f"{action}|{order}")
                ack = message.create_ack(ack_code=code, application="LIS", facility="HOSP")
                if code == "AE":
                    ack.segment("MSA").assign_field("unknown test code", 3)
                writer.writeblock(str(ack).encode("utf-8"))
                await writer.drain()
        finally:
            writer.close()


@pytest.fixture
def doctor(server_engine: Engine) -> User:
    """The test ward's cardiology physician."""
    seed_ward(server_engine)
    with writer(server_engine) as conn:
        return next(u for u in auth.all_users(conn).values() if u.username == "doc.card")


def _send(engine: Engine, author: User, event_type: str, payload: dict[str, Any],
          patient_id: str) -> str:  # fmt: skip
    wire = Event(uuid7(), event_type, patient_id, author.user_id, "dev-1", next(_seq), now_iso(),
                 payload).to_wire()  # fmt: skip
    result = push(
        engine, pusher=author, device_id="dev-1", wire_events=server_keys(engine).sign_all([wire])
    )
    assert result["results"][0]["status"] == "accepted", result
    return str(wire["event_id"])


def _order(engine: Engine, doctor: User, patient: str, kind: str, code: str, text: str) -> str:
    return _send(engine, doctor, "OrderPlaced", {"order_kind": kind, "description": text,
                                                 "code": code}, patient)  # fmt: skip


async def _rounds(sender: Sender, rounds: int) -> None:
    for _ in range(rounds):  # backoff 0: a retried row is due on the next round
        await sender.step()
    await sender.close()


def test_orders_reach_the_lis_exactly_once_through_a_nak_and_a_dropped_link(
    server_engine: Engine, doctor: User
) -> None:
    patient = uuid7()
    _send(server_engine, doctor, "PatientAdmitted",
          admission("张𪚥", "3", record_number="MRN-9"), patient)  # fmt: skip
    cbc = _order(server_engine, doctor, patient, "lab", "CBC", "Complete blood count")
    k = _order(server_engine, doctor, patient, "lab", "MG", "Magnesium | serum")
    bad = _order(server_engine, doctor, patient, "lab", "ZZZ", "a test the LIS does not know")
    cxr = _order(server_engine, doctor, patient, "imaging", "CXR", "Chest X-ray, PA")
    _send(server_engine, doctor, "OrderPlaced", amoxicillin_order(), patient)  # never sent
    lis = FakeLis(nak={bad}, drop={k})

    async def scenario() -> None:
        server = await start_hl7_server(lis.connected, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        where = ("127.0.0.1", port)
        sender = Sender(server_engine, OutboundConfig(where, where, "HOSP", 5.0), backoff_base_s=0)
        await _rounds(sender, 3)
        _send(server_engine, doctor, "OrderDiscontinued", {"order_id": cbc,
                                                           "reason": "duplicate"}, patient)  # fmt: skip
        await _rounds(sender, 2)
        server.close()
        await server.wait_closed()

    asyncio.run(scenario())
    assert sorted(lis.taken.values()) == sorted(
        [f"NW|{cbc}", f"NW|{k}", f"NW|{cxr}", f"CA|{cbc}"])  # fmt: skip
    resent = Counter(control for control, *_ in lis.arrivals)
    assert sorted(resent.values()) == [1, 1, 1, 1, 2]  # only the dropped one, and the same MSH-10
    assert {(a, o, to) for _, a, o, to in lis.arrivals if o == cxr} == {("NW", cxr, "PACS")}
    states = {(r["order_id"], r["action"]): r for r in hl7_outbound.rows(server_engine)}
    assert states[(bad, "NW")]["status"] == "rejected"
    assert states[(bad, "NW")]["ack_text"] == "unknown test code"
    assert states[(k, "NW")]["attempts"] == 2
    assert {r["status"] for key, r in states.items() if key[0] != bad} == {"accepted"}
    timeline = _transmissions(server_engine, patient)
    assert Counter((p["order_id"], p["action"], p["outcome"]) for p in timeline) == Counter(
        [(cbc, "new", "accepted"), (k, "new", "accepted"), (bad, "new", "rejected"),
         (cxr, "new", "accepted"), (cbc, "cancel", "accepted")])  # fmt: skip


def _transmissions(engine: Engine, patient: str) -> list[dict[str, Any]]:
    e = events.c
    with reader(engine) as conn:
        payloads = conn.execute(select(e.payload).where(
            e.patient_id == patient, e.type == "OrderTransmitted")).scalars().all()  # fmt: skip
    return [json.loads(p) for p in payloads]


def test_a_second_process_does_not_take_a_claimed_row_and_an_unsent_stop_is_withdrawn(
    server_engine: Engine, doctor: User
) -> None:
    patient = uuid7()
    _send(
        server_engine,
        doctor,
        "PatientAdmitted",
        admission("李四", "4", record_number="MRN-4"),
        patient,
    )
    first = _order(server_engine, doctor, patient, "lab", "CBC", "Complete blood count")
    second = _order(server_engine, doctor, patient, "lab", "K", "Potassium")
    assert hl7_outbound.enqueue(server_engine, facility="H", destinations=("LIS",)) == 2
    assert hl7_outbound.enqueue(server_engine, facility="H", destinations=("LIS",)) == 0
    taken = [r.order_id for r in hl7_outbound.claim(server_engine, who="a", lease_s=60, limit=1)]
    others = [r.order_id for r in hl7_outbound.claim(server_engine, who="b", lease_s=60)]
    assert len(taken) == len(others) == 1 and sorted(taken + others) == sorted([first, second])
    assert hl7_outbound.claim(server_engine, who="c", lease_s=60) == []
    third = _order(server_engine, doctor, patient, "lab", "MG", "Magnesium")
    hl7_outbound.enqueue(server_engine, facility="H", destinations=("LIS",))
    _send(server_engine, doctor, "OrderDiscontinued", {"order_id": third, "reason": "x"}, patient)
    assert hl7_outbound.enqueue(server_engine, facility="H", destinations=("LIS",)) == 0
    assert [r["status"] for r in hl7_outbound.rows(server_engine, order_id=third)] == ["withdrawn"]


class ThreadedLis:
    """The fake LIS on its own event loop in a thread, for a server in another process."""

    def __init__(self) -> None:
        self.lis, self.arrived = FakeLis(), threading.Event()
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self.thread.start()
        assert ready.wait(30)

    def _run(self, ready: threading.Event) -> None:
        async def connected(reader: Any, writer: Any) -> None:
            self.arrived.set()
            await self.lis.connected(reader, writer)

        asyncio.set_event_loop(self.loop)
        self.server = self.loop.run_until_complete(
            start_hl7_server(connected, "127.0.0.1", 0))  # fmt: skip
        self.port = self.server.sockets[0].getsockname()[1]
        ready.set()
        self.loop.run_forever()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(30)


def test_the_server_process_sends_what_reaches_it(
    server_engine: Engine, doctor: User, database_url: str, tmp_path: Path
) -> None:
    patient = uuid7()
    _send(server_engine, doctor, "PatientAdmitted", admission("王五", "5", record_number="M5"),
          patient)  # fmt: skip
    order = _order(server_engine, doctor, patient, "lab", "CBC", "Complete blood count")
    fake = ThreadedLis()
    config = tmp_path / "server.toml"
    config.write_text(f'[hl7_out]\nlis_host = "127.0.0.1"\nlis_port = {fake.port}\n'
                      "timeout_seconds = 10\n", encoding="utf-8")  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "workstation.server.cli", "serve", "--database", database_url,
         "--port", str(_free_port()), "--config", str(config)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        assert fake.arrived.wait(60), "the server never connected to the LIS"
        deadline = time.monotonic() + 60
        while not [r for r in hl7_outbound.rows(server_engine) if r["status"] == "accepted"]:
            assert server.poll() is None and time.monotonic() < deadline
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(timeout=0.1)  # poll interval that also notices an early exit
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
        fake.stop()
    assert "orders out to LIS 127.0.0.1" in output
    assert list(fake.lis.taken.values()) == [f"NW|{order}"]
    assert [p["outcome"] for p in _transmissions(server_engine, patient)] == ["accepted"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
