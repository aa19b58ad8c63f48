"""HL7 v2 inbound: a message in, its ACK out, exactly once.

A message is filed under its sending facility and control id (MSH-4, MSH-10) in the same
transaction as the events it became, so a resend finds it and gets the same ACK, changing
nothing. `AA` is answered only after that commit; `AE` (with an ERR segment naming the field)
for a wrong message, which is kept in the interface queue with its reason; `AR` when the
database cannot take it now (nothing is kept: the sender retries). A message for a patient not
yet known is held, and applied when the admission arrives. The events go through the same push
checks as a station's (sync.push_within), signed by the interface identity."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select
from sqlalchemy.exc import DBAPIError

from workstation.clinical.ward_safety import WardSafetySettings, critical_report
from workstation.clock import now_iso
from workstation.events.envelope import Event, event_from_wire
from workstation.hl7v2 import mapping, message
from workstation.hl7v2.mapping import PatientRef
from workstation.hl7v2.message import MessageProblem, Received
from workstation.ids import uuid7
from workstation.resources import resource
from workstation.server import hl7_identity
from workstation.server.db import reader, writer
from workstation.server.hl7_filing import (
    Filing,
    audit_message,
    file_identifiers,
    file_message,
    file_results,
    patient_key,
    stored,
)
from workstation.server.hl7_plan import Plan, known_wards, plan
from workstation.server.models import events, hl7_messages
from workstation.server.sync import push_within

log = logging.getLogger(__name__)

# Push refusals and the field an ERR segment names for them.
REFUSAL_FIELDS = {"conflict": "PID-3", "unknown_patient": "PID-3", "out_of_scope": "PV1-3",
                  "record_archived": "PID-3"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one message ended: status (applied, held, rejected, ignored), its ACK, the reason."""

    status: str
    ack: str
    reason: str = ""
    lab_events: list[Event] = field(default_factory=list)
    released: list[PatientRef] = field(default_factory=list)  # identifiers now known


class _Refused(Exception):
    def __init__(self, results: list[dict[str, Any]]):
        first = results[0]
        super().__init__(f"{first.get('code')}: {first.get('message')}")
        self.field = REFUSAL_FIELDS.get(str(first.get("code")), "MSH-9")


def after_results_committed(engine: Engine, lab_events: list[Event]) -> None:
    """Called once for every message whose LabResulted events were committed. Critical values are
    not reported here but in the same transaction as their results (Inbox._wires), so an AA never
    leaves a critical result unreported; nothing is left to do after the commit."""
    del engine, lab_events


MAX_BATCH = 64  # messages (from as many connections) committed together at most
MAX_GROUP_EVENTS = 500  # events pushed at once (sync.MAX_PUSH_BATCH is 1000)


@dataclass
class _Waiting:
    """A message handed in by a connection's thread, waiting for the commit that answers it."""

    received: Received
    ack: str | None = None


@dataclass
class _Txn:
    """What the messages applied in one write transaction share, read once for all of them."""

    conn: Connection
    wards: set[str]
    settings: WardSafetySettings
    next_seq: int  # the interface device's next device_seq
    labs: list[Event] = field(default_factory=list)  # LabResulted committed with the transaction


