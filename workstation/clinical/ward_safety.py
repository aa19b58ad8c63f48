"""The rules of the ward's core safety systems (医疗质量安全核心制度要点, 2018): when a laboratory
result is a critical value (危急值报告制度) and when an open one escalates; which nursing round
a level (分级护理制度, WS/T 431-2013) makes due and when it is overdue; when a consultation
(会诊制度) is overdue. Every figure is a hospital setting (resources/settings/ward_safety.json).

`critical_report` is the one entry point from a laboratory result to a critical-value record:
the demo's laboratory and the HL7 ORU interface both call it with the LabResulted event."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from workstation.clock import parse_iso
from workstation.events.envelope import Event
from workstation.resources import resource

PANIC_FLAGS = frozenset({"LL", "HH"})  # HL7 v2 table 0078: below / above panic limits


@dataclass(frozen=True, slots=True)
class CriticalLimit:
    """Critical limits for one test: at or below `low`, at or above `high`, in `unit` (None:
    a unitless test such as pH or INR); `default` when shipped rather than the hospital's own."""

    low: float | None
    high: float | None
    source: str
    unit: str | None = None
    default: bool = False


@dataclass(frozen=True, slots=True)
class WardSafetySettings:
    """The hospital's settings of critical values, nursing rounds and consultations."""

    limits: Mapping[str, CriticalLimit] = field(default_factory=dict)
    critical_escalate: timedelta = timedelta(minutes=15)
    round_interval: Mapping[str, timedelta] = field(default_factory=dict)
    consultation_due: Mapping[str, timedelta] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> WardSafetySettings:
        """Read resources/settings/ward_safety.json (or another file)."""
        raw = json.loads((path or resource("settings", "ward_safety.json")).read_text("utf-8"))
        return cls(
            critical_limits(raw.get("critical_value_defaults", {}), raw["critical_values"]),
            timedelta(minutes=int(raw["critical_escalate_minutes"])),
            {k: timedelta(minutes=int(v)) for k, v in raw["round_interval_minutes"].items()},
            {k: timedelta(minutes=int(v)) for k, v in raw["consultation_minutes"].items()},
        )


def critical_limits(defaults: Mapping[str, Any], hospital: Mapping[str, Any]
                    ) -> dict[str, CriticalLimit]:  # fmt: skip
    """Test code (and each LOINC code listed with it) -> its limits: the shipped defaults, each
    replaced whole by a hospital entry naming its code or one of its LOINC codes (the entry
    keeps the default's codes too unless it lists its own LOINC codes)."""
    groups = [(set(_codes(code, entry)), _limit(entry, default=True))
              for code, entry in defaults.items()]  # fmt: skip
    for code, entry in hospital.items():
        codes = set(_codes(code, entry))
        taken = [g for g in groups if g[0] & codes]
        groups = [g for g in groups if not g[0] & codes]
        if "loinc" not in entry:
            codes = codes.union(*(g[0] for g in taken))
        groups.append((codes, _limit(entry, default=False)))
    return {c: limit for codes, limit in groups for c in sorted(codes)}


def _codes(code: str, entry: Mapping[str, Any]) -> list[str]:
    return [code, *entry.get("loinc", [])]


def _limit(entry: Mapping[str, Any], *, default: bool) -> CriticalLimit:
    return CriticalLimit(entry.get("low"), entry.get("high"), str(entry["source"]),
                         entry.get("unit") or None, default)  # fmt: skip


def _unit_key(unit: str | None) -> str:
    """A unit compared loosely: case, spaces, UCUM's 10*9 and [..], µ/u; pH counts as no unit."""
    key = (unit or "").lower().replace(" ", "").replace("*", "^").replace("µ", "u")
    key = key.replace("μ", "u").replace("[", "").replace("]", "")
    return "" if key == "ph" else key


def critical_basis(result: Mapping[str, Any], settings: WardSafetySettings) -> str | None:
    """Why a LabResulted payload is a critical value (lab_flag, hospital_limit) or None."""
    if result.get("flag") in PANIC_FLAGS:
        return "lab_flag"
    limit, value = settings.limits.get(str(result.get("test_code"))), result.get("numeric_value")
    if limit is None or not isinstance(value, int | float):
        return None
    if result.get("unit") and _unit_key(result["unit"]) != _unit_key(limit.unit):
        return None  # reported in another unit: the limit cannot be compared (the lab's flag still counts)
    if (limit.low is not None and value <= limit.low) or (
        limit.high is not None and value >= limit.high
    ):
        return "hospital_limit"
    return None


def critical_report(
    result: Event, settings: WardSafetySettings, *, reporter: str
) -> dict[str, Any] | None:
    """The CriticalValueReported payload a LabResulted event calls for, or None when the result
    is not critical. The caller records it (same patient) right after the result."""
    p = result.payload
    basis = critical_basis(p, settings)
    if result.type != "LabResulted" or basis is None:
        return None
    limit = settings.limits.get(p["test_code"])
    payload = {
        "result_id": result.event_id, "test_code": p["test_code"], "test_name": p["test_name"],
        "value": p["value"], "numeric_value": p.get("numeric_value"), "unit": p.get("unit"),
        "flag": p.get("flag"), "basis": basis, "reported_at": p["resulted_at"],
        "reporter": reporter,
        "limit_low": limit.low if limit else None, "limit_high": limit.high if limit else None,
    }  # fmt: skip
    return {k: v for k, v in payload.items() if v is not None}


def critical_status(row: Mapping[str, Any], now: datetime, settings: WardSafetySettings) -> str:
    """acknowledged, escalated (open past the hospital's minutes), received, or reported."""
    if row.get("acknowledged_at"):
        return "acknowledged"
    if now - parse_iso(row["reported_at"]) >= settings.critical_escalate:
        return "escalated"
    return "received" if row.get("received_at") else "reported"


def round_due(level: str | None, last_seen: str | None, since: str,
              now: datetime, settings: WardSafetySettings) -> tuple[str, datetime | None]:  # fmt: skip
    """The round a level makes due: (continuous | overdue | due | none, when it falls due).
    A patient never seen is counted from the level's order (`since`)."""
    if level is None or level not in settings.round_interval:
        return "none", None
    interval = settings.round_interval[level]
    if interval <= timedelta(0):
        return "continuous", None  # 特级护理: observed continuously, never "due later"
    due = parse_iso(last_seen or since) + interval
    return ("overdue" if now > due else "due"), due


def consultation_status(row: Mapping[str, Any], now: datetime,
                        settings: WardSafetySettings) -> str:  # fmt: skip
    """completed (note written), arrived, overdue (past the urgency's minutes), or pending."""
    if row.get("note_id"):
        return "completed"
    if row.get("arrived_at"):
        return "arrived"
    due = parse_iso(row["requested_at"]) + settings.consultation_due[row["urgency"]]
    return "overdue" if now >= due else "pending"


def barthel_dependency(total: int) -> str:
    """WS/T 431-2013 自理能力分级 by Barthel total: ≤40 重度依赖 (severe), 41-60 中度 (moderate),
    61-99 轻度 (mild), 100 无需依赖 (none)."""
    if total <= 40:
        return "severe"
    if total <= 60:
        return "moderate"
    return "mild" if total < 100 else "none"
