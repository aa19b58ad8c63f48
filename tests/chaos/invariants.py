"""What must hold once every workstation has synced to quiescence, whatever faults came before.

1. Every event a workstation saved is on the server exactly once with the same content hash,
   or it was rejected and shows in that workstation's `needs_attention()` (or waits, held back
   behind a rejected event it depends on).
2. No event is on the server twice: event_id, server_seq and (device_id, device_seq) are unique.
3. The projection rows of every patient in a workstation's scope are identical on the server
   and on the replica.
4. A workstation's pull cursor never went backwards within one server epoch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, or_, select

from offline_cache import state
from offline_cache.link import Offline
from offline_cache.store import row_to_event
from offline_cache.sync_client import SyncReport
from offline_cache.tables import local_events, outbox
from offline_cache.workstation import Workstation
from workstation.events.vocabulary import referenced_event_ids
from workstation.projections import tables as pt
from workstation.server.models import events as server_events

SETTLED = ("rejected", "resolved")


class NotQuiet(AssertionError):
    """The workstations did not reach quiescence within the allowed rounds."""


@dataclass
class CursorLog:
    """The (epoch, cursor) of each workstation after every successful sync."""

    seen: dict[str, list[tuple[str | None, int]]] = field(default_factory=dict)

    def record(self, name: str, ws: Workstation) -> None:
        """Note where this workstation's pull cursor is now."""
        status = ws.status()
        self.seen.setdefault(name, []).append((status.epoch, status.cursor))

    def problems(self) -> list[str]:
        """Every time a cursor moved backwards inside one epoch."""
        found = []
        for name, history in self.seen.items():
            for (epoch_a, cursor_a), (epoch_b, cursor_b) in zip(history, history[1:], strict=False):
                if epoch_a == epoch_b and cursor_b < cursor_a:
                    found.append(
                        f"{name}: cursor went back from {cursor_a} to {cursor_b} in epoch {epoch_a}"
                    )
        return found


def sync_to_quiescence(
    workstations: Mapping[str, Workstation],
    log: CursorLog,
    *,
    max_rounds: int = 40,
    before_sync: Callable[[], None] | None = None,
) -> list[SyncReport]:
    """Sync every workstation in turn until one whole round succeeds with nothing new accepted
    and nothing sendable left; returns the reports of every successful sync."""
    reports: list[SyncReport] = []
    for _round in range(max_rounds):
        quiet = True
        for name, ws in workstations.items():
            if before_sync is not None:
                before_sync()
            try:
                report = ws.sync()
            except Offline:
                quiet = False
                continue
            reports.append(report)
            log.record(name, ws)
            if report.accepted or report.epoch_changed or ws.status().waiting > report.blocked:
                quiet = False
        if quiet:
            return reports
    raise NotQuiet(f"no quiet round after {max_rounds} rounds of sync")


@dataclass(frozen=True)
class ServerEvent:
    """What the server's event log holds for one event."""

    content_hash: str
    server_seq: int


def server_event_index(conn: Connection) -> tuple[dict[str, ServerEvent], list[str]]:
    """The server's events by event_id, and any duplication found in its log."""
    e = server_events.c
    rows = conn.execute(
        select(e.event_id, e.content_hash, e.server_seq, e.device_id, e.device_seq)
    ).all()
    problems = []
    for label, key in (("event_id", lambda r: r.event_id), ("server_seq", lambda r: r.server_seq),
                       ("device_id/device_seq", lambda r: (r.device_id, r.device_seq))):  # fmt: skip
        twice = [k for k, n in Counter(key(r) for r in rows).items() if n > 1]
        problems += [f"server holds {label} {k} more than once" for k in twice]
    return {r.event_id: ServerEvent(r.content_hash, r.server_seq) for r in rows}, problems


