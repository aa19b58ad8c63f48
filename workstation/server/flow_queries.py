"""The patient-flow figures, read from the flow projection (flow_store) for a set of wards.

- Movements by hour of day and day of week on the ward clock: admissions (a stay's first move),
  transfers in and out (moves begun or ended by a transfer; hospital-wide, a move between two
  wards counts once in and once out), discharges.
- Midnight census: the patients on a ward at 00:00 of each day (start <= midnight < end);
  occupancy is that census over the ward's beds.
- Length of stay: of the stays discharged in the period, by the ward they left from, in days;
  median and quartiles by linear interpolation between order statistics (numpy's default)."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import Connection, func, select

from workstation.clock import iso, parse_iso
from workstation.server.flow_fold import ADMISSION, DISCHARGE, TRANSFER
from workstation.server.models import flow_moves, flow_stays, wards

KINDS = ("admissions", "discharges", "transfers_in", "transfers_out")
LOS_BINS = 14  # one bar per day up to 14 days, then one for longer stays


def _in_wards(column: Any, ward_ids: Collection[str] | None) -> Any:
    return column.in_(sorted(ward_ids)) if ward_ids is not None else column.is_not(None)


def movement_counts(
    conn: Connection, ward_ids: Collection[str] | None, since: str
) -> dict[str, Any]:
    """Counts of each kind by hour (24) and by weekday (7, Monday first) since a moment."""
    m = flow_moves.c
    by_hour = {k: [0] * 24 for k in KINDS}
    by_weekday = {k: [0] * 7 for k in KINDS}
    sides = (
        ("start", m.start_kind, m.start_at, m.start_dow, m.start_hour,
         {ADMISSION: "admissions", TRANSFER: "transfers_in"}),
        ("end", m.end_kind, m.end_at, m.end_dow, m.end_hour,
         {DISCHARGE: "discharges", TRANSFER: "transfers_out"}),
    )  # fmt: skip
    for _, kind, at, dow, hour, names in sides:
        query = (
            select(kind, dow, hour, func.count())
            .where(_in_wards(m.ward_id, ward_ids), at >= since, kind.is_not(None))
            .group_by(kind, dow, hour)
        )
        for found_kind, found_dow, found_hour, count in conn.execute(query):
            name = names[found_kind]
            by_hour[name][found_hour] += count
            by_weekday[name][found_dow] += count
    return {"by_hour": by_hour, "by_weekday": by_weekday}


def ward_beds(conn: Connection, ward_ids: Collection[str] | None) -> dict[str, int]:
    """Beds per ward in scope."""
    rows = conn.execute(select(wards.c.ward_id, wards.c.beds)).all()
    return {
        r.ward_id: len([b for b in r.beds.split(",") if b])
        for r in rows
        if ward_ids is None or r.ward_id in ward_ids
    }


def midnights(first: date, last: date, zone: tzinfo) -> list[datetime]:
    """00:00 on the ward clock of each day from first to last."""
    return [
        datetime.combine(first + timedelta(days=n), time(0), tzinfo=zone)
        for n in range((last - first).days + 1)
    ]


def midnight_census(
    conn: Connection, ward_ids: Collection[str] | None, days: Sequence[datetime]
) -> dict[str, list[int]]:
    """Patients present at each of `days` (midnights), per ward."""
    if not days:
        return {}
    m = flow_moves.c
    first, last = iso(days[0]), iso(days[-1])
    query = select(m.ward_id, m.start_at, m.end_at).where(
        _in_wards(m.ward_id, ward_ids), m.start_at <= last,
        (m.end_at.is_(None)) | (m.end_at > first),
    )  # fmt: skip
    return census_of_moves(conn.execute(query).all(), days)


def census_of_moves(
    moves: Sequence[tuple[str, str, str | None]], days: Sequence[datetime]
) -> dict[str, list[int]]:
    """(ward, start, end or None) moves -> per ward, how many cover each midnight."""
    counts: dict[str, list[int]] = {}
    first = days[0]
    for ward_id, start_at, end_at in moves:
        start, end = parse_iso(start_at), parse_iso(end_at) if end_at else None
        row = counts.setdefault(ward_id, [0] * len(days))
        begin = max(0, math.ceil((start - first).total_seconds() / 86400))
        for index in range(begin, len(days)):
            if end is not None and end <= days[index]:
                break
            if start <= days[index]:
                row[index] += 1
    return counts


def quantile(values: Sequence[float], q: float) -> float:
    """The q-quantile of sorted values by linear interpolation (numpy's default method)."""
    position = (len(values) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def los_summary(days: Sequence[float]) -> dict[str, Any]:
    """Histogram (one-day bins, the last open), count, median and quartiles of stays in days."""
    ordered = sorted(days)
    histogram = [0] * (LOS_BINS + 1)
    for value in ordered:
        histogram[min(int(value), LOS_BINS)] += 1
    if not ordered:
        return {"count": 0, "histogram": histogram, "median": None, "q1": None, "q3": None}
    return {
        "count": len(ordered), "histogram": histogram,
        "median": round(quantile(ordered, 0.5), 2),
        "q1": round(quantile(ordered, 0.25), 2), "q3": round(quantile(ordered, 0.75), 2),
    }  # fmt: skip


def length_of_stay(
    conn: Connection, ward_ids: Collection[str] | None, since: str
) -> dict[str, Any]:
    """Length of stay of the stays discharged since a moment, by the ward they left from."""
    s = flow_stays.c
    query = select(s.admitted_at, s.discharged_at).where(
        _in_wards(s.ward_id, ward_ids), s.discharged_at >= since
    )
    days = [
        (parse_iso(out) - parse_iso(came)).total_seconds() / 86400
        for came, out in conn.execute(query)
    ]
    return los_summary(days)
