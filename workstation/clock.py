"""Timestamps as ISO-8601 UTC strings, the one format stored and sent everywhere."""

from __future__ import annotations

from datetime import UTC, datetime

# How far a workstation's clock may be from the server's before its times are refused: the
# signing-key window and a key login's freshness allow this much either way.
MAX_CLOCK_SKEW_S = 600
# A station's device proof (workstation.server.device_keys) may be this old by the server's clock,
# so that a ward PC whose clock is wrong by hours or days still logs in (its events are then judged
# by the device-time bounds and kept in its needs-attention list) rather than locking staff out;
# its nonce is never accepted twice, and is kept as long as a proof is accepted.
MAX_DEVICE_PROOF_AGE_S = 7 * 24 * 3600


def utc_now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """Format a datetime as ISO-8601 UTC with milliseconds and a Z."""
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


def now_iso() -> str:
    """The current UTC time as an ISO-8601 string."""
    return iso(utc_now())


def parse_iso(text: str) -> datetime:
    """Parse an ISO-8601 timestamp; naive values are taken as UTC."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


# How far a device's clock may be from the server's before its times are refused
# (workstation.server.device_clock): ahead of the receipt, or before what its history allows.
MAX_CLOCK_SKEW_S = 600
