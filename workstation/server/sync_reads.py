"""What a push batch reads before it decides its events, a few statements for the whole batch:
the events already recorded, the patients, the active break-the-glass grants, the archive locks,
the next server_seq (`Shared`: read once for a group of pushes decided together), the wards."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import BindParameter, Connection, bindparam, func, select

from workstation.clock import now_iso
from workstation.events.envelope import Event
from workstation.projections import tables as pt
from workstation.projections.archive_queries import load_locks
from workstation.projections.record_lock import RecordLock
from workstation.server.audit import AuditEntry
from workstation.server.models import events, server_meta


@dataclass
class PatientState:
    """A patient as the batch has it: ward, record version, status."""

    ward_id: str | None
    version: int
    exists: bool
    status: str | None = None
    record_number: str | None = None


@dataclass
class Shared:
    """What the pushes decided one after the other in one transaction share, kept up to date as
    each is decided (as the database would have it after each): the events recorded (content
    hash, server_seq), the patients, the grants, the archive locks, the next server_seq, and the
    audit entries of the events stored (appended to the chain once, when all are stored)."""

    known: dict[str, tuple[str, int]]
    patients: dict[str, PatientState]
    grants: set[tuple[str, str]]
    locks: dict[str, RecordLock]
    next_seq: int
    epoch: str  # the database's epoch, read with next_seq (every push answers it)
    audit: list[AuditEntry] = field(default_factory=list)


def shared(conn: Connection, batch: list[Event]) -> Shared:
    """The shared reads of the events of one push or of a group of pushes."""
    found = (
        known(conn, [e.event_id for e in batch]),
        patients(conn, batch),
        grants(conn, batch),
        load_locks(conn, {e.patient_id for e in batch if e.patient_id}),
    )
    newest, epoch = conn.execute(_NEXT_SEQ).one()
    if epoch is None:
        raise RuntimeError("database is not initialised: run `workstation-server init`")
    return Shared(*found, (newest or 0) + 1, epoch)


# The statements are built once (an expanding IN list): building and keying a fresh statement
# for every push cost more CPU than running it.
_IDS: BindParameter[list[str]] = bindparam("ids", expanding=True)
_P, _G = pt.patients.c, pt.break_glass_grants.c
_KNOWN = select(events.c.event_id, events.c.content_hash, events.c.server_seq).where(
    events.c.event_id.in_(_IDS)
)
_PATIENTS = select(_P.patient_id, _P.ward_id, _P.version, _P.status, _P.record_number).where(
    _P.patient_id.in_(_IDS)
)
_GRANTS = select(_G.user_id, _G.patient_id).where(
    _G.patient_id.in_(_IDS), _G.expires_at > bindparam("now")
)
_WARDS = select(_P.patient_id, _P.ward_id).where(_P.patient_id.in_(_IDS))
_NEXT_SEQ = select(  # and the epoch, in the same statement
    func.max(events.c.server_seq),
    select(server_meta.c.value).where(server_meta.c.key == "epoch").scalar_subquery(),
)


def known(conn: Connection, event_ids: list[str]) -> dict[str, tuple[str, int]]:
    """(content hash, server_seq) of those events the server already holds, by event id."""
    found: dict[str, tuple[str, int]] = {}
    for chunk in chunks(event_ids, 500):
        for row in conn.execute(_KNOWN, {"ids": chunk}):
            found[row.event_id] = (row.content_hash, row.server_seq)
    return found


def patients(conn: Connection, batch: list[Event]) -> dict[str, PatientState]:
    """The batch's patients the server knows, by patient id."""
    found = {}
    for chunk in chunks(_patient_ids(batch), 500):
        for row in conn.execute(_PATIENTS, {"ids": chunk}):
            found[row.patient_id] = PatientState(
                row.ward_id, row.version, True, row.status, row.record_number
            )
    return found


def grants(conn: Connection, batch: list[Event]) -> set[tuple[str, str]]:
    """(user_id, patient_id) of the active break-the-glass grants on the batch's patients."""
    now = now_iso()
    grants: set[tuple[str, str]] = set()
    for chunk in chunks(_patient_ids(batch), 500):
        rows = conn.execute(_GRANTS, {"ids": chunk, "now": now})
        grants.update((row.user_id, row.patient_id) for row in rows)
    return grants


def chunks(items: list[str], size: int) -> Iterable[list[str]]:
    """The items in lists of at most size (a statement's parameters stay bounded)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def wards_after(conn: Connection, batch: list[Event]) -> dict[str, str]:
    """The ward of each of the batch's patients once the batch is folded in."""
    wards: dict[str, str] = {}
    for chunk in chunks(_patient_ids(batch), 500):
        wards.update(dict(conn.execute(_WARDS, {"ids": chunk}).all()))
    return wards


def _patient_ids(batch: list[Event]) -> list[str]:
    return sorted({e.patient_id for e in batch if e.patient_id})
