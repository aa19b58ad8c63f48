"""The audit chains have their own locks: a read's audit row (access chain) does not wait for a
push that holds the write lock, a push's audit rows (record chain) do not wait for a read's audit
commit, and appends from both kinds of transaction still make two intact chains."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Engine, event, func, select

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


def test_a_push_commits_while_a_reads_audit_commit_holds_its_chain_lock(
    server_engine: Engine,
) -> None:
    """load6: a read-audit group commit held the one chain lock until its commit reached the disk,
    so a push, holding the write lock, waited behind it and every write queued behind the push."""
    if is_sqlite(server_engine):
        pytest.skip("SQLite serialises every writer: there is no lock to tell apart")
    audit.record(server_engine, [_entry("first-reader")])  # a log begun: its key scheme stored
    appended, release = threading.Event(), threading.Event()

    def slow_commit(conn: object) -> None:  # the read audit's commit, waiting on the disk
        if threading.current_thread().name == "read-audit":
            appended.set()
            release.wait(timeout=30)

    event.listen(server_engine, "commit", slow_commit)
    reading = threading.Thread(
        target=audit.record, args=(server_engine, [_entry("reader")]), name="read-audit"
    )
    reading.start()
    try:
        assert appended.wait(timeout=20)  # its row appended, its chain lock held to commit
        pushed = threading.Event()

        def push() -> None:
            with writer(server_engine) as conn:
                audit.append(conn, [_entry("pusher")])
            pushed.set()

        threading.Thread(target=push).start()
        assert pushed.wait(timeout=10), "the push waited behind the read's audit commit"
    finally:
        release.set()
        reading.join(timeout=30)
        event.remove(server_engine, "commit", slow_commit)
    assert audit.verify(server_engine) is None


def test_appends_from_writes_and_reads_make_two_intact_chains(server_engine: Engine) -> None:
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
    for chain in audit.CHAINS:  # no gap, no id twice, each chain from its first id
        own = [audit_id for audit_id in ids if chain.holds(audit_id)]
        assert own == list(range(chain.first_id, chain.first_id + len(own)))
    assert actors == 30 and audit.verify(server_engine) is None
