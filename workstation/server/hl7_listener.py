"""The MLLP listener (python-hl7's asyncio server) beside the HTTP API, in the same event loop.

Each message is read as raw bytes (the charset is MSH-18's, known only once the header is read)
and put in the listener's Drain; its ACK is written back on the same connection, in order (a
connection sends its next message once it has the ACK, as MLLP senders do). The Drain's worker
threads (the database work must not stall the HTTP API) parse every message waiting, from all
connections, apply them in one transaction (Inbox.apply_received: group commit) and hand their
ACKs back to the event loop in one call once that transaction committed. Thread hops per batch,
not per message; while a batch commits, the event loop reads the next ones and they are parsed.
A batch waits (GATHER_S at most) until each open connection has a message in: a commit's fixed
part (the push's shared reads, its audit, the commit) is paid once for all of them."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass, field

from hl7.mllp import InvalidBlockError, start_hl7_server
from hl7.mllp.streams import HL7StreamReader, HL7StreamWriter

from workstation.hl7v2 import message
from workstation.hl7v2.message import Received
from workstation.server.hl7_batch import MAX_BATCH
from workstation.server.hl7_inbound import Inbox

log = logging.getLogger(__name__)
MAX_MESSAGE_BYTES = 4 * 1024 * 1024
# How long a batch waits at most for the next message of each open connection (those whose ACK
# the last commit just sent): one commit for all of them costs its fixed part once, where
# taking only what is there halves the batches (the connections fall into two alternating sets).
GATHER_S = 0.002


_Answer = asyncio.Future[bytes]


@dataclass
class Drain:
    """Messages read by the event loop, parsed by one worker thread and applied by another in
    batches of everything parsed and waiting (up to MAX_BATCH): the next batch is parsed while
    one commits (its disk flush releases the interpreter). Each message's future gets its ACK
    once its batch committed."""

    inbox: Inbox
    loop: asyncio.AbstractEventLoop
    raw: list[tuple[bytes, _Answer]] = field(default_factory=list)
    parsed: list[tuple[Received | bytes, _Answer]] = field(default_factory=list)
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
                    return
                batch, self.raw = self.raw, []
            items = [(self._received(raw), answer) for raw, answer in batch]
            with self.lock:
                self.parsed += items
                self.to_apply.notify()

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
                acks = self.inbox.apply_received([item for item, _ in batch])
            except Exception as exc:  # a fault of ours: refused for now, never AA, never stuck
                log.error("HL7 batch not taken: %s", type(exc).__name__)
                acks = [_refused()] * len(batch)
            try:
                self.loop.call_soon_threadsafe(_settle, batch, acks)
            except RuntimeError:  # the loop is closed: the server is stopping
                return


def _refused() -> bytes:
    return message.ack(None, "AR", text="the server could not take this message").encode()


def _settle(batch: list[tuple[Received | bytes, _Answer]], acks: list[bytes]) -> None:
    for (_, answer), ack in zip(batch, acks, strict=True):
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

    def close(self) -> None:
        """Stop listening and stop the Drain's worker."""
        self.server.close()
        self.drain.close()

    async def wait_closed(self) -> None:
        """Wait until the server's connections are closed."""
        await self.server.wait_closed()


async def start(inbox: Inbox, host: str, port: int) -> Listener:
    """Listen for MLLP on host:port; the caller closes the returned Listener."""
    await asyncio.to_thread(lambda: inbox.identity)  # the interface key, before the first message
    drain = Drain(inbox, asyncio.get_running_loop())
    drain.start()

    async def connected(reader: HL7StreamReader, writer: HL7StreamWriter) -> None:
        await _connection(drain, reader, writer)

    server = await start_hl7_server(connected, host, port, limit=MAX_MESSAGE_BYTES)
    return Listener(server, drain)
