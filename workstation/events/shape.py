"""Bounds on the shape of decoded JSON (depth, size, numbers, text), checked without recursion.

A hostile payload must be refused as malformed before anything walks it recursively (hashing,
validation, the projector) or sends it to SQL, and refused the same way on SQLite and
PostgreSQL: PostgreSQL refuses a NUL character in text and an integer beyond 64 bits where
SQLite stores both, so neither may pass this check."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

MAX_SAFE_INTEGER = 2**53 - 1  # beyond it a JSON number loses precision in many readers


@dataclass(frozen=True, slots=True)
class ShapeLimits:
    """How deep, how big and how long a JSON value may be."""

    depth: int = 32  # nested objects and arrays
    items: int = 10_000  # object members plus array elements, all levels together
    text: int = 1_000_000  # characters of every string and key together
    key_length: int = 200  # characters of one object key


PAYLOAD_LIMITS = ShapeLimits()


def shape_problem(value: Any, limits: ShapeLimits = PAYLOAD_LIMITS) -> str | None:
    """Why a decoded JSON value (the subject of the returned phrase) is too deep, too big or holds a value that cannot be stored
    alike everywhere (NaN, infinity, an integer beyond ±2**53, a NUL character); None when fine.

    Each container's keys and scalar members are weighed as the container is met; only nested
    containers wait on the stack (a pushed event's payload is a flat object: a tuple pushed and
    popped for every member cost more than the checks themselves)."""
    if not isinstance(value, dict | list):
        return _leaf_problem(value, limits)
    items = text = 0
    pending: list[tuple[dict[Any, Any] | list[Any], int]] = [(value, 1)]
    while pending:
        current, depth = pending.pop()
        if depth > limits.depth:
            return f"is nested deeper than {limits.depth} levels"
        items += len(current)
        if items > limits.items:
            return f"has more than {limits.items} members and elements"
        if isinstance(current, dict):
            for key in current:
                problem = _key_problem(key, limits)
                if problem:
                    return problem
                text += len(key)
            members: Any = current.values()
        else:
            members = current
        for member in members:
            if isinstance(member, str):
                text += len(member)
                if "\x00" in member:
                    return "must not contain a NUL character"
            elif isinstance(member, dict | list):
                pending.append((member, depth + 1))
            elif member is None or member is True or member is False:
                continue
            else:
                problem = _scalar_problem(member)
                if problem:
                    return problem
            if text > limits.text:
                return f"has more than {limits.text} characters of text"
        if text > limits.text:  # the keys alone
            return f"has more than {limits.text} characters of text"
    return None


def _leaf_problem(value: Any, limits: ShapeLimits) -> str | None:
    """A value that is not a container, on its own."""
    if isinstance(value, str):
        if "\x00" in value:
            return "must not contain a NUL character"
        if len(value) > limits.text:
            return f"has more than {limits.text} characters of text"
        return None
    return _scalar_problem(value)


def _key_problem(key: Any, limits: ShapeLimits) -> str | None:
    if not isinstance(key, str):
        return "has an object key that is not text"
    if len(key) > limits.key_length:
        return f"has an object key longer than {limits.key_length} characters"
    if "\x00" in key:
        return "must not contain a NUL character"
    return None


def _scalar_problem(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            return (
                f"cannot be encoded as canonical JSON: integers must lie within ±{MAX_SAFE_INTEGER}"
            )
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else "must not contain NaN or infinity"
    return f"holds a {type(value).__name__}, which is not a JSON value"


def short_text(value: Any, max_length: int) -> bool:
    """A non-empty string of at most max_length characters without NUL (text_problem is None),
    decided without a message: the envelope of every pushed event is checked with it."""
    return isinstance(value, str) and 0 < len(value) <= max_length and "\x00" not in value


def text_problem(value: Any, max_length: int) -> str | None:
    """Why value is not a non-empty string of at most max_length characters without NUL."""
    if short_text(value, max_length):
        return None
    if not isinstance(value, str) or not value:
        return "must be a non-empty string"
    if len(value) > max_length:
        return f"must be at most {max_length} characters"
    if "\x00" in value:
        return "must not contain a NUL character"
    return None
