"""The audit hash chain: each row's hash covers its content and the previous row's hash,
so altering, removing or reordering any row breaks every hash after it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from workstation.events.envelope import canonical_json

GENESIS = "0" * 64
CHAINED_FIELDS = ("audit_id", "at", "actor_id", "action", "patient_id", "device_id", "detail")


def row_hash(prev_hash: str, row: dict[str, Any]) -> str:
    """The hash of one audit row given the previous row's hash."""
    content = {name: row.get(name) for name in CHAINED_FIELDS}
    return hashlib.sha256(prev_hash.encode() + canonical_json(content)).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first row where the chain does not hold, and why."""

    audit_id: int
    reason: str


def verify_chain(rows: Iterable[dict[str, Any]]) -> ChainBreak | None:
    """Walk rows in audit_id order; None when intact, else the first bad row."""
    prev = GENESIS
    expected_id = None
    for row in rows:
        if expected_id is not None and row["audit_id"] != expected_id:
            return ChainBreak(row["audit_id"], f"row {expected_id} is missing")
        if row["prev_hash"] != prev:
            return ChainBreak(row["audit_id"], "previous-hash link does not match")
        if row_hash(prev, row) != row["hash"]:
            return ChainBreak(row["audit_id"], "content does not match its hash")
        prev = row["hash"]
        expected_id = row["audit_id"] + 1
    return None
