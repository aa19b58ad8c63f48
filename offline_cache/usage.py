"""Usage telemetry on the station: records queued in the replica's own `usage_outbox` (never the
signed clinical event log) and sent to `POST /usage/records` when online.

A record is made only of identifiers the code chose (workstation.telemetry.records); a queued
record is sent under its own user's token only (the server takes the user from the token), so
another user's records wait for that user's next online session."""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from types import TracebackType
from typing import Any

import orjson
from sqlalchemy import delete, func, insert, select

from offline_cache import logs, state
from offline_cache.link import ServerLink
from offline_cache.store import LocalStore
from offline_cache.tables import usage_outbox
from workstation.clock import now_iso
from workstation.telemetry.records import (
    UsageRecord,
    code_frames,
    error_name,
    validate_record,
)

BATCH = 200
BATCH_BYTES = 256 * 1024  # half the server's body limit for /usage/records
MAX_PENDING = 5_000  # in memory between two flushes
MAX_QUEUED = 20_000  # a station offline for weeks drops usage records, never its clinical work
_log = logs.get("usage")


def app_version() -> str:
    """The installed program's version (what error rates are counted per)."""
    try:
        return metadata.version("clinical-workstation")
    except metadata.PackageNotFoundError:
        return "dev"


@dataclass
class UsageSent:
    """What one send did."""

    stored: int = 0
    duplicates: int = 0
    refused: int = 0


class UsageLog:
    """Keeps usage records of the user logged in and sends them. `record` only appends to memory
    (the UI thread calls it for every action); `flush` writes them to the replica and runs with
    the sync, the lock and the logout, on a worker."""

    def __init__(self, store: LocalStore, version: str | None = None) -> None:
        self.store, self.version = store, version or app_version()
        self.user_id: str | None = None  # set by the Workstation at login, cleared at logout
        self.pending: list[tuple[str, UsageRecord]] = []
        self.lock = threading.Lock()

    def record(self, kind: str, name: str, *, screen: str | None = None, count: int = 0,
               duration_ms: int = 0, frames: tuple[tuple[str, int, str], ...] = ()) -> None:  # fmt: skip
        """Keep one record for the user logged in (nothing when nobody is)."""
        user_id = self.user_id
        if user_id is None:
            return
        record = validate_record(UsageRecord(
            record_id=str(uuid.uuid4()), kind=kind, name=name, at=now_iso(), version=self.version,
            screen=screen, count=min(count, 1_000_000), duration_ms=min(duration_ms, 86_400_000),
            frames=frames).wire())  # fmt: skip
        with self.lock:
            self.pending.append((user_id, record))
            if len(self.pending) > MAX_PENDING:
                del self.pending[: len(self.pending) - MAX_PENDING]

    def flush(self) -> None:
        """Write the records kept in memory to the replica's usage queue."""
        with self.lock:
            taken, self.pending = self.pending, []
        if taken:
            with self.store.writing() as conn:
                conn.execute(insert(usage_outbox), [
                    {"record_id": r.record_id, "user_id": user_id, "record": orjson.dumps(r.wire()).decode()}
                    for user_id, r in taken])  # fmt: skip

    def record_catalog(self, action_ids: list[str]) -> None:
        """Every action id this version offers (what "never used" is counted against): sent once
        per station and version, and again when the list changes."""
        key = hashlib.sha256(" ".join([self.version, *sorted(action_ids)]).encode()).hexdigest()[
            :32
        ]
        with self.store.reading() as conn:
            if state.get(conn, "usage_catalog") == key:
                return
        for action_id in sorted(set(action_ids)):
            self.record("catalog", action_id)
        self.flush()
        with self.store.writing() as conn:
            state.put(conn, "usage_catalog", key)

    def record_error(self, kind: type[BaseException], tb: TracebackType | None, *, screen: str | None,
                     handled: bool = False) -> None:  # fmt: skip
        """An exception as its type and code locations only (no message, no locals): "error" when
        nothing caught it (a crash), "failure" when a screen caught it and told the user."""
        self.record(
            "failure" if handled else "error",
            error_name(kind),
            screen=screen,
            frames=code_frames(tb),
        )

    def queued(self, user_id: str | None = None) -> list[dict[str, Any]]:
        """The records waiting (of one user, or all), as they will be sent."""
        self.flush()
        query = select(usage_outbox.c.record)
        if user_id is not None:
            query = query.where(usage_outbox.c.user_id == user_id)
        with self.store.reading() as conn:
            return [orjson.loads(r) for r in conn.execute(query).scalars()]

    def send(self, link: ServerLink) -> UsageSent:
        """Send the logged-in user's queued records in batches; what the server took (or refused
        as malformed, which no retry would mend) leaves the queue."""
        sent = UsageSent()
        self.flush()
        if self.user_id is None:
            return sent
        self._trim()
        while True:
            with self.store.reading() as conn:
                rows = _within_bytes(conn.execute(select(usage_outbox.c.record_id, usage_outbox.c.record)
                                                  .where(usage_outbox.c.user_id == self.user_id).limit(BATCH)).all())  # fmt: skip
            if not rows:
                return sent
            answer = link.request("POST", "/usage/records",
                                  body={"records": [orjson.loads(r.record) for r in rows]})  # fmt: skip
            sent.stored += int(answer.get("stored", 0))
            sent.duplicates += int(answer.get("duplicates", 0))
            sent.refused += len(answer.get("refused", []))
            with self.store.writing() as conn:
                conn.execute(
                    delete(usage_outbox).where(
                        usage_outbox.c.record_id.in_([r.record_id for r in rows])
                    )
                )

    def _trim(self) -> None:
        with self.store.writing() as conn:
            extra = (
                conn.execute(select(func.count()).select_from(usage_outbox)).scalar_one()
                - MAX_QUEUED
            )
            if extra > 0:
                some = select(usage_outbox.c.record_id).limit(extra)
                conn.execute(delete(usage_outbox).where(usage_outbox.c.record_id.in_(some)))
                _log.warning("usage queue full: %d records dropped", extra)


def _within_bytes(rows: Sequence[Any]) -> list[Any]:
    """The first rows whose records fit in BATCH_BYTES (at least one)."""
    total, taken = 0, list[Any]()
    for row in rows:
        total += len(row.record)
        if taken and total > BATCH_BYTES:
            break
        taken.append(row)
    return taken
