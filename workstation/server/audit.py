"""Append to and verify the hash-chained audit log: two chains in one table, each keyed, each with
its own tail, head, lock and verification.

- The record chain (audit_id from 1): rows written in a write transaction with the change they
  record (a push's rows, a filing, a login, a rights change).
- The access chain (audit_id from ACCESS_FIRST_ID): rows written in a transaction of their own
  (`record`: a pull's or chart open's audit, a read audit, a refusal).

A chain's appends happen under its lock (server.db.lock_audit_chain), held to commit, so its ids
and hashes follow commit order; a push (write lock, record chain) therefore never waits behind a
read's audit commit (access chain). Which chain a row is in follows from its audit_id, and the id
is hashed with the row, so a row cannot be moved between chains unnoticed.

The chains are keyed (HMAC-SHA-256) when the engine carries the server's audit key (`with_key`);
the key lives in a file outside the database, and the database keeps only the key's id
(`key_id`), so a writer holding the wrong key, or none, is refused instead of extending a chain
with hashes that would not verify.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, Select, select, update
from sqlalchemy.dialects import postgresql, sqlite

from workstation.clock import now_iso
from workstation.security.audit_chain import (
    GENESIS,
    ChainBreak,
    key_id,
    row_hash,
    verify_chain,
)
from workstation.server import meta
from workstation.server.db import (
    ACCESS_AUDIT_LOCK_ID,
    AUDIT_LOCK_ID,
    audit_writer,
    is_sqlite,
    lock_audit_chain,
    reader,
    writer,
)
from workstation.server.models import audit_log, server_meta
from workstation.storage import insert_rows

HEAD_KEY = "audit_head"  # the record chain's head
ACCESS_HEAD_KEY = "audit_access_head"
# The access chain's first id: far above any record chain (10**15 rows is 31,000 years at 1,000
# rows a second) and below 2**53, so ids stay exact as JSON numbers anywhere.
ACCESS_FIRST_ID = 10**15 + 1
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


@dataclass(frozen=True, slots=True)
class Chain:
    """One of the two chains: its ids run from first_id up to (not including) end_id."""

    name: str
    first_id: int
    end_id: int
    lock_id: int
    head_key: str

    def holds(self, audit_id: int) -> bool:
        """True when audit_id is in this chain's range."""
        return self.first_id <= audit_id < self.end_id

    def rows(self) -> Any:
        """The WHERE clause of this chain's rows."""
        return (audit_log.c.audit_id >= self.first_id) & (audit_log.c.audit_id < self.end_id)


RECORD = Chain("record", 1, ACCESS_FIRST_ID, AUDIT_LOCK_ID, HEAD_KEY)
ACCESS = Chain("access", ACCESS_FIRST_ID, 2**63 - 1, ACCESS_AUDIT_LOCK_ID, ACCESS_HEAD_KEY)
CHAINS = (RECORD, ACCESS)  # in lock order


def _newest(chain: Chain, column: Any) -> Any:
    return (
        select(column).where(chain.rows()).order_by(audit_log.c.audit_id.desc()).limit(1)
        .scalar_subquery()
    )  # fmt: skip


def _tail(chain: Chain) -> Select[Any]:
    """What an append reads, in one statement: the chain's newest id and hash (NULLs for an empty
    chain), the key scheme the chains are hashed with, and whether the log holds any row."""
    return select(
        _newest(chain, audit_log.c.audit_id),
        _newest(chain, audit_log.c.hash),
        select(server_meta.c.value).where(server_meta.c.key == SCHEME_KEY).scalar_subquery(),
        select(audit_log.c.audit_id).limit(1).exists(),
    )


_TAILS = {chain.name: _tail(chain) for chain in CHAINS}  # built once


def _adopt_scheme(conn: Connection, key: bytes | None) -> str | None:
    """A new log takes this server's key: store its id unless another chain's first append, in a
    transaction beside this one, stored it first; the scheme stored."""
    insert = (sqlite.insert if is_sqlite(conn) else postgresql.insert)(server_meta)
    conn.execute(insert.values(key=SCHEME_KEY, value=key_id(key)).on_conflict_do_nothing())
    return meta.get(conn, SCHEME_KEY)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One thing to be audited: who did what, to whose chart, from which device."""

    action: str
    actor_id: str | None
    patient_id: str | None = None
    device_id: str | None = None
    detail: dict[str, Any] | None = None
    at: str | None = None


def append(conn: Connection, entries: Iterable[AuditEntry], chain: Chain = RECORD) -> int:
    """Chain entries onto chain (the record chain unless told) in a write transaction
    (server.db.writer or audit_writer); the first row's audit_id (0 when there was none)."""
    entries = list(entries)
    if not entries:
        return 0
    lock_audit_chain(conn, chain.lock_id)  # held to commit: the next append reads this one's row
    key = chain_key(conn)
    last_id, last_hash, scheme, any_row = conn.execute(_TAILS[chain.name]).one()
    if scheme is None and not any_row:
        scheme = _adopt_scheme(conn, key)
    _check_scheme(key, scheme)
    next_id, prev = (last_id + 1, last_hash) if last_id is not None else (chain.first_id, GENESIS)
    first_id = next_id
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
    meta.put(conn, chain.head_key, f"{rows[-1]['audit_id']}:{rows[-1]['hash']}")
    return first_id


