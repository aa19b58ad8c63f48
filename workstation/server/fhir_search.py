"""The FHIR search parameters the API understands, parsed and checked; a bad one is a
SearchError (answered 400 with an OperationOutcome). Unknown parameters are refused, not
ignored: a HIS that misspells `birthdate` must not get every patient back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from workstation.clock import iso, parse_iso
from workstation.fhir.rest import COMMON_PARAMETERS, SEARCH_PARAMETERS

DEFAULT_COUNT = 50
MAX_COUNT = 1000
_PREFIX = re.compile(r"^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(\d{4}-\d{2}-\d{2}(T[0-9:.+\-Z]+)?)$")
_IGNORED = {"_format", "_pretty"}
_DIGITS = re.compile(r"[0-9]{1,4}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # PostgreSQL refuses a NUL in any string
_CURSOR = re.compile(r"^(\d{1,2})~([A-Za-z0-9\-.]{1,64})~(\d{1,3})$")


class SearchError(ValueError):
    """A search parameter the server cannot take."""


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: the source index, the last key read, resources of it sent."""

    source: int = 0
    after: str | None = None
    skip: int = 0

    def token(self) -> str:
        """The opaque `_cursor` value of a next link."""
        return f"{self.source}~{self.after or '-'}~{self.skip}"


@dataclass(frozen=True)
class Range:
    """A half-open time range [start, end) of ISO strings (None: unbounded)."""

    start: str | None = None
    end: str | None = None


@dataclass
class Search:
    """A parsed search: page size, cursor, time range, and the type's own parameters."""

    count: int = DEFAULT_COUNT
    cursor: Cursor = field(default_factory=Cursor)
    last_updated: list[Range] = field(default_factory=list)
    params: dict[str, str] = field(default_factory=dict)


def date_range(value: str, name: str) -> Range:
    """A FHIR date search value (prefix eq, gt, lt, ge, le) as a time range."""
    match = _PREFIX.match(value)
    if not match or match.group(1) in ("ne", "sa", "eb", "ap"):
        raise SearchError(f"{name}: {value!r} is not a date with a prefix of eq, gt, lt, ge, le")
    prefix, text = match.group(1) or "eq", match.group(2)
    try:
        start = parse_iso(text if "T" in text else f"{text}T00:00:00Z")
    except ValueError as exc:
        raise SearchError(f"{name}: {value!r} is not a valid date") from exc
    end = start + (timedelta(days=1) if "T" not in text else timedelta(milliseconds=1))
    low, high = iso(start), iso(end)
    return {"eq": Range(low, high), "ge": Range(low, None), "gt": Range(high, None),
            "lt": Range(None, low), "le": Range(None, high)}[prefix]  # fmt: skip


def parse(resource_type: str, items: list[tuple[str, str]], *, cursor_ok: bool = True) -> Search:
    """Check and parse the query's (name, value) pairs for a search of `resource_type`."""
    allowed = SEARCH_PARAMETERS.get(resource_type, {})
    search = Search()
    for name, value in items:
        if _CONTROL.search(name) or _CONTROL.search(value):
            raise SearchError("a search parameter holds a control character")
        if name in _IGNORED:
            continue
        if name == "_count":
            search.count = _count(value)
        elif name == "_cursor" and cursor_ok:
            search.cursor = _cursor(value)
        elif name == "_lastUpdated":
            search.last_updated.append(date_range(value, name))
        elif name in allowed or name in COMMON_PARAMETERS or name == "subject":
            if name in search.params:
                raise SearchError(f"{name}: given twice; one value (or a comma list) only")
            if not value or len(value) > 200:
                raise SearchError(f"{name}: must be 1 to 200 characters")
            search.params[name] = value
        else:
            known = sorted({*allowed, *COMMON_PARAMETERS})
            raise SearchError(f"unknown search parameter {name!r} for {resource_type}; "
                              f"this server knows {', '.join(known)}")  # fmt: skip
    if "birthdate" in search.params:
        date_range(search.params["birthdate"], "birthdate")
    return search


def _count(value: str) -> int:
    if not _DIGITS.fullmatch(value) or not 0 < int(value) <= MAX_COUNT:  # ASCII digits only
        raise SearchError(f"_count must be a whole number from 1 to {MAX_COUNT}")
    return int(value)


def _cursor(value: str) -> Cursor:
    match = _CURSOR.match(value)
    if not match:
        raise SearchError("_cursor is not one this server made (take the Bundle's next link)")
    after = None if match.group(2) == "-" else match.group(2)
    return Cursor(int(match.group(1)), after, int(match.group(3)))


def token(value: str) -> tuple[str | None, str]:
    """A token search value `system|code` (or `code`) as (system, code)."""
    system, bar, code = value.rpartition("|")
    return (system or None, code) if bar else (None, value)


def patient_ref(value: str) -> str:
    """The patient id of a `patient` / `subject` value (`Patient/123` or `123`)."""
    kind, slash, ident = value.rpartition("/")
    if slash and kind != "Patient":
        raise SearchError(f"patient must reference a Patient, not {kind!r}")
    return ident
