"""The MLLP listener (python-hl7's asyncio server) beside the HTTP API, in the same event loop.

Each message is read as raw bytes (the charset is MSH-18's, known only once the header is read),
handed to the Inbox in a worker thread (the database work must not stall the HTTP API), and
answered with its ACK on the same connection, in order."""

from __future__ import annotations

import asyncio
import logging

from hl7.mllp import InvalidBlockError, start_hl7_server
from hl7.mllp.streams import HL7StreamReader, HL7StreamWriter

from workstation.server.hl7_inbound import Inbox

log = logging.getLogger(__name__)
MAX_MESSAGE_BYTES = 4 * 1024 * 1024


async def _connection(inbox: Inbox, reader: HL7StreamReader, writer: HL7StreamWriter) -> None:
    try:
        while True:
            try:
                block = await reader.readblock()
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            except (InvalidBlockError, ValueError) as exc:
                log.warning("MLLP: a block that is not MLLP framed (%s); closing", exc)
                return
            ack = await asyncio.to_thread(inbox.handle, bytes(block))
            writer.writeblock(ack)
            await writer.drain()
    finally:
        writer.close()


async def start(inbox: Inbox, host: str, port: int) -> asyncio.Server:
    """Listen for MLLP on host:port; the caller closes the returned server."""
    await asyncio.to_thread(lambda: inbox.identity)  # the interface key, before the first message

    async def connected(reader: HL7StreamReader, writer: HL7StreamWriter) -> None:
        await _connection(inbox, reader, writer)

    return await start_hl7_server(connected, host, port, limit=MAX_MESSAGE_BYTES)
