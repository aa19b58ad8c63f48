"""Sync push and pull: idempotent by event_id, per-event results, server_seq in commit order."""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, Engine

from workstation.clock import now_iso
from workstation.events.envelope import (
    Event,
    MalformedEvent,
    event_from_wire,
    wire_event_id,
)
from workstation.events.validation import event_problems
from workstation.events.vocabulary import EVENT_TYPES, referenced_event_ids
from workstation.ids import uuid7
from workstation.projections import tables as pt
from workstation.projections.record_lock import (
    ARCHIVED_MESSAGE,
    Decision,
    PatientFacts,
    RecordLock,
    apply,
    archive_problem,
    decide,
)
from workstation.security.policy import (
    ADMITS_TO_ANY_WARD,
    HOSPITAL_WIDE_ROLES,
    UNSCOPED_TYPES,
    permission_problem,
)
from workstation.server import audit, device_clock, meta, sync_reads
from workstation.server.allergy_hold import HoldMemo, allergy_hold_refusal
from workstation.server.auth import AuthError, User, active_users
from workstation.server.auth_cache import prove_all
from workstation.server.db import lock_writes, writer
from workstation.server.group_commit import GroupCommit
from workstation.server.infusion_rules import infusion_round_problem
from workstation.server.nursing_record_checks import correction_problem
from workstation.server.push_ahead import Ahead, Prepared
from workstation.server.push_references import References
from workstation.server.push_rights import RIGHTS_TYPES, RightsCheck
from workstation.server.push_signatures import AuthorKeys, Key
from workstation.server.sync_reads import PatientState
from workstation.server.sync_store import store
from workstation.server.ward_rules import archive_refusal, ward_report_problem
from workstation.server.witnesses import witness_ids, witness_problem
from workstation.storage import insert_rows

MAX_PUSH_BATCH = 1000
MAX_GROUP_EVENTS = 1000  # events of the pushes committed together (a full batch goes alone)
# The one event that may name a patient out of the author's scope: it is what opens it (audited,
# alerted). Every other event that names a patient is judged by that patient's ward, the stock
# and dispensing events (UNSCOPED_TYPES) included.
OPENS_SCOPE = "BreakGlassInvoked"


def accepted(seq: int) -> dict[str, Any]:
    return {"status": "accepted", "server_seq": seq}


def duplicate(seq: int) -> dict[str, Any]:
    return {"status": "duplicate", "server_seq": seq}


def blocked() -> dict[str, Any]:
    """Not decided: it depends on an event refused in the same batch; it stays in the outbox (rule 4)."""
    return {
        "status": "blocked",
        "code": "depends_on_rejected",
        "message": "waits for a refused event it depends on",
    }


def rejected(code: str, message: str) -> dict[str, Any]:
    return {"status": "rejected", "code": code, "message": message}


@dataclass
class _Push:
    """What one push batch knows while it decides each event."""

    conn: Connection
    pusher: User
    users: dict[str, User]
    patients: dict[str, PatientState]
    grants: set[tuple[str, str]]  # (user_id, patient_id) with an active break-the-glass
    locks: dict[str, RecordLock]  # archived records, as this batch has them
    received_at: str
    traces: dict[str, str] = field(default_factory=dict)  # event_id -> unlock request let it in
    accepted: list[Event] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)  # rejected or blocked in this batch
    keys: AuthorKeys | None = None  # the signing keys of the batch's (author, device) pairs
    references: References = field(default_factory=lambda: References({}))  # events named
    clock: device_clock.DeviceClock | None = None  # bounds of device time (over HTTP)
    rights: RightsCheck | None = None  # who may sign an order (loaded when the batch has one)
    flags: dict[str, tuple[str, str]] = field(default_factory=dict)  # event_id -> (kind, message)
    allergies: HoldMemo = field(default_factory=HoldMemo)  # the allergy hold's reads and index


