"""NEWS2, the National Early Warning Score 2, from one set of observations.

Source: Royal College of Physicians. National Early Warning Score (NEWS) 2: Standardising the
assessment of acute-illness severity in the NHS. Updated report of a working party. London: RCP,
2017 — Chart 1 (the NEWS2 scoring system) and Chart 2 (thresholds and triggers), Table 2/3
(clinical response). SpO2 Scale 2 is for patients with hypercapnic respiratory failure whose
target saturation (88-92%) a clinician has prescribed; it is a per-patient choice, so callers
pass `spo2_scale`. Temperatures are scored on the chart's 0.1 °C resolution (rounded half up).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

PARAMETERS = (
    "resp_rate", "spo2_pct", "on_oxygen", "systolic_mmhg", "pulse_bpm", "consciousness",
    "temperature_c",
)  # fmt: skip

# Escalation rule (RCP 2017, Chart 2): an aggregate of 5 or more, or 3 in any single
# parameter, needs an urgent review by a clinician with competence in acute illness.
ESCALATION_AGGREGATE = 5
SINGLE_PARAMETER_RED = 3

# Minimum frequency of monitoring (RCP 2017, Table 2): by clinical risk.
MONITORING = {
    "low": "minimum 4-6 hourly",  # aggregate 1-4 (0: minimum 12-hourly, see monitoring())
    "low_medium": "minimum 1 hourly",  # 3 in a single parameter
    "medium": "minimum 1 hourly",  # aggregate 5-6
    "high": "continuous monitoring of vital signs",  # aggregate 7 or more
}


# The score-0 range of each scored vital sign (RCP 2017, Chart 1; SpO2 on Scale 1), inclusive:
# the "normal" band the vitals trend draws behind each line.
NORMAL_RANGES: dict[str, tuple[float, float]] = {
    "resp_rate": (12, 20),
    "spo2_pct": (96, 100),
    "systolic_mmhg": (111, 219),
    "pulse_bpm": (51, 90),
    "temperature_c": (36.1, 38.0),
}


def resp_rate_score(per_min: int) -> int:
    """Respiration rate: <=8 3, 9-11 1, 12-20 0, 21-24 2, >=25 3."""
    return _band(per_min, ((8, 3), (11, 1), (20, 0), (24, 2)), 3)


def spo2_scale1_score(pct: int) -> int:
    """SpO2 Scale 1: <=91 3, 92-93 2, 94-95 1, >=96 0."""
    return _band(pct, ((91, 3), (93, 2), (95, 1)), 0)


def spo2_scale2_score(pct: int, *, on_oxygen: bool) -> int:
    """SpO2 Scale 2: <=83 3, 84-85 2, 86-87 1, 88-92 (or >=93 on air) 0; on oxygen 93-94 1,
    95-96 2, >=97 3."""
    if pct <= 92 or not on_oxygen:
        return _band(pct, ((83, 3), (85, 2), (87, 1)), 0)
    return _band(pct, ((94, 1), (96, 2)), 3)


def oxygen_score(on_oxygen: bool) -> int:
    """Air or oxygen: supplemental oxygen 2, air 0."""
    return 2 if on_oxygen else 0


def systolic_score(mmhg: int) -> int:
    """Systolic blood pressure: <=90 3, 91-100 2, 101-110 1, 111-219 0, >=220 3."""
    return _band(mmhg, ((90, 3), (100, 2), (110, 1), (219, 0)), 3)


def pulse_score(bpm: int) -> int:
    """Pulse: <=40 3, 41-50 1, 51-90 0, 91-110 1, 111-130 2, >=131 3."""
    return _band(bpm, ((40, 3), (50, 1), (90, 0), (110, 1), (130, 2)), 3)


def consciousness_score(acvpu: str) -> int:
    """Consciousness: Alert 0; new Confusion, Voice, Pain or Unresponsive 3."""
    if acvpu not in ("A", "C", "V", "P", "U"):
        raise ValueError(f"consciousness must be one of A, C, V, P, U, not {acvpu!r}")
    return 0 if acvpu == "A" else 3


def temperature_score(celsius: float) -> int:
    """Temperature: <=35.0 3, 35.1-36.0 1, 36.1-38.0 0, 38.1-39.0 1, >=39.1 2."""
    tenths = Decimal(str(celsius)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return _band(tenths, ((Decimal("35.0"), 3), (Decimal("36.0"), 1), (Decimal("38.0"), 0),
                          (Decimal("39.0"), 1)), 2)  # fmt: skip


def _band(value: Any, upper_bounds: tuple[tuple[Any, int], ...], above: int) -> int:
    """The score of the first band whose inclusive upper bound holds value, else `above`."""
    return next((score for bound, score in upper_bounds if value <= bound), above)


@dataclass(frozen=True, slots=True)
class News2:
    """One NEWS2: each parameter's score, the aggregate, risk and whether to call the doctor."""

    scores: dict[str, int]
    total: int
    missing: tuple[str, ...]
    spo2_scale: int

    @property
    def complete(self) -> bool:
        """All seven parameters were measured (an incomplete set still scores what it has)."""
        return not self.missing

    @property
    def red_parameter(self) -> bool:
        """A single parameter scores 3."""
        return any(score >= SINGLE_PARAMETER_RED for score in self.scores.values())

    @property
    def escalate(self) -> bool:
        """Aggregate >= 5 or 3 in any single parameter: an alert for the doctor (RCP Chart 2)."""
        return self.total >= ESCALATION_AGGREGATE or self.red_parameter

    @property
    def risk(self) -> str:
        """Clinical risk: low (0-4), low_medium (3 in one parameter), medium (5-6), high (>=7)."""
        if self.total >= 7:
            return "high"
        if self.total >= ESCALATION_AGGREGATE:
            return "medium"
        return "low_medium" if self.red_parameter else "low"

    def monitoring(self) -> str:
        """The minimum observation frequency for this score (RCP 2017, Table 2)."""
        if self.total == 0:
            return "minimum 12 hourly"
        return MONITORING[self.risk]


