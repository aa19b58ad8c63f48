"""Fold events into the projection tables. The same code runs on the server and on every
workstation: folding one patient's events in server order gives the same rows everywhere."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

import orjson
from sqlalchemy import Connection, Table, and_, delete, select, update

from workstation.clock import iso, parse_iso
from workstation.domain.enums import AdministrationOutcome, OrderStatus
from workstation.domain.names import (
    initials_readings,
    name_readings,
    person_initials,
    person_pinyin,
)
from workstation.domain.order_lifecycle import can_transition, is_active
from workstation.events.envelope import Event
from workstation.projections import safety_tables as st
from workstation.projections import tables as t
from workstation.projections.allergy_projector import allergy_handlers
from workstation.projections.archive_projector import archive_handlers, prefetch_locks, trace
from workstation.projections.controlled_projector import controlled_handlers
from workstation.projections.infusion_projector import infusion_handlers
from workstation.projections.nursing_projector import nursing_handlers
from workstation.projections.nursing_record_projector import nursing_record_handlers
from workstation.projections.nursing_record_tables import NURSING_RECORD_TABLES
from workstation.projections.opioid_projector import opioid_handlers
from workstation.projections.order_sheet_projector import order_sheet_handlers
from workstation.projections.pharmacy_projector import pharmacy_handlers
from workstation.projections.problem_projector import problem_handlers
from workstation.projections.rights_projector import rights_handlers
from workstation.projections.safety_projector import safety_handlers
from workstation.projections.ward_projector import ward_handlers
from workstation.storage import insert_rows

Handler = Callable[["_Fold", Event], None]


class _Fold:
    """One pass of events over a connection; inserts are batched, other writes flush first."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.pending: dict[str, tuple[Table, list[dict[str, Any]]]] = {}
        # (order_id, patient_id) -> status as this fold has it; saves a SELECT per dose or transition
        self.order_status: dict[tuple[str, str | None], str | None] = {}
        self.existing_patients: set[str] = set()
        self.locks: dict[str, Any] = {}  # patient_id -> RecordLock | None (archived records)

    def prefetch_orders(self, events: list[Event]) -> None:
        """Load the statuses of every order the events refer to, in one query per 500 ids."""
        wanted = {
            (e.payload["order_id"], e.patient_id) for e in events if e.type in ORDER_REFERRING
        }
        ids = sorted({order_id for order_id, _ in wanted})
        o = t.orders.c
        found: dict[tuple[str, str | None], str] = {}
        for start in range(0, len(ids), 500):
            rows = self.conn.execute(
                select(o.order_id, o.patient_id, o.status).where(
                    o.order_id.in_(ids[start : start + 500])
                )
            )
            found.update({(r.order_id, r.patient_id): r.status for r in rows})
        self.order_status.update({key: found.get(key) for key in wanted})

    def add(self, table: Table, row: dict[str, Any]) -> None:
        self.pending.setdefault(table.name, (table, []))[1].append(row)

    def flush(self) -> None:
        for table, rows in self.pending.values():
            insert_rows(self.conn, table, rows)
        self.pending.clear()

    def prefetch_patients(self, events: list[Event]) -> None:
        """Note which admitted patients already have a row (a re-admission replaces it)."""
        ids = sorted({e.patient_id for e in events if e.type == "PatientAdmitted" and e.patient_id})
        p = t.patients.c
        for start in range(0, len(ids), 500):
            rows = self.conn.execute(
                select(p.patient_id).where(p.patient_id.in_(ids[start : start + 500]))
            )
            self.existing_patients.update(r.patient_id for r in rows)

    def run(self, statement: Any) -> Any:
        self.flush()
        return self.conn.execute(statement)

    def flag(self, event: Event, kind: str, message: str) -> None:
        self.add(
            t.review_flags,
            {
                "event_id": event.event_id,
                "flag_kind": kind,
                "patient_id": event.patient_id,
                "message": message,
            },
        )


