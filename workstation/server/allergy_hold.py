"""The server's proof of the allergy hold (workstation.clinical.allergy_status): an order verified
(OrderVerified) while the patient's allergies are "not yet documented" is refused, and a first
dose given (MedicationAdministered) is let in and flagged for review (it happened: refusing it would
hide a given dose from the other stations, sync rule 3), unless the same person recorded an
AllergyCheckOverridden with a reason for that order and step, earlier in the batch or in an
earlier push (and did not void it). The station asks for the reason; the server does not take its
word that it did."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection, func, select

from workstation.clinical.allergy_status import (
    UNDOCUMENTED,
    WORDS,
    allergy_status,
    first_dose_held,
    verification_held,
)
from workstation.events.envelope import Event
from workstation.projections import tables as t
from workstation.server.models import events

HOLD_CODE = "allergy_undocumented"
_WORDS = f"{WORDS[UNDOCUMENTED][1]} ({WORDS[UNDOCUMENTED][0]})"
_MESSAGES = {
    "administration": f"{_WORDS}: a first dose of a new medication was given without them recorded "
    "and without the nurse's reason (AllergyCheckOverridden)",
    "verification": f"{_WORDS}: verification needs them recorded, or the pharmacist's reason "
    "(AllergyCheckOverridden) recorded before it",
}


def _step(event: Event) -> str | None:
    if event.type == "MedicationAdministered" and event.payload.get("outcome") == "given":
        return "administration"
    return "verification" if event.type == "OrderVerified" else None


Stored = dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]]


@dataclass
class HoldMemo:
    """What the hold keeps for the rest of a push: each patient's projected allergy rows (read
    once: the push writes nothing before it has decided all its events) and an index of the
    events accepted so far, caught up as the batch grows instead of walked whole for each dose."""

    stored: Stored = field(default_factory=dict)
    voided: set[str] = field(default_factory=set)  # targets of the batch's EventVoided
    by_patient: dict[str, list[Event]] = field(default_factory=dict)
    given: dict[str, list[Event]] = field(default_factory=dict)  # doses given, by order_id
    _batch: Sequence[Event] | None = None
    _seen: int = 0

    def catch_up(self, batch: Sequence[Event]) -> None:
        """Index the events appended to `batch` since the last call (all of it if it is new)."""
        if batch is not self._batch or len(batch) < self._seen:
            self._batch, self._seen = batch, 0
            self.voided, self.by_patient, self.given = set(), {}, {}
        for e in batch[self._seen :]:
            if e.type == "EventVoided":
                self.voided.add(e.payload["target_event_id"])
            if e.patient_id is not None:
                self.by_patient.setdefault(e.patient_id, []).append(e)
            order_id = e.payload.get("order_id")
            if e.type == "MedicationAdministered" and e.payload.get("outcome") == "given" \
                    and isinstance(order_id, str):  # fmt: skip
                self.given.setdefault(order_id, []).append(e)
        self._seen = len(batch)

    def prefetch(self, conn: Connection, batch: Sequence[Event]) -> None:
        """Read the projected rows of every patient of `batch` with a dose or a verification in
        one query per table (per 500 patients), not two queries per patient."""
        wanted = sorted(
            {e.patient_id for e in batch if e.patient_id and _step(e)} - self.stored.keys()
        )
        a, r = t.allergies.c, t.allergy_reviews.c
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found: Stored = {patient_id: ([], []) for patient_id in chunk}
            for row in conn.execute(select(a.patient_id, a.allergy_id, a.voided)
                                    .where(a.patient_id.in_(chunk))):  # fmt: skip
                found[row.patient_id][0].append(
                    {"allergy_id": row.allergy_id, "voided": row.voided}
                )
            for review in conn.execute(select(r.patient_id, r.review_id, r.recorded_by,
                                              r.recorded_at, r.voided).where(r.patient_id.in_(chunk))):  # fmt: skip
                found[review.patient_id][1].append({
                    "review_id": review.review_id, "recorded_by": review.recorded_by,
                    "recorded_at": review.recorded_at, "voided": review.voided})  # fmt: skip
            self.stored.update(found)


def allergy_hold_refusal(
    conn: Connection, event: Event, batch: Sequence[Event], memo: HoldMemo | None = None
) -> tuple[str, str] | None:
    """(code, message) of a held first dose or verification, or None (sync.py refuses the
    verification and flags the dose). `batch` holds the events of this push accepted before it
    (appended to, never changed, while `memo` keeps its index)."""
    step = _step(event)
    if step is None or event.patient_id is None:
        return None
    memo = memo or HoldMemo()
    memo.catch_up(batch)
    rows = _stored_rows(conn, event.patient_id, memo.stored)
    status = allergy_status(_allergy_rows(rows, memo, event.patient_id))
    if status.documented:
        return None
    if step == "administration" and _given_before(conn, event, memo):
        return None  # not a first dose
    reason = _override_reason(conn, event, step, memo)
    if step == "administration":
        held = first_dose_held(status, 0, reason)
    else:
        held = verification_held(status, reason)
    return (HOLD_CODE, _MESSAGES[step]) if held else None


def _stored_rows(
    conn: Connection, patient_id: str, stored: Stored
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The patient's projected allergies and allergy reviews (read once, kept in `stored`)."""
    if patient_id not in stored:
        a, r = t.allergies.c, t.allergy_reviews.c
        allergies = [dict(row._mapping) for row in conn.execute(
            select(a.allergy_id, a.voided).where(a.patient_id == patient_id))]  # fmt: skip
        reviews = [dict(row._mapping) for row in conn.execute(
            select(r.review_id, r.recorded_by, r.recorded_at, r.voided).where(r.patient_id == patient_id))]  # fmt: skip
        stored[patient_id] = (allergies, reviews)
    return stored[patient_id]


