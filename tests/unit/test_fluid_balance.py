"""Fluid balance per ward day in the ward's time zone, voided entries left out."""

from __future__ import annotations

from datetime import date, time

from workstation.clinical.fluid_balance import daily_balances, running_balance
from workstation.clinical.schedule import AdministrationTimes

TIMES = AdministrationTimes.load()  # +08:00: ward 07:00 is 23:00 UTC the day before


def entry(direction: str, category: str, ml: float, at: str, voided: bool = False) -> dict:
    """An intake_output row."""
    return {"direction": direction, "category": category, "volume_ml": ml, "measured_at": at,
            "voided": voided}  # fmt: skip


def test_day_totals_balance_and_categories():
    entries = [
        entry("intake", "oral", 500, "2024-03-01T01:00:00.000Z"),  # 09:00 ward, 1 March
        entry("intake", "iv", 1000, "2024-03-01T04:00:00.000Z"),
        entry("output", "urine", 800, "2024-03-01T10:00:00.000Z"),
        entry("output", "urine", 400, "2024-03-01T22:59:00.000Z"),  # 06:59 ward, still 1 March
        entry("output", "drain", 999, "2024-03-01T05:00:00.000Z", voided=True),
    ]
    (day,) = daily_balances(entries, times=TIMES)
    assert day.day == date(2024, 3, 1)
    assert (day.intake_ml, day.output_ml, day.balance_ml) == (1500, 1200, 300)
    assert day.by_category == {"oral": 500, "iv": 1000, "urine": 1200}


def test_day_start_splits_days_and_is_a_parameter():
    entries = [
        entry("intake", "oral", 200, "2024-03-01T22:59:00.000Z"),  # 06:59 ward
        entry("intake", "oral", 300, "2024-03-01T23:00:00.000Z"),  # 07:00 ward: next day
    ]
    days = daily_balances(entries, times=TIMES)
    assert [(d.day.day, d.intake_ml) for d in days] == [(1, 200), (2, 300)]
    assert running_balance(days) == 500
    midnight = daily_balances(entries, times=TIMES, day_start=time(0, 0))
    assert [(d.day.day, d.intake_ml) for d in midnight] == [(2, 500)]


def test_no_entries_no_days():
    assert daily_balances([], times=TIMES) == []
