"""The projector: events folded into rows, lifecycle flags, voids, and the same rows everywhere."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, create_engine, select

from workstation.events import Event, event_problems
from workstation.projections import queries
from workstation.projections import tables as t
from workstation.projections.projector import apply_events, rebuild_patient
from workstation.projections.tables import metadata

P1 = "0190b8e2-7c3a-7d1e-9f00-000000000001"
P2 = "0190b8e2-7c3a-7d1e-9f00-000000000002"
P3 = "0190b8e2-7c3a-7d1e-9f00-000000000003"
DOSE_AT = "2024-03-01T09:00:00.000Z"
_ids = itertools.count(1)


def new_id() -> str:
    """A fresh canonical UUID, ordered by creation."""
    return f"0190b8e2-7c3a-7d1e-9f00-{next(_ids):012x}"


def ev(
    event_type: str,
    payload: dict[str, Any],
    patient_id: str | None = P1,
    *,
    author: str = "doc-1",
    event_id: str | None = None,
) -> Event:
    """A valid event (checked here, so a test never folds a malformed fact)."""
    seq = next(_ids)
    event = Event(
        event_id or new_id(),
        event_type,
        patient_id,
        author,
        "dev-1",
        seq,
        f"2024-03-01T08:{seq // 1000 % 60:02d}:{seq % 60:02d}.{seq % 1000:03d}Z",
        payload,
    )
    assert event_problems(event) == [], event_problems(event)
    return event  # fmt: skip


def admitted(patient_id: str = P1, ward: str = "W1", name: str = "张三") -> Event:
    """A PatientAdmitted event."""
    return ev("PatientAdmitted", {
        "record_number": f"MRN-{patient_id[-4:]}", "name": name, "sex": "female",
        "birth_date": "1950-05-17", "ward_id": ward, "bed": "7", "admitted_at": DOSE_AT,
    }, patient_id)  # fmt: skip


def med_order(patient_id: str = P1) -> Event:
    """A medication OrderPlaced event."""
    return ev("OrderPlaced", {
        "order_kind": "medication", "description": "amox 500mg po tid",
        "medication": {"drug_code": "AMOX500", "drug_name": "amoxicillin", "dose_value": 500,
                       "dose_unit": "mg", "route": "po", "frequency": "tid"},
    }, patient_id)  # fmt: skip


def transition(kind: str, order_id: str, patient_id: str = P1) -> Event:
    """OrderVerified / OrderDiscontinued / OrderRejected / OrderCompleted."""
    payload = {"order_id": order_id}
    if kind in ("OrderDiscontinued", "OrderRejected"):
        payload["reason"] = "no longer needed"
    return ev(kind, payload, patient_id, author="pharm-1" if kind == "OrderVerified" else "doc-1")


def dose(
    order_id: str,
    patient_id: str = P1,
    *,
    outcome: str = "given",
    scheduled_for: str | None = DOSE_AT,
) -> Event:
    """A MedicationAdministered event."""
    payload: dict[str, Any] = {"order_id": order_id, "outcome": outcome, "administered_at": DOSE_AT}
    if scheduled_for:
        payload["scheduled_for"] = scheduled_for
    if outcome == "given":
        payload |= {"dose_value": 500, "dose_unit": "mg", "route": "po"}
    else:
        payload["reason"] = "patient asleep"
    return ev("MedicationAdministered", payload, patient_id, author="nurse-1")  # fmt: skip


@pytest.fixture
def conn() -> Iterator[Connection]:
    """A fresh in-memory projection database inside one transaction."""
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as connection:
        yield connection
    engine.dispose()


def dump(connection: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every projection table, in primary-key order."""
    return {
        table.name: [tuple(row) for row in connection.execute(
            select(table).order_by(*table.primary_key.columns))]
        for table in metadata.sorted_tables
    }  # fmt: skip


def one(connection: Connection, table: Any, key: str) -> dict[str, Any]:
    """The single row of table whose primary key is key."""
    pk = table.primary_key.columns.values()[0]
    return dict(connection.execute(select(table).where(pk == key)).one()._mapping)


def flags(connection: Connection) -> set[tuple[str, str]]:
    """(event_id, flag_kind) of every review flag."""
    return {(r["event_id"], r["flag_kind"]) for r in queries.review_flags(connection)}


# --- one event, one row ---------------------------------------------------------------------


