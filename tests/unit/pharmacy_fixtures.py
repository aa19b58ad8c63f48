"""A projection database folded from events, for the pharmacy's core tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, create_engine

from workstation.events import Event, event_problems
from workstation.ids import uuid7
from workstation.projections.projector import apply_events
from workstation.projections.tables import metadata

_seq = itertools.count(1)


def ev(event_type: str, payload: dict[str, Any], patient_id: str | None = None, *,
       at: str | None = None, author: str = "pharm-1") -> Event:  # fmt: skip
    """A valid event (checked here, so no test folds a malformed fact)."""
    seq = next(_seq)
    event = Event(uuid7(), event_type, patient_id, author, "dev-1", seq,
                  at or f"2026-03-01T08:{seq // 60 % 60:02d}:{seq % 60:02d}.000Z", payload)  # fmt: skip
    assert event_problems(event) == [], event_problems(event)
    return event


def fold(conn: Connection, *events: Event) -> list[Event]:
    """Fold the events into the projection and return them."""
    apply_events(conn, events)
    return list(events)


def receive(conn: Connection, drug: str, lot: str, expiry: str, quantity: float,
            location: str = "PHARM", unit: str = "cap") -> Event:  # fmt: skip
    """A StockReceived folded in."""
    payload = {"drug_code": drug, "lot": lot, "expiry": expiry, "location_id": location,
               "quantity": quantity, "unit": unit}  # fmt: skip
    return fold(conn, ev("StockReceived", payload))[0]


def projection_db() -> Iterator[Connection]:
    """A fresh in-memory projection database, one transaction per test (a fixture's body)."""
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.connect() as connection, connection.begin():
        yield connection
    engine.dispose()
