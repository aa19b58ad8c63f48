"""The MLLP listener (python-hl7's asyncio server) beside the HTTP API, in the same event loop.

Each message is read as raw bytes (the charset is MSH-18's, known only once the header is read)
and put in the listener's Drain; its ACK is written back on the same connection, in order (a
connection sends its next message once it has the ACK, as MLLP senders do). The Drain's worker
threads (the database work must not stall the HTTP API) parse every message waiting, from all
connections, apply them in one transaction (Inbox.apply_received: group commit) and hand their
ACKs back to the event loop in one call once that transaction committed. Thread hops per batch,
not per message; while a batch commits, the event loop reads the next ones and they are parsed.
A batch can wait (GATHER_S at most, off by default) until each open connection has a message in.

The parsing itself (python-hl7 and mapping.read, a third of a message's CPU) runs in a process of
its own (hl7_parse_process), on the second core: this process's parse thread only hands it the
raw bytes and waits (releasing the interpreter), so the apply thread has the core to itself."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass, field

from hl7.mllp import InvalidBlockError, start_hl7_server
from hl7.mllp.streams import HL7StreamReader, HL7StreamWriter

from workstation.hl7v2 import message
from workstation.hl7v2.message import MessageProblem, Received
from workstation.server.hl7_batch import MAX_BATCH, Preread
from workstation.server.hl7_inbound import Inbox
from workstation.server.hl7_parse_process import ParseProcess, ProcessLost

log = logging.getLogger(__name__)
MAX_MESSAGE_BYTES = 4 * 1024 * 1024
# How long a batch waits at most for the next message of each open connection (those whose ACK
# the last commit just sent), so that one commit pays its fixed part for all of them. Off: with
# the parse in its own process, taking only what is there lets the connections fall into two
# alternating sets, one parsed while the other commits. bench/interfaces.py on a quiet machine,
# 16 connections, alternating: 543, 664, 475, 636 msg/s off against 330 and 537 at 2 ms.
GATHER_S = 0.0


_Answer = asyncio.Future[bytes]
_Parsed = tuple[Received | bytes, Preread, _Answer]


@dataclass
class Drain:
    """Messages read by the event loop, parsed by one worker thread (in the parse process, when
    given one) and applied by another in batches of everything parsed and waiting (up to
    MAX_BATCH): the next batch is parsed while one commits. Each message's future gets its ACK
    once its batch committed."""

    inbox: Inbox
    loop: asyncio.AbstractEventLoop
    process: ParseProcess | None = None  # None: parsed in the parse thread
    raw: list[tuple[bytes, _Answer]] = field(default_factory=list)
    parsed: list[_Parsed] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    closed: bool = False
    connections: int = 0  # open MLLP connections (changed on the event loop, under the lock)

    def __post_init__(self) -> None:
        # One lock, a condition per stage: a message read wakes the parser, not the applier.
        self.to_parse = threading.Condition(self.lock)
        self.to_apply = threading.Condition(self.lock)

    def start(self) -> None:
        """Start the worker threads (daemons: they hold nothing across batches)."""
        threading.Thread(target=self._parse, name="hl7-parse", daemon=True).start()
        threading.Thread(target=self._apply, name="hl7-inbox", daemon=True).start()

    def put(self, raw: bytes) -> _Answer:
        """The future of the message's ACK (called on the event loop)."""
        answer: _Answer = self.loop.create_future()
        with self.lock:
            self.raw.append((raw, answer))
            self.to_parse.notify()
        return answer

    def connected(self, change: int) -> None:
        """A connection opened (+1) or closed (-1)."""
        with self.lock:
            self.connections += change

    def close(self) -> None:
        """Stop the workers once what they are doing is done."""
        with self.lock:
            self.closed = True
            self.to_parse.notify()
            self.to_apply.notify()

    def _parse(self) -> None:
        while True:
            with self.lock:
                while not self.raw and not self.closed:
                    self.to_parse.wait()
                if self.closed:
                    break
                batch, self.raw = self.raw, []
            items = [(item, read, answer) for (item, read), (_, answer)
                     in zip(self._read([raw for raw, _ in batch]), batch, strict=True)]  # fmt: skip
            with self.lock:
                self.parsed += items
                self.to_apply.notify()
        if self.process is not None:
            self.process.stop()

    def _read(self, raws: list[bytes]) -> list[tuple[Received | bytes, Preread]]:
        """Each message parsed (Received) and read (its Preread), or its ACK when it cannot be:
        AE for a message whose header is unreadable (kept in the queue), AR for every message
        of a batch the parse process was lost with (the senders resend)."""
        if self.process is None:
            return [(self._received(raw), None) for raw in raws]
        try:
            reads = self.process.read_all(raws)
        except ProcessLost:
            return [(_refused(), None)] * len(raws)
        items: list[tuple[Received | bytes, Preread]] = []
        for raw, read in zip(raws, reads, strict=True):
            if read is None:  # a fault of the parse process's: read here, as without it
                items.append((self._received(raw), None))
            elif isinstance(read.received, MessageProblem):
                items.append((self.inbox.kept_unreadable(raw, read.received), None))
            else:
                items.append((read.received, read.inbound))
        return items

    def _gather(self) -> None:
        """Wait (holding the lock's condition, at most GATHER_S) until every open connection
        has a message parsed, or a full batch is: a sender waits for its ACK before it sends
        again, so one message per connection is all that can come."""
        deadline = time.monotonic() + GATHER_S
        while (len(self.parsed) < min(self.connections, MAX_BATCH) and not self.closed
               and (left := deadline - time.monotonic()) > 0):  # fmt: skip
            self.to_apply.wait(left)

    def _received(self, raw: bytes) -> Received | bytes:
        try:
            return self.inbox.received(raw)
        except Exception as exc:  # a fault of ours: refused for now; the parser goes on
            log.error("HL7 message not read: %s", type(exc).__name__)
            return _refused()

    def _apply(self) -> None:
        while True:
            with self.lock:
                while not self.parsed and not self.closed:
                    self.to_apply.wait()
                self._gather()
                if self.closed:
                    return
                batch, self.parsed = self.parsed[:MAX_BATCH], self.parsed[MAX_BATCH:]
            try:
                acks = self.inbox.apply_received([item for item, _, _ in batch],
                                                 [read for _, read, _ in batch])  # fmt: skip
            except Exception as exc:  # a fault of ours: refused for now, never AA, never stuck
                log.error("HL7 batch not taken: %s", type(exc).__name__)
                acks = [_refused()] * len(batch)
            try:
                self.loop.call_soon_threadsafe(_settle, batch, acks)
            except RuntimeError:  # the loop is closed: the server is stopping
                return