def test_admission_makes_a_patient_row(conn):
    apply_events(conn, [admitted()])
    row = queries.patient(conn, P1)
    assert row is not None
    assert (row["name"], row["name_initials"], row["name_pinyin"]) == ("张三", "zs", "zhangsan")
    assert (row["status"], row["version"], row["ward_id"], row["bed"]) == ("admitted", 0, "W1", "7")
    assert [r["patient_id"] for r in queries.census(conn, "W1")] == [P1]


def test_each_clinical_event_lands_in_its_table(conn):
    order = med_order()
    note = ev("NoteSigned", {"note_type": "daily_progress_note", "text": "Well.",
                             "needs_cosign": True}, author="trainee-1")  # fmt: skip
    events = [
        admitted(), note, order,
        ev("NoteAddended", {"note_id": note.event_id, "text": "Also eating."}),
        ev("NoteCosigned", {"note_id": note.event_id}, author="doc-2"),
        ev("VitalsRecorded", {"taken_at": DOSE_AT, "pulse_bpm": 88, "on_oxygen": False}),
        ev("LabResulted", {"test_code": "K", "test_name": "potassium", "value": "3.1",
                           "numeric_value": 3.1, "flag": "L", "resulted_at": DOSE_AT}),
        ev("AllergyRecorded", {"substance": "penicillin", "severity": "severe"}),
        ev("ProblemRecorded", {"description": "pneumonia", "status": "active"}),
        ev("BreakGlassInvoked", {"reason": "cardiac arrest call", "minutes": 30}),
        dose(order.event_id),
    ]  # fmt: skip
    apply_events(conn, events)
    chart = queries.chart(conn, P1)
    assert [n["note_id"] for n in chart["notes"]] == [note.event_id]
    assert chart["notes"][0]["cosigned_by"] == "doc-2"
    assert chart["addenda"][0]["text"] == "Also eating."
    assert chart["orders"][0]["drug_code"] == "AMOX500" and chart["orders"][0]["status"] == "placed"
    assert chart["vitals"][0]["pulse_bpm"] == 88 and chart["vitals"][0]["temperature_c"] is None
    assert chart["labs"][0]["numeric_value"] == 3.1
    assert chart["allergies"][0]["severity"] == "severe"
    assert chart["problems"][0]["description"] == "pneumonia"
    assert chart["administrations"][0]["outcome"] == "given"
    assert chart["flags"] == []
    assert one(conn, t.break_glass_grants, events[9].event_id)["user_id"] == "doc-1"


def test_break_glass_grant_lasts_its_minutes(conn):
    grant = ev("BreakGlassInvoked", {"reason": "arrest", "minutes": 90}, P2)
    grant = Event(**{**_fields(grant), "recorded_at": "2024-03-01T23:00:00.000Z"})
    apply_events(conn, [grant])
    row = one(conn, t.break_glass_grants, grant.event_id)
    assert (row["granted_at"], row["expires_at"]) == (grant.recorded_at, "2024-03-02T00:30:00.000Z")


def _fields(event: Event) -> dict[str, Any]:
    return {name: getattr(event, name) for name in Event.__slots__}


def test_stock_movements_sum_to_stock_on_hand(conn):
    stock = {"drug_code": "AMOX500", "lot": "L1", "location_id": "PHARM"}
    apply_events(conn, [
        ev("StockReceived", {**stock, "expiry": "2026-01-31", "quantity": 100, "unit": "cap"}, None),
        ev("Dispensed", {**stock, "quantity": 21, "unit": "cap"}, P1),
        ev("StockAdjusted", {**stock, "quantity_delta": -2, "reason": "broken"}, None),
    ])  # fmt: skip
    [row] = queries.stock_on_hand(conn, "PHARM")
    assert (row["quantity"], row["expiry"]) == (77, "2026-01-31")


# --- the order lifecycle --------------------------------------------------------------------


def test_placed_verified_discontinued(conn):
    order = med_order()
    apply_events(conn, [admitted(), order, transition("OrderVerified", order.event_id)])
    row = one(conn, t.orders, order.event_id)
    assert (row["status"], row["verified_by"]) == ("verified", "pharm-1")
    assert [o["order_id"] for o in queries.active_medication_orders(conn, P1)] == [order.event_id]
    apply_events(conn, [transition("OrderDiscontinued", order.event_id)])
    row = one(conn, t.orders, order.event_id)
    assert (row["status"], row["ended_by"], row["end_reason"]) == (
        "discontinued", "doc-1", "no longer needed")  # fmt: skip
    assert queries.active_medication_orders(conn, P1) == []
    assert flags(conn) == set()


