"""Catch-up projections for the managers' dashboards: each dashboard keeps its own tables, folded
from the event log in server_seq order, so opening a dashboard folds only what arrived since the
last open and then queries small tables (issue 15: "kept as projections, not recomputed from
every event on each open"). A projection's cursor moves in the same transaction as its tables."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, insert, select, text, update

from workstation.server.db import is_sqlite
from workstation.server.models import events, manage_cursors

PAGE = 5_000  # events folded per transaction
_LOCK_BASE = 7_310_600  # + crc32(name) % 1000: one advisory lock per projection (PostgreSQL)


@dataclass(frozen=True, slots=True)
class EventRow:
    """One event of the log as a projection folds it (payload decoded)."""

    server_seq: int
    event_id: str
    type: str
    patient_id: str | None
    ward_id: str | None
    author_id: str
    device_id: str
    recorded_at: str
    received_at: str
    payload: dict[str, Any]


Fold = Callable[[Connection, Sequence[EventRow]], None]


def catch_up(engine: Engine, name: str, fold: Fold, *, types: Sequence[str] = ()) -> int:
    """Fold every event after `name`'s cursor (only `types` when given) into its tables, a page
    per transaction; return the number of events folded. Two callers never fold the same page."""
    folded = 0
    while True:
        with _projection_transaction(engine, name) as conn:
            after = _cursor(conn, name)
            watermark = _newest(conn, after)  # first: every event up to it is committed
            rows = _page(conn, after, watermark, types)
            if rows:
                fold(conn, rows)
            newest = rows[-1].server_seq if len(rows) == PAGE else watermark
            if newest > after:
                _advance(conn, name, after, newest)
        folded += len(rows)
        if len(rows) < PAGE:
            return folded


@contextmanager
def _projection_transaction(engine: Engine, name: str) -> Iterator[Connection]:
    """A write transaction holding `name`'s own lock (not the server-wide write lock, so a
    dashboard's fold never queues the wards' pushes on PostgreSQL)."""
    with engine.connect().execution_options(writer=True) as conn, conn.begin():
        if not is_sqlite(conn):
            lock_id = _LOCK_BASE + zlib.crc32(name.encode()) % 1000
            conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": lock_id})
        yield conn


def _cursor(conn: Connection, name: str) -> int:
    found = conn.execute(
        select(manage_cursors.c.last_seq).where(manage_cursors.c.name == name)
    ).scalar()
    return int(found or 0)


def _page(conn: Connection, after: int, watermark: int, types: Sequence[str]) -> list[EventRow]:
    e = events.c
    query = select(e.server_seq, e.event_id, e.type, e.patient_id, e.ward_id, e.author_id,
                   e.device_id, e.recorded_at, e.received_at, e.payload)  # fmt: skip
    query = query.where(e.server_seq > after, e.server_seq <= watermark)
    if types:
        query = query.where(e.type.in_(list(types)))
    rows = conn.execute(query.order_by(e.server_seq).limit(PAGE)).all()
    return [EventRow(*row[:9], payload=orjson.loads(bytes(row.payload))) for row in rows]


def _newest(conn: Connection, after: int) -> int:
    """The newest event committed now (server_seq follows commit order, so none below it is
    still to come): the cursor may pass events of types the projection does not fold."""
    newest = conn.execute(select(events.c.server_seq).order_by(events.c.server_seq.desc()).limit(1))
    return max(after, int(newest.scalar() or 0))


def _advance(conn: Connection, name: str, before: int, after: int) -> None:
    c = manage_cursors.c
    if before == 0 and _missing(conn, name):
        conn.execute(insert(manage_cursors).values(name=name, last_seq=after))
    else:
        conn.execute(update(manage_cursors).where(c.name == name).values(last_seq=after))


def _missing(conn: Connection, name: str) -> bool:
    found = conn.execute(select(manage_cursors.c.name).where(manage_cursors.c.name == name))
    return found.first() is None


def reset(engine: Engine, name: str) -> None:
    """Forget `name`'s cursor (its owner empties its tables in the same step): the next open
    folds the whole log again, e.g. after a projection's rules changed."""
    with _projection_transaction(engine, name) as conn:
        conn.execute(update(manage_cursors).where(manage_cursors.c.name == name).values(last_seq=0))
