"""The trend plot's ticks: round values, and round times on the ward's clock (not UTC's)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from ui.screens.trends.axes import HOUR, tick_label, time_step, time_ticks, value_ticks
from workstation.clinical import news2

SHANGHAI = timezone(timedelta(hours=8))


def test_value_ticks_are_round_and_inside_the_span() -> None:
    assert value_ticks(68.3, 121.7, 6) == [70, 80, 90, 100, 110, 120]
    assert value_ticks(68.3, 121.7, 4) == [80, 100, 120]  # fewer in a thinner strip
    assert value_ticks(35.9, 38.6, 3) == [36, 37, 38]
    assert value_ticks(3.3, 5.6, 5) == [3.5, 4, 4.5, 5, 5.5]
    assert value_ticks(101.0, 157.0, 1) == [120]  # a thin strip still gets one round value


def test_time_ticks_fall_on_ward_clock_hours_not_utc_ones() -> None:
    first = datetime(2024, 1, 1, 19, 0, tzinfo=SHANGHAI)  # 11:00 UTC
    last = first + timedelta(hours=12)  # 07:00 on the ward
    step = time_step(first.timestamp(), last.timestamp(), 2)
    ticks = time_ticks(first.timestamp(), last.timestamp(), SHANGHAI, 2)
    assert step == 6 * HOUR
    assert [tick_label(t, step) for t in ticks] == ["01-02", "06:00"]  # ward midnight, 06:00
    assert ticks[0].astimezone(UTC).hour == 16


def test_the_normal_bands_are_the_ranges_news2_scores_zero() -> None:
    scorers = {"resp_rate": news2.resp_rate_score, "spo2_pct": news2.spo2_scale1_score,
               "systolic_mmhg": news2.systolic_score, "pulse_bpm": news2.pulse_score,
               "temperature_c": news2.temperature_score}  # fmt: skip
    for key, (low, high) in news2.NORMAL_RANGES.items():
        score = scorers[key]
        tick = 0.1 if key == "temperature_c" else 1
        kind = float if key == "temperature_c" else int
        assert score(kind(low)) == score(kind(high)) == 0, key
        assert score(kind(round(low - tick, 1))) > 0, key
        if key != "spo2_pct":  # 100 % is the top of the scale
            assert score(kind(round(high + tick, 1))) > 0, key
