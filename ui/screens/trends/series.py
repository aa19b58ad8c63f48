"""Chart rows turned into trend series: the vitals over time, and one lab test's history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ui.screens.trends.plot import Series
from ui.terms import lab_name
from workstation.clinical.news2 import NORMAL_RANGES
from workstation.clock import parse_iso

VITAL_SERIES = (
    ("temperature_c", "Temp °C"),
    ("pulse_bpm", "Pulse /min"),
    ("resp_rate", "Resp /min"),
    ("systolic_mmhg", "Systolic mmHg"),
    ("diastolic_mmhg", "Diastolic mmHg"),
    ("spo2_pct", "SpO₂ %"),
)


def _label(text: str) -> str:
    return QCoreApplication.translate("Trends", text)


def vitals_series(rows: list[dict[str, Any]]) -> list[Series]:
    """One series per vital sign measured in the (not voided) rows, each with NEWS2's score-0
    range as its normal band (diastolic pressure, which NEWS2 does not score, has none)."""
    live = [r for r in rows if not r.get("voided")]
    series = []
    for key, label in VITAL_SERIES:
        points = [(parse_iso(r["taken_at"]), float(r[key])) for r in live if r.get(key) is not None]
        if points:
            series.append(Series(_label(label), points, NORMAL_RANGES.get(key)))
    return series


def lab_series(
    labs: list[dict[str, Any]], test_code: str
) -> tuple[list[Series], tuple[float, float] | None]:
    """The numeric history of one test, and its reference range (from the newest result)."""
    rows = [r for r in labs if r["test_code"] == test_code and not r.get("voided")
            and r.get("numeric_value") is not None]  # fmt: skip
    if not rows:
        return [], None
    newest = max(rows, key=lambda r: r["resulted_at"])
    # the unit on a line of its own: wrapped in the plot's margin, "ng/L" broke into "ng/" and "L"
    label = f"{lab_name(newest)}\n{newest.get('unit') or ''}".strip()
    points = [(parse_iso(r["resulted_at"]), float(r["numeric_value"])) for r in rows]
    low, high = newest.get("reference_low"), newest.get("reference_high")
    band = (float(low), float(high)) if low is not None and high is not None else None
    return [Series(label, points, band)], band
