"""Group commit of read-audit rows: many pulls, one audit transaction.

Every pull that returns events is audited (`bulk_pull`) before it is answered. Each audit row is a
durable commit in the access chain (audit.record: its own lock, neither the write lock nor the
record chain's, so no push waits for it), and one transaction per pull would cap a busy hospital's
pulls at the disk's commit rate. Here the
requests hand their rows to one writer thread and wait: while it commits one group, the next
group gathers, and each request is answered only after its own row is committed."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field

from sqlalchemy import Engine

from workstation.server import audit
from workstation.server.audit import AuditEntry

MAX_GROUP = 1000  # rows per audit transaction


@dataclass
class _Waiting:
    entries: list[AuditEntry]
    done: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None
    future: Future[None] = field(default_factory=Future)  # the same outcome, to await


class AuditGroup:
    """Commits audit rows handed in by many threads in shared transactions, in hand-in order."""

    def __init__(self, engine: Engine):
        self._engine = engine
        self._queue: queue.SimpleQueue[_Waiting] = queue.SimpleQueue()
        self._start = threading.Lock()
        self._thread: threading.Thread | None = None

    def record(self, entries: list[AuditEntry]) -> None:
        """Return once the entries are committed; raise what their transaction raised."""
        waiting = self._hand_in(entries)
        waiting.done.wait()
        if waiting.error is not None:
            raise waiting.error

    def submit(self, entries: Iterable[AuditEntry]) -> Future[None]:
        """Hand the entries in without waiting: the future is done once they are committed (or
        holds their transaction's error). A caller that answers a read must await it first."""
        return self._hand_in(entries).future

    def _hand_in(self, entries: Iterable[AuditEntry]) -> _Waiting:
        waiting = _Waiting(list(entries))
        self._queue.put(waiting)
        self._ensure_thread()
        return waiting

    def _ensure_thread(self) -> None:
        with self._start:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="cw-audit-group", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        while True:
            group = [self._queue.get()]
            rows = len(group[0].entries)
            while rows < MAX_GROUP:
                try:
                    group.append(self._queue.get_nowait())
                except queue.Empty:
                    break
                rows += len(group[-1].entries)
            self._commit(group)

    def _commit(self, group: list[_Waiting]) -> None:
        try:
            audit.record(self._engine, [entry for waiting in group for entry in waiting.entries])
        except BaseException as exc:  # noqa: BLE001 - every waiting request gets the failure
            for waiting in group:
                waiting.error = exc
        finally:
            for waiting in group:
                waiting.done.set()
                if waiting.error is None:
                    waiting.future.set_result(None)
                else:
                    waiting.future.set_exception(waiting.error)