def _admitted(fold: _Fold, e: Event) -> None:
    p = e.payload
    if e.patient_id in fold.existing_patients:
        fold.run(delete(t.patients).where(t.patients.c.patient_id == e.patient_id))
        fold.run(
            delete(t.patient_name_keys).where(t.patient_name_keys.c.patient_id == e.patient_id)
        )
    if e.patient_id:
        fold.existing_patients.add(e.patient_id)
        _add_name_keys(fold, e.patient_id, p["name"])
    fold.add(t.patients, {
        "patient_id": e.patient_id, "record_number": p["record_number"],
        "temporary_number": bool(p.get("temporary_number")), "name": p["name"],
        "name_initials": person_initials(p["name"]), "name_pinyin": person_pinyin(p["name"]),
        "sex": p["sex"], "birth_date": p["birth_date"], "ward_id": p["ward_id"], "bed": p["bed"],
        "acuity": p.get("acuity"), "weight_kg": p.get("weight_kg"), "diagnosis": p.get("diagnosis"),
        "attending_id": p.get("attending_id"), "status": "admitted", "admitted_at": p["admitted_at"],
        "discharged_at": None, "version": 0,
    })  # fmt: skip


def _bump(fold: _Fold, e: Event, values: dict[str, Any]) -> None:
    fold.run(
        update(t.patients)
        .where(t.patients.c.patient_id == e.patient_id)
        .values(version=t.patients.c.version + 1, **values)
    )


def _transferred(fold: _Fold, e: Event) -> None:
    _bump(fold, e, {"ward_id": e.payload["ward_id"], "bed": e.payload["bed"]})


def _demographics(fold: _Fold, e: Event) -> None:
    changes = {k: v for k, v in e.payload.items() if k != "base_version" and v is not None}
    if "name" in changes and e.patient_id:
        changes["name_initials"] = person_initials(changes["name"])
        changes["name_pinyin"] = person_pinyin(changes["name"])
        fold.run(
            delete(t.patient_name_keys).where(t.patient_name_keys.c.patient_id == e.patient_id)
        )
        _add_name_keys(fold, e.patient_id, changes["name"])
    _bump(fold, e, changes)


def _add_name_keys(fold: _Fold, patient_id: str, name: str) -> None:
    """The readings of a polyphonic name beyond the first (kept on the patients row)."""
    others = [*initials_readings(name)[1:], *name_readings(name)[1:]]
    for key in dict.fromkeys(others):
        fold.add(t.patient_name_keys, {"patient_id": patient_id, "name_key": key})


def _discharged(fold: _Fold, e: Event) -> None:
    _bump(fold, e, {"status": "discharged", "discharged_at": e.payload["discharged_at"]})


def _note(fold: _Fold, e: Event) -> None:
    p = e.payload
    fold.add(t.notes, {
        "note_id": e.event_id, "patient_id": e.patient_id, "note_type": p["note_type"],
        "title": p.get("title"), "text": p["text"], "author_id": e.author_id,
        "signed_at": e.recorded_at, "needs_cosign": bool(p.get("needs_cosign")),
        "cosigned_by": None, "cosigned_at": None, "voided": False, "void_reason": None,
    })  # fmt: skip


def _addendum(fold: _Fold, e: Event) -> None:
    fold.add(t.note_addenda, {
        "addendum_id": e.event_id, "note_id": e.payload["note_id"], "patient_id": e.patient_id,
        "text": e.payload["text"], "author_id": e.author_id, "recorded_at": e.recorded_at,
        "voided": False,
    })  # fmt: skip


def _cosigned(fold: _Fold, e: Event) -> None:
    n = t.notes.c
    done = fold.run(
        update(t.notes)
        .where(n.note_id == e.payload["note_id"], n.patient_id == e.patient_id)
        .values(cosigned_by=e.author_id, cosigned_at=e.recorded_at)
    )
    if done.rowcount == 0:
        fold.flag(e, "unknown_note", "cosignature of a note this chart does not have")


