"""HL7 v2 outbound: the durable queue of lab and imaging orders for the LIS and the PACS.

The queue is filled from the orders as the server has them (the projection), whoever wrote them
and however late they arrived: a signed order (co-signed and approved where it must be) that is
in force gets a row `NW`; a discontinued one that was offered to the receiver gets a row `CA`
(a new order still unsent when it is stopped is withdrawn instead: the receiver never knew it).
Each row holds its message, built once, so a retry is byte for byte the same message with the
same MSH-10. A process claims due rows under a lease (PostgreSQL: SELECT ... FOR UPDATE SKIP
LOCKED; SQLite: the server's write lock), so two server processes never send one row at once;
a lease that runs out (the process died) makes the row due again, and the receiver de-duplicates
the resend by MSH-10. The receiver's answer is filed on the row and recorded as an
OrderTransmitted event by the interface identity, which every station's order timeline shows."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, insert, or_, select, update

from workstation.clock import iso, now_iso, parse_iso
from workstation.domain.loinc import lab_catalogue_loinc
from workstation.hl7v2.outbound import Acknowledgement, OrderFacts, control_id, order_message
from workstation.projections import tables as pt
from workstation.server import hl7_identity
from workstation.server.db import reader, writer
from workstation.server.models import hl7_outbound, hl7_patient_ids
from workstation.server.sync import push_within

log = logging.getLogger(__name__)

DESTINATIONS = {"lab": "LIS", "imaging": "PACS"}
IN_FORCE = ("placed", "verified")
MAX_REFUSALS = 8  # AR (cannot take it now) this many times: given up on, shown as rejected
MAX_BACKOFF_S = 300.0


@dataclass(frozen=True, slots=True)
class Claimed:
    """A row this process is sending under its lease."""

    control_id: str
    order_id: str
    action: str
    destination: str
    patient_id: str
    message: str
    attempts: int
    sent_at: str | None


def _facts_rows(conn: Connection, where: Any) -> list[Any]:
    o, p, h = pt.orders.c, pt.patients.c, hl7_patient_ids.c
    authority = select(func.min(h.authority)).where(h.patient_id == o.patient_id).scalar_subquery()
    return list(conn.execute(
        select(o.order_id, o.order_kind, o.code, o.description, o.urgent, o.placed_at, o.placed_by,
               o.end_reason, p.record_number, p.name, p.sex, p.birth_date, p.ward_id, p.bed,
               p.attending_id, o.patient_id, authority.label("authority"))
        .join(pt.patients, p.patient_id == o.patient_id)
        .where(o.order_kind.in_(tuple(DESTINATIONS)), o.voided.is_(False), where)
        .order_by(o.placed_at, o.order_id)
    ))  # fmt: skip


def _facts(row: Any, action: str) -> OrderFacts:
    loinc = lab_catalogue_loinc().get(row.code or "") if row.order_kind == "lab" else None
    return OrderFacts(
        order_id=row.order_id, action=action, kind=row.order_kind, code=row.code or "",
        description=row.description, loinc=loinc, urgent=bool(row.urgent),
        placed_at=row.placed_at, placed_by=row.placed_by, record_number=row.record_number,
        authority=row.authority or "", name=row.name, sex=row.sex, birth_date=row.birth_date,
        ward_id=row.ward_id, bed=row.bed, attending_id=row.attending_id,
        reason=(row.end_reason or "") if action == "CA" else "",
    )  # fmt: skip


def enqueue(engine: Engine, *, facility: str, destinations: tuple[str, ...]) -> int:
    """File a row for every order to offer and every offered order since stopped; the count."""
    q, o = hl7_outbound.c, pt.orders.c
    kinds = tuple(k for k, d in DESTINATIONS.items() if d in destinations)
    sent = select(q.order_id).where(q.action == "NW")
    cancelled = select(q.order_id).where(q.action == "CA")
    with writer(engine) as conn:
        new = _facts_rows(conn, and_(o.status.in_(IN_FORCE), o.order_kind.in_(kinds),
                                     o.order_id.not_in(sent)))  # fmt: skip
        stopped = _facts_rows(conn, and_(o.status == "discontinued", o.order_id.in_(sent),
                                         o.order_id.not_in(cancelled)))  # fmt: skip
        now = now_iso()
        for row in new:
            _insert(conn, _facts(row, "NW"), facility, now)
        filed = len(new)
        for row in stopped:
            if _withdraw_unsent(conn, row.order_id, now):
                continue
            _insert(conn, _facts(row, "CA"), facility, now)
            filed += 1
    return filed


def _insert(conn: Connection, facts: OrderFacts, facility: str, now: str) -> None:
    destination = DESTINATIONS[facts.kind]
    conn.execute(insert(hl7_outbound).values(
        control_id=control_id(facts.order_id, facts.action), order_id=facts.order_id,
        action=facts.action, destination=destination, patient_id=_patient(conn, facts.order_id),
        message=order_message(facts, receiver=destination, facility=facility, now=now),
        status="pending", attempts=0, next_attempt_at=now, created_at=now,
    ))  # fmt: skip


def _patient(conn: Connection, order_id: str) -> str:
    o = pt.orders.c
    return str(conn.execute(select(o.patient_id).where(o.order_id == order_id)).scalar_one())


def _withdraw_unsent(conn: Connection, order_id: str, now: str) -> bool:
    """A new order never tried yet is withdrawn rather than cancelled; True when done. A NW that
    was rejected needs no cancel either (the receiver does not have it)."""
    q = hl7_outbound.c
    row = conn.execute(select(q.control_id, q.status, q.attempts)
                       .where(q.order_id == order_id, q.action == "NW")).one()  # fmt: skip
    if row.status == "rejected" or row.status == "withdrawn":
        return True
    if row.status == "pending" and row.attempts == 0:
        conn.execute(update(hl7_outbound).where(q.control_id == row.control_id)
                     .values(status="withdrawn", answered_at=now))  # fmt: skip
        return True
    return False


def claim(engine: Engine, *, who: str, lease_s: float, limit: int = 20) -> list[Claimed]:
    """Take up to `limit` due rows for this process for lease_s seconds (oldest first). A cancel
    waits until its new order was accepted (the receiver must have it first)."""
    q = hl7_outbound.c
    now = now_iso()
    nw = hl7_outbound.alias("nw")
    ready = or_(q.action == "NW", select(nw.c.control_id).where(
        nw.c.order_id == q.order_id, nw.c.action == "NW", nw.c.status == "accepted").exists())  # fmt: skip
    due = or_(and_(q.status == "pending", q.next_attempt_at <= now),
              and_(q.status == "sending", q.claimed_until < now))  # fmt: skip
    statement = (select(hl7_outbound).where(due, ready).order_by(q.created_at, q.control_id)
                 .limit(limit).with_for_update(skip_locked=True))  # fmt: skip
    until = iso(parse_iso(now) + timedelta(seconds=lease_s))
    with _claiming(engine) as conn:
        rows = conn.execute(statement).all()
        for row in rows:
            conn.execute(update(hl7_outbound).where(q.control_id == row.control_id).values(
                status="sending", claimed_by=who, claimed_until=until, attempts=row.attempts + 1,
                sent_at=row.sent_at or now,
            ))  # fmt: skip
    return [Claimed(r.control_id, r.order_id, r.action, r.destination, r.patient_id, r.message,
                    r.attempts + 1, r.sent_at or now) for r in rows]  # fmt: skip


def _claiming(engine: Engine) -> Any:
    """SQLite has no row locks: the server's write lock serialises the claim. PostgreSQL: a plain
    transaction, the rows locked by FOR UPDATE SKIP LOCKED (another process skips them)."""
    if engine.dialect.name == "sqlite":
        return writer(engine)
    return engine.begin()


def retry_later(engine: Engine, row: Claimed, *, who: str, error: str, base_s: float) -> None:
    """The attempt failed (no connection, no answer, AR): due again after a backoff."""
    wait = min(base_s * 2 ** (row.attempts - 1), MAX_BACKOFF_S)
    q = hl7_outbound.c
    with writer(engine) as conn:
        conn.execute(update(hl7_outbound).where(q.control_id == row.control_id,
                                                q.claimed_by == who).values(
            status="pending", claimed_by=None, claimed_until=None, last_error=error[:500],
            next_attempt_at=iso(parse_iso(now_iso()) + timedelta(seconds=wait)),
        ))  # fmt: skip


def answered(engine: Engine, row: Claimed, ack: Acknowledgement, *, who: str,
             identity: hl7_identity.InterfaceIdentity) -> bool:  # fmt: skip
    """File the receiver's final answer and record it on the order's timeline; False when this
    process no longer held the row (its lease ran out and another took it)."""
    status = "accepted" if ack.accepted else "rejected"
    q, now = hl7_outbound.c, now_iso()
    with writer(engine) as conn:
        done = conn.execute(update(hl7_outbound).where(
            q.control_id == row.control_id, q.claimed_by == who, q.status == "sending").values(
            status=status, claimed_by=None, claimed_until=None, answered_at=now,
            ack_code=ack.code, ack_text=ack.text[:500] or None,
        )).rowcount  # fmt: skip
        if not done:
            return False
        payload = {"order_id": row.order_id, "destination": row.destination,
                   "action": "new" if row.action == "NW" else "cancel",
                   "control_id": row.control_id, "sent_at": row.sent_at or now,
                   "answered_at": now, "outcome": status, "ack_code": ack.code,
                   **({"ack_text": ack.text[:500]} if ack.text else {})}  # fmt: skip
        _record(conn, identity, row.patient_id, payload)
    return True


def gives_up(row: Claimed, ack: Acknowledgement) -> bool:
    """An AR repeated MAX_REFUSALS times is taken as the receiver's final no."""
    return not ack.final and row.attempts >= MAX_REFUSALS


def _record(conn: Connection, identity: hl7_identity.InterfaceIdentity, patient_id: str,
            payload: dict[str, Any]) -> None:  # fmt: skip
    wires = hl7_identity.signed_events(conn, identity, [("OrderTransmitted", patient_id, payload)])
    result = push_within(conn, pusher=identity.user, wire_events=wires)[0]
    if result["status"] != "accepted":  # e.g. the record was archived since: the row still says it
        log.warning("order %s: its transmission not recorded on the chart: %s",
                    payload["order_id"], result.get("code"))  # fmt: skip


def rows(engine: Engine, *, order_id: str | None = None) -> list[dict[str, Any]]:
    """The queue (or one order's rows), oldest first, without the messages."""
    q = hl7_outbound.c
    statement = select(*(c for c in hl7_outbound.c if c.name != "message"))
    if order_id is not None:
        statement = statement.where(q.order_id == order_id)
    with reader(engine) as conn:
        found = conn.execute(statement.order_by(q.created_at, q.control_id)).all()
    return [dict(r._mapping) for r in found]
