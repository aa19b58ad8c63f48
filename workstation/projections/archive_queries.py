"""Read the archive projections: a patient's lock as the rules need it, what the chart shows
about it, and the unlock requests waiting for the medical-records office."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from workstation.projections import archive_tables as at
from workstation.projections import tables as t
from workstation.projections.record_lock import RecordLock, Unlock, UnlockStatus, lock_fields


def load_locks(conn: Connection, patient_ids: Iterable[str]) -> dict[str, RecordLock]:
    """The lock of every archived patient among `patient_ids` (others are absent)."""
    ids = sorted(set(patient_ids))
    locks: dict[str, RecordLock] = {}
    a, u = at.record_archives.c, at.record_unlocks.c
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in conn.execute(select(a.patient_id, a.archived_at).where(a.patient_id.in_(chunk))):
            locks[row.patient_id] = RecordLock(row.archived_at)
    archived = sorted(locks)
    for start in range(0, len(archived), 500):
        chunk = archived[start : start + 500]
        for row in conn.execute(select(at.record_unlocks).where(u.patient_id.in_(chunk))):
            locks[row.patient_id].unlocks[row.request_id] = Unlock(
                row.request_id, row.requested_by, UnlockStatus(row.status), row.unlocked_until
            )
    return locks


def record_lock(conn: Connection, patient_id: str) -> RecordLock | None:
    """One patient's lock, or None when the record was never archived."""
    return load_locks(conn, [patient_id]).get(patient_id)


def _rows(conn: Connection, statement: Any) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in conn.execute(statement)]


def archive_state(conn: Connection, patient_id: str, *, now: str) -> dict[str, Any]:
    """What the banner and the chart show: archived_at and by whom, locked at `now`, the running
    unlock (request, approver, until), every unlock request of this record (newest first) and
    the changes made under an unlock, each with its request."""
    a, u = at.record_archives.c, at.record_unlocks.c
    archive = conn.execute(
        select(a.archived_at, a.archived_by).where(a.patient_id == patient_id)
    ).first()
    requests = _rows(conn, select(at.record_unlocks).where(u.patient_id == patient_id)
                     .order_by(u.requested_at.desc()))  # fmt: skip
    state = lock_fields(record_lock(conn, patient_id), now)
    running = next((r for r in requests if r["request_id"] == state["unlock_request_id"]), None)
    return state | {
        "archived_by": archive.archived_by if archive else None,
        "unlock": running,
        "unlock_requests": requests,
        "unlocked_changes": unlocked_changes(conn, patient_id),
    }


def pending_unlocks(conn: Connection) -> list[dict[str, Any]]:
    """Unlock requests waiting for a decision, oldest first, with the patient they concern."""
    u, p = at.record_unlocks.c, t.patients.c
    statement = (
        select(at.record_unlocks, p.name, p.record_number, p.ward_id)
        .join(t.patients, p.patient_id == u.patient_id)
        .where(u.status == UnlockStatus.PENDING.value)
        .order_by(u.requested_at)
    )
    return _rows(conn, statement)


def unlocked_changes(conn: Connection, patient_id: str) -> list[dict[str, Any]]:
    """The changes made under an unlock, each with the request that allowed it."""
    c = at.unlocked_changes.c
    return _rows(conn, select(at.unlocked_changes).where(c.patient_id == patient_id))
