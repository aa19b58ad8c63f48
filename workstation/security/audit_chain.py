"""The audit hash chain: each row's hash covers its content and the previous row's hash,
so altering, removing or reordering any row breaks every hash after it.

With a key (kept in a file outside the database) the row hash is HMAC-SHA-256: someone who can
write the database but has not the key cannot recompute the hashes after an altered row."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from workstation.events.envelope import canonical_json

GENESIS = "0" * 64
CHAINED_FIELDS = ("audit_id", "at", "actor_id", "action", "patient_id", "device_id", "detail")


def row_hash(prev_hash: str, row: dict[str, Any], key: bytes | None = None) -> str:
    """The hash of one audit row given the previous row's hash: HMAC-SHA-256 under key, or plain
    SHA-256 for a chain that has no key (an unconfigured or legacy server)."""
    content = {name: row.get(name) for name in CHAINED_FIELDS}
    message = prev_hash.encode() + canonical_json(content)
    if key is None:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def key_id(key: bytes | None) -> str:
    """A name of the chain key that reveals nothing of it (stored beside the chain, shown in
    messages); "sha256" for an unkeyed chain."""
    if key is None:
        return "sha256"
    return "hmac-sha256:" + hmac.new(key, b"cw-audit-key-id-v1", hashlib.sha256).hexdigest()[:16]


@dataclass(frozen=True)
class ChainBreak:
    """The first row where the chain does not hold, and why."""

    audit_id: int
    reason: str


def verify_chain(rows: Iterable[dict[str, Any]], key: bytes | None = None) -> ChainBreak | None:
    """Walk rows in audit_id order; None when intact, else the first bad row."""
    prev = GENESIS
    expected_id = None
    for row in rows:
        if expected_id is not None and row["audit_id"] != expected_id:
            return ChainBreak(row["audit_id"], f"row {expected_id} is missing")
        if row["prev_hash"] != prev:
            return ChainBreak(row["audit_id"], "previous-hash link does not match")
        if not hmac.compare_digest(row_hash(prev, row, key), row["hash"]):
            return ChainBreak(row["audit_id"], "content does not match its hash")
        prev = row["hash"]
        expected_id = row["audit_id"] + 1
    return None
