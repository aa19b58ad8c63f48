"""Adverse-event reports and the ward handover report on the server (SQLite and PostgreSQL):
an anonymous report hides its reporter from a colleague but not from the quality office; the
handover counts match the day's events; the receiving nurse is not the one handing over."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from sqlalchemy import Engine, select

from tests.support.signing import server_keys
from tests.support.ward import PASSWORD, admission, seed_ward
from workstation.events import Event
from workstation.ids import uuid7
from workstation.projections import ward_tables as wt
from workstation.server import auth
from workstation.server.auth import User
from workstation.server.db import reader, writer
from workstation.server.devices import register
from workstation.server.reads import pull
from workstation.server.sync import push
from workstation.server.ward_reports import draft_handover, register_for

_seq = itertools.count(1)
DAY = ("2026-03-02T00:00:00.000Z", "2026-03-02T08:00:00.000Z")  # the night shift in UTC


@pytest.fixture
def hospital(server_engine: Engine) -> dict[str, User]:
    """The test ward plus a second CARD nurse and the quality office (admin)."""
    seed_ward(server_engine)
    with writer(server_engine) as conn:
        auth.add_user(conn, username="nurse.two", password=PASSWORD, display_name="nurse two",
                      role="nurse", wards=["CARD"])  # fmt: skip
        auth.add_user(conn, username="quality", password=PASSWORD, display_name="quality",
                      role="admin", wards=[])  # fmt: skip
        users = {u.username: u for u in auth.all_users(conn).values()}
        for name in ("nurse.card", "nurse.two", "quality"):
            register(conn, device_id=f"pc-{name}", ward_id="CARD")
        return users


def wire(author: User, event_type: str, payload: dict[str, Any], patient_id: str | None,
         recorded_at: str = "2026-03-02T04:00:00.000Z") -> dict[str, Any]:  # fmt: skip
    """A wire event by `author`."""
    return Event(uuid7(), event_type, patient_id, author.user_id, "dev-1", next(_seq), recorded_at,
                 payload).to_wire()  # fmt: skip


def send(engine: Engine, author: User, *events: dict[str, Any]) -> list[str]:
    """Push as `author`; accepted / rejected:<code> per event."""
    results = push(engine, pusher=author, device_id="dev-1",
                   wire_events=server_keys(engine).sign_all(list(events)))["results"]  # fmt: skip
    return [r["status"] + (f":{r['code']}" if r["status"] == "rejected" else "") for r in results]


def fall_report(anonymous: bool) -> dict[str, Any]:
    """A fall reported on CARD."""
    return {"ward_id": "CARD", "category": "fall", "severity": "III", "anonymous": anonymous,
            "occurred_at": "2026-03-02T03:10:00.000Z", "description": "found on the floor by bed 3"}  # fmt: skip


def test_an_anonymous_report_hides_the_reporter_from_a_colleague_not_the_quality_office(
    server_engine, hospital
):  # fmt: skip
    reporter, colleague, office = hospital["nurse.card"], hospital["nurse.two"], hospital["quality"]
    report = wire(reporter, "AdverseEventReported", fall_report(anonymous=True), None)
    assert send(server_engine, reporter, report) == ["accepted"]
    with reader(server_engine) as conn:
        seen_by = {u: register_for(conn, user=hospital[u], device_id=f"pc-{u}")
                   for u in ("nurse.two", "quality", "nurse.card")}  # fmt: skip
    assert [r["reporter_id"] for r in seen_by["nurse.two"]] == [None]
    assert [r["reporter_id"] for r in seen_by["quality"]] == [reporter.user_id]
    assert [r["reporter_id"] for r in seen_by["nurse.card"]] == [reporter.user_id]
    pulled = {u.username: [e["event_id"] for e in pull(server_engine, user=u, device_id=f"pc-{u.username}",
                                                      after=0, limit=100)["events"]]
              for u in (colleague, office, reporter)}  # fmt: skip
    assert report["event_id"] not in pulled["nurse.two"]  # the signed event names its author
    assert report["event_id"] in pulled["quality"] and report["event_id"] in pulled["nurse.card"]


def test_a_named_report_and_an_adr_with_its_deadline(server_engine, hospital):
    nurse, colleague = hospital["nurse.card"], hospital["nurse.two"]
    adr = {"drug_name": "ceftriaxone", "reaction": "urticaria", "serious": False, "new_reaction": True,
           "reaction_at": "2026-03-02T02:00:00.000Z", "outcome": "recovered"}  # fmt: skip
    payload = fall_report(anonymous=False) | {"category": "medication", "adr": adr}
    assert send(server_engine, nurse, wire(nurse, "AdverseEventReported", payload, None)) == [
        "accepted"
    ]
    with reader(server_engine) as conn:
        [row] = register_for(conn, user=colleague, device_id="pc-nurse.two")
    assert row["reporter_id"] == nurse.user_id  # not anonymous: colleagues see who reported
    assert (row["adr_limit"], row["adr_due_at"]) == ("15 days", "2026-03-17T02:00:00.000Z")
    other_ward = fall_report(anonymous=False) | {"ward_id": "RESP"}
    assert send(server_engine, nurse, wire(nurse, "AdverseEventReported", other_ward, None)) == [
        "rejected:forbidden"
    ]


def _stay(doc: User, name: str, bed: str, admitted_at: str, **payload: Any) -> list[dict[str, Any]]:
    patient = uuid7()
    return [wire(doc, "PatientAdmitted", admission(name, bed, record_number=f"R{bed}") | {"admitted_at": admitted_at} | payload,
                 patient, admitted_at)]  # fmt: skip


def test_the_handover_counts_match_the_days_events(server_engine, hospital):
    doc = hospital["doc.card"]
    before, during = "2026-03-01T10:00:00.000Z", "2026-03-02T02:00:00.000Z"
    stays = [
        _stay(doc, n, b, before) for n, b in (("甲", "1"), ("乙", "2"), ("丙", "3"), ("丁", "4"))
    ]
    new, critical = _stay(doc, "戊", "5", during), _stay(doc, "己", "6", during, acuity="critical")
    events = [e for s in (*stays, new, critical) for e in s]
    pid = [s[0]["patient_id"] for s in stays]
    events += [
        wire(doc, "PatientDischarged", {"base_version": 0, "discharged_at": during}, pid[0]),
        wire(
            doc,
            "PatientDischarged",
            {"base_version": 0, "discharged_at": during, "disposition_code": "5"},
            pid[1],
        ),  # fmt: skip
        wire(doc, "PatientTransferred", {"base_version": 0, "ward_id": "RESP", "bed": "9"}, pid[2]),
        wire(
            doc,
            "PatientDischarged",
            {"base_version": 0, "discharged_at": "2026-03-02T09:00:00.000Z"},
            pid[3],
        ),
    ]
    assert set(send(server_engine, doc, *events)) == {"accepted"}
    with reader(server_engine) as conn:
        census = draft_handover(conn, ward_id="CARD", start=DAY[0], end=DAY[1])
    c = census.counts
    assert (c["existing_at_start"], c["admitted"], c["discharged"], c["died"], c["transferred_out"],
            c["critical"], c["present_at_end"]) == (4, 2, 1, 1, 1, 1, 3)  # fmt: skip
    assert c["present_at_end"] == c["existing_at_start"] + c["admitted"] + c["transferred_in"] - (
        c["discharged"] + c["transferred_out"] + c["died"]
    )
    assert [(r["bed"], r["reasons"]) for r in census.special_patients] == [
        ("5", ["admitted"]),
        ("6", ["admitted", "critical"]),
    ]


def test_the_receiving_nurse_signs_after_the_one_handing_over(server_engine, hospital):
    off, on = hospital["nurse.card"], hospital["nurse.two"]
    report = wire(off, "WardHandoverSigned", {
        "ward_id": "CARD", "shift": "night", "shift_start": DAY[0], "shift_end": DAY[1],
        "counts": {"present_at_end": 0}, "special_patients": {"rows": []},
    }, None)  # fmt: skip
    assert send(server_engine, off, report) == ["accepted"]
    received = {"report_id": report["event_id"], "ward_id": "CARD"}
    assert send(server_engine, off, wire(off, "WardHandoverReceived", received, None)) == [
        "rejected:forbidden"
    ]
    assert send(server_engine, on, wire(on, "WardHandoverReceived", received, None)) == ["accepted"]
    assert send(server_engine, on, wire(on, "WardHandoverReceived", received, None)) == [
        "rejected:forbidden"
    ]


def test_a_nurse_of_another_ward_cannot_receive_the_report_by_naming_her_own_ward(
    server_engine, hospital
):  # fmt: skip
    off = hospital["nurse.card"]
    with writer(server_engine) as conn:
        auth.add_user(conn, username="nurse.resp", password=PASSWORD, display_name="nurse resp",
                      role="nurse", wards=["RESP"])  # fmt: skip
        resp = next(u for u in auth.all_users(conn).values() if u.username == "nurse.resp")
    report = wire(off, "WardHandoverSigned", {
        "ward_id": "CARD", "shift": "night", "shift_start": DAY[0], "shift_end": DAY[1],
        "counts": {"present_at_end": 0}, "special_patients": {"rows": []},
    }, None)  # fmt: skip
    assert send(server_engine, off, report) == ["accepted"]
    named_own = {"report_id": report["event_id"], "ward_id": "RESP"}
    assert send(server_engine, resp, wire(resp, "WardHandoverReceived", named_own, None)) == [
        "rejected:forbidden"
    ]
    with reader(server_engine) as conn:
        row = conn.execute(select(wt.ward_handovers.c.received_by)).one()
    assert row.received_by is None  # the CARD report still waits for a CARD nurse
