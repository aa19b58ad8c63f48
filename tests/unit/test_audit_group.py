"""Group commit of pull audit rows (server/audit_group.py): every row is committed before its
request goes on, rows waiting together share one transaction, a failure reaches every waiter."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, select

from workstation.server import audit
from workstation.server.audit import AuditEntry
from workstation.server.audit_group import AuditGroup, _Waiting
from workstation.server.db import reader
from workstation.server.models import audit_log


def _entry(n: int) -> AuditEntry:
    return AuditEntry("bulk_pull", f"user-{n}", None, f"pc-{n}", {"events": n})


def _actors(engine: Engine) -> list[str]:
    with reader(engine) as conn:
        return list(
            conn.execute(select(audit_log.c.actor_id).order_by(audit_log.c.audit_id)).scalars()
        )


def test_each_request_goes_on_only_after_its_row_is_committed(server_engine: Engine) -> None:
    group = AuditGroup(server_engine)
    seen_after_return: dict[int, bool] = {}

    def request(n: int) -> None:
        group.record([_entry(n)])
        seen_after_return[n] = f"user-{n}" in _actors(server_engine)

    threads = [threading.Thread(target=request, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert seen_after_return == {n: True for n in range(12)}
    assert audit.verify(server_engine) is None  # one intact chain, whatever the grouping


def test_rows_that_wait_together_share_one_transaction(
    server_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    transactions: list[list[str]] = []
    real_record = audit.record

    def counting(engine: Engine, entries: Any) -> None:
        entries = list(entries)
        transactions.append([e.actor_id for e in entries])
        real_record(engine, entries)

    monkeypatch.setattr(audit, "record", counting)
    group = AuditGroup(server_engine)
    queued = [_Waiting([_entry(n)]) for n in range(5)]
    for waiting in queued:  # five requests already waiting when the writer thread starts
        group._queue.put(waiting)
    group.record([_entry(5)])
    assert all(waiting.done.is_set() and waiting.error is None for waiting in queued)
    assert transactions == [[f"user-{n}" for n in range(6)]]  # hand-in order, one commit


def test_a_failed_commit_is_raised_to_every_waiting_request(tmp_path: Any) -> None:
    broken = create_engine(f"sqlite:///{tmp_path}/no-such-schema.db")  # no audit table
    group = AuditGroup(broken)
    other = _Waiting([_entry(1)])
    group._queue.put(other)
    with pytest.raises(Exception, match="audit_log"):
        group.record([_entry(2)])
    assert other.done.is_set() and other.error is not None


def test_a_submitted_row_is_awaited_through_its_future(
    server_engine: Engine, tmp_path: Any
) -> None:
    submitted = AuditGroup(server_engine).submit([_entry(7)])
    assert submitted.result(timeout=60) is None and "user-7" in _actors(server_engine)
    broken = create_engine(f"sqlite:///{tmp_path}/no-such-schema.db")
    failed = AuditGroup(broken).submit([_entry(8)])
    assert "audit_log" in str(failed.exception(timeout=60))  # the poll that waits is not answered
