"""A problem resolved on the server (SQLite and PostgreSQL): the ward's doctor's resolution is
accepted and turns the row resolved; a nurse's, or another ward's doctor's, is refused."""

from __future__ import annotations

from sqlalchemy import Engine, select

from tests.integration.test_ward_reports import send, wire
from tests.support.ward import admission, seed_ward
from workstation.ids import uuid7
from workstation.projections import tables as t
from workstation.server import auth
from workstation.server.db import reader


def test_the_wards_doctor_resolves_a_problem_nobody_else_does(server_engine: Engine) -> None:
    seed_ward(server_engine)
    with reader(server_engine) as conn:
        users = {u.username: u for u in auth.all_users(conn).values()}
    doctor, patient = users["doc.card"], uuid7()
    problem = wire(doctor, "ProblemRecorded",
                   {"description": "高血压", "icd10": "I10", "status": "active"}, patient)  # fmt: skip
    resolved = {"problem_id": problem["event_id"]}
    admitted = wire(
        doctor, "PatientAdmitted", admission("王五", "3", record_number="MRN-3"), patient
    )
    assert send(server_engine, doctor, admitted, problem) == ["accepted", "accepted"]
    refused = [send(server_engine, users[name], wire(users[name], "ProblemResolved", resolved, patient))
               for name in ("nurse.card", "doc.resp")]  # fmt: skip
    assert refused == [["rejected:forbidden"], ["rejected:out_of_scope"]]
    assert send(server_engine, doctor, wire(doctor, "ProblemResolved", resolved, patient)) == [
        "accepted"
    ]
    with reader(server_engine) as conn:
        rows = conn.execute(select(t.problems.c.status).where(t.problems.c.patient_id == patient))
        assert [r.status for r in rows] == ["resolved"]
