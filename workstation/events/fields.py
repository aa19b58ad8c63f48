"""A small declarative checker for event payload fields (shared by client and server)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from workstation.clock import parse_iso
from workstation.ids import is_uuid

Check = Callable[[Any], str | None]


@dataclass(frozen=True, slots=True)
class Field:
    """One payload field: its check and whether it must be present."""

    check: Check
    required: bool = True


def text(max_len: int = 20_000) -> Check:
    """A non-empty string of at most max_len characters."""

    def check(value: Any) -> str | None:
        if not isinstance(value, str) or not value.strip():
            return "must be non-empty text"
        if len(value) > max_len:
            return f"must be at most {max_len} characters"
        return None

    return check


def number(low: float | None = None, high: float | None = None, *, positive: bool = False) -> Check:
    """A JSON number, optionally bounded."""

    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "must be a number"
        if isinstance(value, float) and not math.isfinite(value):
            return "must be a finite number"
        if positive and value <= 0:
            return "must be greater than zero"
        if low is not None and value < low:
            return f"must be at least {low}"
        if high is not None and value > high:
            return f"must be at most {high}"
        return None

    return check


def integer(low: int | None = None, high: int | None = None) -> Check:
    """A JSON integer, optionally bounded."""

    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return "must be an integer"
        if low is not None and value < low:
            return f"must be at least {low}"
        if high is not None and value > high:
            return f"must be at most {high}"
        return None

    return check


def boolean(value: Any) -> str | None:
    """true or false."""
    return None if isinstance(value, bool) else "must be true or false"


def uuid_ref(value: Any) -> str | None:
    """A reference to another event or record by UUID."""
    return None if is_uuid(value) else "must be a UUID"


_CANONICAL_UTC = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")


def timestamp(value: Any) -> str | None:
    """A UTC timestamp in the one stored form (workstation.clock.iso), e.g. 2026-01-31T08:00:00.000Z.

    One spelling only: timestamps are compared as text (a dose's scheduled time, ordering), so
    `...Z` and `...+00:00` for the same instant must not both be accepted."""
    message = "must be a UTC timestamp like 2026-01-31T08:00:00.000Z"
    if not isinstance(value, str) or not _CANONICAL_UTC.fullmatch(value):
        return message
    try:
        parse_iso(value)
    except ValueError:
        return message
    return None


def calendar_date(value: Any) -> str | None:
    """An ISO date (YYYY-MM-DD)."""
    if not isinstance(value, str):
        return "must be a date YYYY-MM-DD"
    try:
        date.fromisoformat(value)
    except ValueError:
        return "must be a date YYYY-MM-DD"
    return None


def one_of(choices: Iterable[str]) -> Check:
    """One of a closed list of codes."""
    allowed = tuple(str(c) for c in choices)

    def check(value: Any) -> str | None:
        return None if value in allowed else f"must be one of {', '.join(allowed)}"

    return check


def text_list(value: Any) -> str | None:
    """A list of strings."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return "must be a list of strings"
    return None


def json_object(value: Any) -> str | None:
    """Any JSON object (checked further by the event type's own rule)."""
    return None if isinstance(value, dict) else "must be an object"


def optional(check: Check) -> Field:
    """A field that may be absent or null."""
    return Field(check, required=False)


def check_fields(payload: dict[str, Any], fields: dict[str, Field], where: str = "") -> list[str]:
    """Every problem with payload against fields, as readable messages."""
    problems = []
    for name, spec in fields.items():
        value = payload.get(name)
        if value is None:
            if spec.required:
                problems.append(f"{where}{name} is required")
            continue
        problem = spec.check(value)
        if problem:
            problems.append(f"{where}{name} {problem}")
    unknown = sorted(set(payload) - set(fields))
    if unknown:
        problems.append(f"{where}unknown field(s): {', '.join(unknown)}")
    return problems