def _allergy_rows(
    rows: tuple[list[dict[str, Any]], list[dict[str, Any]]], memo: HoldMemo, patient_id: str
) -> dict[str, Any]:
    """The chart parts allergy_status reads: the projected rows and those of this batch, less
    the ones voided in this batch (the projection marks the others)."""
    voided = memo.voided
    mine = [e for e in memo.by_patient.get(patient_id, ()) if e.event_id not in voided]
    allergies, reviews = list(rows[0]), list(rows[1])
    allergies += [{"voided": False} for e in mine if e.type == "AllergyRecorded"]
    reviews += [{"recorded_by": e.author_id, "recorded_at": e.recorded_at, "voided": False}
                for e in mine if e.type == "NoKnownAllergiesRecorded"]  # fmt: skip
    return {
        "allergies": [x for x in allergies if x.get("allergy_id") not in voided],
        "allergy_reviews": [x for x in reviews if x.get("review_id") not in voided],
    }


def _given_before(conn: Connection, event: Event, memo: HoldMemo) -> int:
    """Doses of the order given (not voided) before this one: on the server and in the batch."""
    order_id = event.payload["order_id"]
    m = t.administrations.c
    stored = conn.execute(
        select(func.count()).where(
            m.order_id == order_id, m.outcome == "given", m.voided.is_(False)
        )
    ).scalar_one()
    in_batch = sum(1 for e in memo.given.get(order_id, ()) if e.event_id not in memo.voided)
    return int(stored) + in_batch


def _override_reason(conn: Connection, event: Event, step: str, memo: HoldMemo) -> str:
    """The reason of this author's live override of this order and step ('' when none): the
    author's own overrides and voids on this chart, stored and in this batch."""
    e = events.c
    rows = conn.execute(
        select(e.event_id, e.type, e.payload).where(
            e.type.in_(("AllergyCheckOverridden", "EventVoided")),
            e.patient_id == event.patient_id, e.author_id == event.author_id,
        )
    ).all()  # fmt: skip
    stored = [(row.event_id, row.type, orjson.loads(bytes(row.payload))) for row in rows]
    mine = [(x.event_id, x.type, x.payload) for x in memo.by_patient.get(event.patient_id or "", ())
            if x.author_id == event.author_id]  # fmt: skip
    everything = stored + mine
    voided = memo.voided | {
        p["target_event_id"] for _, kind, p in everything if kind == "EventVoided"
    }
    reasons = [
        str(p.get("reason") or "") for event_id, kind, p in everything
        if kind == "AllergyCheckOverridden" and event_id not in voided
        and p.get("order_id") == event.payload["order_id"] and p.get("step") == step
    ]  # fmt: skip
    return next((reason for reason in reasons if reason.strip()), "")
