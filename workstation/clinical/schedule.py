"""MAR schedule expansion: the times a medication order's doses fall due.

Round times per frequency are a hospital setting (resources/settings/administration_times.json),
read as ward wall-clock times. A dose is due from the later of the order's start and its pharmacy
verification (a dose is not due before a pharmacist has verified it), until the end of its course
(duration_days) or the moment it was discontinued or completed. `st` is due once, at its start;
`prn` has no scheduled time; a rejected or voided order has none.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any

from workstation.clock import parse_iso
from workstation.events.vocabulary import FREQUENCIES
from workstation.resources import resource

SETTINGS_FILE = ("settings", "administration_times.json")
ONCE = "st"
AS_NEEDED = "prn"
EVERY_OTHER_DAY = "qod"
WEEKLY = "qw"
NO_DOSES_STATUSES = ("rejected",)
ENDED_STATUSES = ("discontinued", "completed")


class ScheduleSettingsError(ValueError):
    """The administration-times file is missing a frequency or holds a malformed time."""


def _offset(text: str) -> timezone:
    sign = -1 if text.startswith("-") else 1
    hours, minutes = text.lstrip("+-").split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


@dataclass(frozen=True, slots=True)
class AdministrationTimes:
    """The hospital's round times: wall-clock times per frequency code, in its time zone."""

    zone: timezone
    times: dict[str, tuple[time, ...]]

    @classmethod
    def load(cls, path: Path | None = None) -> AdministrationTimes:
        """Read the settings file (default: the shipped one); every scheduled frequency is required."""
        raw = json.loads((path or resource(*SETTINGS_FILE)).read_text(encoding="utf-8"))
        try:
            times = {
                code: tuple(sorted(time.fromisoformat(t) for t in values))
                for code, values in raw["times"].items()
            }
            zone = _offset(raw.get("utc_offset", "+00:00"))
        except (KeyError, ValueError, AttributeError) as exc:
            raise ScheduleSettingsError(f"bad administration-times settings: {exc}") from exc
        missing = [f for f in FREQUENCIES if f not in (ONCE, AS_NEEDED) and not times.get(f)]
        if missing:
            raise ScheduleSettingsError(f"no round times for frequency {', '.join(missing)}")
        return cls(zone, times)

    def local_date(self, moment: datetime) -> date:
        """The ward's calendar date of a moment."""
        return moment.astimezone(self.zone).date()

    def at(self, day: date, clock: time) -> datetime:
        """A ward wall-clock time on a day, as an aware datetime in UTC."""
        return datetime.combine(day, clock, tzinfo=self.zone).astimezone(UTC)


@cache
def ward_clock() -> timezone:
    """The ward's clock: the zone of the shipped administration-times settings, read once (the
    MAR, worklist, handoff, notes and every screen's times use it)."""
    return AdministrationTimes.load().zone


def order_window(order: Mapping[str, Any]) -> tuple[datetime, datetime | None] | None:
    """When an order's doses may fall due: (first, end or None); None when it has no doses."""
    if order.get("voided") or order.get("status") in NO_DOSES_STATUSES:
        return None
    start = parse_iso(order["start_at"])
    if order.get("verified_at"):
        start = max(start, parse_iso(order["verified_at"]))
    ends = []
    if order.get("duration_days"):
        ends.append(parse_iso(order["start_at"]) + timedelta(days=int(order["duration_days"])))
    if order.get("status") in ENDED_STATUSES and order.get("ended_at"):
        ends.append(parse_iso(order["ended_at"]))
    return start, (min(ends) if ends else None)


def scheduled_doses(
    order: Mapping[str, Any],
    start: datetime,
    end: datetime,
    *,
    times: AdministrationTimes | None = None,
) -> list[datetime]:
    """The due times (UTC) of an order's doses with start <= time < end, in order."""
    frequency = order.get("frequency")
    window = order_window(order)
    if window is None or frequency == AS_NEEDED or order.get("prn") or frequency is None:
        return []
    first, last = window
    if frequency == ONCE:
        once = parse_iso(order["start_at"])
        return [once] if start <= once < end else []
    times = times or AdministrationTimes.load()
    if frequency not in times.times:
        raise ScheduleSettingsError(f"no round times for frequency {frequency}")
    low = max(start, first)
    high = min(end, last) if last is not None else end
    due = []
    origin = times.local_date(parse_iso(order["start_at"]))
    day = times.local_date(low)
    while times.at(day, time(0)) < high:
        if _day_is_due(frequency, origin, day):
            due += [t for c in times.times[frequency] if low <= (t := times.at(day, c)) < high]
        day += timedelta(days=1)
    return due


def _day_is_due(frequency: str, origin: date, day: date) -> bool:
    elapsed = (day - origin).days
    if frequency == EVERY_OTHER_DAY:
        return elapsed % 2 == 0
    if frequency == WEEKLY:
        return elapsed % 7 == 0
    return True
