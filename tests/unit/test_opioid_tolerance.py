"""Opioid tolerance: a doctor's signed record, folded onto the chart, lifts the opioid-naive
ceilings of the order checks; withdrawing or voiding it brings them back."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Connection, create_engine

from tests.unit.test_projector import admitted, ev
from workstation.clinical.checks import MedicationOrder, check_order
from workstation.clinical.checks.context import patient_context_from_chart
from workstation.events import event_problems
from workstation.projections import queries
from workstation.projections.projector import apply_events
from workstation.projections.tables import metadata
from workstation.security.policy import permission_problem

OXYCODONE_60 = MedicationOrder("oxycodone", 60, "mg", "po", "q12h", 2)


@pytest.fixture
def conn() -> Iterator[Connection]:
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as connection:
        yield connection


def _dose_alerts(conn: Connection) -> list[tuple[str, str]]:
    chart = queries.chart(conn, admitted().patient_id or "")
    context = patient_context_from_chart(chart, today=date(2024, 3, 1))
    return [(a.category, a.severity) for a in check_order(OXYCODONE_60, context)
            if a.category.startswith("dose")]  # fmt: skip


def test_a_recorded_tolerance_lifts_the_opioid_naive_ceiling_and_a_withdrawal_restores_it(conn):
    apply_events(conn, [admitted()])
    assert _dose_alerts(conn) == [("dose-single", "critical")]
    recorded = ev("OpioidToleranceRecorded", {"tolerant": True, "basis": "morphine SR 60 mg q12h"})
    apply_events(conn, [recorded])
    assert _dose_alerts(conn) == []
    apply_events(conn, [ev("OpioidToleranceRecorded", {"tolerant": False, "basis": "stopped"})])
    assert _dose_alerts(conn) == [("dose-single", "critical")]


def test_a_voided_tolerance_record_no_longer_counts(conn):
    recorded = ev("OpioidToleranceRecorded", {"tolerant": True, "basis": "fentanyl patch 25"})
    apply_events(conn, [admitted(), recorded])
    assert _dose_alerts(conn) == []
    void = ev("EventVoided", {"target_event_id": recorded.event_id, "reason": "wrong patient"})
    apply_events(conn, [void])
    assert _dose_alerts(conn) == [("dose-single", "critical")]


def test_only_a_doctor_records_it_and_the_basis_is_required():
    payload = {"tolerant": True, "basis": "oxycodone CR 40 mg q12h for 2 months"}
    assert permission_problem("physician", "OpioidToleranceRecorded", payload) is None
    assert permission_problem("nurse", "OpioidToleranceRecorded", payload)
    assert permission_problem("pharmacist", "OpioidToleranceRecorded", payload)
    recorded = ev("OpioidToleranceRecorded", payload)
    assert event_problems(dataclasses.replace(recorded, payload={"tolerant": True}))
