"""Per-patient digests that both sides compute the same way after a sync."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def patient_digest(event_ids: Iterable[str]) -> str:
    """SHA-256 over the sorted event ids of one patient."""
    return hashlib.sha256("\n".join(sorted(event_ids)).encode()).hexdigest()
