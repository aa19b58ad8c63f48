"""The census forecast's models and their held-out error, against hand-computed series."""

from __future__ import annotations

import pytest

from workstation.server.flow_forecast import (
    backtest,
    census_forecast,
    holt_winters,
    seasonal_naive,
)

WEEK = [10.0, 12.0, 13.0, 13.0, 12.0, 9.0, 8.0]  # a ward's census, Monday first


def test_seasonal_naive_repeats_the_last_week() -> None:
    history = [1.0] * 7 + WEEK
    assert seasonal_naive(history, 9) == WEEK + WEEK[:2]
    with pytest.raises(ValueError):
        seasonal_naive(WEEK[:6])


def test_backtest_error_by_hand() -> None:
    # each week one patient more than the week before: seasonal naive is one patient short every day
    history = [v + week for week in range(3) for v in range(1, 8)]
    score = backtest(history, seasonal_naive, weeks=1)
    assert score["mae"] == 1.0
    assert score["mape"] == pytest.approx(100 * sum(1 / k for k in range(3, 10)) / 7, abs=0.05)


def test_holt_winters_learns_a_weekly_pattern() -> None:
    history = [v + (0.5 if n % 3 == 0 else -0.5) for n, v in enumerate(WEEK * 8)]
    forecast = holt_winters(history, 7)
    assert forecast == pytest.approx(WEEK, abs=1.0)
    assert backtest(history, holt_winters)["mae"] < 1.0


def test_forecast_shows_the_better_model_with_its_error_band() -> None:
    history = WEEK * 10
    found = census_forecast(history)
    assert set(found["models"]) == {"holt_winters", "seasonal_naive"}
    assert found["models"]["seasonal_naive"]["mae"] == 0.0  # an exact weekly pattern
    assert found["model"] == "seasonal_naive"  # ties go to the simpler model
    assert found["forecast"] == WEEK
    assert found["low"] == found["forecast"] == found["high"]


def test_forecast_with_too_little_history() -> None:
    assert census_forecast(WEEK)["model"] is None
    short = census_forecast(WEEK * 2)  # one held-out week; too short for Holt-Winters
    assert short["model"] == "seasonal_naive" and "holt_winters" not in short["models"]