def _order_placed(fold: _Fold, e: Event) -> None:
    p = e.payload
    fold.order_status[(e.event_id, e.patient_id)] = OrderStatus.PLACED.value
    med = p.get("medication") or {}
    fold.add(t.orders, {
        "order_id": e.event_id, "patient_id": e.patient_id, "order_kind": p["order_kind"],
        "description": p["description"], "code": p.get("code"),
        "drug_code": med.get("drug_code"), "drug_name": med.get("drug_name"),
        "dose_value": med.get("dose_value"), "dose_unit": med.get("dose_unit"),
        "route": med.get("route"), "frequency": med.get("frequency"),
        "duration_days": med.get("duration_days"), "prn": bool(med.get("prn")),
        "prn_indication": med.get("prn_indication"), "urgent": bool(p.get("urgent")),
        "start_at": p.get("start_at") or e.recorded_at, "status": OrderStatus.PLACED.value,
        "placed_by": e.author_id, "placed_at": e.recorded_at,
        "verified_by": None, "verified_at": None, "ended_by": None, "ended_at": None,
        "end_reason": None, "replaces_order_id": p.get("replaces_order_id"),
        "overrides": orjson.dumps(p["overrides"]).decode() if p.get("overrides") else None,
        "voided": False,
    })  # fmt: skip


def _order_status(fold: _Fold, order_id: str, patient_id: str | None) -> str | None:
    """The order's status, looked up in this patient's chart only: an event naming another
    patient's order must not change it (a rebuild of either chart would not see it)."""
    key = (order_id, patient_id)
    if key not in fold.order_status:  # orders placed in this fold are already known
        o = t.orders.c
        fold.order_status[key] = fold.conn.execute(
            select(o.status).where(o.order_id == order_id, o.patient_id == patient_id)
        ).scalar()
    return fold.order_status[key]


def _order_transition(target: OrderStatus) -> Handler:
    def handle(fold: _Fold, e: Event) -> None:
        order_id = e.payload["order_id"]
        current = _order_status(fold, order_id, e.patient_id)
        if current is None:
            fold.flag(e, "unknown_order", f"{e.type} refers to an order this chart does not have")
            return
        if not can_transition(OrderStatus(current), target):
            fold.flag(
                e, "late_transition", f"{e.type} arrived when the order was already {current}"
            )
            return
        values: dict[str, Any] = {"status": target.value}
        if target is OrderStatus.VERIFIED:
            values |= {"verified_by": e.author_id, "verified_at": e.recorded_at}
        else:
            values |= {
                "ended_by": e.author_id,
                "ended_at": e.recorded_at,
                "end_reason": e.payload.get("reason"),
            }
        fold.run(update(t.orders).where(t.orders.c.order_id == order_id).values(**values))
        fold.order_status[(order_id, e.patient_id)] = target.value

    return handle


def _administered(fold: _Fold, e: Event) -> None:
    p = e.payload
    status = _order_status(fold, p["order_id"], e.patient_id)
    given = p["outcome"] == AdministrationOutcome.GIVEN
    if status is None:
        fold.flag(e, "unknown_order", "administration refers to an order this chart does not have")
    elif given and not is_active(status):
        fold.flag(e, "given_after_stop", f"dose recorded after the order was {status}")
    if (
        given
        and p.get("scheduled_for")
        and _already_given(fold, p["order_id"], e.patient_id, p["scheduled_for"])
    ):
        fold.flag(e, "duplicate_dose", "this scheduled dose was already recorded as given")
    fold.add(t.administrations, {
        "administration_id": e.event_id, "order_id": p["order_id"], "patient_id": e.patient_id,
        "outcome": p["outcome"], "administered_at": p["administered_at"],
        "scheduled_for": p.get("scheduled_for"), "dose_value": p.get("dose_value"),
        "dose_unit": p.get("dose_unit"), "route": p.get("route"), "site": p.get("site"),
        "reason": p.get("reason"), "witness_id": p.get("witness_id"), "recorded_by": e.author_id,
        "voided": False,
    })  # fmt: skip


def _already_given(fold: _Fold, order_id: str, patient_id: str | None, scheduled_for: str) -> bool:
    a = t.administrations.c
    fold.flush()
    found = fold.conn.execute(
        select(a.administration_id)
        .where(
            and_(
                a.order_id == order_id,
                a.patient_id == patient_id,
                a.scheduled_for == scheduled_for,
                a.outcome == "given",
                a.voided.is_(False),
            )
        )
        .limit(1)
    ).first()
    return found is not None


def _vitals(fold: _Fold, e: Event) -> None:
    columns = [c.name for c in t.vitals.columns]
    row = {name: e.payload.get(name) for name in columns if name in e.payload}
    fold.add(t.vitals, dict.fromkeys(columns) | row | {
        "vitals_id": e.event_id, "patient_id": e.patient_id, "recorded_by": e.author_id, "voided": False,
    })  # fmt: skip