def push(
    engine: Engine,
    *,
    pusher: User,
    device_id: str,
    wire_events: list[Any],
    bound_device_time: bool = False,
    sync_id: str | None = None,
    access_token: str | None = None,
) -> dict[str, Any]:
    """Apply a batch in order; each event is accepted, a duplicate, or rejected (never dropped).

    Every event must carry its author's signature made with a key registered for the event's own
    device (workstation.server.push_signatures), whoever pushes it; server-side loaders (the demo
    ward, interfaces) sign with their own registered keys and go through the same check. Over
    HTTP (`bound_device_time`) the event must also fall within the bounds of device time
    (workstation.server.device_clock; `sync_id` names the station's sync run, a fresh one when
    absent); the demo loader, which writes weeks of history in one go, skips those bounds.

    Pushes arriving at once share one write transaction and its commit (group commit,
    `_commit_group`); each returns only once that commit is made. With `access_token` (over
    HTTP) the token is proven again in that transaction, all the group's in one read, and the
    push refused with its AuthError when it no longer holds; `pusher` is then its present user."""
    request = _Request(engine, pusher, device_id if bound_device_time else None,
                       _parse(wire_events), sync_id or uuid7(), access_token)  # fmt: skip
    return _group(engine).submit(request)


@dataclass(frozen=True, slots=True)
class _Request:
    """One push waiting for its group's commit."""

    engine: Engine
    pusher: User
    device_id: str | None  # the pushing device, when its time is bounded (over HTTP)
    parsed: list[Event | dict[str, Any]]
    sync_id: str
    access_token: str | None = None  # proven again in the group's transaction


_GROUPS: weakref.WeakKeyDictionary[Engine, GroupCommit[_Request, dict[str, Any]]] = (
    weakref.WeakKeyDictionary()
)
_GROUPS_LOCK = threading.Lock()


def _group(engine: Engine) -> GroupCommit[_Request, dict[str, Any]]:
    """The engine's push group (one per engine and process)."""
    with _GROUPS_LOCK:
        group = _GROUPS.get(engine)
        if group is None:
            group = _GROUPS[engine] = GroupCommit(
                _commit_group, limit=MAX_GROUP_EVENTS, weight=lambda r: max(1, len(r.parsed))
            )
        return group


def _commit_group(batch: list[_Request]) -> list[dict[str, Any] | BaseException]:
    """The pushes of a group decided in hand-in order in ONE write transaction (the write lock
    taken and the commit paid once), so server_seq still follows commit order (sync rule 5).
    Their access tokens are proven first, in one read before the lock; a push whose token no
    longer holds gets its AuthError and writes nothing."""
    with writer(batch[0].engine, lock=False) as conn:
        proven = _prove_tokens(conn, batch)
        live = [request for request in proven if isinstance(request, _Request)]
        if not live:  # every token refused: nothing to write
            return [p for p in proven if not isinstance(p, _Request)]
        lock_writes(conn)
        outcomes = iter(_commit_proven(conn, live))
        return [next(outcomes) if isinstance(p, _Request) else p for p in proven]


def _prove_tokens(conn: Connection, batch: list[_Request]) -> list[_Request | AuthError]:
    """Each push with its token's present user, or the AuthError its token now meets."""
    tokens = [r.access_token for r in batch if r.access_token is not None]
    if not tokens:
        return list(batch)
    found = prove_all(conn, tokens)
    proven: list[_Request | AuthError] = []
    for request in batch:
        standing = found[request.access_token] if request.access_token is not None else None
        if isinstance(standing, AuthError):
            proven.append(standing)
        elif standing is not None and request.device_id not in (None, standing.device_id):
            proven.append(AuthError("bad_token", "unknown token"))
        else:
            proven.append(request if standing is None else replace(request, pusher=standing.user))
    return proven