@pytest.mark.parametrize(
    ("first", "late"),
    [("OrderDiscontinued", "OrderVerified"), ("OrderRejected", "OrderDiscontinued"),
     ("OrderCompleted", "OrderCompleted"), ("OrderDiscontinued", "OrderDiscontinued")],
)  # fmt: skip
def test_late_transition_is_flagged_and_changes_nothing(conn, first, late):
    order = med_order()
    late_event = transition(late, order.event_id)
    apply_events(conn, [admitted(), order, transition(first, order.event_id), late_event])
    ended = {"OrderDiscontinued": "discontinued", "OrderRejected": "rejected",
             "OrderCompleted": "completed"}[first]  # fmt: skip
    assert one(conn, t.orders, order.event_id)["status"] == ended
    assert flags(conn) == {(late_event.event_id, "late_transition")}


def test_transition_of_an_unknown_order_is_flagged(conn):
    stray = transition("OrderVerified", new_id())
    apply_events(conn, [admitted(), stray])
    assert flags(conn) == {(stray.event_id, "unknown_order")}


def test_dose_after_discontinue_is_kept_and_flagged(conn):
    order = med_order()
    late = dose(order.event_id)
    apply_events(conn, [admitted(), order, transition("OrderDiscontinued", order.event_id), late])
    assert one(conn, t.administrations, late.event_id)["outcome"] == "given"
    assert flags(conn) == {(late.event_id, "given_after_stop")}


def test_held_dose_after_discontinue_is_not_flagged(conn):
    order = med_order()
    held = dose(order.event_id, outcome="held")
    apply_events(conn, [admitted(), order, transition("OrderDiscontinued", order.event_id), held])
    assert flags(conn) == set()


def test_duplicate_scheduled_dose_is_flagged(conn):
    order = med_order()
    first, second = dose(order.event_id), dose(order.event_id)
    other_time = dose(order.event_id, scheduled_for="2024-03-01T17:00:00.000Z")
    apply_events(conn, [admitted(), order, first, second, other_time])
    assert flags(conn) == {(second.event_id, "duplicate_dose")}
    assert len(queries.chart(conn, P1)["administrations"]) == 3


def test_voided_dose_is_not_a_duplicate(conn):
    order = med_order()
    first, second = dose(order.event_id), dose(order.event_id)
    void = ev("EventVoided", {"target_event_id": first.event_id, "reason": "wrong patient"})
    apply_events(conn, [admitted(), order, first, void, second])
    assert flags(conn) == set()


def test_dose_for_an_unknown_order_is_flagged(conn):
    stray = dose(new_id())
    apply_events(conn, [admitted(), stray])
    assert flags(conn) == {(stray.event_id, "unknown_order")}
    assert one(conn, t.administrations, stray.event_id)["order_id"] == stray.payload["order_id"]


def test_transition_naming_another_patients_order_is_flagged_not_applied(conn):
    order = med_order(P2)
    cross = transition("OrderDiscontinued", order.event_id, P1)
    apply_events(conn, [admitted(P1), admitted(P2), order, cross])
    assert one(conn, t.orders, order.event_id)["status"] == "placed"
    assert flags(conn) == {(cross.event_id, "unknown_order")}


# --- voids and mutable records --------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "table"),
    [
        (lambda: ev("NoteSigned", {"note_type": "nursing_note", "text": "ok"}), t.notes),
        (lambda: ev("AllergyRecorded", {"substance": "latex", "severity": "mild"}), t.allergies),
        (lambda: ev("ProblemRecorded", {"description": "fall", "status": "active"}), t.problems),
        (lambda: ev("VitalsRecorded", {"taken_at": DOSE_AT, "spo2_pct": 91}), t.vitals),
        (lambda: med_order(), t.orders),
    ],
)
def test_void_marks_the_row_voided(conn, make, table):
    target = make()
    void = ev("EventVoided", {"target_event_id": target.event_id, "reason": "wrong chart"})
    apply_events(conn, [admitted(), target, void])
    row = one(conn, table, target.event_id)
    assert row["voided"] is True
    if table is t.notes:
        assert row["void_reason"] == "wrong chart"


def test_voided_allergy_leaves_the_census_count(conn):
    allergy = ev("AllergyRecorded", {"substance": "latex", "severity": "mild"})
    apply_events(conn, [admitted(), allergy])
    assert queries.census(conn)[0]["allergy_count"] == 1
    apply_events(conn, [ev("EventVoided", {"target_event_id": allergy.event_id, "reason": "no"})])
    assert queries.census(conn)[0]["allergy_count"] == 0