def _lab(fold: _Fold, e: Event) -> None:
    p = e.payload
    fold.add(t.lab_results, {
        "result_id": e.event_id, "patient_id": e.patient_id, "test_code": p["test_code"],
        "test_name": p["test_name"], "value": p["value"], "numeric_value": p.get("numeric_value"),
        "unit": p.get("unit"), "reference_low": p.get("reference_low"),
        "reference_high": p.get("reference_high"), "flag": p.get("flag"),
        "resulted_at": p["resulted_at"], "order_id": p.get("order_id"), "voided": False,
        "result_status": p.get("result_status"), "superseded_by": None,
    })  # fmt: skip
    if p.get("supersedes_result_id"):  # a correction: the earlier result leaves the chart
        r = t.lab_results.c
        fold.run(
            update(t.lab_results)
            .where(r.result_id == p["supersedes_result_id"], r.patient_id == e.patient_id)
            .values(voided=True, superseded_by=e.event_id)
        )


def _discharge_cancelled(fold: _Fold, e: Event) -> None:
    _bump(fold, e, {"status": "admitted", "discharged_at": None})


def _allergy(fold: _Fold, e: Event) -> None:
    p = e.payload
    fold.add(t.allergies, {
        "allergy_id": e.event_id, "patient_id": e.patient_id, "substance": p["substance"],
        "reaction": p.get("reaction"), "severity": p["severity"], "recorded_by": e.author_id,
        "recorded_at": e.recorded_at, "voided": False,
    })  # fmt: skip


def _no_known_allergies(fold: _Fold, e: Event) -> None:
    fold.add(t.allergy_reviews, {
        "review_id": e.event_id, "patient_id": e.patient_id, "source": e.payload.get("source"),
        "recorded_by": e.author_id, "recorded_at": e.recorded_at, "voided": False,
    })  # fmt: skip


def _problem(fold: _Fold, e: Event) -> None:
    p = e.payload
    fold.add(t.problems, {
        "problem_id": e.event_id, "patient_id": e.patient_id, "description": p["description"],
        "icd10": p.get("icd10"), "status": p["status"], "recorded_by": e.author_id,
        "recorded_at": e.recorded_at, "voided": False,
    })  # fmt: skip


def _stock(kind: str, sign: int) -> Handler:
    def handle(fold: _Fold, e: Event) -> None:
        p = e.payload
        quantity = p["quantity_delta"] if "quantity_delta" in p else sign * p["quantity"]
        fold.add(t.stock_movements, {
            "movement_id": e.event_id, "movement_kind": kind, "drug_code": p["drug_code"],
            "lot": p["lot"], "location_id": p["location_id"], "quantity_delta": quantity,
            "unit": p.get("unit"), "expiry": p.get("expiry"), "patient_id": e.patient_id,
            "order_id": p.get("order_id"), "recorded_by": e.author_id, "recorded_at": e.recorded_at,
            "reason": p.get("reason"), "voided": False,
        })  # fmt: skip

    return handle


def _voided(fold: _Fold, e: Event) -> None:
    """Void the row the target event made, if it belongs to the same patient (or to none)."""
    target = e.payload["target_event_id"]
    voided = 0
    for table in (*t.VOIDABLE, *st.VOIDABLE_SAFETY_TABLES):
        key = table.primary_key.columns.values()[0]
        values: dict[str, Any] = {"voided": True}
        if table is t.notes:
            values["void_reason"] = e.payload["reason"]
        same_patient = table.c.patient_id.is_not_distinct_from(e.patient_id)
        voided += fold.run(
            update(table).where(key == target, same_patient).values(**values)
        ).rowcount
    if voided == 0:
        fold.flag(e, "unknown_target", "void of a record this chart does not have")


def _break_glass(fold: _Fold, e: Event) -> None:
    # The grant runs from when the server received it, never by the workstation clock (rule 8);
    # until then (offline) the local fold uses the recording time.
    granted_at = e.received_at or e.recorded_at
    expires = parse_iso(granted_at) + timedelta(minutes=e.payload["minutes"])
    fold.add(t.break_glass_grants, {
        "grant_id": e.event_id, "patient_id": e.patient_id, "user_id": e.author_id,
        "reason": e.payload["reason"], "granted_at": granted_at, "expires_at": iso(expires),
    })  # fmt: skip


