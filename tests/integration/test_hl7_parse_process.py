"""The MLLP listener's parse process: messages parsed there are applied exactly once with the
answers they always had, and a parse process killed with messages in flight answers them AR
(the senders resend) and is replaced; nothing is lost or doubled."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import hl7
import pytest
from hl7.client import MLLPClient
from sqlalchemy import Engine, func, select

from tests.support.hl7_day import WARDS, adt, oru, potassium
from workstation.hl7v2 import message
from workstation.server import hl7_listener, refdata
from workstation.server.db import reader, writer
from workstation.server.hl7_inbound import Inbox
from workstation.server.hl7_parse_process import ParseProcess, read
from workstation.server.models import events, hl7_messages


@pytest.fixture
def inbox(server_engine: Engine) -> Inbox:
    """An inbox over a server with wards W1 and W2."""
    with writer(server_engine) as conn:
        for ward in WARDS:
            refdata.add_ward(conn, ward_id=ward, name_en=ward, name_zh=ward,
                             beds=[str(n) for n in range(1, 40)])  # fmt: skip
    return Inbox(server_engine)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _listening(inbox: Inbox, process: ParseProcess) -> Iterator[int]:
    """The real listener on a free port, its event loop in a thread of its own."""
    loop, port = asyncio.new_event_loop(), _free_port()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    listener = asyncio.run_coroutine_threadsafe(
        hl7_listener.start(inbox, "127.0.0.1", port, process), loop
    ).result(60)
    try:
        yield port
    finally:
        asyncio.run_coroutine_threadsafe(listener.stop(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(30)
        loop.close()


def _code(ack: bytes) -> str:
    return str(hl7.parse(ack.decode("utf-8"))["MSA.1"])


def _events(engine: Engine) -> int:
    with reader(engine) as conn:
        return int(conn.execute(select(func.count()).select_from(events)).scalar_one())


def test_the_acks_of_a_message_read_in_the_parse_process_are_those_of_the_whole_message() -> None:
    text = adt("C1", "A01", "R1", location="W1^^3")
    received = message.receive(text.encode())
    handed = read(text.encode())
    assert handed is not None and isinstance(handed.received, message.Received)
    assert handed.received.parsed is None  # the tree stays in the parse process
    assert handed.received.accepted is not None  # its plain AA, built there

    def fields(ack: str) -> list[list[str]]:  # MSH-7 (time) and MSH-10 (a new id) differ
        segments = [str(segment).split("|") for segment in hl7.parse(ack)]
        return [[f for n, f in enumerate(s) if s[0] != "MSH" or n not in (6, 9)] for s in segments]

    problem = message.MessageProblem("PID-3", "a value is required", "101")
    cases: list[tuple[str, dict[str, Any]]] = [
        ("AA", {}), ("AA", {"text": "admitted"}), ("AE", {"problem": problem}), ("AR", {})]  # fmt: skip
    for code, kwargs in cases:
        assert fields(message.ack(handed.received, code, **kwargs)) == fields(
            message.ack(received, code, **kwargs)
        )


def test_messages_parsed_in_the_parse_process_are_taken_exactly_once(
    inbox: Inbox, server_engine: Engine
) -> None:
    process = ParseProcess()
    admission = adt("P1", "A01", "R1", location="W1^^3").encode()
    result = oru("P2", "R1", [potassium("4.1", "F", "N")], filler="F1").encode()
    wrong = adt("P3", "A01", "", location="W1^^4").encode()  # no record number
    unreadable = b"PID|1||R9\r"
    with _listening(inbox, process) as port, MLLPClient("127.0.0.1", port) as client:
        assert process.process is not None and process.process.pid != os.getpid()
        acks = [client.send_message(raw) for raw in (admission, result, admission, wrong)]
        assert [_code(ack) for ack in acks] == ["AA", "AA", "AA", "AE"]
        assert acks[2].split(b"\r")[1] == acks[0].split(b"\r")[1]  # the resend: the same MSA
        assert b"\rERR||PID^1^3|" in acks[3]
        assert _code(client.send_message(unreadable)) == "AE"
    with reader(server_engine) as conn:
        rows = conn.execute(select(hl7_messages.c.control_id, hl7_messages.c.status)).all()
    statuses = {row.control_id: row.status for row in rows}
    assert statuses["P1"] == "applied" and statuses["P2"] == "applied"
    assert statuses["P3"] == "rejected"
    assert sum(1 for status in statuses.values() if status == "rejected") == 2  # + unreadable


class _KilledOnce(ParseProcess):
    """A parse process killed (SIGKILL) right before it is handed its `at`th batch."""

    def __init__(self, at: int) -> None:
        super().__init__()
        self.at, self.calls = at, 0

    def read_all(self, raws: list[bytes]) -> list[object]:  # type: ignore[override]
        self.calls += 1
        if self.calls == self.at and self.process is not None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.join(10)
        return super().read_all(raws)  # type: ignore[return-value]


def _feed(port: int, messages: list[bytes]) -> list[str]:
    """Send each message until it is AA (an AR is resent, as a sender does); the codes seen."""
    seen: list[str] = []
    with MLLPClient("127.0.0.1", port) as client:
        for raw in messages:
            for _ in range(20):
                seen.append(_code(client.send_message(raw)))
                if seen[-1] == "AA":
                    break
    return seen


def test_a_parse_process_killed_mid_traffic_loses_nothing_and_is_replaced(
    inbox: Inbox, server_engine: Engine
) -> None:
    feeds = [[(adt(f"K{c}-{n}", "A01", f"K{c}-{n}", location=f"W1^^{n + 1}") if n % 2 == 0
               else oru(f"K{c}-{n}", f"K{c}-{n - 1}", [potassium("4.0", "F", "N")],
                        filler=f"F{c}-{n}")).encode()
              for n in range(6)] for c in range(6)]  # fmt: skip
    process = _KilledOnce(at=3)
    with _listening(inbox, process) as port, ThreadPoolExecutor(len(feeds)) as pool:
        seen = [code for codes in pool.map(_feed, [port] * len(feeds), feeds) for code in codes]
    assert process.restarts == 1
    assert "AR" in seen  # the batch in the killed process was answered AR...
    assert seen.count("AA") == 36  # ...resent, and every message taken
    with reader(server_engine) as conn:
        filed = conn.execute(select(hl7_messages.c.status, hl7_messages.c.events)).all()
    assert len(filed) == 36 and {row.status for row in filed} == {"applied"}
    assert _events(server_engine) == sum(row.events for row in filed)  # none doubled