def _commit_proven(conn: Connection, batch: list[_Request]) -> list[dict[str, Any] | BaseException]:
    """The group's pushes on its transaction, the write lock held: first together (`_joint`:
    what they read and the audit chain's append shared); if any of them fails, that is undone
    and each is taken alone in its own savepoint: a push that fails is rolled back alone and
    its caller gets its error, the others' events stand."""
    if len(batch) == 1:  # alone: a failure rolls the whole transaction back, no savepoint
        request = batch[0]
        shared = sync_reads.shared(conn, [e for e in request.parsed if isinstance(e, Event)])
        results = _decide_all(conn, request.pusher, request.parsed, request.device_id,
                              request.sync_id, shared)  # fmt: skip
        audit.append(conn, shared.audit)
        return [{"epoch": shared.epoch, "results": results}]
    joint = _joint(conn, batch)
    if joint is not None:
        epoch, each = joint
        return [{"epoch": epoch, "results": results} for results in each]
    epoch = meta.epoch(conn)
    outcomes: list[dict[str, Any] | BaseException] = []
    for request in batch:
        try:
            with conn.begin_nested():
                results = _decide_all(conn, request.pusher, request.parsed,
                                      request.device_id, request.sync_id)  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - this push's own failure, answered to it
            outcomes.append(exc)
            continue
        outcomes.append({"epoch": epoch, "results": results})
    return outcomes


def _joint(
    conn: Connection, batch: list[_Request]
) -> tuple[str, list[list[dict[str, Any]]]] | None:
    """The epoch and each push's results, decided one after the other on reads made once for
    all of them (kept as the database would have them after each push); None, with nothing
    kept, when any of them failed."""
    try:
        with conn.begin_nested():
            good = [e for r in batch for e in r.parsed if isinstance(e, Event)]
            group = sync_reads.shared(conn, good)
            people = _People.load(conn, good)
            results = [_decide_all(conn, r.pusher, r.parsed, r.device_id, r.sync_id, group, people)
                       for r in batch]  # fmt: skip
            audit.append(conn, group.audit)
    except Exception:  # noqa: BLE001 - undone; the pushes are taken alone, each with its outcome
        return None
    return group.epoch, results


def _parse(wire_events: list[Any]) -> list[Event | dict[str, Any]]:
    if len(wire_events) > MAX_PUSH_BATCH:
        raise ValueError(f"at most {MAX_PUSH_BATCH} events per push")
    parsed: list[Event | dict[str, Any]] = []
    for item in wire_events:
        try:
            parsed.append(event_from_wire(item))
        except MalformedEvent as exc:
            parsed.append({"event_id": wire_event_id(item), **rejected("malformed", str(exc))})
    return parsed


def push_within(conn: Connection, *, pusher: User, wire_events: list[Any]) -> list[dict[str, Any]]:
    """`push` on a write transaction the caller holds (`db.writer`), for a server-side interface
    that commits its own record of a message with the events it became: the same checks
    (signature, permission, scope, version), without the bounds of a station's device time."""
    return _decide_all(conn, pusher, _parse(wire_events), None, uuid7())


@dataclass(frozen=True, slots=True)
class _People:
    """The active users and the signing keys of a group's authors (and witnesses), read once
    for all its pushes under the write lock: nothing a push stores changes either, so each
    push finds what its own two reads would have found (a superset: it looks up only its own)."""

    users: dict[str, User]
    keys: dict[tuple[str, str], list[Key]]

    @classmethod
    def load(cls, conn: Connection, good: list[Event]) -> _People:
        users = active_users(conn, {e.author_id for e in good} | witness_ids(good))
        return cls(users, AuthorKeys.load(conn, good).by_pair)


