"""The push half of sync: the outbox goes to the server in order, a batch at a time.

While the server weighs one batch (parse, signatures, rules, commit), the station reads and
encodes the next one, so the two machines work at the same time instead of taking turns. Batches
still reach the server strictly one after another: the next is sent only when the answer to the
previous one is recorded. An event whose reference was refused in this batch waits for its author
(sync rule 4), so when a batch comes back with refusals the batch read ahead is read again.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Connection, select

from offline_cache.link import ServerLink
from offline_cache.store import EVENT_COLUMNS, IDS, LocalStore, event_of_values, id_list
from offline_cache.tables import local_events, outbox
from workstation.events.envelope import Event
from workstation.events.vocabulary import referenced_event_ids
from workstation.ids import uuid7
from workstation.storage import update_rows

Progress = Callable[[str, int, int | None], None]


@dataclass(frozen=True, slots=True)
class _Batch:
    """Events to send now, how many were held back, and the outbox position read up to."""

    events: list[Event]
    held: int
    after: int

    @property
    def empty(self) -> bool:
        return not self.events and not self.held


class PushTally(Protocol):
    """The counters a push adds to (sync_client.SyncReport has them)."""

    accepted: int
    duplicates: int
    rejected: int
    blocked: int


class OutboxPusher:
    """Sends one replica's outbox; `check_epoch` raises when the server was restored meanwhile."""

    def __init__(
        self, store: LocalStore, link: ServerLink, batch_size: int,
        check_epoch: Callable[[str | None], None],
    ):  # fmt: skip
        self.store, self.link, self.batch_size = store, link, batch_size
        self.check_epoch = check_epoch

    def push(self, report: PushTally, progress: Progress) -> None:
        """Send the outbox in order; record each batch's results in one transaction. Every batch
        of this run names the run (`sync_id`): the server bounds device time by it.

        When a batch comes back with nothing refused, the next one (already read) goes out at
        once and this batch's results are recorded while the server weighs it: what the next
        batch holds back cannot change then. After a refusal the results are recorded first and
        the next batch read again, as rule 4 needs. An answer not recorded (a crash in between)
        leaves its events in the outbox, and the server answers them as duplicates next time."""
        sync_id = uuid7()
        total, done = self.store.pending_count(), 0
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="cw-push") as sender:
            batch, answer = self._next_batch(0), None
            while not batch.empty:
                report.blocked += batch.held
                if not batch.events:
                    batch = self._next_batch(batch.after)
                    continue
                answer = answer or sender.submit(self._send, batch.events, sync_id)
                upcoming = self._next_batch(batch.after)  # read while the server works
                reply, answer = answer.result(), None
                self.check_epoch(reply.get("epoch"))
                if upcoming.events and _all_stored(reply["results"]):
                    answer = sender.submit(self._send, upcoming.events, sync_id)
                if self._record_results(batch.events, reply["results"], report):
                    upcoming = self._next_batch(batch.after)  # its held-back set may have grown
                done += len(batch.events)
                progress("push", done, total)
                batch = upcoming

    def _send(self, batch: list[Event], sync_id: str) -> Any:
        """POST one batch (in the sender thread: encoding it included)."""
        body = {"events": [e.to_wire() for e in batch], "sync_id": sync_id}
        return self.link.request("POST", "/sync/push", body=body)

    def _next_batch(self, after: int) -> _Batch:
        o, e = outbox.c, local_events.c
        with self.store.reading() as conn:
            rows = conn.execute(
                select(*EVENT_COLUMNS, o.local_seq.label("queued_seq"))
                .join(local_events, e.local_seq == o.local_seq)
                .where(o.local_seq > after)
                .order_by(o.local_seq)
                .limit(self.batch_size)
            ).all()
            events = [event_of_values(r) for r in rows]
            held = _held_back(conn, events)
        if not rows:
            return _Batch([], 0, after)
        kept = [ev for ev in events if ev.event_id not in held]
        return _Batch(kept, len(held), rows[-1].queued_seq)

    def _record_results(
        self, batch: list[Event], results: list[dict[str, Any]], report: PushTally
    ) -> bool:
        """Store the server's verdicts; True when any event of the batch was refused."""
        by_id = {r.get("event_id"): r for r in results}
        rejected_patients: set[str] = set()
        stored: list[dict[str, Any]] = []  # accepted or duplicate
        refused: list[dict[str, Any]] = []
        for event in batch:
            result = by_id.get(event.event_id)
            if result is None or result["status"] == "blocked":
                report.blocked += result is not None
                continue  # not decided: stays in the outbox
            if result["status"] in ("accepted", "duplicate"):
                report.accepted += result["status"] == "accepted"
                report.duplicates += result["status"] == "duplicate"
                stored.append({"event_id": event.event_id, "state": "accepted",
                               "server_seq": result["server_seq"]})  # fmt: skip
            else:
                report.rejected += 1
                refused.append({"event_id": event.event_id, "state": "rejected",
                                "reject_code": result.get("code"), "reject_message": result.get("message")})  # fmt: skip
                if event.patient_id:
                    rejected_patients.add(event.patient_id)
        with self.store.writing() as conn:  # one executemany per outcome, not a statement per event
            update_rows(conn, local_events, "event_id", stored)
            update_rows(conn, local_events, "event_id", refused)
            self.store.drop_from_outbox(conn, [row["event_id"] for row in stored + refused])
            self.store.rebuild(conn, rejected_patients)
        return bool(refused)


def _all_stored(results: list[dict[str, Any]]) -> bool:
    """True when the server accepted every event of the answer (or had it already)."""
    return all(r.get("status") in ("accepted", "duplicate") for r in results)


_UNSETTLED = select(local_events.c.event_id).where(
    local_events.c.event_id.in_(IDS), local_events.c.state.in_(("rejected", "resolved"))
)


def _held_back(conn: Connection, batch: list[Event]) -> set[str]:
    """Events that depend on a rejected one wait until their author settles it (rule 4)."""
    refs = {ev.event_id: referenced_event_ids(ev.type, ev.payload) for ev in batch}
    wanted = sorted({r for ids in refs.values() for r in ids})
    if not wanted:
        return set()
    bad = set(conn.execute(_UNSETTLED, {"ids": id_list(wanted)}).scalars())
    held: set[str] = set()
    for ev in batch:  # a dependant of a held event is held too
        if any(r in bad or r in held for r in refs[ev.event_id]):
            held.add(ev.event_id)
    return held
