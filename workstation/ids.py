"""Identifiers made on the workstation: UUIDv7 (time-ordered) per RFC 9562."""

from __future__ import annotations

import os
import re
import time
import uuid

# The canonical spelling str(uuid.UUID(...)) gives: lower-case hex, hyphens at 8-4-4-4-12.
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def uuid7() -> str:
    """Return a new UUIDv7 string: 48-bit Unix milliseconds, then random bits."""
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (millis & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    value |= ((rand >> 62) & 0xFFF) << 64  # rand_a, 12 bits
    value |= 0b10 << 62  # variant
    value |= rand & ((1 << 62) - 1)  # rand_b, 62 bits
    return str(uuid.UUID(int=value))


def is_uuid(text: object) -> bool:
    """True when text is a canonical (lower-case, hyphenated) UUID string.

    Upper case is refused: ids are compared as strings everywhere, so one patient written
    in two cases would become two patients."""
    return isinstance(text, str) and _CANONICAL_UUID.fullmatch(text) is not None
