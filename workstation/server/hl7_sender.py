"""The HL7 order sender: a background task in the server's event loop that fills the outbound
queue from the orders, claims due rows and sends each over MLLP (python-hl7's asyncio client) to
the LIS or the PACS, one connection per destination, reopened after any failure.

A message is answered by the receiver's ACK on the same connection: AA files it accepted, AE
rejected (with the receiver's words), AR or no answer within the timeout or a dropped
connection is retried with a doubling backoff. The database work runs in worker threads, so the
API never waits on it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import uuid
from typing import Any

from hl7.mllp import open_hl7_connection

from workstation.hl7v2.outbound import Acknowledgement, read_ack
from workstation.server import hl7_identity, hl7_outbound
from workstation.server.config import OutboundConfig
from workstation.server.hl7_outbound import Claimed

log = logging.getLogger(__name__)
MAX_ACK_BYTES = 1024 * 1024


class Sender:
    """One per server process; `step` once does a whole round, `run` repeats it until cancelled."""

    def __init__(self, engine: Any, config: OutboundConfig, *, interval_s: float = 2.0,
                 backoff_base_s: float = 2.0):  # fmt: skip
        self.engine, self.config = engine, config
        self.interval_s, self.backoff_base_s = interval_s, backoff_base_s
        self.who = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        self._identity: hl7_identity.InterfaceIdentity | None = None
        self._links: dict[str, tuple[Any, Any]] = {}

    def _where(self, destination: str) -> tuple[str, int] | None:
        return self.config.lis if destination == "LIS" else self.config.pacs

    def _identity_now(self) -> hl7_identity.InterfaceIdentity:
        if self._identity is None:
            self._identity = hl7_identity.ensure(self.engine)
        return self._identity

    async def step(self) -> int:
        """Fill the queue, send what is due; how many rows were answered for good."""
        destinations = tuple(d for d in ("LIS", "PACS") if self._where(d) is not None)
        await asyncio.to_thread(hl7_outbound.enqueue, self.engine,
                                facility=self.config.facility, destinations=destinations)  # fmt: skip
        identity = await asyncio.to_thread(self._identity_now)
        lease = self.config.timeout_seconds * 2 + 30
        due = await asyncio.to_thread(hl7_outbound.claim, self.engine, who=self.who, lease_s=lease)
        done = 0
        for row in due:
            done += await self._send(row, identity)
        return done

    async def _send(self, row: Claimed, identity: hl7_identity.InterfaceIdentity) -> int:
        try:
            ack = await self._exchange(row)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            await self._drop(row.destination)
            error = f"{type(exc).__name__}: {exc}"
            log.warning("HL7 %s to %s not delivered (%s); retrying", row.control_id,
                        row.destination, error)  # fmt: skip
            await asyncio.to_thread(hl7_outbound.retry_later, self.engine, row, who=self.who,
                                    error=error, base_s=self.backoff_base_s)  # fmt: skip
            return 0
        if not ack.final and not hl7_outbound.gives_up(row, ack):
            await asyncio.to_thread(hl7_outbound.retry_later, self.engine, row, who=self.who,
                                    error=f"{ack.code}: {ack.text}", base_s=self.backoff_base_s)  # fmt: skip
            return 0
        filed = await asyncio.to_thread(hl7_outbound.answered, self.engine, row, ack,
                                        who=self.who, identity=identity)  # fmt: skip
        return int(filed)

    async def _exchange(self, row: Claimed) -> Acknowledgement:
        reader, writer = await self._link(row.destination)
        writer.writeblock(row.message.encode("utf-8"))
        await writer.drain()
        block = await asyncio.wait_for(reader.readblock(), self.config.timeout_seconds)
        ack = read_ack(bytes(block).decode("utf-8", errors="replace"))
        if ack.acked_control_id and ack.acked_control_id != row.control_id:
            raise ValueError(f"the ACK answers {ack.acked_control_id}, not {row.control_id}")
        return ack

    async def _link(self, destination: str) -> tuple[Any, Any]:
        if destination not in self._links:
            where = self._where(destination)
            if where is None:
                raise OSError(f"no address for the {destination} in [hl7_out]")
            self._links[destination] = await asyncio.wait_for(
                open_hl7_connection(where[0], where[1], limit=MAX_ACK_BYTES),
                self.config.timeout_seconds,
            )
        return self._links[destination]

    async def _drop(self, destination: str) -> None:
        link = self._links.pop(destination, None)
        if link is not None:
            link[1].close()
            with contextlib.suppress(OSError):
                await link[1].wait_closed()

    async def close(self) -> None:
        """Close the connections."""
        for destination in list(self._links):
            await self._drop(destination)

    async def run(self) -> None:
        """Send until cancelled; a round that fails (the database away) is logged and retried."""
        try:
            while True:
                try:
                    await self.step()
                except Exception as exc:  # never let the API's process lose its sender
                    log.error("HL7 outbound round failed: %s: %s", type(exc).__name__, exc)
                await asyncio.sleep(self.interval_s)
        finally:
            await self.close()
