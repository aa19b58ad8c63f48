"""The audit chain has its own lock: a read's audit row does not wait for a push that holds the
write lock, and appends from both kinds of transaction still make one intact chain."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Engine, func, select

from workstation.server import audit
from workstation.server.audit import AuditEntry
from workstation.server.db import is_sqlite, reader, writer
from workstation.server.models import audit_log


def _entry(actor: str) -> AuditEntry:
    return AuditEntry("bulk_pull", actor, None, "pc-1", {"events": 1})


def test_a_reads_audit_row_is_committed_while_a_push_holds_the_write_lock(
    server_engine: Engine,
) -> None:
    if is_sqlite(server_engine):
        pytest.skip("SQLite serialises every writer: there is no lock to tell apart")
    done = threading.Event()
    with writer(server_engine):  # a push deciding its batch, before its own audit rows
        thread = threading.Thread(
            target=lambda: (audit.record(server_engine, [_entry("reader")]), done.set())
        )
        thread.start()
        assert done.wait(timeout=20), "the read's audit row waited for the write lock"
    thread.join(timeout=20)


def test_appends_from_writes_and_reads_make_one_intact_chain(server_engine: Engine) -> None:
    def push_like(n: int) -> None:
        with writer(server_engine) as conn:
            audit.append(conn, [_entry(f"push-{n}"), _entry(f"push-{n}b")])

    def read_like(n: int) -> None:
        audit.record(server_engine, [_entry(f"read-{n}")])

    threads = [
        threading.Thread(target=f, args=(n,)) for n in range(10) for f in (push_like, read_like)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with reader(server_engine) as conn:
        ids = list(
            conn.execute(select(audit_log.c.audit_id).order_by(audit_log.c.audit_id)).scalars()
        )
        actors = conn.execute(
            select(func.count()).where(
                audit_log.c.actor_id.like("push-%") | audit_log.c.actor_id.like("read-%")
            )
        ).scalar_one()
    assert ids == list(range(ids[0], ids[0] + len(ids)))  # no gap, no id twice
    assert actors == 30 and audit.verify(server_engine) is None
