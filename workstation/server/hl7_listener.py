"""The MLLP listener (python-hl7's asyncio server) beside the HTTP API, in the same event loop.

Each message is read as raw bytes (the charset is MSH-18's, known only once the header is read)
and put in the listener's Drain; its ACK is written back on the same connection, in order (a
connection sends its next message once it has the ACK, as MLLP senders do). The Drain's one
worker thread (the database work must not stall the HTTP API) takes every message waiting, from
all connections, applies them in one transaction (Inbox.handle_many: group commit) and hands
their ACKs back to the event loop in one call once that transaction committed. One thread hop
per batch, not per message: while a batch commits, the event loop reads the next ones."""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass, field

from hl7.mllp import InvalidBlockError, start_hl7_server
from hl7.mllp.streams import HL7StreamReader, HL7StreamWriter

from workstation.server.hl7_batch import MAX_BATCH
from workstation.server.hl7_inbound import Inbox

log = logging.getLogger(__name__)
MAX_MESSAGE_BYTES = 4 * 1024 * 1024


@dataclass
class Drain:
    """Messages read by the event loop, applied by one worker thread in batches of everything
    waiting (up to MAX_BATCH); each message's future gets its ACK after its batch committed."""

    inbox: Inbox
    loop: asyncio.AbstractEventLoop
    waiting: list[tuple[bytes, asyncio.Future[bytes]]] = field(default_factory=list)
    turn: threading.Condition = field(default_factory=threading.Condition)
    closed: bool = False

    def start(self) -> None:
        """Start the worker thread (a daemon: it holds nothing across batches)."""
        threading.Thread(target=self._work, name="hl7-inbox", daemon=True).start()

    def put(self, raw: bytes) -> asyncio.Future[bytes]:
        """The future of the message's ACK (called on the event loop)."""
        answer: asyncio.Future[bytes] = self.loop.create_future()
        with self.turn:
            self.waiting.append((raw, answer))
            self.turn.notify()
        return answer

    def close(self) -> None:
        """Stop the worker once the batch it is applying is done."""
        with self.turn:
            self.closed = True
            self.turn.notify()

    def _work(self) -> None:
        while True:
            with self.turn:
                while not self.waiting and not self.closed:
                    self.turn.wait()
                if self.closed:
                    return
                batch, self.waiting = self.waiting[:MAX_BATCH], self.waiting[MAX_BATCH:]
            acks = self.inbox.handle_many([raw for raw, _ in batch])
            try:
                self.loop.call_soon_threadsafe(_settle, batch, acks)
            except RuntimeError:  # the loop is closed: the server is stopping
                return


def _settle(batch: list[tuple[bytes, asyncio.Future[bytes]]], acks: list[bytes]) -> None:
    for (_, answer), ack in zip(batch, acks, strict=True):
        if not answer.done():  # its connection was closed meanwhile
            answer.set_result(ack)


async def _connection(drain: Drain, reader: HL7StreamReader, writer: HL7StreamWriter) -> None:
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
