"""Append to and verify the hash-chained audit log. Appends happen under the audit chain's lock
(server.db.lock_audit_chain), which every append takes: inside a write transaction (a push's
audit rows) or in an audit-only one (a read's), so ids and hashes follow commit order.

The chain is keyed (HMAC-SHA-256) when the engine carries the server's audit key (`with_key`); the
key lives in a file outside the database, and the database keeps only the key's id (`key_id`), so
a writer holding the wrong key, or none, is refused instead of extending the chain with hashes
that would not verify.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, select, update

from workstation.clock import now_iso
from workstation.security.audit_chain import (
    GENESIS,
    ChainBreak,
    key_id,
    row_hash,
    verify_chain,
)
from workstation.server import meta
from workstation.server.db import audit_writer, lock_audit_chain, reader, writer
from workstation.server.models import audit_log, server_meta
from workstation.storage import insert_rows

HEAD_KEY = "audit_head"
SCHEME_KEY = "audit_scheme"  # key_id() of the key the chain is hashed with ("sha256": none)
KEY_OPTION = "cw_audit_key"  # the execution option that carries the key to append/verify


class AuditKeyMismatch(RuntimeError):
    """The chain is hashed with another key than the one this process holds (or none)."""


def with_key(engine: Engine, key: bytes | None) -> Engine:
    """The engine whose connections chain audit rows under key (the engine itself for None)."""
    return engine if key is None else engine.execution_options(**{KEY_OPTION: key})


def chain_key(conn: Connection) -> bytes | None:
    """The audit key this connection carries, if any."""
    return conn.get_execution_options().get(KEY_OPTION)


def _check_scheme(key: bytes | None, scheme: str | None) -> None:
    """AuditKeyMismatch unless the chain's scheme (meta SCHEME_KEY, None: unkeyed) is key's."""
    stored = scheme or "sha256"
    if stored != key_id(key):
        held = "no audit key" if key is None else f"audit key {key_id(key)}"
        raise AuditKeyMismatch(
            f"the audit chain is hashed with {stored} but this server holds {held}: name the "
            "right audit key file in the server config (or run `workstation-server init` to key "
            "an unkeyed chain)"
        )


def _newest(column: Any) -> Any:
    return select(column).order_by(audit_log.c.audit_id.desc()).limit(1).scalar_subquery()


# What an append reads, in one statement (built once): the newest row's id and hash (NULLs for an
# empty chain) and the key scheme the chain is hashed with.
_TAIL = select(
    _newest(audit_log.c.audit_id),
    _newest(audit_log.c.hash),
    select(server_meta.c.value).where(server_meta.c.key == SCHEME_KEY).scalar_subquery(),
)


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
    """Chain entries onto the log, in a write transaction (server.db.writer or audit_writer)."""
    entries = list(entries)
    if not entries:
        return
    lock_audit_chain(conn)  # held to commit: the next append reads this one's row and head
    key = chain_key(conn)
    last_id, last_hash, scheme = conn.execute(_TAIL).one()
    if last_id is None and scheme is None:
        scheme = key_id(key)
        meta.put(conn, SCHEME_KEY, scheme)  # a new chain takes this server's key
    _check_scheme(key, scheme)
    next_id, prev = (last_id + 1, last_hash) if last_id is not None else (1, GENESIS)
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
        row["hash"] = prev = row_hash(prev, row, key)
        rows.append(row)
        next_id += 1
    insert_rows(conn, audit_log, rows)
    # The head is kept apart from the log so that rows cut from its end are noticed too.
    meta.put(conn, HEAD_KEY, f"{rows[-1]['audit_id']}:{rows[-1]['hash']}")


def record(engine: Engine, entries: Iterable[AuditEntry]) -> None:
    """Append entries in a transaction of their own (the audit chain's lock, not the write lock)."""
    with audit_writer(engine) as conn:
        append(conn, entries)


def _rows(conn: Connection, page: int, last: list[Any]) -> Iterator[dict[str, Any]]:
    """Every audit row in order, read in pages; last holds the newest [audit_id, hash] seen."""
    after = 0
    while True:
        batch = conn.execute(
            select(audit_log).where(audit_log.c.audit_id > after).order_by(audit_log.c.audit_id)
            .limit(page)
        ).all()  # fmt: skip
        if not batch:
            return
        for row in batch:
            last[:] = [row.audit_id, row.hash]
            yield dict(row._mapping)
        after = batch[-1].audit_id


def _against(rows: Iterable[dict[str, Any]], checkpoints: Mapping[int, str], found: list[ChainBreak]
             ) -> Iterator[dict[str, Any]]:  # fmt: skip
    """Pass rows through, noting the first whose hash differs from a signed checkpoint."""
    for row in rows:
        expected = checkpoints.get(row["audit_id"])
        if expected is not None and expected != row["hash"] and not found:
            found.append(ChainBreak(row["audit_id"], (
                "its hash differs from the signed checkpoint: this row, or one before it, was "
                "rewritten")))  # fmt: skip
        yield row


def verify(
    engine: Engine, page: int = 5000, *, checkpoints: Mapping[int, str] | None = None
) -> ChainBreak | None:
    """Walk the whole chain in pages and check it ends at the recorded head and agrees with every
    signed checkpoint (audit_id -> hash); None when intact, else the first bad row.
    AuditKeyMismatch when the chain is keyed and this engine has no key."""
    checkpoints = checkpoints or {}
    with reader(engine) as conn:
        key = chain_key(conn)
        stored = meta.get(conn, SCHEME_KEY) or "sha256"
        if key is None and stored != "sha256":
            _check_scheme(key, stored)
        last: list[Any] = []
        differs: list[ChainBreak] = []
        broken = verify_chain(_against(_rows(conn, page, last), checkpoints, differs), key)
        head = meta.get(conn, HEAD_KEY)
    if differs and (broken is None or differs[0].audit_id <= broken.audit_id):
        return differs[0]
    if broken is not None:
        return broken
    if key is not None and stored != key_id(key):
        return ChainBreak(1, f"the chain is marked as hashed with {stored}, not this server's key")
    newest = max(checkpoints, default=0)
    if newest and (not last or last[0] < newest):
        ends = f"row {last[0]}" if last else "no row"
        return ChainBreak(
            newest, f"the log ends at {ends}, but a signed checkpoint holds row {newest}"
        )
    if head is None:
        return None
    head_id, head_hash = head.split(":", 1)
    if not last or int(head_id) != last[0] or head_hash != last[1]:
        ends = f"row {last[0]}" if last else "no row"
        return ChainBreak(
            int(head_id), f"the log ends at {ends}, but row {head_id} was the last written"
        )
    return None


def key_chain(engine: Engine) -> int:
    """Key an unkeyed (SHA-256) chain with the engine's audit key: verify it as it is, then rehash
    every row under the key and record that it was done. Returns the rows rehashed (0 when the
    chain is already keyed with this key); AuditKeyMismatch when keyed with another key."""
    with writer(engine) as conn:
        lock_audit_chain(conn)  # no audit row is appended while the chain is rehashed
        key = chain_key(conn)
        stored = meta.get(conn, SCHEME_KEY) or "sha256"
        if key is None or stored == key_id(key):
            return 0
        if stored != "sha256":
            _check_scheme(key, stored)
        broken = verify_chain(_rows(conn, 5000, []))
        if broken is not None:
            raise AuditKeyMismatch(
                f"the unkeyed audit chain is broken at row {broken.audit_id} ({broken.reason}); "
                "it is left as it is, unkeyed: look into it before keying"
            )
        count = _rehash(conn, key)
        meta.put(conn, SCHEME_KEY, key_id(key))
        append(conn, [AuditEntry("audit_chain_keyed", None, detail={"rows": count})])
    return count


def _rehash(conn: Connection, key: bytes) -> int:
    prev, count = GENESIS, 0
    for row in list(_rows(conn, 5000, [])):
        row["prev_hash"], row["hash"] = prev, row_hash(prev, row, key)
        conn.execute(update(audit_log).where(audit_log.c.audit_id == row["audit_id"])
                     .values(prev_hash=row["prev_hash"], hash=row["hash"]))  # fmt: skip
        prev, count = row["hash"], count + 1
    if count:
        meta.put(conn, HEAD_KEY, f"{row['audit_id']}:{prev}")
    return count