def _decide_all(
    conn: Connection, pusher: User, parsed: list[Event | dict[str, Any]], device_id: str | None,
    sync_id: str, group: sync_reads.Shared | None = None, people: _People | None = None,
) -> list[dict[str, Any]]:  # fmt: skip
    """Decide and store one push's events. Alone (`group` None) it reads what it shares and
    chains its audit rows itself; in a group, `group` carries both from push to push, and
    `people` the authors and keys read once for the group."""
    good = [e for e in parsed if isinstance(e, Event)]
    shared = group or sync_reads.shared(conn, good)
    known = shared.known
    received_at = now_iso()
    if people is None:
        users = active_users(conn, {e.author_id for e in good} | witness_ids(good))
        keys = AuthorKeys.load(conn, [e for e in good if e.event_id not in known])
    else:  # a push's own AuthorKeys: the key that last verified a pair is this push's
        users, keys = people.users, AuthorKeys(people.keys)
    state = _Push(conn, pusher, users, shared.patients, shared.grants, shared.locks, received_at)
    state.keys = keys
    state.references = References.load(conn, good)
    state.allergies.prefetch(conn, good)
    if device_id is not None:
        state.clock = device_clock.load(conn, good, pusher_device=device_id, sync_id=sync_id,
                                        received_at=received_at)  # fmt: skip
    ahead = Ahead(good, state.keys, frozenset(known))  # bytes, hash, likely signature verdict
    next_seq = shared.next_seq
    results = []
    position = 0  # among the batch's events (the malformed are not prepared)
    for item in parsed:
        if not isinstance(item, Event):
            results.append(item)
            continue
        prepared, position = ahead.get(position), position + 1
        result = _decide(state, item, known, prepared)
        if result is not None and result["status"] != "duplicate":
            state.refused.add(item.event_id)
        if result is None:
            event = item.with_server_fields(next_seq, received_at)
            known[event.event_id] = (prepared.content_hash, next_seq)
            state.accepted.append(event)
            state.references.accept(event)
            if state.clock is not None:
                state.clock.accept(event)
            if event.type == OPENS_SCOPE and event.patient_id:
                state.grants.add((event.author_id, event.patient_id))  # opens the rest of the batch
            if event.patient_id and (lock := apply(state.locks.get(event.patient_id), event)):
                state.locks[event.patient_id] = lock
            result = accepted(next_seq)
            next_seq += 1
        results.append({"event_id": item.event_id, **result})
    shared.next_seq = next_seq
    store(conn, pusher, state.accepted, state.traces, shared)
    _flag(conn, state)
    if state.clock is not None:
        device_clock.save(conn, state.clock)
    if group is None:
        audit.append(conn, shared.audit)
    return results


def _decide(
    state: _Push, event: Event, known: dict[str, tuple[str, int]], prepared: Prepared
) -> dict[str, Any] | None:
    """A result for an event that is not accepted, or None to accept it. `prepared` holds the
    event's signing_bytes(), their SHA-256 (its content_hash()) and maybe a signature verdict."""
    if event.event_id in known:
        stored_hash, seq = known[event.event_id]
        if stored_hash == prepared.content_hash:
            return duplicate(seq)
        return rejected("tampered", "this event_id was already recorded with different content")
    if any(ref in state.refused for ref in referenced_event_ids(event.type, event.payload)):
        return blocked()
    problems = event_problems(event, payload_checked=True)  # event_from_wire checked it
    if problems:
        return rejected("invalid", "; ".join(problems))
    author = state.users.get(event.author_id)
    if author is None:
        return rejected("unknown_author", "the author is not an active user")
    refusal = (
        state.keys.refusal(event, prepared.message, prepared.checked)
        if state.keys is not None
        else None
    )
    if refusal is not None:
        return rejected(*refusal)
    if state.clock is not None and (clock_problem := state.clock.problem(event)):
        return rejected(*clock_problem)
    problem = (
        permission_problem(author.role, event.type, event.payload)
        or state.references.problem(event, author)
        or witness_problem(state.users, event)
        or ward_report_problem(state.conn, event, author, state.accepted)
        or correction_problem(state.conn, event, state.accepted)
        or infusion_round_problem(state.conn, event, state.accepted)
    )
    if problem:
        return rejected("forbidden", problem)
    if event.type in RIGHTS_TYPES:
        state.rights = state.rights or RightsCheck(state.conn)
        if refusal := state.rights.refusal(event, author, state.accepted):
            return rejected(*refusal)
    scope = _scope_and_version(state, event, author)
    if scope is not None:
        return scope
    # after the scope: no leak
    hold = allergy_hold_refusal(state.conn, event, state.accepted, state.allergies)
    if hold is not None and event.type == "MedicationAdministered":
        state.flags[event.event_id] = hold  # a dose given is a fact: let in, flagged (sync rule 3)
        return None
    return rejected(*hold) if hold else None


