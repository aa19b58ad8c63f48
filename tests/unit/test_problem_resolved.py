"""A problem resolved turns its row "resolved" (the chart keeps it); a resolution of another
patient's problem, of a voided one or of something that is no problem changes nothing and is
flagged; the rebuilt chart agrees; only the doctors may resolve."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, create_engine

from tests.unit.test_projector import P1, P2, admitted, ev
from workstation.projections import queries
from workstation.projections.projector import apply_events, rebuild_patient
from workstation.projections.tables import metadata
from workstation.security.policy import permission_problem


@pytest.fixture
def conn() -> Iterator[Connection]:
    """A fresh in-memory projection database inside one transaction."""
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as connection:
        yield connection
    engine.dispose()


def _statuses(conn: Connection, patient_id: str) -> dict[str, str]:
    return {p["problem_id"]: p["status"] for p in queries.chart(conn, patient_id)["problems"]}


def test_a_resolution_turns_only_its_own_problem_resolved(conn: Connection) -> None:
    pneumonia = ev("ProblemRecorded", {"description": "肺炎", "icd10": "J18.9", "status": "active"})
    hypertension = ev(
        "ProblemRecorded", {"description": "高血压", "icd10": "I10", "status": "active"}
    )
    events = [admitted(), pneumonia, hypertension,
              ev("ProblemResolved", {"problem_id": pneumonia.event_id})]  # fmt: skip
    apply_events(conn, events)
    assert _statuses(conn, P1) == {pneumonia.event_id: "resolved", hypertension.event_id: "active"}
    assert queries.chart(conn, P1)["flags"] == []
    rebuild_patient(conn, P1, events)
    assert _statuses(conn, P1) == {pneumonia.event_id: "resolved", hypertension.event_id: "active"}


def test_a_resolution_of_what_this_chart_lacks_changes_nothing_and_is_flagged(
    conn: Connection,
) -> None:
    other = ev("ProblemRecorded", {"description": "骨折", "status": "active"}, P2)
    voided = ev("ProblemRecorded", {"description": "误录", "status": "active"})
    apply_events(conn, [admitted(), admitted(P2, name="李四"), other, voided,
                        ev("EventVoided", {"target_event_id": voided.event_id, "reason": "wrong"}),
                        ev("ProblemResolved", {"problem_id": other.event_id}),
                        ev("ProblemResolved", {"problem_id": voided.event_id})])  # fmt: skip
    assert _statuses(conn, P2) == {other.event_id: "active"}
    assert _statuses(conn, P1) == {voided.event_id: "active"}
    assert [f["flag_kind"] for f in queries.chart(conn, P1)["flags"]] == ["unknown_target"] * 2


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("physician", True), ("trainee_physician", True), ("nurse", False), ("interface", False)],
)
def test_only_doctors_resolve_a_problem(role: str, allowed: bool) -> None:
    assert (permission_problem(role, "ProblemResolved", {}) is None) is allowed
