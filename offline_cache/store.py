"""The local event store: a write puts the event, its projection change and its outbox row in
one SQLite transaction (sync rule 1); "saved" is true only after that commit."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import orjson
import sqlcipher3
from sqlalchemy import Connection, Engine, bindparam, column, delete, func, insert, select, update
from sqlalchemy.exc import OperationalError

from offline_cache import state
from offline_cache.chart_cache import ChartCache
from offline_cache.reference import ReferenceData
from offline_cache.tables import local_events, outbox
from workstation.clock import now_iso
from workstation.events.envelope import Event, canonical_json
from workstation.events.validation import validate_event
from workstation.ids import uuid7
from workstation.projections.projector import apply_events, rebuild_patients
from workstation.security.signing import Signer

LIVE_STATES = ("pending", "accepted")


# A list of ids as ONE parameter, a JSON array read by SQLite's json_each: `column IN
# (SELECT value FROM json_each(:ids))`. The statement is compiled once; an IN list of a batch's
# thousand ids rendered a bind parameter per id at every execution (~5 µs an id).
IDS = select(column("value")).select_from(func.json_each(bindparam("ids"))).scalar_subquery()


def id_list(ids: Iterable[str]) -> str:
    """The `ids` parameter of IDS."""
    return orjson.dumps(list(ids)).decode()


_DROP_FROM_OUTBOX = delete(outbox).where(outbox.c.event_id.in_(IDS))


class StorageFull(OSError):
    """The local disk is full; the write was rolled back whole."""  # the events a projection is folded from


# local_events' columns in Event's field order: read by position (event_of_values), an event
# costs a few microseconds; by name on a Row (row.event_id...) it cost some 14 µs.
EVENT_COLUMNS = tuple(
    local_events.c[name]
    for name in ("event_id", "type", "patient_id", "author_id", "device_id", "device_seq",
                 "recorded_at", "payload", "server_seq", "received_at", "signature")
)  # fmt: skip


def event_of_values(values: Sequence[Any]) -> Event:
    """An Event from a row that starts with the values of EVENT_COLUMNS, in that order."""
    return Event(values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                 orjson.loads(values[7]), values[8], values[9], values[10])  # fmt: skip


def row_to_event(row: Any) -> Event:
    """An Event from a local_events row."""
    return Event(
        event_id=row.event_id, type=row.type, patient_id=row.patient_id, author_id=row.author_id,
        device_id=row.device_id, device_seq=row.device_seq, recorded_at=row.recorded_at,
        payload=orjson.loads(row.payload), server_seq=row.server_seq, received_at=row.received_at,
        signature=row.signature,
    )  # fmt: skip


class LocalStore:
    """Writes and reads of the replica; every method opens and closes its own transaction."""

    def __init__(self, engine: Engine, device_id: str):
        self.engine = engine
        self.device_id = device_id
        self.reference = ReferenceData(self)  # the formulary and knowledge in force here
        self.chart_cache = ChartCache()  # the last charts opened, while their rows are unchanged

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction (BEGIN IMMEDIATE) that commits durably on exit.
        A full disk rolls the whole transaction back and raises StorageFull."""
        try:
            with self.engine.connect().execution_options(writer=True) as conn, conn.begin():
                yield conn
        except (OperationalError, sqlcipher3.dbapi2.OperationalError) as exc:
            # a failing COMMIT surfaces as the driver's own error, not SQLAlchemy's
            if "full" in str(exc).lower():
                raise StorageFull(
                    "The computer's disk is full: this entry was NOT saved (nothing else was lost). "
                    "Free some space or call IT, then save again."
                ) from exc
            raise

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read transaction on one snapshot."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def record(
        self, event_type: str, *, patient_id: str | None, payload: dict[str, Any], author_id: str,
        signer: Signer | None,
    ) -> Event:  # fmt: skip
        """Validate, sign with the author's key and save one new clinical event; raises InvalidEvent
        and saves nothing when it is wrong. Without a signer (a test's made-up session) the event
        is saved unsigned, and the server will refuse it."""
        with self.writing() as conn:
            device_seq = state.get_int(conn, "device_seq") + 1
            event = validate_event(Event(
                event_id=uuid7(), type=event_type, patient_id=patient_id, author_id=author_id,
                device_id=self.device_id, device_seq=device_seq, recorded_at=now_iso(), payload=payload,
            ))  # fmt: skip
            if signer is not None:
                event = signer.sign_event(event)
            state.put(conn, "device_seq", device_seq)
            local_seq = self._insert(conn, event, origin="local", event_state="pending")
            conn.execute(
                insert(outbox).values(local_seq=local_seq, event_id=event.event_id, attempts=0)
            )
            apply_events(conn, [event])
        return event

    @staticmethod
    def _insert(conn: Connection, event: Event, *, origin: str, event_state: str) -> int:
        result = conn.execute(insert(local_events).values(
            event_id=event.event_id, type=event.type, patient_id=event.patient_id, author_id=event.author_id,
            device_id=event.device_id, device_seq=event.device_seq, recorded_at=event.recorded_at,
            payload=canonical_json(event.payload), server_seq=event.server_seq, received_at=event.received_at,
            state=event_state, origin=origin, signature=event.signature,
        ))  # fmt: skip
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def patient_events(self, conn: Connection, patient_id: str) -> list[Event]:
        """A patient's live events in fold order: server order first, then the outbox in local order."""
        e = local_events.c
        rows = conn.execute(
            select(*EVENT_COLUMNS)
            .where(e.patient_id == patient_id, e.state.in_(LIVE_STATES))
            .order_by(e.server_seq.is_(None), e.server_seq, e.local_seq)
        ).all()
        return [event_of_values(row) for row in rows]

    def rebuild(self, conn: Connection, patient_ids: Iterable[str]) -> None:
        """Fold the named patients' projections again from their local events, 100 patients
        at a time (one query for their events and one DELETE per projection table)."""
        ids = sorted(set(patient_ids))
        for start in range(0, len(ids), 100):
            rebuild_patients(conn, self._live_events(conn, ids[start : start + 100]))

    @staticmethod
    def _live_events(conn: Connection, patient_ids: list[str]) -> dict[str, list[Event]]:
        """Each patient's live events in fold order (as patient_events), in one query."""
        e = local_events.c
        found: dict[str, list[Event]] = {patient_id: [] for patient_id in patient_ids}
        rows = conn.execute(
            select(*EVENT_COLUMNS)
            .where(e.patient_id.in_(patient_ids), e.state.in_(LIVE_STATES))
            .order_by(e.server_seq.is_(None), e.server_seq, e.local_seq)
        )
        for row in rows:
            event = event_of_values(row)
            found[event.patient_id or ""].append(event)
        return found

    def needs_attention(self, patient_id: str | None = None) -> list[dict[str, Any]]:
        """Rejected events not yet amended or voided, oldest first, with the server's reason."""
        e = local_events.c
        query = select(local_events).where(e.state == "rejected").order_by(e.local_seq)
        if patient_id is not None:
            query = query.where(e.patient_id == patient_id)
        with self.reading() as conn:
            return [
                {**dict(r._mapping), "payload": orjson.loads(r.payload)}
                for r in conn.execute(query)
            ]

    def void_rejected(self, event_id: str, *, reason: str, user_id: str) -> None:
        """Close a rejected event with a reason: it stays on this PC, visible as voided."""
        if not reason.strip():
            raise ValueError("a reason is required to void an event")
        with self.writing() as conn:
            self._resolve(
                conn, event_id, resolution="voided", reason=f"{reason} (by {user_id})", by=None
            )

    def amend_rejected(
        self, event_id: str, *, payload: dict[str, Any], author_id: str, signer: Signer | None
    ) -> Event:  # fmt: skip
        """Replace a rejected event by a corrected new one (same type and patient), sent like any other."""
        with self.reading() as conn:
            row = conn.execute(
                select(local_events).where(local_events.c.event_id == event_id)
            ).first()
        if row is None or row.state != "rejected":
            raise ValueError("only a rejected event can be amended")
        amended = self.record(
            row.type, patient_id=row.patient_id, payload=payload, author_id=author_id, signer=signer
        )
        with self.writing() as conn:
            self._resolve(conn, event_id, resolution="amended", reason=None, by=amended.event_id)
        return amended

    @staticmethod
    def _resolve(
        conn: Connection, event_id: str, *, resolution: str, reason: str | None, by: str | None
    ) -> None:
        found = conn.execute(
            update(local_events)
            .where(local_events.c.event_id == event_id, local_events.c.state == "rejected")
            .values(
                state="resolved", resolution=resolution, resolution_reason=reason, resolved_by=by
            )
        )
        if found.rowcount != 1:
            raise ValueError("no rejected event with that id")

    def pending_count(self) -> int:
        """Events waiting in the outbox."""
        with self.reading() as conn:
            return int(conn.execute(select(func.count()).select_from(outbox)).scalar_one())

    def drop_from_outbox(self, conn: Connection, event_ids: list[str]) -> None:
        """Remove answered events from the outbox (inside the caller's transaction)."""
        if event_ids:
            conn.execute(_DROP_FROM_OUTBOX, {"ids": id_list(event_ids)})
