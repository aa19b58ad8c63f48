"""What a user may read on a device: the pull feed, a patient's history, digests and lookups.

Every read answers only for the wards that are both the user's and the device's registered
ward, plus the patients of the user's running break-the-glass grants; the hospital-wide roles
(pharmacy, laboratory, records office) read every ward (workstation.security.policy). A bulk
pull that returns events is audited: who, on which device, which wards, how many events."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, bindparam, func, or_, select

from workstation.clock import now_iso
from workstation.events.digest import patient_digest
from workstation.projections import tables as pt
from workstation.security.policy import QUALITY_OFFICE_ROLES, reading_wards
from workstation.server import audit, meta
from workstation.server.audit import AuditEntry
from workstation.server.auth import User
from workstation.server.db import glance, reader
from workstation.server.models import devices, events, server_meta
from workstation.server.ward_rules import PRIVATE_TYPES

MAX_PULL_PAGE = 5000
MAX_DIGEST_PATIENTS = 5000
_NEWEST = select(func.max(events.c.server_seq)).scalar_subquery()
_EPOCH = select(server_meta.c.value).where(server_meta.c.key == "epoch").scalar_subquery()
# a poll's first statement, built once (keying a fresh one costs a poll more than running it)
_HEAD = select(_NEWEST, _EPOCH, select(devices.c.ward_id).where(
    devices.c.device_id == bindparam("device_id")).scalar_subquery())  # fmt: skip


def device_wards(conn: Connection, device_id: str) -> set[str]:
    """The ward(s) a device is registered to (none when it never registered)."""
    found = conn.execute(select(devices.c.ward_id).where(devices.c.device_id == device_id)).scalar()
    return {found} if found else set()


def scope_wards(conn: Connection, user: User, device_id: str) -> frozenset[str] | None:
    """The wards this user reads on this device; None for every ward."""
    return reading_wards(user.role, user.wards, device_wards(conn, device_id))


def scope_patient_ids(user: User, wards: frozenset[str] | None) -> Any:
    """A subquery of the patients a user reads: the wards' patients plus break-the-glass grants;
    every patient when `wards` is None (a hospital-wide role)."""
    if wards is None:
        return select(pt.patients.c.patient_id)
    g = pt.break_glass_grants.c
    ward_patients = select(pt.patients.c.patient_id).where(pt.patients.c.ward_id.in_(sorted(wards)))
    granted = select(g.patient_id).where(g.user_id == user.user_id, g.expires_at > now_iso())
    return ward_patients.union(granted)


def in_scope(conn: Connection, user: User, device_id: str, patient_ids: list[str]) -> set[str]:
    """Which of these patients the user may read on this device."""
    scope = scope_patient_ids(user, scope_wards(conn, user, device_id)).subquery()
    found: set[str] = set()
    for start in range(0, len(patient_ids), 500):
        chunk = patient_ids[start : start + 500]
        found.update(
            conn.execute(select(scope.c.patient_id).where(scope.c.patient_id.in_(chunk))).scalars()
        )
    return found


def event_rows_to_wire(rows: Iterable[Any]) -> list[dict[str, Any]]:
    """Event rows as the wire dicts a workstation reads, with the author's signature (any reader
    can verify it). The payload goes out as the canonical JSON bytes it was stored as (an
    orjson.Fragment, written as is by orjson.dumps), not decoded and encoded again."""
    return [{
        "event_id": r.event_id, "type": r.type, "patient_id": r.patient_id, "author_id": r.author_id,
        "device_id": r.device_id, "device_seq": r.device_seq, "recorded_at": r.recorded_at,
        "payload": orjson.Fragment(r.payload), "server_seq": r.server_seq, "received_at": r.received_at,
        "signature": r.signature,
    } for r in rows]  # fmt: skip


def private_filter(user: User) -> Any:
    """Adverse-event reports reach only their reporter and the quality office: a colleague
    reads the register through `adverse_events` (an anonymous reporter hidden), not the events."""
    if user.role in QUALITY_OFFICE_ROLES:
        return events.c.type.is_not(None)
    return or_(events.c.type.not_in(sorted(PRIVATE_TYPES)), events.c.author_id == user.user_id)


AuditSink = Callable[[list[AuditEntry]], None]


def pull(
    engine: Engine, *, user: User, device_id: str, after: int, limit: int,
    audit_sink: AuditSink | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Events after a cursor for the user's scope on this device, paged; `next_after` never skips
    a row. A page with events is audited (`bulk_pull`, through `audit_sink` when the server
    groups its audit commits); an empty poll is not. Two statements at most (a poll is what a
    hospital's stations do most): the newest event, the epoch and the device's ward; then,
    only when the station is behind, its page."""
    limit = max(1, min(limit, MAX_PULL_PAGE))
    with glance(engine) as conn:
        newest, epoch, ward = conn.execute(_HEAD, {"device_id": device_id}).one()
        watermark = newest or 0
        if after >= watermark:
            return {"epoch": epoch, "events": [], "next_after": after, "more": False,
                    "watermark": watermark}  # fmt: skip
        wards = reading_wards(user.role, user.wards, {ward} if ward else set())
        rows = conn.execute(_page(user, wards, after, watermark, limit)).all()
    full = len(rows) == limit
    next_after = rows[-1].server_seq if full else max(watermark, after)
    if rows:
        entry = _pull_entry(user, device_id, wards, rows, after)
        (audit_sink or partial(audit.record, engine))([entry])
    return {
        "epoch": epoch, "events": event_rows_to_wire(rows), "next_after": next_after,
        "more": full and next_after < watermark, "watermark": watermark,
    }  # fmt: skip