def exactly_once_problems(
    index: Mapping[str, ServerEvent], name: str, ws: Workstation
) -> list[str]:
    """Invariant 1 for one workstation's own saved events."""
    with ws.store.reading() as conn:
        rows = conn.execute(select(local_events).where(local_events.c.origin == "local")).all()
        queued = {r.event_id for r in conn.execute(select(outbox.c.event_id))}
    attention = {item["event_id"] for item in ws.needs_attention()}
    settled = {r.event_id for r in rows if r.state in SETTLED}
    problems = []
    for row in rows:
        event = row_to_event(row)
        on_server = index.get(event.event_id)
        if row.state == "rejected":
            if event.event_id not in attention:
                problems.append(f"{name}: rejected {event.event_id} is not in needs_attention()")
            if on_server is not None:
                problems.append(f"{name}: {event.event_id} is rejected locally but on the server")
        elif row.state == "pending":
            if not _held_behind(event, settled, queued):
                problems.append(f"{name}: {event.type} {event.event_id} never reached the server")
        elif row.state == "accepted":
            if on_server is None:
                problems.append(f"{name}: accepted {event.event_id} is missing on the server")
            elif on_server.content_hash != event.content_hash():
                problems.append(f"{name}: {event.event_id} differs from the server's copy")
            elif on_server.server_seq != row.server_seq:
                problems.append(
                    f"{name}: {event.event_id} has server_seq {row.server_seq}, server {on_server.server_seq}"
                )
    return problems


def _held_behind(event: Any, settled: set[str], queued: set[str]) -> bool:
    refs = referenced_event_ids(event.type, event.payload)
    return event.event_id in queued and any(ref in settled for ref in refs)


def _columns(table: Table) -> list[str]:
    return [str(c.name) for c in table.columns]


def _rows(conn: Connection, table: Table, patient_ids: list[str]) -> list[tuple[Any, ...]]:
    if "patient_id" not in table.c:
        query = select(table)
    elif table is pt.patients:
        query = select(table).where(table.c.patient_id.in_(patient_ids))
    else:
        query = select(table).where(
            or_(table.c.patient_id.in_(patient_ids), table.c.patient_id.is_(None))
        )
    rows = conn.execute(query.order_by(*table.primary_key.columns)).all()
    return [tuple(_normal(v) for v in row) for row in rows]


def _normal(value: Any) -> Any:
    return round(value, 9) if isinstance(value, float) else value


def projection_problems(server: Engine, name: str, ws: Workstation) -> list[str]:
    """Invariant 3: per patient in scope, every projection table matches the server."""
    with ws.store.reading() as conn:
        wards = [w for w in (state.get(conn, "scope_wards") or "").split(",") if w]
        local_ids = {r[0] for r in conn.execute(select(pt.patients.c.patient_id))}
        e = local_events.c
        waiting = {
            r[0] for r in conn.execute(select(e.patient_id).where(e.state == "pending").distinct())
        }
    with server.connect() as conn:
        ward_ids = {
            r[0]
            for r in conn.execute(
                select(pt.patients.c.patient_id).where(pt.patients.c.ward_id.in_(wards))
            )
        }
    patient_ids = sorted((ward_ids | local_ids) - waiting)
    problems = []
    for table in pt.metadata.sorted_tables:
        with server.connect() as conn:
            on_server = _rows(conn, table, patient_ids)
        with ws.store.reading() as conn:
            on_replica = _rows(conn, table, patient_ids)
        if on_server != on_replica:
            problems.append(_describe_difference(name, table, on_server, on_replica))
    return problems


def _describe_difference(
    name: str, table: Table, server: list[tuple[Any, ...]], replica: list[tuple[Any, ...]]
) -> str:
    only_server, only_replica = set(server) - set(replica), set(replica) - set(server)
    columns = _columns(table)
    sample = [
        dict(zip(columns, r, strict=True)) for r in sorted(only_server | only_replica, key=repr)[:2]
    ]
    return (f"{name}: projection {table.name} differs: {len(only_server)} rows only on the server, "
            f"{len(only_replica)} only on the replica, e.g. {sample}")  # fmt: skip


def server_event_count(server: Engine, device_ids: Iterable[str] | None = None) -> int:
    """Events on the server (optionally only those recorded by the given devices)."""
    query = select(func.count()).select_from(server_events)
    if device_ids is not None:
        query = query.where(server_events.c.device_id.in_(list(device_ids)))
    with server.connect() as conn:
        return int(conn.execute(query).scalar_one())


def invariant_problems(
    server: Engine, workstations: Mapping[str, Workstation], log: CursorLog
) -> list[str]:
    """Every invariant at quiescence, as a list of human-readable problems (empty when all hold)."""
    with server.connect() as conn:
        index, problems = server_event_index(conn)
    for name, ws in workstations.items():
        problems += exactly_once_problems(index, name, ws)
        problems += projection_problems(server, name, ws)
    return problems + log.problems()


def assert_invariants(
    server: Engine, workstations: Mapping[str, Workstation], log: CursorLog
) -> None:
    """Fail with every broken invariant listed."""
    problems = invariant_problems(server, workstations, log)
    assert not problems, "invariants broken:\n" + "\n".join(problems[:40])
