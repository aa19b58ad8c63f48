"""Intake and output: totals per category and the balance per ward day.

A ward day runs from the hospital's day start (default 07:00 ward time, a common charting
convention for 24-hour fluid balance; a parameter here) to the same time the next day, in the
ward's time zone from the administration-times settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import parse_iso

DAY_START = time(7, 0)


@dataclass(slots=True)
class DailyBalance:
    """One ward day: intake and output totals (mL), per category, and the balance."""

    day: date
    intake_ml: float = 0.0
    output_ml: float = 0.0
    by_category: dict[str, float] = field(default_factory=dict)

    @property
    def balance_ml(self) -> float:
        """Intake minus output: positive is a net gain."""
        return self.intake_ml - self.output_ml


def ward_day(moment: datetime, times: AdministrationTimes, day_start: time = DAY_START) -> date:
    """The ward day a measurement belongs to (before the day start counts for the day before)."""
    local = moment.astimezone(times.zone)
    return local.date() - timedelta(days=1) if local.time() < day_start else local.date()


def daily_balances(entries: list[Mapping[str, Any]], *, times: AdministrationTimes | None = None,
                   day_start: time = DAY_START) -> list[DailyBalance]:  # fmt: skip
    """The balance of each ward day with entries, oldest first; voided entries are left out."""
    times = times or AdministrationTimes.load()
    days: dict[date, DailyBalance] = {}
    for entry in entries:
        if entry.get("voided"):
            continue
        day = ward_day(parse_iso(entry["measured_at"]), times, day_start)
        balance = days.setdefault(day, DailyBalance(day))
        volume = float(entry["volume_ml"])
        if entry["direction"] == "intake":
            balance.intake_ml += volume
        else:
            balance.output_ml += volume
        balance.by_category[entry["category"]] = (
            balance.by_category.get(entry["category"], 0) + volume
        )
    return [days[d] for d in sorted(days)]


def running_balance(balances: list[DailyBalance]) -> float:
    """The cumulative balance over the days given (mL)."""
    return sum(b.balance_ml for b in balances)
