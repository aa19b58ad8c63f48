"""The MLLP listener's Drain: messages that arrive while a batch is being applied are parsed and
all taken by the next batch (one call, one commit); each connection gets its own message's ACK."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

from workstation.server.hl7_listener import Drain


class _Inbox:
    """An inbox whose first batch waits until the test lets it finish."""

    def __init__(self) -> None:
        self.batches: list[list[bytes]] = []
        self.started, self.go_on = threading.Event(), threading.Event()

    def received(self, raw: bytes) -> bytes:
        return raw

    def apply_received(self, raws: list[bytes], reads: object = None) -> list[bytes]:
        self.batches.append(raws)
        self.started.set()
        self.go_on.wait()
        return [b"ACK " + raw for raw in raws]


def _parsed(drain: Drain, count: int) -> None:
    # Polled, not waited for on the Drain's condition: the parser notifies one waiter, the worker.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with drain.lock:
            if len(drain.parsed) == count:
                return
        time.sleep(0.001)
    raise AssertionError(f"{count} messages were not parsed")


async def _drained(inbox: _Inbox) -> list[bytes]:
    drain = Drain(inbox, asyncio.get_running_loop())  # type: ignore[arg-type]
    drain.start()
    try:
        first = drain.put(b"m1")
        await asyncio.to_thread(inbox.started.wait)  # the worker applies m1 alone
        later = [drain.put(raw) for raw in (b"m2", b"m3", b"m4")]
        await asyncio.to_thread(_parsed, drain, 3)  # all three wait, parsed, for the next batch
        inbox.go_on.set()
        return [await answer for answer in [first, *later]]
    finally:
        drain.close()


def test_messages_waiting_during_a_batch_go_together_into_the_next() -> None:
    inbox: Any = _Inbox()
    assert asyncio.run(_drained(inbox)) == [b"ACK m1", b"ACK m2", b"ACK m3", b"ACK m4"]
    assert inbox.batches == [[b"m1"], [b"m2", b"m3", b"m4"]]


class _Faulty(_Inbox):
    """An inbox that fails to read one message and to apply one batch."""

    def received(self, raw: bytes) -> bytes:
        if raw == b"unreadable":
            raise RuntimeError("a fault of ours")
        return raw

    def apply_received(self, raws: list[bytes], reads: object = None) -> list[bytes]:
        if b"m2" in raws:
            raise RuntimeError("a fault of ours")
        return [raw if raw.startswith(b"MSH") else b"ACK " + raw for raw in raws]  # as received


async def _one_by_one(inbox: _Inbox, raws: list[bytes]) -> list[bytes]:
    drain = Drain(inbox, asyncio.get_running_loop())  # type: ignore[arg-type]
    drain.start()
    try:
        return [await drain.put(raw) for raw in raws]
    finally:
        drain.close()


def test_a_fault_is_answered_ar_and_the_next_message_is_still_taken() -> None:
    acks = asyncio.run(_one_by_one(_Faulty(), [b"unreadable", b"m2", b"m3"]))
    assert all(ack.startswith(b"MSH") and b"\rMSA|AR|" in ack for ack in acks[:2])
    assert acks[2] == b"ACK m3"


class _Recording(_Inbox):
    """An inbox that applies every batch at once, recording them."""

    def apply_received(self, raws: list[bytes], reads: object = None) -> list[bytes]:
        self.batches.append(raws)
        return [b"ACK " + raw for raw in raws]


async def _two_connections(inbox: _Inbox, open_connections: int) -> list[bytes]:
    drain = Drain(inbox, asyncio.get_running_loop())  # type: ignore[arg-type]
    for _ in range(open_connections):
        drain.connected(+1)
    drain.start()
    try:
        first = drain.put(b"m1")
        await asyncio.to_thread(_parsed, drain, 1)
        second = drain.put(b"m2")  # the other connection's message, after m1 was parsed
        return [await first, await second]
    finally:
        drain.close()


def test_a_batch_waits_for_the_message_of_each_open_connection(monkeypatch: Any) -> None:
    # Each sender waits for its ACK: the worker waits (bounded) for the other open connection's
    # message instead of committing m1 alone, so both share one commit.
    monkeypatch.setattr("workstation.server.hl7_listener.GATHER_S", 30.0)
    inbox: Any = _Recording()
    assert asyncio.run(_two_connections(inbox, 2)) == [b"ACK m1", b"ACK m2"]
    assert inbox.batches == [[b"m1", b"m2"]]


def test_a_batch_does_not_wait_when_every_open_connection_has_its_message(
    monkeypatch: Any,
) -> None:
    monkeypatch.setattr("workstation.server.hl7_listener.GATHER_S", 30.0)
    inbox: Any = _Recording()

    async def one() -> bytes:
        drain = Drain(inbox, asyncio.get_running_loop())
        drain.connected(+1)
        drain.start()
        try:
            return await asyncio.wait_for(drain.put(b"m1"), timeout=10)  # not GATHER_S
        finally:
            drain.close()

    assert asyncio.run(one()) == b"ACK m1"


def test_a_batch_waits_at_most_gather_s(monkeypatch: Any) -> None:
    # An open connection that sends nothing (an idle feed) delays a batch by GATHER_S at most.
    monkeypatch.setattr("workstation.server.hl7_listener.GATHER_S", 0.05)
    inbox: Any = _Recording()

    async def one() -> bytes:
        drain = Drain(inbox, asyncio.get_running_loop())
        drain.connected(+1)
        drain.connected(+1)
        drain.start()
        try:
            return await asyncio.wait_for(drain.put(b"m1"), timeout=10)
        finally:
            drain.close()

    assert asyncio.run(one()) == b"ACK m1"
