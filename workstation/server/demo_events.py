"""The demo loader's event log: facts stamped in the past, sent in time order as one device."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from workstation.clock import iso
from workstation.ids import uuid7

DEVICE_ID = "demo-loader"

# The demo ward is in China (UTC+8); ward routines (drug rounds, vitals rounds) are local times.
LOCAL = timezone(timedelta(hours=8))

# Ward drug-round hours per frequency code (a ward convention, not a clinical rule).
ROUND_HOURS: dict[str, tuple[int, ...]] = {
    "qd": (8,), "bid": (8, 20), "tid": (8, 14, 20), "qid": (8, 12, 16, 20), "q6h": (0, 6, 12, 18),
    "q8h": (0, 8, 16), "q12h": (8, 20), "qn": (21,),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Pending:
    at: datetime
    order: int
    event_id: str
    type: str
    patient_id: str | None
    author_id: str
    payload: dict[str, Any]


class DemoLog:
    """Events of the demo history; anything that would fall in the future is left out."""

    def __init__(self, now: datetime):
        self.now = now
        self._cutoff = now - timedelta(minutes=1)
        self._events: list[_Pending] = []

    def happened(self, at: datetime) -> bool:
        """True when a moment is already in the past (so an event there may be recorded)."""
        return at <= self._cutoff

    def add(
        self, at: datetime, event_type: str, *, author: str, payload: dict[str, Any],
        patient_id: str | None = None,
    ) -> str | None:  # fmt: skip
        """Record an event at `at`; returns its id, or None when `at` is not yet past."""
        if not self.happened(at):
            return None
        event_id = uuid7()
        self._events.append(
            _Pending(at, len(self._events), event_id, event_type, patient_id, author, payload)
        )
        return event_id

    def __len__(self) -> int:
        return len(self._events)

    def wire_events(self) -> list[dict[str, Any]]:
        """Every event as a wire dict, in time order, with device_seq counting up from 1."""
        ordered = sorted(self._events, key=lambda e: (e.at, e.order))
        return [
            {
                "event_id": e.event_id, "type": e.type, "patient_id": e.patient_id,
                "author_id": e.author_id, "device_id": DEVICE_ID, "device_seq": seq,
                "recorded_at": iso(e.at), "payload": e.payload,
            }
            for seq, e in enumerate(ordered, start=1)
        ]  # fmt: skip


def local_time(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time on the ward on a given day."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL)


def local_day(moment: datetime) -> date:
    """The ward's calendar date of a moment."""
    return moment.astimezone(LOCAL).date()


def hospital_day(admitted_at: datetime, number: int) -> date:
    """The calendar date of hospital day `number` (the admission date is day 1)."""
    return local_day(admitted_at) + timedelta(days=number - 1)


def times_between(start: datetime, end: datetime, hours: Sequence[int]) -> list[datetime]:
    """Every ward time at one of `hours` with start <= time < end."""
    found = []
    day = local_day(start)
    while local_time(day, 0) < end:
        found += [t for h in hours if start <= (t := local_time(day, h)) < end]
        day += timedelta(days=1)
    return found


def curve(spec: Sequence[Any], hours: float, settle_hours: float) -> float:
    """A value along a course: [start, end] reaches `end` after settle_hours,
    or [[hour, value], ...] is read piecewise-linearly; flat before and after."""
    points = [tuple(p) for p in spec] if isinstance(spec[0], list | tuple) else [
        (0.0, spec[0]), (settle_hours, spec[-1])
    ]  # fmt: skip
    if hours <= points[0][0]:
        return float(points[0][1])
    for (h0, v0), (h1, v1) in zip(points, points[1:], strict=False):
        if hours <= h1:
            return float(v0 + (v1 - v0) * (hours - h0) / (h1 - h0))
    return float(points[-1][1])
