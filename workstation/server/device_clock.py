"""Bounds on a device's clock, from the server's own receipts (no trust in the device's clock).

An event's `recorded_at` may not be later than the server's receipt plus MAX_CLOCK_SKEW_S
(`future_dated`). Nor may it be earlier than the device's own history allows (`backdated`):
a station numbers its events (`device_seq`) in recording order and sends its whole outbox, in
order, in each sync run (one `sync_id` for every push batch of the run). So an event with a
higher device_seq than every one the device sent in an earlier sync run was recorded after that
run's first push reached the server. The server keeps a "mark" per (device, sync run): the
highest device_seq received in the run and the receipt time of its first push. A later batch of
the same run is not judged by its own run's mark, unless the run is older than
SYNC_RUN_WINDOW_S (a station cannot keep one sync_id for ever). A device_seq already taken on
the device by another event is refused too (device_seq is gap-free and unique per device).

The lower bound also decides the archive (record_lock.decide): a fact counts as recorded before
the archive reached the server only if its bound allows it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache

from sqlalchemy import Connection, func, null, or_, select, union_all
from sqlalchemy.dialects.postgresql import Insert as PostgresInsert
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import Insert as SqliteInsert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from workstation.clock import MAX_CLOCK_SKEW_S, iso, parse_iso
from workstation.events.envelope import Event
from workstation.server.models import device_sync_marks, events

SYNC_RUN_WINDOW_S = 15 * 60
MAX_SYNC_ID_LENGTH = 64


@lru_cache(maxsize=4096)  # a batch asks the same few bounds for each of its events
def _shift(at: str, seconds: float) -> str:
    return iso(parse_iso(at) + timedelta(seconds=seconds))


@dataclass
class _History:
    """One device's marks that bound this batch: `base` from marks below the batch's lowest
    device_seq, `steps` (max_seq, first receipt) for marks within the batch's range."""

    base: str | None = None
    steps: list[tuple[int, str]] = field(default_factory=list)

    def not_before(self, device_seq: int) -> str | None:
        """The latest first receipt of a counted mark whose highest seq is below device_seq."""
        later = [at for seq, at in self.steps if seq < device_seq]
        return max([self.base, *later] if self.base else later, default=None)


@dataclass
class DeviceClock:
    """What one push batch knows of its devices' time: receipt, marks, device_seqs taken."""

    pusher_device: str
    sync_id: str
    received_at: str
    histories: dict[str, _History]
    taken: dict[tuple[str, int], str]  # (device_id, device_seq) -> event_id
    high: int  # the pushing device's highest device_seq received in this push, whatever its result

    def not_before(self, event: Event) -> str | None:
        """The server time before which this event cannot have been recorded, if known."""
        history = self.histories.get(event.device_id)
        return history.not_before(event.device_seq) if history else None

    def problem(self, event: Event) -> tuple[str, str] | None:
        """(code, message) when the event's device time or device_seq is impossible, else None."""
        holder = self.taken.get((event.device_id, event.device_seq))
        if holder is not None and holder != event.event_id:
            return "device_seq_taken", (
                f"device_seq {event.device_seq} of {event.device_id} already belongs to event {holder}"
            )  # fmt: skip
        if event.recorded_at > _shift(self.received_at, MAX_CLOCK_SKEW_S):
            return "future_dated", (
                f"recorded at {event.recorded_at}, but the server received it at {self.received_at}: "
                f"more than {MAX_CLOCK_SKEW_S // 60} minutes in the future (is the computer's clock right?)"
            )  # fmt: skip
        bound = self.not_before(event)
        if bound is not None and event.recorded_at < _shift(bound, -MAX_CLOCK_SKEW_S):
            return "backdated", (
                f"recorded at {event.recorded_at}, but device {event.device_id} recorded it "
                f"(device_seq {event.device_seq}) after its sync of {bound} reached the server: "
                f"it cannot be more than {MAX_CLOCK_SKEW_S // 60} minutes earlier than that"
            )  # fmt: skip
        return None

    def accept(self, event: Event) -> None:
        """An accepted event takes its device_seq for the rest of the batch."""
        self.taken[(event.device_id, event.device_seq)] = event.event_id


def load(
    conn: Connection, batch: list[Event], *, pusher_device: str, sync_id: str, received_at: str
) -> DeviceClock:
    """The marks and taken device_seqs that bound a batch pushed from `pusher_device`."""
    stale = _shift(received_at, -SYNC_RUN_WINDOW_S)
    m = device_sync_marks.c
    counted = or_(m.sync_id != sync_id, m.first_received_at < stale)
    histories: dict[str, _History] = {}
    taken: dict[tuple[str, int], str] = {}
    for device_id in sorted({e.device_id for e in batch}):
        seqs = sorted({e.device_seq for e in batch if e.device_id == device_id})
        mine = (m.device_id == device_id, counted)
        # one statement: the base (max_seq NULL) and the steps within the batch's range
        base_row = select(null().label("max_seq"), func.max(m.first_received_at).label("at")).where(
            *mine, m.max_seq < seqs[0])  # fmt: skip
        step_rows = select(m.max_seq, m.first_received_at.label("at")).where(
            *mine, m.max_seq >= seqs[0], m.max_seq < seqs[-1])  # fmt: skip
        history = _History()
        for row in conn.execute(union_all(base_row, step_rows)):
            if row.max_seq is None:
                history.base = row.at
            else:
                history.steps.append((row.max_seq, row.at))
        histories[device_id] = history
        for start in range(0, len(seqs), 500):
            rows = conn.execute(select(events.c.event_id, events.c.device_seq).where(
                events.c.device_id == device_id, events.c.device_seq.in_(seqs[start : start + 500])))  # fmt: skip
            taken.update(((device_id, r.device_seq), r.event_id) for r in rows)
    high = max((e.device_seq for e in batch if e.device_id == pusher_device), default=0)
    return DeviceClock(pusher_device, sync_id, received_at, histories, taken, high)


def save(conn: Connection, clock: DeviceClock) -> None:
    """Keep this push's mark: the highest device_seq received from the pushing device in this
    sync run, and the run's first receipt (kept from the run's first push)."""
    if clock.high == 0:
        return
    upsert = _insert(conn).values(
        device_id=clock.pusher_device, sync_id=clock.sync_id, max_seq=clock.high,
        first_received_at=clock.received_at)  # fmt: skip
    kept = device_sync_marks.c.max_seq
    conn.execute(upsert.on_conflict_do_update(  # one statement: the run's first receipt stays
        index_elements=["device_id", "sync_id"], set_={"max_seq": upsert.excluded.max_seq},
        where=kept < upsert.excluded.max_seq))  # fmt: skip


def _insert(conn: Connection) -> PostgresInsert | SqliteInsert:
    """An INSERT into the marks in the connection's dialect (which has ON CONFLICT)."""
    if conn.dialect.name == "postgresql":
        return postgresql_insert(device_sync_marks)
    return sqlite_insert(device_sync_marks)