# Event types whose payload names an order whose status the fold reads.
ORDER_REFERRING = frozenset({
    "OrderVerified", "OrderRejected", "OrderDiscontinued", "OrderCompleted", "MedicationAdministered",
})  # fmt: skip

HANDLERS: dict[str, Handler] = {
    "PatientAdmitted": _admitted,
    "PatientTransferred": _transferred,
    "DemographicsUpdated": _demographics,
    "PatientDischarged": _discharged,
    "NoteSigned": _note,
    "NoteAddended": _addendum,
    "NoteCosigned": _cosigned,
    "OrderPlaced": _order_placed,
    "OrderVerified": _order_transition(OrderStatus.VERIFIED),
    "OrderRejected": _order_transition(OrderStatus.REJECTED),
    "OrderDiscontinued": _order_transition(OrderStatus.DISCONTINUED),
    "OrderCompleted": _order_transition(OrderStatus.COMPLETED),
    "MedicationAdministered": _administered,
    "VitalsRecorded": _vitals,
    "LabResulted": _lab,
    "AllergyRecorded": _allergy,
    "NoKnownAllergiesRecorded": _no_known_allergies,
    "ProblemRecorded": _problem,
    "Dispensed": _stock("dispense", -1),
    "StockReceived": _stock("receipt", 1),
    "StockAdjusted": _stock("adjustment", 1),
    "EventVoided": _voided,
    "DischargeCancelled": _discharge_cancelled,
    "BreakGlassInvoked": _break_glass,
}
HANDLERS.update(pharmacy_handlers(HANDLERS["Dispensed"]))
HANDLERS.update(nursing_handlers(HANDLERS["MedicationAdministered"]))
HANDLERS.update(archive_handlers())
HANDLERS.update(rights_handlers(HANDLERS["OrderPlaced"]))
HANDLERS.update(controlled_handlers())
HANDLERS.update(opioid_handlers())
HANDLERS.update(allergy_handlers())
HANDLERS.update(order_sheet_handlers(HANDLERS["OrderPlaced"]))
HANDLERS.update(safety_handlers())
HANDLERS.update(ward_handlers())
HANDLERS.update(problem_handlers())
HANDLERS["OrderTransmitted"] = lambda fold, event: None  # the timeline reads the event itself
HANDLERS.update(nursing_record_handlers())
HANDLERS.update(infusion_handlers())


def apply_events(conn: Connection, events: Iterable[Event]) -> None:
    """Fold events, in the order given, into the projection tables inside the caller's transaction."""
    fold = _Fold(conn)
    events = list(events)
    fold.prefetch_orders(events)
    fold.prefetch_patients(events)
    prefetch_locks(fold, events)
    for event in events:
        trace(fold, event)  # before the handler: a re-archive must not judge its own event
        HANDLERS[event.type](fold, event)
    fold.flush()


def clear_patients(conn: Connection, patient_ids: list[str]) -> None:
    """Drop every projection row of the named patients (one DELETE per table for up to 500),
    before folding their events again."""
    for start in range(0, len(patient_ids), 500):
        chunk = patient_ids[start : start + 500]
        for table in (t.patients, t.patient_name_keys, *t.PATIENT_TABLES, *st.SAFETY_TABLES, t.review_flags,
                      t.stock_movements, *NURSING_RECORD_TABLES):  # fmt: skip
            conn.execute(delete(table).where(table.c.patient_id.in_(chunk)))


def rebuild_patient(conn: Connection, patient_id: str, events_in_order: Iterable[Event]) -> None:
    """Replace one patient's projection with the fold of their events (server order first)."""
    clear_patients(conn, [patient_id])
    apply_events(conn, events_in_order)


def rebuild_patients(conn: Connection, events_by_patient: dict[str, list[Event]]) -> None:
    """Replace several patients' projections, each with the fold of their own events in order.
    A fold writes only its own patient's rows, so clearing them all first changes nothing."""
    clear_patients(conn, sorted(events_by_patient))
    for patient_id in sorted(events_by_patient):
        apply_events(conn, events_by_patient[patient_id])