def news2(observations: Mapping[str, Any], *, spo2_scale: int = 1) -> News2:
    """NEWS2 of one observation set (VitalsRecorded field names); absent values are listed as
    missing and score nothing. `on_oxygen` absent is missing, never assumed to be air."""
    if spo2_scale not in (1, 2):
        raise ValueError("spo2_scale must be 1 or 2")
    on_oxygen = bool(observations.get("on_oxygen"))

    def spo2(pct: int) -> int:
        return (
            spo2_scale1_score(pct)
            if spo2_scale == 1
            else spo2_scale2_score(pct, on_oxygen=on_oxygen)
        )

    scorers: dict[str, Callable[[Any], int]] = {
        "resp_rate": resp_rate_score, "spo2_pct": spo2, "on_oxygen": oxygen_score,
        "systolic_mmhg": systolic_score, "pulse_bpm": pulse_score,
        "consciousness": consciousness_score, "temperature_c": temperature_score,
    }  # fmt: skip
    scores = {
        name: scorer(observations[name])
        for name, scorer in scorers.items()
        if observations.get(name) is not None
    }
    missing = tuple(name for name in PARAMETERS if name not in scores)
    return News2(scores, sum(scores.values()), missing, spo2_scale)


def news2_trend(
    vitals_rows: list[Mapping[str, Any]], *, spo2_scale: int = 1
) -> list[tuple[str, News2]]:
    """(taken_at, NEWS2) of each not-voided vitals row, oldest first (for the trend and handoff)."""
    rows = sorted((r for r in vitals_rows if not r.get("voided")), key=lambda r: r["taken_at"])
    return [(r["taken_at"], news2(r, spo2_scale=spo2_scale)) for r in rows]
