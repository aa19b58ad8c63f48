"""Tick positions for the trend plot's axes: round values for the y scale, and times on the
ward's clock (whole hours, days) for the time axis. No Qt here, so it is tested on its own."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, tzinfo

MINUTE = 60.0
HOUR = 60 * MINUTE
DAY = 24 * HOUR
# the steps a time axis may take, in seconds: a person reads "every 6 hours", not "every 5.3"
TIME_STEPS = (15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
              DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 91 * DAY, 182 * DAY, 364 * DAY)  # fmt: skip


def nice_step(span: float, count: int) -> float:
    """A step of 1, 2, 2.5 or 5 times a power of ten giving at most about `count` steps in span."""
    if span <= 0 or count < 1:
        return 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    return next(f * power for f in (1, 2, 2.5, 5, 10) if f * power >= raw)


def value_ticks(low: float, high: float, count: int) -> list[float]:
    """Round values between low and high (inclusive), at most about count + 1 of them, and at
    least one (a round value near the middle when no multiple of the step falls inside)."""
    if high <= low:
        return [low]
    step = nice_step(high - low, max(1, count))
    first = math.ceil(low / step - 1e-9) * step
    ticks, n = [], 0
    while first + n * step <= high + step * 1e-9:
        ticks.append(round(first + n * step, 10))
        n += 1
    if not ticks:
        finer = nice_step(high - low, 4)
        ticks = [round(round((low + high) / 2 / finer) * finer, 10)]
    return ticks


def time_step(first: float, last: float, count: int) -> float:
    """The smallest step of TIME_STEPS giving at most `count` ticks between two timestamps."""
    span = last - first
    return next((s for s in TIME_STEPS if span / s <= max(1, count)), TIME_STEPS[-1])


def time_ticks(first: float, last: float, zone: tzinfo, count: int) -> list[datetime]:
    """Ward-clock times on whole steps (counted from the ward's midnight) between two
    timestamps: 00:00, 06:00, 12:00 … or whole days, never a UTC hour."""
    if last <= first:
        return []
    step = time_step(first, last, count)
    start = datetime.fromtimestamp(first, zone)
    origin = start.replace(hour=0, minute=0, second=0, microsecond=0)
    if step >= 7 * DAY:
        origin -= timedelta(days=origin.weekday())  # weeks start on Monday
    n = math.ceil((first - origin.timestamp()) / step - 1e-9)
    ticks = []
    while (moment := origin.timestamp() + n * step) <= last:
        ticks.append(datetime.fromtimestamp(moment, zone))
        n += 1
    return ticks


def tick_label(moment: datetime, step: float) -> str:
    """A tick's text: the time within a day, the date from a day's step, or both at midnight."""
    if step >= DAY:
        return moment.strftime("%m-%d")
    if (moment.hour, moment.minute) == (0, 0):
        return moment.strftime("%m-%d")
    return moment.strftime("%H:%M")
