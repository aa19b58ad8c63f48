"""HL7 v2 inbound: a message in, its ACK out, exactly once.

A message is filed under its sending facility and control id (MSH-4, MSH-10) in the same
transaction as the events it became, so a resend finds it and gets the same ACK, changing
nothing. `AA` is answered only after that commit; `AE` (with an ERR segment naming the field)
for a wrong message, which is kept in the interface queue with its reason; `AR` when the
database cannot take it now (nothing is kept: the sender retries). A message for a patient not
yet known is held, and applied when the admission arrives. The events go through the same push
checks as a station's (sync.push_within), signed by the interface identity. Messages arriving at
once on several connections share one transaction and one commit (group commit, hl7_batch)."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, func, insert, select
from sqlalchemy.exc import DBAPIError

from workstation.clinical.ward_safety import WardSafetySettings, critical_report
from workstation.clock import now_iso
from workstation.events.envelope import Event
from workstation.hl7v2 import mapping, message
from workstation.hl7v2.mapping import PatientRef
from workstation.hl7v2.message import MessageProblem, Received
from workstation.ids import uuid7
from workstation.resources import resource
from workstation.server import hl7_identity
from workstation.server.db import reader, writer
from workstation.server.group_commit import GroupCommit
from workstation.server.hl7_batch import (
    MAX_BATCH,
    Group,
    Outcome,
    Preread,
    Refused,
    Txn,
    savepoint,
)
from workstation.server.hl7_filing import (
    Filing,
    Rows,
    audit_message,
    file_identifiers,
    file_message,
    file_results,
    held_for,
    patient_key,
    stored,
)
from workstation.server.hl7_plan import Plan, known_wards, plan
from workstation.server.models import events, hl7_messages
from workstation.server.sync import push_within

log = logging.getLogger(__name__)

# Built once (each batch or admission runs them): no statement construction per message.
_LAST_SEQ = select(func.max(events.c.device_seq)).where(
    events.c.device_id == hl7_identity.DEVICE_ID
)
_HELD_FOR = (
    select(hl7_messages.c.message_key, hl7_messages.c.raw, hl7_messages.c.charset)
    .where(hl7_messages.c.status == "held", hl7_messages.c.patient_key == bindparam("patient_key"))
    .order_by(hl7_messages.c.received_at, hl7_messages.c.message_key)
)


def after_results_committed(engine: Engine, lab_events: list[Event]) -> None:
    """Called once for every message whose LabResulted events were committed. Critical values are
    not reported here but in the same transaction as their results (Inbox.signed_events), so an AA never
    leaves a critical result unreported; nothing is left to do after the commit."""
    del engine, lab_events


class Inbox:
    """The server's HL7 inbound, one per process. Messages arriving together on several
    connections are applied in arrival order, each in its own savepoint, in one write transaction
    (group commit); every ACK is given only after that commit."""

    def __init__(self, engine: Engine, *, on_results: Callable[[Engine, list[Event]], None]
                 = after_results_committed):  # fmt: skip
        self.engine = engine
        self.on_results = on_results
        self._identity: hl7_identity.InterfaceIdentity | None = None
        self._lock = threading.Lock()  # the interface's write transaction
        self._group = GroupCommit(self.take_batch, limit=MAX_BATCH)
        self._settings: tuple[int, WardSafetySettings] | None = None

    @property
    def identity(self) -> hl7_identity.InterfaceIdentity:
        """The interface user and this process's signing key (registered on first use)."""
        if self._identity is None:
            self._identity = hl7_identity.ensure(self.engine)
        return self._identity

    def handle(self, raw: bytes) -> bytes:
        """The ACK (encoded as the message was) for one message received over MLLP."""
        try:
            received = message.receive(raw)
        except MessageProblem as problem:
            return self._unreadable(raw, problem).encode("utf-8")
        codec = message.CHARSETS.get(received.charset.upper(), "utf-8")
        return self._committed(received).encode(codec, errors="replace")

    def handle_many(self, raws: list[bytes]) -> list[bytes]:
        """The ACKs of messages received together (from any connections, in arrival order),
        applied in ONE write transaction: each AA only once that transaction committed. Never
        raises: a message that cannot be taken now is answered AR."""
        return self.apply_received([self.received(raw) for raw in raws])

    def received(self, raw: bytes) -> Received | bytes:
        """The message decoded and parsed; or, when its header cannot be read, its ACK (AE; the
        message kept in the queue under a hash of its bytes)."""
        try:
            return message.receive(raw)
        except MessageProblem as problem:
            return self.kept_unreadable(raw, problem)

    def apply_received(self, items: list[Received | bytes],
                       reads: list[Preread] | None = None) -> list[bytes]:  # fmt: skip
        """The ACKs of messages as `received` gave them, the parsed ones applied in ONE write
        transaction (each AA only once it committed; AR for all when it does not). `reads`: what
        mapping.read made of each message already (the listener's parse process), if known."""
        acks = [item if isinstance(item, bytes) else b"" for item in items]
        readable = [(n, item) for n, item in enumerate(items) if isinstance(item, Received)]
        prereads = [reads[n] for n, _ in readable] if reads is not None else None
        answers = (self.take_batch([received for _, received in readable], prereads)
                   if readable else [])  # fmt: skip
        for (n, received), answer in zip(readable, answers, strict=True):
            codec = message.CHARSETS.get(received.charset.upper(), "utf-8")
            acks[n] = answer.encode(codec, errors="replace")
        return acks

    def kept_unreadable(self, raw: bytes, problem: MessageProblem) -> bytes:
        """The AE of a message whose header cannot be read, kept in the queue (AR if it cannot
        be kept now)."""
        try:
            return self._unreadable(raw, problem).encode("utf-8")
        except Exception as exc:  # not kept: refused for now, the sender retries
            log.error("unreadable HL7 message not kept: %s", type(exc).__name__)
            return message.ack(None, "AR", text="the server cannot take messages now").encode()

    def _committed(self, received: Received) -> str:
        """Group commit (group_commit.GroupCommit): the message waits with the others; a thread
        that finds no commit running takes everything waiting (up to MAX_BATCH, in arrival
        order) and commits it at once."""
        return self._group.submit(received)

    def take_batch(self, batch: list[Received], reads: list[Preread] | None = None) -> list[str]:
        """The ACKs of messages applied in order in ONE write transaction, given only once it
        committed (AR for all of them when the commit fails: nothing was kept, the senders
        retry). `reads`: each message's mapping.read, when already made."""
        try:
            self.identity  # noqa: B018 - its key is registered before a write transaction opens
            with self._lock, writer(self.engine) as conn:
                txn = self._txn(conn)
                acks = Group(self, txn).take_all(batch, reads)
        except DBAPIError:  # the database is down or busy: the senders retry later
            return [message.ack(r, "AR", text="the server cannot take messages now") for r in batch]
        except Exception as exc:  # a fault of ours: refuse for now, never answer AA, never crash
            log.error("HL7 messages not taken: %s", type(exc).__name__)
            return [_refused(received) for received in batch]
        self._results(txn.labs)
        return acks

    def take_one(self, txn: Txn, received: Received) -> str:
        """One message's ACK: the stored one for a resend, else the message applied (its own
        savepoint: a fault in it refuses it with AR and leaves the others of the batch alone)."""
        row = stored(txn.conn, received.key)
        if row is not None:
            return str(row.ack)
        try:
            with savepoint(txn):
                return self._process(txn, received, {}, None, actor=None, filed=False).ack
        except DBAPIError:
            return message.ack(received, "AR", text="the server cannot take messages now")
        except Exception as exc:
            log.error("HL7 message %s not taken: %s", received.key, type(exc).__name__)
            return _refused(received)

    def _txn(self, conn: Connection) -> Txn:
        last = conn.execute(_LAST_SEQ).scalar()
        return Txn(conn, known_wards(conn), self._ward_safety(), (last or 0) + 1)

    def _ward_safety(self) -> WardSafetySettings:
        """The hospital's critical limits, read again only when their file changed."""
        path = resource("settings", "ward_safety.json")
        stamp = path.stat().st_mtime_ns
        if self._settings is None or self._settings[0] != stamp:
            self._settings = (stamp, WardSafetySettings.load(path))
        return self._settings[1]

    def _results(self, labs: list[Event]) -> None:
        if not labs:
            return
        try:
            self.on_results(self.engine, labs)
        except Exception as exc:  # committed already: the ACK stays what the commit made it
            log.error("after HL7 results committed: %s", type(exc).__name__)

    def rerun(self, message_key: str, *, actor_id: str, ward_map: dict[str, str] | None = None,
              target: PatientRef | None = None) -> Outcome:  # fmt: skip
        """Re-run a held or rejected message (after the mapping or the target was corrected);
        audited with the admin's id. KeyError when there is no such message in the queue."""
        self.identity  # noqa: B018
        with self._lock, writer(self.engine) as conn:
            row = stored(conn, message_key)
            if row is None or row.status not in ("held", "rejected"):
                raise KeyError(message_key)
            try:
                received = message.parse_text(row.raw, row.charset)
            except MessageProblem as problem:
                return Outcome("rejected", row.ack, problem.reason)
            overrides = {"ward_map": ward_map or {},
                         "target": target.key if target else None}  # fmt: skip
            txn = self._txn(conn)
            outcome = self._process(txn, received, ward_map or {}, target,
                                    actor=(actor_id, overrides), filed=True)  # fmt: skip
        self._results(txn.labs)
        return outcome

    def _process(self, txn: Txn, received: Received, ward_map: dict[str, str],
                 target: PatientRef | None, *, actor: tuple[str, dict[str, Any]] | None,
                 filed: bool) -> Outcome:  # fmt: skip
        outcome = self._apply(txn, received, ward_map, target, actor=actor, filed=filed)
        self.release_all(txn, outcome.released)
        return outcome

    def release_all(self, txn: Txn, refs: list[PatientRef]) -> None:
        """The admission (or merge) lets in the messages held for those patients (one read
        finds those that any message waits for)."""
        held = held_for(txn.conn, [ref.key for ref in refs])
        waiting = [ref for ref in refs if ref.key in held]
        while waiting:
            waiting += self._release(txn, waiting.pop(0))

    def _release(self, txn: Txn, ref: PatientRef) -> list[PatientRef]:
        """The messages held for `ref`, in arrival order, in the admission's transaction (each in
        its own savepoint: one that fails for a fault of ours stays held)."""
        rows = txn.conn.execute(_HELD_FOR, {"patient_key": ref.key}).all()
        released: list[PatientRef] = []
        for row in rows:
            try:
                with savepoint(txn):
                    received = message.parse_text(row.raw, row.charset)
                    outcome = self._apply(txn, received, {}, None, actor=None, filed=True)
            except Exception as exc:
                log.error("held HL7 message %s not released: %s", row.message_key,
                          type(exc).__name__)  # fmt: skip
                continue
            released += outcome.released
        return released

    def _apply(self, txn: Txn, received: Received, ward_map: dict[str, str],
               target: PatientRef | None, *, actor: tuple[str, dict[str, Any]] | None,
               filed: bool) -> Outcome:  # fmt: skip
        try:
            inbound = mapping.read(received)
            if target is not None:
                inbound.patient = target
            with savepoint(txn):
                return self._commit(txn, received, inbound, ward_map, actor, filed)
        except MessageProblem as problem:
            ack = message.ack(received, "AE", text=problem.reason, problem=problem)
            return self._keep(txn.conn, received, ack, problem, actor, filed)
        except Refused as refused:
            refusal = MessageProblem(refused.field, str(refused), message.APPLICATION_ERROR)
            ack = message.ack(received, "AE", text=str(refused), problem=refusal)
            return self._keep(txn.conn, received, ack, refusal, actor, filed)

    def _commit(self, txn: Txn, received: Received, inbound: mapping.Inbound,
                ward_map: dict[str, str], actor: tuple[str, dict[str, Any]] | None,
                filed: bool) -> Outcome:  # fmt: skip
        conn = txn.conn
        steps = plan(conn, inbound, facility=received.sending_facility, ward_map=ward_map,
                     wards_known=txn.wards)  # fmt: skip
        if steps.hold_for is not None:
            ack = message.ack(received, "AA", text=steps.note)
            file_message(conn, received, Filing("held", ack, steps.note, None, steps.hold_for.key, 0),
                  filed)  # fmt: skip
            audit_message(conn, self.identity.user.user_id, received, "held", steps.note, actor)
            return Outcome("held", ack, steps.note)
        wires = self.signed_events(txn, steps, received.sending_facility)
        results = push_within(conn, pusher=self.identity.user, wire_events=wires) if wires else []
        refused = [r for r in results if r["status"] != "accepted"]
        if refused:
            raise Refused(refused)
        return self.file_pushed(txn, received, inbound, steps, wires, actor, filed)

    def file_pushed(self, txn: Txn, received: Received, inbound: mapping.Inbound, steps: Plan,
               wires: list[dict[str, Any]], actor: tuple[str, dict[str, Any]] | None,
               filed: bool, rows: Rows | None = None) -> Outcome:  # fmt: skip
        """File a message whose events were pushed: its identifiers, results, itself (the new
        rows gathered in `rows`, when given, for the group to write at once)."""
        conn = txn.conn
        file_identifiers(conn, steps, rows)
        file_results(conn, steps, wires, rows)
        status = "applied" if wires or steps.new_ids else "ignored"
        ack = message.ack(received, "AA", text=steps.note)
        filing = Filing(status, ack, steps.note or None, None, inbound.patient.key, len(wires))
        file_message(conn, received, filing, filed, rows)
        if actor is not None:
            audit_message(conn, actor[0], received, status, steps.note, actor)
        txn.labs += [Event(**w) for w in wires if w["type"] == "LabResulted"]  # as pushed
        return Outcome(status, ack, steps.note, released=[ref for ref, _ in steps.new_ids])

    def signed_events(self, txn: Txn, steps: Plan, facility: str) -> list[dict[str, Any]]:
        """The plan's events signed by the interface, each result the hospital's limits or the
        lab's LL/HH flag make critical followed by its CriticalValueReported (危急值报告制度, the
        same `critical_report` as every other path), reported by the sending laboratory in the
        same transaction, so an AA never leaves a critical result unreported."""
        at = now_iso()
        signed: list[dict[str, Any]] = []
        for event_type, patient_id, payload in steps.events:
            event = self._signed(txn, event_type, patient_id, payload, at)
            signed.append(event.to_wire())
            if event_type == "LabResulted":
                report = critical_report(event, txn.settings, reporter=facility or "LIS")
                if report is not None:
                    signed.append(self._signed(txn, "CriticalValueReported", patient_id, report,
                                               at).to_wire())  # fmt: skip
        return signed

    def _signed(self, txn: Txn, event_type: str, patient_id: str, payload: dict[str, Any],
                at: str) -> Event:  # fmt: skip
        identity, txn.next_seq = self.identity, txn.next_seq + 1
        return identity.signed({
            "event_id": uuid7(), "type": event_type, "patient_id": patient_id,
            "author_id": identity.user.user_id, "device_id": hl7_identity.DEVICE_ID,
            "device_seq": txn.next_seq - 1, "recorded_at": at, "payload": payload,
        })  # fmt: skip

    def _keep(self, conn: Connection, received: Received, ack: str, problem: MessageProblem,
              actor: tuple[str, dict[str, Any]] | None, filed: bool) -> Outcome:  # fmt: skip
        reason = str(problem)
        filing = Filing("rejected", ack, reason, problem.field, patient_key(received), 0)
        file_message(conn, received, filing, filed)
        audit_message(conn, actor[0] if actor else self.identity.user.user_id, received, "rejected",
               reason, actor)  # fmt: skip
        return Outcome("rejected", ack, reason)

    def _unreadable(self, raw: bytes, problem: MessageProblem) -> str:
        """A message whose header cannot be read: kept under a hash of its bytes."""
        ack = message.ack(None, "AE", text=problem.reason, problem=problem)
        self.identity  # noqa: B018
        digest = hashlib.sha256(raw).hexdigest()[:40]
        text = raw.decode("utf-8", errors="replace")
        with self._lock, writer(self.engine) as conn:
            if stored(conn, f"unreadable|{digest}") is None:
                conn.execute(insert(hl7_messages).values(
                    message_key=f"unreadable|{digest}", sending_facility="", control_id=digest,
                    message_type="", received_at=now_iso(), status="rejected", reason=str(problem),
                    error_field=problem.field, patient_key=None, charset="UNICODE UTF-8", raw=text,
                    ack=ack, events=0, updated_at=now_iso(),
                ))  # fmt: skip
        return ack


def _refused(received: Received) -> str:
    return message.ack(received, "AR", text="the server could not take this message")


def queue(engine: Engine, statuses: tuple[str, ...] = ("held", "rejected")) -> list[dict[str, Any]]:
    """The interface queue: messages held or rejected, oldest first, with their reason."""
    m = hl7_messages.c
    with reader(engine) as conn:
        rows = conn.execute(select(
            m.message_key, m.message_type, m.received_at, m.status, m.reason, m.error_field,
            m.patient_key, m.updated_at,
        ).where(m.status.in_(statuses)).order_by(m.received_at, m.message_key)).all()  # fmt: skip
    return [{str(k): v for k, v in zip(row._fields, row, strict=True)} for row in rows]
