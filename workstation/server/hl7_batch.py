"""The HL7 inbound's group commit: the messages waiting on several MLLP connections are applied
in one write transaction, those of different patients with their events pushed together; what
the messages of one transaction share (Txn); the savepoint each message is applied in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import Connection

from workstation.clinical.ward_safety import WardSafetySettings
from workstation.events.envelope import Event
from workstation.hl7v2 import mapping
from workstation.hl7v2.mapping import PatientRef
from workstation.hl7v2.message import MessageProblem, Received
from workstation.server.hl7_filing import Rows, filed_keys
from workstation.server.hl7_identity import InterfaceIdentity
from workstation.server.hl7_plan import Charts, Plan, plan, read_charts
from workstation.server.sync import push_within

MAX_BATCH = 64  # messages (from as many connections) committed together at most
MAX_GROUP_EVENTS = 500  # events pushed at once (sync.MAX_PUSH_BATCH is 1000)
ALONE, FAULT = "alone", "fault"  # how a message that is not grouped is taken
# What mapping.read made of a message before its batch (None: not read yet).
Preread = mapping.Inbound | MessageProblem | None

# Push refusals and the field an ERR segment names for them.
REFUSAL_FIELDS = {"conflict": "PID-3", "unknown_patient": "PID-3", "out_of_scope": "PV1-3",
                  "record_archived": "PID-3"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one message ended: status (applied, held, rejected, ignored), its ACK, the reason."""

    status: str
    ack: str
    reason: str = ""
    released: list[PatientRef] = field(default_factory=list)  # identifiers now known


class Refused(Exception):
    """The push refused a message's events; `field` is the one its ERR segment names."""

    def __init__(self, results: list[dict[str, Any]]):
        first = results[0]
        super().__init__(f"{first.get('code')}: {first.get('message')}")
        self.field = REFUSAL_FIELDS.get(str(first.get("code")), "MSH-9")


@dataclass
class Txn:
    """What the messages applied in one write transaction share, read once for all of them."""

    conn: Connection
    wards: set[str]
    settings: WardSafetySettings
    next_seq: int  # the interface device's next device_seq
    labs: list[Event] = field(default_factory=list)  # LabResulted committed with the transaction


@contextmanager
def savepoint(txn: Txn) -> Iterator[None]:
    """A savepoint: on an exception its writes and what it added to `txn` are undone."""
    seq, labs = txn.next_seq, len(txn.labs)
    try:
        with txn.conn.begin_nested():
            yield
    except BaseException:
        txn.next_seq = seq
        del txn.labs[labs:]
        raise


class Applier(Protocol):
    """What the group needs of the Inbox: the one-message path and its steps."""

    @property
    def identity(self) -> InterfaceIdentity:
        """The interface user and its signing key."""

    def take_one(self, txn: Txn, received: Received) -> str:
        """The ACK of one message taken alone (in its own savepoint)."""

    def signed_events(self, txn: Txn, steps: Plan, facility: str) -> list[dict[str, Any]]:
        """The plan's events signed by the interface."""

    def file_pushed(self, txn: Txn, received: Received, inbound: mapping.Inbound, steps: Plan,
                    wires: list[dict[str, Any]], actor: tuple[str, dict[str, Any]] | None,
                    filed: bool, rows: Rows | None = None) -> Outcome:  # fmt: skip
        """File a message whose events were pushed (its new rows gathered in `rows`)."""

    def release_all(self, txn: Txn, refs: list[PatientRef]) -> None:
        """Apply the messages held for those patients."""


@dataclass
class _Planned:
    """A message of a batch planned and signed, waiting for its group's push."""

    index: int
    received: Received
    inbound: mapping.Inbound
    steps: Plan
    wires: list[dict[str, Any]]