def _scope_and_version(state: _Push, event: Event, author: User) -> dict[str, Any] | None:
    if event.patient_id is None or event.type == OPENS_SCOPE:
        return None
    patient = state.patients.setdefault(event.patient_id, PatientState(None, 0, False))
    if event.type == "PatientAdmitted":
        if patient.exists:
            return rejected("conflict", "this patient is already admitted")
        if event.payload["ward_id"] not in author.wards and author.role not in ADMITS_TO_ANY_WARD:
            return rejected("out_of_scope", "the author does not work on the admitting ward")
        state.patients[event.patient_id] = PatientState(
            event.payload["ward_id"], 0, True, "admitted", event.payload["record_number"]
        )
        return None
    if not patient.exists:
        return rejected("unknown_patient", "no such patient on the server")
    hospital_wide = author.role in HOSPITAL_WIDE_ROLES
    if (
        not hospital_wide
        and patient.ward_id not in author.wards
        and (author.user_id, event.patient_id) not in state.grants
    ):
        return rejected("out_of_scope", "the patient is on another ward; break-the-glass is needed")
    if event.type in UNSCOPED_TYPES:  # stock and dispensing: no record version, no archive lock
        return None
    refusal = _archive_refusal(state, event, patient)
    if refusal is not None:
        return refusal
    if EVENT_TYPES[event.type].mutable_record:
        if event.payload["base_version"] != patient.version:
            return rejected(
                "conflict",
                f"the record changed since it was read (version {event.payload['base_version']}, now {patient.version})",
            )
        patient.version += 1
        if event.type == "PatientTransferred":
            patient.ward_id = event.payload["ward_id"]
        if event.type == "PatientDischarged":
            patient.status = "discharged"
        if event.type == "DischargeCancelled":
            patient.status = "admitted"
    return None


def _archive_refusal(state: _Push, event: Event, patient: PatientState) -> dict[str, Any] | None:
    """Refuse a change to an archived, locked record; remember the unlock that lets one in."""
    lock = state.locks.get(event.patient_id or "")
    facts = PatientFacts(patient.status, patient.record_number)
    problem = archive_problem(lock, event, patient=facts, at=state.received_at) or archive_refusal(
        state.conn, event, state.accepted
    )  # the archive gate: a complete record only (住院病案首页, signatures)
    if problem is not None:
        return rejected(*problem)
    bound = state.clock.not_before(event) if state.clock is not None else None
    decision, request_id = decide(lock, event, at=state.received_at, recorded_after=bound)
    if decision is Decision.LOCKED:
        return rejected("record_archived", ARCHIVED_MESSAGE)
    if request_id is not None:
        state.traces[event.event_id] = request_id
    return None


def _flag(conn: Connection, state: _Push) -> None:
    """Review flags of accepted events the server let in but a person must look at (a first dose
    given while the allergies were not yet documented and no reason was recorded)."""
    rows = [{"event_id": e.event_id, "flag_kind": state.flags[e.event_id][0],
             "patient_id": e.patient_id, "message": state.flags[e.event_id][1]}
            for e in state.accepted if e.event_id in state.flags]  # fmt: skip
    if rows:
        insert_rows(conn, pt.review_flags, rows)