@contextmanager
def _savepoint(txn: _Txn) -> Iterator[None]:
    """A savepoint: on an exception its writes and what it added to `txn` are undone."""
    seq, labs = txn.next_seq, len(txn.labs)
    try:
        with txn.conn.begin_nested():
            yield
    except BaseException:
        txn.next_seq = seq
        del txn.labs[labs:]
        raise


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
        self._turn = threading.Condition()  # guards _waiting and _leading
        self._waiting: list[_Waiting] = []
        self._leading = False
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

    def _committed(self, received: Received) -> str:
        """Group commit: the message waits with the others; a thread that finds no commit running
        takes everything waiting (up to MAX_BATCH, in arrival order) and commits it at once."""
        mine = _Waiting(received)
        with self._turn:
            self._waiting.append(mine)
        while True:
            with self._turn:
                while mine.ack is None and self._leading:
                    self._turn.wait()
                if mine.ack is not None:
                    return mine.ack
                self._leading = True
                batch, self._waiting = self._waiting[:MAX_BATCH], self._waiting[MAX_BATCH:]
            try:
                self._commit_batch(batch)
            finally:
                with self._turn:
                    self._leading = False
                    self._turn.notify_all()

    def _commit_batch(self, batch: list[_Waiting]) -> None:
        """Every message of the batch in one write transaction; the ACKs only once it committed
        (AR for all of them when the commit fails: nothing was kept, the senders retry)."""
        try:
            self.identity  # noqa: B018 - its key is registered before a write transaction opens
            with self._lock, writer(self.engine) as conn:
                txn = self._txn(conn)
                acks = _Group(self, txn).take_all([waiting.received for waiting in batch])
        except DBAPIError:  # the database is down or busy: the senders retry later
            acks = [message.ack(w.received, "AR", text="the server cannot take messages now")
                    for w in batch]  # fmt: skip
        except Exception as exc:  # a fault of ours: refuse for now, never answer AA, never crash
            log.error("HL7 messages not taken: %s", type(exc).__name__)
            acks = [message.ack(w.received, "AR", text="the server could not take this message")
                    for w in batch]  # fmt: skip
        else:
            self._results(txn.labs)
        for waiting, ack in zip(batch, acks, strict=True):
            waiting.ack = ack

    def _take(self, txn: _Txn, received: Received) -> str:
        """One message's ACK: the stored one for a resend, else the message applied (its own
        savepoint: a fault in it refuses it with AR and leaves the others of the batch alone)."""
        row = stored(txn.conn, received.key)
        if row is not None:
            return str(row.ack)
        try:
            with _savepoint(txn):
                return self._process(txn, received, {}, None, actor=None, filed=False).ack
        except DBAPIError:
            return message.ack(received, "AR", text="the server cannot take messages now")
        except Exception as exc:
            log.error("HL7 message %s not taken: %s", received.key, type(exc).__name__)
            return message.ack(received, "AR", text="the server could not take this message")

    def _txn(self, conn: Connection) -> _Txn:
        e = events.c
        last = conn.execute(
            select(func.max(e.device_seq)).where(e.device_id == hl7_identity.DEVICE_ID)
        ).scalar()
        return _Txn(conn, known_wards(conn), self._ward_safety(), (last or 0) + 1)

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

    def _process(self, txn: _Txn, received: Received, ward_map: dict[str, str],
                 target: PatientRef | None, *, actor: tuple[str, dict[str, Any]] | None,
                 filed: bool) -> Outcome:  # fmt: skip
        outcome = self._apply(txn, received, ward_map, target, actor=actor, filed=filed)
        self._release_all(txn, outcome.released)
        return outcome

    def _release_all(self, txn: _Txn, refs: list[PatientRef]) -> None:
        """The admission (or merge) lets in the messages held for those patients."""
        waiting = list(refs)
        while waiting:
            waiting += self._release(txn, waiting.pop(0))

    def _release(self, txn: _Txn, ref: PatientRef) -> list[PatientRef]:
        """The messages held for `ref`, in arrival order, in the admission's transaction (each in
        its own savepoint: one that fails for a fault of ours stays held)."""
        m = hl7_messages.c
        rows = txn.conn.execute(select(m.message_key, m.raw, m.charset).where(
            m.status == "held", m.patient_key == ref.key).order_by(m.received_at, m.message_key)
        ).all()  # fmt: skip
        released: list[PatientRef] = []
        for row in rows:
            try:
                with _savepoint(txn):
                    received = message.parse_text(row.raw, row.charset)
                    outcome = self._apply(txn, received, {}, None, actor=None, filed=True)
            except Exception as exc:
                log.error("held HL7 message %s not released: %s", row.message_key,
                          type(exc).__name__)  # fmt: skip
                continue
            released += outcome.released
        return released

    def _apply(self, txn: _Txn, received: Received, ward_map: dict[str, str],
               target: PatientRef | None, *, actor: tuple[str, dict[str, Any]] | None,
               filed: bool) -> Outcome:  # fmt: skip
        try:
            inbound = mapping.read(received)
            if target is not None:
                inbound.patient = target
            with _savepoint(txn):
                return self._commit(txn, received, inbound, ward_map, actor, filed)
        except MessageProblem as problem:
            ack = message.ack(received, "AE", text=problem.reason, problem=problem)
            return self._keep(txn.conn, received, ack, problem, actor, filed)
        except _Refused as refused:
            refusal = MessageProblem(refused.field, str(refused), message.APPLICATION_ERROR)
            ack = message.ack(received, "AE", text=str(refused), problem=refusal)
            return self._keep(txn.conn, received, ack, refusal, actor, filed)

    def _commit(self, txn: _Txn, received: Received, inbound: mapping.Inbound,
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
        wires = self._wires(txn, steps, received.sending_facility)
        results = push_within(conn, pusher=self.identity.user, wire_events=wires) if wires else []
        refused = [r for r in results if r["status"] != "accepted"]
        if refused:
            raise _Refused(refused)
        return self._filed(txn, received, inbound, steps, wires, actor, filed)

    def _filed(self, txn: _Txn, received: Received, inbound: mapping.Inbound, steps: Plan,
               wires: list[dict[str, Any]], actor: tuple[str, dict[str, Any]] | None,
               filed: bool) -> Outcome:  # fmt: skip
        """File a message whose events were pushed: its identifiers, results, itself."""
        conn = txn.conn
        file_identifiers(conn, steps)
        file_results(conn, steps, wires)
        status = "applied" if wires or steps.new_ids else "ignored"
        ack = message.ack(received, "AA", text=steps.note)
        filing = Filing(status, ack, steps.note or None, None, inbound.patient.key, len(wires))
        file_message(conn, received, filing, filed)
        if actor is not None:
            audit_message(conn, actor[0], received, status, steps.note, actor)
        txn.labs += [event_from_wire(w) for w in wires if w["type"] == "LabResulted"]
        return Outcome(status, ack, steps.note, released=[ref for ref, _ in steps.new_ids])

    def _wires(self, txn: _Txn, steps: Plan, facility: str) -> list[dict[str, Any]]:
        """The plan's events signed by the interface, each result the hospital's limits or the
        lab's LL/HH flag make critical followed by its CriticalValueReported (危急值报告制度, the
        same `critical_report` as every other path), reported by the sending laboratory in the
        same transaction, so an AA never leaves a critical result unreported."""
        at = now_iso()
        signed: list[dict[str, Any]] = []
        for event_type, patient_id, payload in steps.events:
            signed.append(self._signed(txn, event_type, patient_id, payload, at))
            if event_type == "LabResulted":
                report = critical_report(event_from_wire(signed[-1]), txn.settings,
                                         reporter=facility or "LIS")  # fmt: skip
                if report is not None:
                    signed.append(self._signed(txn, "CriticalValueReported", patient_id, report,
                                               at))  # fmt: skip
        return signed

    def _signed(self, txn: _Txn, event_type: str, patient_id: str, payload: dict[str, Any],
                at: str) -> dict[str, Any]:  # fmt: skip
        identity, txn.next_seq = self.identity, txn.next_seq + 1
        return identity.sign({
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


@dataclass
class _Planned:
    """A message of a batch planned and signed, waiting for its group's push."""

    index: int
    received: Received
    inbound: mapping.Inbound
    steps: Plan
    wires: list[dict[str, Any]]


class _Group:
    """The messages of one batch: those of different patients are planned one after the other
    and their events pushed together (the push's reads, its projection and audit writes once for
    all of them); a message of a patient (or a key) already in the group first pushes the group.
    Anything else (a resend, a wrong or held message, a refusal in the group) takes the
    one-message path, so its outcome is what it would be alone."""

    def __init__(self, inbox: Inbox, txn: _Txn):
        self.inbox, self.txn = inbox, txn
        self.acks: dict[int, str] = {}
        self.group: list[_Planned] = []
        self.touched: set[str] = set()
        self.first_seq = txn.next_seq

    def take_all(self, batch: list[Received]) -> list[str]:
        """The ACK of every message, in the batch's order."""
        for index, received in enumerate(batch):
            if received.key in self.touched:
                self.push()
            planned = self._planned(index, received)
            if planned is not None:
                self.group.append(planned)
            else:
                self.push()
                self.acks[index] = self.inbox._take(self.txn, received)
            if sum(len(p.wires) for p in self.group) > MAX_GROUP_EVENTS:
                self.push()
        self.push()
        return [self.acks[index] for index in range(len(batch))]

    def _planned(self, index: int, received: Received) -> _Planned | None:
        """The message planned into the group, or None for the one-message path."""
        txn, seq = self.txn, self.txn.next_seq
        if stored(txn.conn, received.key) is not None:
            return None
        try:
            inbound = mapping.read(received)
            keys = {inbound.patient.key, received.key}
            keys |= {inbound.prior.key} if inbound.prior is not None else set()
            if keys & self.touched:
                self.push()
                seq = txn.next_seq
            if not self.group:
                self.first_seq = seq
            steps = plan(txn.conn, inbound, facility=received.sending_facility, ward_map={},
                         wards_known=txn.wards)  # fmt: skip
            if steps.hold_for is not None:
                return None
            wires = self.inbox._wires(txn, steps, received.sending_facility)
        except Exception:  # wrong, or a fault: the one-message path says which, alone
            txn.next_seq = seq
            return None
        self.touched |= keys
        return _Planned(index, received, inbound, steps, wires)

    def push(self) -> None:
        """Push the group's events at once and file its messages; on any refusal or fault, roll
        the group back and take its messages one by one."""
        group, self.group = self.group, []
        self.touched = set()
        if not group:
            return
        inbox, txn = self.inbox, self.txn
        wires = [w for p in group for w in p.wires]
        try:
            with _savepoint(txn):
                results = (push_within(txn.conn, pusher=inbox.identity.user, wire_events=wires)
                           if wires else [])  # fmt: skip
                if any(r["status"] != "accepted" for r in results):
                    raise _Refused([r for r in results if r["status"] != "accepted"])
                outcomes = [inbox._filed(txn, p.received, p.inbound, p.steps, p.wires, None,
                                         False) for p in group]  # fmt: skip
        except Exception:
            txn.next_seq = self.first_seq
            for p in group:
                self.acks[p.index] = inbox._take(txn, p.received)
            return
        for p, outcome in zip(group, outcomes, strict=True):
            self.acks[p.index] = outcome.ack
            inbox._release_all(txn, outcome.released)


def queue(engine: Engine, statuses: tuple[str, ...] = ("held", "rejected")) -> list[dict[str, Any]]:
    """The interface queue: messages held or rejected, oldest first, with their reason."""
    m = hl7_messages.c
    with reader(engine) as conn:
        rows = conn.execute(select(
            m.message_key, m.message_type, m.received_at, m.status, m.reason, m.error_field,
            m.patient_key, m.updated_at,
        ).where(m.status.in_(statuses)).order_by(m.received_at, m.message_key)).all()  # fmt: skip
    return [{str(k): v for k, v in zip(row._fields, row, strict=True)} for row in rows]