class Group:
    """The messages of one batch: those of different patients are planned one after the other
    and their events pushed together (the push's reads, its projection and audit writes once for
    all of them); a message of a patient (or a key) already in the group first pushes the group.
    Anything else (a resend, a wrong or held message, a refusal in the group) takes the
    one-message path, so its outcome is what it would be alone. The interface's device_seq stays
    gap-free: a group rolled back is signed again from its first number."""

    def __init__(self, inbox: Applier, txn: Txn):
        self.inbox, self.txn = inbox, txn
        self.acks: dict[int, str] = {}
        self.group: list[_Planned] = []
        self.touched: set[str] = set()
        self.first_seq = txn.next_seq
        self.seen: set[str] = set()  # the keys of the batch's messages taken so far
        # The batch's messages read, and their patients' charts read at once, ahead of any
        # write: dropped at the group's first write (a push, a message taken alone).
        self.inbounds: dict[int, mapping.Inbound | MessageProblem] = {}
        self.charts: Charts = {}

    def take_all(self, batch: list[Received], reads: list[Preread] | None = None) -> list[str]:
        """The ACK of every message, in the batch's order (`reads`: each one's mapping.read,
        when already made)."""
        self.seen = filed_keys(self.txn.conn, [received.key for received in batch])
        self._read_ahead(batch, reads or [None] * len(batch))
        for index, received in enumerate(batch):
            if received.key in self.touched:  # a resend of a message in the group
                self.push()
            planned = self._planned(index, received)
            self.seen.add(received.key)
            if isinstance(planned, _Planned):
                self.group.append(planned)
            else:
                if planned == FAULT:
                    self.push()
                self.charts = {}  # taken alone, it may write
                self.acks[index] = self.inbox.take_one(self.txn, received)
            if sum(len(p.wires) for p in self.group) > MAX_GROUP_EVENTS:
                self.push()
        self.push()
        return [self.acks[index] for index in range(len(batch))]

    def _read_ahead(self, batch: list[Received], reads: list[Preread]) -> None:
        """Each new message read (mapping.read, unless already) and its patient's chart, in one
        read for all."""
        for index, (received, read) in enumerate(zip(batch, reads, strict=True)):
            if received.key in self.seen:
                continue
            if read is not None:
                self.inbounds[index] = read
                continue
            try:
                self.inbounds[index] = mapping.read(received)
            except MessageProblem as problem:
                self.inbounds[index] = problem
        refs = [i.patient for i in self.inbounds.values() if isinstance(i, mapping.Inbound)]
        self.charts = read_charts(self.txn.conn, refs)

    def _planned(self, index: int, received: Received) -> _Planned | str:
        """The message planned into the group; else ALONE for a resend, a wrong message or one
        held (it records no event, and its patient is none of the group's, so the group need not
        be pushed first), FAULT for anything else (the group is pushed first)."""
        txn, seq = self.txn, self.txn.next_seq
        if received.key in self.seen:  # filed before, or earlier in the batch: its stored ACK
            return ALONE
        inbound = self.inbounds.pop(index, None)
        try:
            if inbound is None:
                inbound = mapping.read(received)
            elif isinstance(inbound, MessageProblem):
                raise inbound
        except MessageProblem:
            return ALONE
        keys = {inbound.patient.key, received.key}
        keys |= {inbound.prior.key} if inbound.prior is not None else set()
        if keys & self.touched:
            self.push()
            seq = txn.next_seq
        try:
            steps = plan(txn.conn, inbound, facility=received.sending_facility, ward_map={},
                         wards_known=txn.wards, charts=self.charts)  # fmt: skip
            if steps.hold_for is not None:
                return ALONE
            wires = self.inbox.signed_events(txn, steps, received.sending_facility)
        except MessageProblem:
            return ALONE
        except Exception:  # a fault of ours: the one-message path answers it, alone
            txn.next_seq = seq
            return FAULT
        if not self.group:
            self.first_seq = seq
        self.touched |= keys
        return _Planned(index, received, inbound, steps, wires)

    def push(self) -> None:
        """Push the group's events at once and file its messages; on any refusal or fault, roll
        the group back and take its messages one by one."""
        group, self.group = self.group, []
        self.touched = set()
        self.charts = {}  # the push writes
        if not group:
            return
        inbox, txn = self.inbox, self.txn
        wires = [w for p in group for w in p.wires]
        try:
            with savepoint(txn):
                results = (push_within(txn.conn, pusher=inbox.identity.user, wire_events=wires)
                           if wires else [])  # fmt: skip
                if any(r["status"] != "accepted" for r in results):
                    raise Refused([r for r in results if r["status"] != "accepted"])
                rows = Rows()
                outcomes = [inbox.file_pushed(txn, p.received, p.inbound, p.steps, p.wires, None,
                                         False, rows) for p in group]  # fmt: skip
                rows.write(txn.conn)
        except Exception:
            txn.next_seq = self.first_seq
            for p in group:
                self.acks[p.index] = inbox.take_one(txn, p.received)
            return
        for p, outcome in zip(group, outcomes, strict=True):
            self.acks[p.index] = outcome.ack
        inbox.release_all(txn, [ref for outcome in outcomes for ref in outcome.released])