def _page(user: User, wards: frozenset[str] | None, after: int, watermark: int, limit: int) -> Any:
    """The pull's one read: the scope's events after the cursor up to the watermark. One
    statement outside a transaction is enough: server_seq is handed out under the write lock
    and so in commit order, and every event up to a watermark seen is committed."""
    return (
        select(events)
        .where(
            events.c.server_seq > after,
            events.c.server_seq <= watermark,
            or_(events.c.patient_id.is_(None),
                events.c.patient_id.in_(scope_patient_ids(user, wards))),
            private_filter(user),
        )
        .order_by(events.c.server_seq)
        .limit(limit)
    )  # fmt: skip


def _pull_entry(
    user: User, device_id: str, wards: frozenset[str] | None, rows: Sequence[Any], after: int
) -> AuditEntry:
    detail = {
        "wards": "all" if wards is None else sorted(wards), "events": len(rows),
        "patients": len({r.patient_id for r in rows if r.patient_id}),
        "after": after, "through": rows[-1].server_seq,
    }  # fmt: skip
    return AuditEntry("bulk_pull", user.user_id, None, device_id, detail)


def patient_history(
    engine: Engine, *, user: User, device_id: str, patient_id: str
) -> dict[str, Any] | None:
    """Every event of one patient (backfill after a transfer in or break-the-glass), or None
    when the patient is out of the user's scope on this device."""
    with reader(engine) as conn:
        if not in_scope(conn, user, device_id, [patient_id]):
            return None
        rows = conn.execute(
            select(events).where(events.c.patient_id == patient_id).order_by(events.c.server_seq)
        ).all()
        return {"epoch": meta.epoch(conn), "events": event_rows_to_wire(rows)}


def lookup(
    engine: Engine, *, user: User, device_id: str, record_number: str
) -> dict[str, Any] | None:
    """Who a record number is, for break-the-glass: the patient id and whether the user reads
    them here; the ward only when in scope (nothing clinical of a patient out of scope)."""
    p = pt.patients.c
    with reader(engine) as conn:
        row = conn.execute(
            select(p.patient_id, p.ward_id).where(p.record_number == record_number)
        ).first()
        if row is None:
            return None
        readable = bool(in_scope(conn, user, device_id, [row.patient_id]))
    found: dict[str, Any] = {"patient_id": row.patient_id, "in_scope": readable}
    if readable:
        found["ward_id"] = row.ward_id
    return found


def digests(
    engine: Engine, *, user: User, device_id: str, patient_ids: list[str], upto: int | None = None
) -> dict[str, dict[str, Any]]:
    """Per-patient event count and digest as the server holds them, up to a server_seq (the
    asker's pull cursor) so that events pushed by others since its pull do not count. Patients
    out of the user's scope on this device are left out of the answer."""
    limit = events.c.server_seq <= upto if upto is not None else events.c.server_seq.is_not(None)
    with reader(engine) as conn:
        readable = in_scope(conn, user, device_id, sorted(set(patient_ids)))
        found: dict[str, list[str]] = {pid: [] for pid in readable}
        chunked = sorted(found)
        for start in range(0, len(chunked), 500):
            for row in conn.execute(
                select(events.c.patient_id, events.c.event_id).where(
                    events.c.patient_id.in_(chunked[start : start + 500]), limit
                )
            ):
                found[row.patient_id].append(row.event_id)
    return {pid: {"count": len(ids), "digest": patient_digest(ids)} for pid, ids in found.items()}
