"""What the nurse typed in the nursing-record form, as a row: no Qt here, so it is tested alone.
The time is HH:MM on the ward clock (blank: now; a time later than now is yesterday's, a row
written after midnight for the evening), blood pressure is typed 120/80, volumes `po 200 iv 500`."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Any

from workstation.clinical.nursing_record import parse_volumes
from workstation.clock import iso

NUMBERS = {"temperature_c": float, "pulse_bpm": int, "resp_rate": int, "spo2_pct": int}
TEXTS = ("observation_text", "measures", "effect")


def written_at(typed: str, *, now: datetime, zone: tzinfo) -> str:
    """The row's time from HH:MM (or blank for now) on the ward clock."""
    if not typed.strip():
        return iso(now)
    hours, _, minutes = typed.strip().replace("：", ":").partition(":")
    if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
        raise ValueError(f"time {typed!r}: type HH:MM")
    local = now.astimezone(zone).replace(hour=int(hours), minute=int(minutes), second=0,
                                         microsecond=0)  # fmt: skip
    if local > now + timedelta(minutes=1):
        local -= timedelta(days=1)
    return iso(local)


def _observations(fields: dict[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, kind in NUMBERS.items():
        typed = fields.get(key, "").strip()
        if typed:
            try:
                found[key] = kind(typed)
            except ValueError:
                raise ValueError(f"{key} {typed!r} is not a number") from None
    bp = fields.get("bp", "").strip()
    if bp:
        high, _, low = bp.partition("/")
        if not (high.strip().isdigit() and low.strip().isdigit()):
            raise ValueError(f"blood pressure {bp!r}: type 120/80")
        found["systolic_mmhg"], found["diastolic_mmhg"] = int(high), int(low)
    for key in ("consciousness", "pupils"):
        if fields.get(key, "").strip():
            found[key] = (
                fields[key].strip().upper() if key == "consciousness" else fields[key].strip()
            )
    return found


def row_from_fields(fields: dict[str, str], *, now: datetime, zone: tzinfo) -> dict[str, Any]:
    """The row the fields make; ValueError says what to fix."""
    row: dict[str, Any] = {
        "written_at": written_at(fields.get("time", ""), now=now, zone=zone),
        "observations": _observations(fields),
        "intake": parse_volumes(fields.get("intake", ""), "intake"),
        "output": parse_volumes(fields.get("output", ""), "output"),
    }
    row |= {key: fields[key].strip() for key in TEXTS if fields.get(key, "").strip()}
    if not any(row.get(k) for k in ("observations", "intake", "output", *TEXTS)):
        raise ValueError("the row is empty: write an observation, a measure, an effect or a volume")
    return row