def _refused() -> bytes:
    return message.ack(None, "AR", text="the server could not take this message").encode()


def _settle(batch: list[_Parsed], acks: list[bytes]) -> None:
    for (_, _, answer), ack in zip(batch, acks, strict=True):
        if not answer.done():  # its connection was closed meanwhile
            answer.set_result(ack)


async def _connection(drain: Drain, reader: HL7StreamReader, writer: HL7StreamWriter) -> None:
    drain.connected(+1)
    try:
        while True:
            try:
                block = await reader.readblock()
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            except (InvalidBlockError, ValueError) as exc:
                log.warning("MLLP: a block that is not MLLP framed (%s); closing", exc)
                return
            writer.writeblock(await drain.put(bytes(block)))
            await writer.drain()
    finally:
        drain.connected(-1)
        writer.close()


@dataclass
class Listener:
    """The MLLP server and its Drain, closed together."""

    server: asyncio.Server
    drain: Drain

    async def stop(self) -> None:
        """Stop listening, stop the Drain's worker and wait until the connections are closed.

        A coroutine on purpose: asyncio.Server.close() is not thread-safe. Called from another
        thread it raced the loop's own close of the last connection, and both woke the waiters
        (TypeError: 'NoneType' object is not iterable)."""
        self.server.close()
        self.drain.close()
        await self.server.wait_closed()


async def start(inbox: Inbox, host: str, port: int, process: ParseProcess | None = None
                ) -> Listener:  # fmt: skip
    """Listen for MLLP on host:port, parsing in `process` (a new ParseProcess by default); the
    caller closes the returned Listener."""
    await asyncio.to_thread(lambda: inbox.identity)  # the interface key, before the first message
    process = process or ParseProcess()
    await asyncio.to_thread(process.start)
    drain = Drain(inbox, asyncio.get_running_loop(), process)
    drain.start()

    async def connected(reader: HL7StreamReader, writer: HL7StreamWriter) -> None:
        await _connection(drain, reader, writer)

    server = await start_hl7_server(connected, host, port, limit=MAX_MESSAGE_BYTES)
    return Listener(server, drain)
