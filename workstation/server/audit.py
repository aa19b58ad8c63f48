"""Append to and verify the hash-chained audit log. Appends happen under the write lock."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, select

from workstation.clock import now_iso
from workstation.security.audit_chain import GENESIS, ChainBreak, row_hash, verify_chain
from workstation.server import meta
from workstation.server.db import reader, writer
from workstation.server.models import audit_log
from workstation.storage import insert_rows

HEAD_KEY = "audit_head"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One thing to be audited: who did what, to whose chart, from which device."""

    action: str
    actor_id: str | None
    patient_id: str | None = None
    device_id: str | None = None
    detail: dict[str, Any] | None = None
    at: str | None = None


def append(conn: Connection, entries: Iterable[AuditEntry]) -> None:
    """Chain entries onto the log; the caller holds the write lock (server.db.writer)."""
    entries = list(entries)
    if not entries:
        return
    last = conn.execute(
        select(audit_log.c.audit_id, audit_log.c.hash)
        .order_by(audit_log.c.audit_id.desc())
        .limit(1)
    ).first()
    next_id, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    now = now_iso()
    rows = []
    for entry in entries:
        row = {
            "audit_id": next_id,
            "at": entry.at or now,
            "actor_id": entry.actor_id,
            "action": entry.action,
            "patient_id": entry.patient_id,
            "device_id": entry.device_id,
            "detail": orjson.dumps(entry.detail, option=orjson.OPT_SORT_KEYS).decode()
            if entry.detail
            else None,
            "prev_hash": prev,
        }
        row["hash"] = prev = row_hash(prev, row)
        rows.append(row)
        next_id += 1
    insert_rows(conn, audit_log, rows)
    # The head is kept apart from the log so that rows cut from its end are noticed too.
    meta.put(conn, HEAD_KEY, f"{rows[-1]['audit_id']}:{rows[-1]['hash']}")


def record(engine: Engine, entries: Iterable[AuditEntry]) -> None:
    """Append entries in a transaction of their own."""
    with writer(engine) as conn:
        append(conn, entries)


def verify(engine: Engine, page: int = 5000) -> ChainBreak | None:
    """Walk the whole chain in pages and check it ends at the recorded head; None when intact,
    else the first bad row."""
    with reader(engine) as conn:

        def rows() -> Iterable[dict[str, Any]]:
            after = 0
            while True:
                batch = conn.execute(
                    select(audit_log)
                    .where(audit_log.c.audit_id > after)
                    .order_by(audit_log.c.audit_id)
                    .limit(page)
                ).all()
                if not batch:
                    return
                for row in batch:
                    last[:] = [row.audit_id, row.hash]
                    yield dict(row._mapping)
                after = batch[-1].audit_id

        last: list[Any] = []
        broken = verify_chain(rows())
        head = meta.get(conn, HEAD_KEY)
    if broken is not None or head is None:
        return broken
    head_id, head_hash = head.split(":", 1)
    if not last or int(head_id) != last[0] or head_hash != last[1]:
        ends = f"row {last[0]}" if last else "no row"
        return ChainBreak(
            int(head_id), f"the log ends at {ends}, but row {head_id} was the last written"
        )
    return None