def record(engine: Engine, entries: Iterable[AuditEntry]) -> None:
    """Append entries to the access chain in a transaction of their own (the access chain's lock,
    not the write lock nor the record chain's: no push waits for it)."""
    with audit_writer(engine) as conn:
        append(conn, entries, ACCESS)


def _rows(conn: Connection, chain: Chain, page: int, last: list[Any]) -> Iterator[dict[str, Any]]:
    """Every row of chain in order, read in pages; last holds the newest [audit_id, hash] seen."""
    after = chain.first_id - 1
    while True:
        batch = conn.execute(
            select(audit_log).where(audit_log.c.audit_id > after, chain.rows())
            .order_by(audit_log.c.audit_id).limit(page)
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
    """Walk both chains in pages and check each ends at its recorded head and agrees with every
    signed checkpoint (audit_id -> hash) in its range; None when intact, else the first bad row
    (the record chain's first). AuditKeyMismatch when the log is keyed and this engine has no key."""
    checkpoints = checkpoints or {}
    with reader(engine) as conn:
        key = chain_key(conn)
        stored = meta.get(conn, SCHEME_KEY) or "sha256"
        if key is None and stored != "sha256":
            _check_scheme(key, stored)
        for chain in CHAINS:
            own = {audit_id: hash_ for audit_id, hash_ in checkpoints.items()
                   if chain.holds(audit_id)}  # fmt: skip
            broken = _verify_chain(conn, chain, page, key, own)
            if broken is not None:
                return broken
    if key is not None and stored != key_id(key):
        return ChainBreak(1, f"the chain is marked as hashed with {stored}, not this server's key")
    return None


def _verify_chain(conn: Connection, chain: Chain, page: int, key: bytes | None,
                  checkpoints: Mapping[int, str]) -> ChainBreak | None:  # fmt: skip
    last: list[Any] = []
    differs: list[ChainBreak] = []
    broken = verify_chain(_against(_rows(conn, chain, page, last), checkpoints, differs), key)
    head = meta.get(conn, chain.head_key)
    if differs and (broken is None or differs[0].audit_id <= broken.audit_id):
        return differs[0]
    if broken is not None:
        return broken
    newest = max(checkpoints, default=0)
    if newest and (not last or last[0] < newest):
        ends = f"row {last[0]}" if last else "no row"
        return ChainBreak(
            newest, f"the {chain.name} chain ends at {ends}, but a signed checkpoint holds row "
            f"{newest}"
        )  # fmt: skip
    if head is None:
        return None
    head_id, head_hash = head.split(":", 1)
    if not last or int(head_id) != last[0] or head_hash != last[1]:
        ends = f"row {last[0]}" if last else "no row"
        return ChainBreak(
            int(head_id),
            f"the {chain.name} chain ends at {ends}, but row {head_id} was the last written",
        )
    return None


def key_chain(engine: Engine) -> int:
    """Key unkeyed (SHA-256) chains with the engine's audit key: verify each as it is, then rehash
    every row under the key and record that it was done. Returns the rows rehashed (0 when the
    log is already keyed with this key); AuditKeyMismatch when keyed with another key."""
    with writer(engine) as conn:
        for chain in CHAINS:  # no audit row is appended while the chains are rehashed
            lock_audit_chain(conn, chain.lock_id)
        key = chain_key(conn)
        stored = meta.get(conn, SCHEME_KEY) or "sha256"
        if key is None or stored == key_id(key):
            return 0
        if stored != "sha256":
            _check_scheme(key, stored)
        for chain in CHAINS:
            broken = verify_chain(_rows(conn, chain, 5000, []))
            if broken is not None:
                raise AuditKeyMismatch(
                    f"the unkeyed audit chain is broken at row {broken.audit_id} ({broken.reason});"
                    " it is left as it is, unkeyed: look into it before keying"
                )
        count = sum(_rehash(conn, chain, key) for chain in CHAINS)
        meta.put(conn, SCHEME_KEY, key_id(key))
        append(conn, [AuditEntry("audit_chain_keyed", None, detail={"rows": count})])
    return count


def _rehash(conn: Connection, chain: Chain, key: bytes) -> int:
    prev, count = GENESIS, 0
    for row in list(_rows(conn, chain, 5000, [])):
        row["prev_hash"], row["hash"] = prev, row_hash(prev, row, key)
        conn.execute(update(audit_log).where(audit_log.c.audit_id == row["audit_id"])
                     .values(prev_hash=row["prev_hash"], hash=row["hash"]))  # fmt: skip
        prev, count = row["hash"], count + 1
    if count:
        meta.put(conn, chain.head_key, f"{row['audit_id']}:{prev}")
    return count