def test_void_of_a_stock_movement_leaves_stock(conn):
    received = ev(
        "StockReceived",
        {
            "drug_code": "D",
            "lot": "L",
            "expiry": "2026-01-01",
            "location_id": "W1",
            "quantity": 5,
            "unit": "amp",
        },
        None,
    )
    void = ev("EventVoided", {"target_event_id": received.event_id, "reason": "typo"}, None)
    apply_events(conn, [received, void])
    assert queries.stock_on_hand(conn) == []  # fmt: skip


def test_void_naming_another_patients_row_is_flagged_not_applied(conn):
    note = ev("NoteSigned", {"note_type": "nursing_note", "text": "ok"}, P2)
    void = ev("EventVoided", {"target_event_id": note.event_id, "reason": "x"}, P1)
    apply_events(conn, [admitted(P1), admitted(P2), note, void])
    assert one(conn, t.notes, note.event_id)["voided"] is False
    assert flags(conn) == {(void.event_id, "unknown_target")}


def test_transfer_demographics_discharge_bump_the_version(conn):
    apply_events(conn, [admitted()])
    apply_events(conn, [ev("PatientTransferred", {"ward_id": "W2", "bed": "1", "base_version": 0})])
    row = queries.patient(conn, P1)
    assert (row["ward_id"], row["bed"], row["version"]) == ("W2", "1", 1)
    apply_events(
        conn,
        [
            ev(
                "DemographicsUpdated",
                {"base_version": 1, "name": "Li Si", "weight_kg": 55.0, "sex": None},
            )
        ],
    )
    row = queries.patient(conn, P1)
    assert (row["name"], row["name_initials"], row["sex"], row["version"]) == (
        "Li Si", "ls", "female", 2)  # fmt: skip
    apply_events(conn, [ev("PatientDischarged", {"base_version": 2, "discharged_at": DOSE_AT})])
    row = queries.patient(conn, P1)
    assert (row["status"], row["discharged_at"], row["version"]) == ("discharged", DOSE_AT, 3)
    assert queries.census(conn) == []


def test_find_patients_by_pinyin_initials_and_record_number(conn):
    apply_events(conn, [admitted(P1, name="张三"), admitted(P2, name="李四")])
    assert [p["patient_id"] for p in queries.find_patients(conn, "zs")] == [P1]
    assert [p["patient_id"] for p in queries.find_patients(conn, "lisi")] == [P2]
    assert [p["patient_id"] for p in queries.find_patients(conn, "mrn-0002")] == [P2]
    assert queries.find_patients(conn, "  ") == []


def test_a_polyphonic_surname_is_found_by_every_reading_its_own_first(conn):
    apply_events(conn, [admitted(P1, name="曾国藩"), admitted(P2, name="单田芳")])
    row = queries.patient(conn, P1)
    assert (row["name_initials"], row["name_pinyin"]) == ("zgf", "zengguofan")
    for typed, wanted in (("zgf", P1), ("cgf", P1), ("zengguo", P1), ("cengguofan", P1),
                          ("stf", P2), ("dtf", P2), ("shantian", P2)):  # fmt: skip
        assert [p["patient_id"] for p in queries.find_patients(conn, typed)] == [wanted], typed
    apply_events(conn, [ev("DemographicsUpdated", {"base_version": 0, "name": "乐嘉"}, P1)])
    assert [p["patient_id"] for p in queries.find_patients(conn, "yj")] == [P1]
    assert [p["patient_id"] for p in queries.find_patients(conn, "lj")] == [P1]
    assert queries.find_patients(conn, "cgf") == []
    rebuild_patient(conn, P2, [admitted(P2, name="单田芳")])
    assert [p["patient_id"] for p in queries.find_patients(conn, "dtf")] == [P2]


# --- the same rows everywhere ---------------------------------------------------------------


def story() -> list[Event]:
    """Two patients' interleaved charts with every kind of flag."""
    o1, o2 = med_order(P1), med_order(P2)
    note = ev("NoteSigned", {"note_type": "admission_note", "text": "Admitted."}, P2)
    return [
        admitted(P1), admitted(P2), o1, o2, note, transition("OrderVerified", o1.event_id),
        dose(o1.event_id), dose(o1.event_id), transition("OrderDiscontinued", o1.event_id),
        dose(o1.event_id, scheduled_for=None), transition("OrderVerified", o1.event_id),
        ev("Dispensed", {"drug_code": "D", "lot": "L", "location_id": "PH", "quantity": 1,
                         "unit": "tab", "order_id": o2.event_id}, P2),
        ev("EventVoided", {"target_event_id": note.event_id, "reason": "dup"}, P2),
        ev("PatientTransferred", {"ward_id": "W3", "bed": "2", "base_version": 0}, P2),
        transition("OrderDiscontinued", o2.event_id, P1), dose(new_id(), P2),
    ]  # fmt: skip


