"""The nursing events folded into their tables, voided, rebuilt, flagged; the closed loop of one
order read back from those projections."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, create_engine, select

from tests.unit.test_projector import (
    DOSE_AT,
    P1,
    admitted,
    dump,
    ev,
    flags,
    med_order,
    new_id,
    transition,
)
from workstation.clinical.closed_loop import closed_loop, missing_steps
from workstation.projections import tables as t
from workstation.projections.nursing_queries import nursing_chart, unable_to_scan_count
from workstation.projections.projector import apply_events, rebuild_patient
from workstation.projections.tables import metadata

BRADEN = {"sensory_perception": 3, "moisture": 2, "activity": 2, "mobility": 2, "nutrition": 3,
          "friction_shear": 2}  # fmt: skip


@pytest.fixture
def conn() -> Iterator[Connection]:
    """A fresh in-memory projection database inside one transaction."""
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as connection:
        yield connection
    engine.dispose()


def nursing_events(order_id: str) -> list:
    """One of each nursing event for order_id."""
    return [
        ev("IntakeOutputRecorded", {"direction": "intake", "category": "oral", "volume_ml": 250,
                                    "measured_at": DOSE_AT}, author="nurse-1"),
        ev("AssessmentRecorded", {"kind": "braden", "items": BRADEN, "total": 14,
                                  "risk": "moderate", "assessed_at": DOSE_AT}, author="nurse-1"),
        ev("WardReceived", {"order_id": order_id, "drug_code": "AMOX500", "lot": "L7",
                            "quantity": 21, "unit": "cap"}, author="nurse-1"),
        ev("BedsideChecked", {"order_id": order_id, "wristband_code": "WBMRN-0001",
                              "drug_code_scanned": "RX:AMOX500:500:mg:po", "result": "match"},
           author="nurse-1"),
        ev("HandoffRecorded", {"style": "sbar", "text": "S: comfortable."}, author="nurse-1"),
    ]  # fmt: skip


def test_each_nursing_event_lands_in_its_table(conn):
    order = med_order()
    apply_events(conn, [admitted(), order, *nursing_events(order.event_id)])
    chart = nursing_chart(conn, P1)
    assert [r["volume_ml"] for r in chart["intake_output"]] == [250]
    assert [(r["kind"], r["total"], r["risk"]) for r in chart["assessments"]] == [
        ("braden", 14, "moderate")]  # fmt: skip
    assert [(r["lot"], r["quantity"]) for r in chart["ward_receipts"]] == [("L7", 21)]
    assert [r["result"] for r in chart["bedside_checks"]] == ["match"]
    assert [r["text"] for r in chart["handoffs"]] == ["S: comfortable."]
    assert flags(conn) == set()


def test_dose_details_are_kept_beside_the_administration(conn):
    order = med_order()
    dose = ev("MedicationAdministered", {
        "order_id": order.event_id, "outcome": "given", "administered_at": DOSE_AT,
        "end_at": "2024-03-01T10:00:00.000Z", "amount_given_ml": 250, "dose_value": 500,
        "dose_unit": "mg", "route": "po", "early_late_reason": "in CT",
        "adverse_reaction": "rash on the arms",
    }, author="nurse-1")  # fmt: skip
    apply_events(conn, [admitted(), order, dose])
    (row,) = nursing_chart(conn, P1)["administrations"]
    assert (row["end_at"], row["amount_given_ml"], row["early_late_reason"]) == (
        "2024-03-01T10:00:00.000Z", 250, "in CT")  # fmt: skip
    plain = ev("MedicationAdministered", {"order_id": order.event_id, "outcome": "held",
                                          "administered_at": DOSE_AT, "reason": "NPO"})  # fmt: skip
    apply_events(conn, [plain])
    assert conn.execute(select(t.administration_details)).all().__len__() == 1


def test_unknown_order_and_unable_to_scan_are_flagged_and_counted(conn):
    stray = new_id()
    unable = ev("BedsideChecked", {"order_id": stray, "result": "unable_to_scan",
                                   "unable_to_scan_reason": "wristband torn"})  # fmt: skip
    receipt = ev("WardReceived", {"order_id": stray, "lot": "L1", "quantity": 1})
    apply_events(conn, [admitted(), unable, receipt])
    assert flags(conn) == {(unable.event_id, "unknown_order"), (unable.event_id, "unable_to_scan"),
                           (receipt.event_id, "unknown_order")}  # fmt: skip
    assert unable_to_scan_count(conn) == 1
    apply_events(conn, [ev("EventVoided", {"target_event_id": unable.event_id, "reason": "dup"})])
    assert unable_to_scan_count(conn) == 0


def test_rebuild_gives_the_same_nursing_rows(conn):
    order = med_order()
    events = [admitted(), order, *nursing_events(order.event_id)]
    apply_events(conn, events)
    before = dump(conn)
    rebuild_patient(conn, P1, events)
    assert dump(conn) == before


def test_closed_loop_from_signed_to_given_with_exceptions(conn):
    order = med_order()
    dispensed = ev("Dispensed", {"drug_code": "AMOX500", "lot": "L7", "location_id": "PHARM",
                                 "quantity": 21, "unit": "cap", "order_id": order.event_id},
                   author="pharm-1")  # fmt: skip
    given = ev("MedicationAdministered", {
        "order_id": order.event_id, "outcome": "given", "administered_at": "2024-03-01T09:05:00.000Z",
        "scheduled_for": DOSE_AT, "dose_value": 500, "dose_unit": "mg", "route": "po",
    }, author="nurse-1")  # fmt: skip
    refused = ev("MedicationAdministered", {
        "order_id": order.event_id, "outcome": "refused", "administered_at": "2024-03-01T15:00:00.000Z",
        "reason": "nausea",
    }, author="nurse-1")  # fmt: skip
    stop = transition("OrderDiscontinued", order.event_id)
    late = ev("MedicationAdministered", {
        "order_id": order.event_id, "outcome": "given", "administered_at": "2024-03-01T20:00:00.000Z",
        "dose_value": 500, "dose_unit": "mg", "route": "po",
    }, author="nurse-2")  # fmt: skip
    apply_events(conn, [admitted(), order, transition("OrderVerified", order.event_id), dispensed,
                        *nursing_events(order.event_id)[2:4], given, refused, stop, late])  # fmt: skip
    loop = closed_loop(nursing_chart(conn, P1), order.event_id)
    kinds = [e.kind for e in loop]
    assert [e.at for e in loop] == sorted(e.at for e in loop)
    assert kinds.index("given") > kinds.index("signed")  # dose at 09:05, order signed at 08:xx
    assert {"bedside_check", "given", "refused", "stopped", "flagged"} <= set(kinds)
    assert next(e for e in loop if e.kind == "dispensed").facts == (
        ("lot", "L7"), ("quantity", "21"), ("unit", "cap"),
    )  # fmt: skip
    assert next(e for e in loop if e.kind == "refused").detail == "nausea"
    assert next(e for e in loop if e.kind == "flagged").detail.startswith("dose recorded after")
    assert all(e.exception for e in loop if e.kind in ("refused", "stopped", "flagged"))
    assert missing_steps(loop) == []
