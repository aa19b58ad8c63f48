"""Body surface area for dosing per m² (anticancer drugs): the Mosteller formula on the chart's
latest height and weight, and whether those measurements are recent enough to dose by.

Source of the formula: Mosteller RD. Simplified calculation of body-surface area.
N Engl J Med 1987;317:1098 — BSA (m²) = √(height cm × weight kg / 3600).

How recent a measurement must be is a local policy, not a published number
(`WEIGHT_FRESH_DAYS`, `HEIGHT_FRESH_DAYS`; pharmacy to review): a weight from the week of the
order, a height from the last year. A missing or older one is never guessed: the check warns.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

MOSTELLER_SOURCE = (
    "Mosteller RD. Simplified calculation of body-surface area. N Engl J Med 1987;317:1098"
    " (BSA = √(height cm × weight kg / 3600))"
)
WEIGHT_FRESH_DAYS = 7  # local policy (local review): weigh in the week of a per-m² order
HEIGHT_FRESH_DAYS = 365  # local policy (local review): an adult's height, measured this year
FRESHNESS_SOURCE = "local policy (local review): weight within 7 days, height within 365 days"


def mosteller(height_cm: float, weight_kg: float) -> float:
    """Body surface area in m² by Mosteller's formula."""
    return math.sqrt(height_cm * weight_kg / 3600.0)


@dataclass(frozen=True, slots=True)
class BodySize:
    """The latest height and weight of a patient and how many days old each is (None: unknown)."""

    height_cm: float | None
    weight_kg: float | None
    height_days: int | None
    weight_days: int | None

    @property
    def bsa_m2(self) -> float | None:
        """Mosteller BSA when both measurements are present (fresh or not)."""
        if not self.height_cm or not self.weight_kg:
            return None
        return mosteller(self.height_cm, self.weight_kg)


def problems(body: BodySize | None) -> tuple[tuple[str, str], ...]:
    """Why the BSA cannot be dosed by: (English, Chinese) for each missing or stale measurement."""
    found: list[tuple[str, str]] = []
    for name, zh, limit in (("height", "身高", HEIGHT_FRESH_DAYS),
                            ("weight", "体重", WEIGHT_FRESH_DAYS)):  # fmt: skip
        value = getattr(body, f"{name}_cm" if name == "height" else f"{name}_kg", None)
        days = getattr(body, f"{name}_days", None)
        if not value:
            found.append((f"{name} not recorded", f"未记录{zh}"))
        elif days is None:
            found.append((f"date of the {name} unknown", f"{zh}测量日期不详"))
        elif days > limit:
            found.append((f"{name} measured {days} days ago (more than {limit})",
                          f"{zh}为{days}天前测量（超过{limit}天）"))  # fmt: skip
    return tuple(found)


def dosing_bsa(body: BodySize | None) -> float | None:
    """The BSA to dose by: only from a present, recent height and weight."""
    return None if body is None or problems(body) else body.bsa_m2


def _days(taken_at: Any, today: date) -> int | None:
    if not taken_at:
        return None
    return (today - date.fromisoformat(str(taken_at)[:10])).days


def _latest(rows: list[Mapping[str, Any]], column: str) -> Mapping[str, Any] | None:
    live = [r for r in rows if r.get(column) is not None and not r.get("voided")]
    return max(live, key=lambda r: str(r.get("taken_at") or ""), default=None)


def body_size_from_chart(chart: Mapping[str, Any], *, today: date) -> BodySize:
    """The latest height and weight of the chart's vitals (a weight from admission when none was
    measured since, dated by the admission), each with its age in days."""
    rows = list(chart.get("vitals") or ())
    height, weight = _latest(rows, "height_cm"), _latest(rows, "weight_kg")
    patient = chart.get("patient") or {}
    if weight is not None:
        weight_kg, weight_days = float(weight["weight_kg"]), _days(weight.get("taken_at"), today)
    elif patient.get("weight_kg") is not None:
        weight_kg = float(patient["weight_kg"])
        weight_days = _days(patient.get("admitted_at"), today)
    else:
        weight_kg, weight_days = None, None
    return BodySize(
        height_cm=float(height["height_cm"]) if height else None,
        weight_kg=weight_kg,
        height_days=_days(height.get("taken_at"), today) if height else None,
        weight_days=weight_days,
    )