def by_patient(events: list[Event], patient_id: str) -> list[Event]:
    """One patient's events, in the order given."""
    return [e for e in events if e.patient_id == patient_id]


def fresh() -> Connection:
    """A new in-memory projection database (closed with its engine by garbage collection)."""
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    connection = engine.connect()
    connection.begin()
    return connection


def test_rebuild_gives_the_incremental_rows(conn):
    events = story()
    for event in events:
        apply_events(conn, [event])
    before = dump(conn)
    assert before["review_flags"], "the story should raise flags"
    for patient_id in (P1, P2):
        rebuild_patient(conn, patient_id, by_patient(events, patient_id))
    assert dump(conn) == before


def test_rebuild_from_nothing_clears_the_patient(conn):
    events = story()
    apply_events(conn, events)
    rebuild_patient(conn, P2, [])
    rows = dump(conn)
    assert all(P2 not in row for table in rows.values() for row in table)
    assert any(P1 in row for row in rows["patients"])


PATIENTS = (P1, P2, P3)


@st.composite
def event_sequences(draw: st.DrawFn) -> list[Event]:
    """A random server-ordered sequence of valid events for up to three patients."""
    events: list[Event] = []
    orders: list[Event] = []
    clinical: list[Event] = []
    for _ in range(draw(st.integers(1, 25))):
        patient = draw(st.sampled_from(PATIENTS))
        step = draw(
            st.sampled_from(
                (
                    "admit",
                    "order",
                    "transition",
                    "dose",
                    "note",
                    "vitals",
                    "void",
                    "transfer",
                    "demographics",
                    "discharge",
                    "stock",
                )
            )
        )
        event = _random_event(draw, step, patient, orders, clinical)
        events.append(event)
        if event.type == "OrderPlaced":
            orders.append(event)
        if event.type in ("OrderPlaced", "NoteSigned", "VitalsRecorded", "MedicationAdministered"):
            clinical.append(event)
    return events  # fmt: skip


def _random_event(
    draw: st.DrawFn, step: str, patient: str, orders: list[Event], clinical: list[Event]
) -> Event:
    order_id = draw(st.sampled_from([o.event_id for o in orders])) if orders else new_id()
    if step == "admit":
        return admitted(patient, ward=draw(st.sampled_from(("W1", "W2"))))
    if step == "order":
        return med_order(patient)
    if step == "transition":
        kind = draw(
            st.sampled_from(
                ("OrderVerified", "OrderRejected", "OrderDiscontinued", "OrderCompleted")
            )
        )
        return transition(kind, order_id, patient)
    if step == "dose":
        outcome = draw(st.sampled_from(("given", "held")))
        slot = draw(st.sampled_from((DOSE_AT, "2024-03-01T17:00:00.000Z", None)))
        return dose(order_id, patient, outcome=outcome, scheduled_for=slot)
    if step == "note":
        return ev("NoteSigned", {"note_type": "nursing_note", "text": "ok"}, patient)
    if step == "vitals":
        return ev(
            "VitalsRecorded",
            {"taken_at": DOSE_AT, "pulse_bpm": draw(st.integers(30, 200))},
            patient,
        )
    if step == "void":
        target = draw(st.sampled_from([c.event_id for c in clinical])) if clinical else new_id()
        return ev("EventVoided", {"target_event_id": target, "reason": "error"}, patient)
    if step == "transfer":
        return ev("PatientTransferred", {"ward_id": "W2", "bed": "9", "base_version": 0}, patient)
    if step == "demographics":
        return ev("DemographicsUpdated", {"base_version": 0, "name": "Wang Wu"}, patient)
    if step == "discharge":
        return ev("PatientDischarged", {"base_version": 0, "discharged_at": DOSE_AT}, patient)
    return ev("Dispensed", {"drug_code": "D", "lot": "L", "location_id": "PH", "quantity": 1,
                            "unit": "tab"}, patient)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=event_sequences(), split=st.integers(1, 5))
def test_same_events_same_rows_on_both_sides(events, split):
    server, workstation = fresh(), fresh()
    try:
        apply_events(server, events)
        for start in range(0, len(events), split):  # the workstation pulls in pages
            apply_events(workstation, events[start : start + split])
        assert dump(workstation) == dump(server)
        for patient_id in PATIENTS:
            rebuild_patient(workstation, patient_id, by_patient(events, patient_id))
        assert dump(workstation) == dump(server)
    finally:
        server.close()
        workstation.close()
