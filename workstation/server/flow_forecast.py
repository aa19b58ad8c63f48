"""A 7-day forecast of the midnight census, with its error measured on held-out weeks.

Two models, both judged the same way (fit on the days before a held-out week, forecast that week,
compare; MAE in patients and MAPE in per cent over the held-out weeks):
- seasonal naive by weekday: each day is forecast as the census of the same weekday a week
  before its forecast origin (the baseline any model must beat);
- Holt-Winters exponential smoothing (statsmodels' ExponentialSmoothing, additive weekly
  seasonality, no trend: a ward's census is level over months, a trend term chases noise).
The dashboard shows the model with the lower held-out MAE, with a band of +- that MAE.
statsmodels is imported on first use only (the server starts without paying for it); where it is
missing or fails on a series (too short, constant), the seasonal naive model stands alone."""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

HORIZON = 7
SEASON = 7
HELD_OUT_WEEKS = 3
MIN_TRAIN_DAYS = 3 * SEASON  # Holt-Winters needs two full seasons to start; one more to learn

Model = Callable[[Sequence[float], int], list[float]]


def seasonal_naive(history: Sequence[float], horizon: int = HORIZON) -> list[float]:
    """Each future day = the census on the same weekday in the last observed week."""
    if len(history) < SEASON:
        raise ValueError("seasonal naive needs a week of history")
    last_week = list(history[-SEASON:])
    return [float(last_week[h % SEASON]) for h in range(horizon)]


def holt_winters(history: Sequence[float], horizon: int = HORIZON) -> list[float]:
    """Holt-Winters with additive weekly seasonality (statsmodels), forecast `horizon` days."""
    if len(history) < MIN_TRAIN_DAYS:
        raise ValueError("Holt-Winters needs three weeks of history")
    # A fit this small gains nothing from BLAS threads and, on a busy server, loses several times
    # its time to them (measured: 4 fits 0.2 s with one thread, 1.6 s with the default).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from statsmodels.tsa.holtwinters import ExponentialSmoothing  # heavy: on first use only

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = ExponentialSmoothing([float(v) for v in history], trend=None, seasonal="add",
                                     seasonal_periods=SEASON, initialization_method="estimated")  # fmt: skip
        fitted = model.fit()
        return [max(0.0, float(v)) for v in fitted.forecast(horizon)]


MODELS: dict[str, Model] = {"holt_winters": holt_winters, "seasonal_naive": seasonal_naive}


def backtest(history: Sequence[float], model: Model, weeks: int = HELD_OUT_WEEKS) -> dict[str, Any]:
    """Hold out each of the last `weeks` weeks in turn, fit on what came before, forecast it:
    the MAE (patients) and MAPE (%, over days with a census above zero) of those forecasts."""
    errors: list[float] = []
    relative: list[float] = []
    for week in range(weeks, 0, -1):
        cut = len(history) - week * HORIZON
        actual = history[cut : cut + HORIZON]
        predicted = model(history[:cut], HORIZON)
        for truth, guess in zip(actual, predicted, strict=True):
            errors.append(abs(truth - guess))
            if truth > 0:
                relative.append(abs(truth - guess) / truth)
    return {
        "mae": round(sum(errors) / len(errors), 2),
        "mape": round(100 * sum(relative) / len(relative), 1) if relative else None,
        "weeks": weeks,
    }


def census_forecast(history: Sequence[float]) -> dict[str, Any]:
    """Both models' held-out errors and the better model's next 7 days with a +-MAE band.
    Kept per census series: the series changes once a day (a new midnight) or when a late event
    changes a past census, so most opens of a dashboard reuse the last fits."""
    return _forecast(tuple(float(v) for v in history))


@lru_cache(maxsize=256)
def _forecast(history: tuple[float, ...]) -> dict[str, Any]:
    scores: dict[str, dict[str, Any]] = {}
    weeks = min(HELD_OUT_WEEKS, (len(history) - SEASON) // HORIZON)
    if weeks < 1:
        return {"model": None, "forecast": [], "low": [], "high": [], "models": {}}
    for name, model in MODELS.items():
        try:
            scores[name] = backtest(history, model, weeks)
        except (ImportError, ValueError, ArithmeticError, IndexError):
            continue  # not enough history for this model, or statsmodels unavailable
    chosen = min(scores, key=lambda n: (scores[n]["mae"], n != "seasonal_naive"))
    try:
        forecast = MODELS[chosen](history, HORIZON)
    except (ImportError, ValueError, ArithmeticError, IndexError):
        chosen, forecast = "seasonal_naive", seasonal_naive(history, HORIZON)
    band = scores[chosen]["mae"]
    return {
        "model": chosen, "models": scores,
        "forecast": [round(v, 1) for v in forecast],
        "low": [round(max(0.0, v - band), 1) for v in forecast],
        "high": [round(v + band, 1) for v in forecast],
    }  # fmt: skip
