"""The server's checks of an infusion round (输液巡视), SQLite and PostgreSQL: a nurse's round on a
running bag of her ward is taken once (a replay is a duplicate); a doctor's round, a round on an
oral order, on an unknown or another patient's order, on another ward's patient, or after the bag
was stopped is refused; a round looked at before the stop and pushed after it is taken."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.support.signing import server_keys
from tests.support.ward import admission, amoxicillin_order, seed_ward
from workstation.clinical.closed_loop import closed_loop
from workstation.events import Event
from workstation.ids import uuid7
from workstation.projections.nursing_queries import nursing_chart
from workstation.server import auth
from workstation.server.auth import User
from workstation.server.db import reader
from workstation.server.sync import push

_seq = itertools.count(1)
BAG = {
    "order_kind": "medication", "description": "NS 250ml + 呋塞米 20mg ivgtt qd",
    "medication": {"drug_code": "furosemide", "drug_name": "呋塞米", "dose_value": 20,
                   "dose_unit": "mg", "route": "ivgtt", "frequency": "qd"},
    "group": {"carrier": {"code": "ns", "volume_ml": 250}, "members": []},
}  # fmt: skip


def at(hour: int, minute: int = 0) -> str:
    return f"2026-03-02T{hour:02d}:{minute:02d}:00.000Z"


def wire(author: User, event_type: str, payload: dict[str, Any], patient_id: str | None,
         recorded_at: str = at(1)) -> dict[str, Any]:  # fmt: skip
    return Event(uuid7(), event_type, patient_id, author.user_id, "dev-1", next(_seq), recorded_at,
                 payload).to_wire()  # fmt: skip


def send(engine: Engine, author: User, *events: dict[str, Any]) -> list[str]:
    results = push(engine, pusher=author, device_id="dev-1",
                   wire_events=server_keys(engine).sign_all(list(events)))["results"]  # fmt: skip
    return [r["status"] + (f":{r['code']}" if r["status"] == "rejected" else "") for r in results]


def a_round(
    nurse: User, patient_id: str, order_id: str, observed: str, **extra: Any
) -> dict[str, Any]:
    payload = {"order_id": order_id, "observed_at": observed, "rate_value": 40,
               "rate_unit": "gtt_min", "site": "normal", "remaining_ml": 150, "action": "continue",
               "scanned": True} | extra  # fmt: skip
    return wire(nurse, "InfusionRoundRecorded", payload, patient_id, observed)


@pytest.fixture
def ward(server_engine: Engine) -> dict[str, Any]:
    """Two CARD patients (one with a bag and an oral order) and one RESP patient with a bag."""
    seed_ward(server_engine)
    with reader(server_engine) as conn:
        users = {u.username: u for u in auth.all_users(conn).values()}
    doc, resp_doc = users["doc.card"], users["doc.resp"]
    ids = {name: uuid7() for name in ("p", "other", "resp")}
    events = [wire(doc, "PatientAdmitted", admission("甲", "1", record_number="R1"), ids["p"], at(0)),
              wire(doc, "PatientAdmitted", admission("乙", "2", record_number="R2"), ids["other"], at(0)),
              wire(resp_doc, "PatientAdmitted", admission("丙", "3", "RESP", "R3"), ids["resp"], at(0))]  # fmt: skip
    bag, oral = wire(doc, "OrderPlaced", BAG, ids["p"], at(0, 5)), wire(doc, "OrderPlaced", amoxicillin_order(), ids["p"], at(0, 5))  # fmt: skip
    resp_bag = wire(resp_doc, "OrderPlaced", BAG, ids["resp"], at(0, 5))
    assert set(send(server_engine, doc, *events[:2], bag, oral)) == {"accepted"}
    assert set(send(server_engine, resp_doc, events[2], resp_bag)) == {"accepted"}
    return users | ids | {"bag": bag["event_id"], "oral": oral["event_id"],
                          "resp_bag": resp_bag["event_id"]}  # fmt: skip


def test_a_nurses_round_on_a_running_bag_is_taken_once_and_shown_on_the_orders_timeline(
    server_engine, ward
):  # fmt: skip
    nurse = ward["nurse.card"]
    looked = a_round(nurse, ward["p"], ward["bag"], at(1))
    assert send(server_engine, nurse, looked) == ["accepted"]
    assert send(server_engine, nurse, looked) == ["duplicate"]  # a retried push after a lost answer
    with reader(server_engine) as conn:
        chart = nursing_chart(conn, ward["p"])
    assert [(r["rate_value"], r["site"], r["remaining_ml"]) for r in chart["infusion_rounds"]] == [
        (40, "normal", 150)]  # fmt: skip
    rounds = [e for e in closed_loop(chart, ward["bag"]) if e.kind == "infusion_round"]
    assert [(e.at, e.by, e.fact("action")) for e in rounds] == [(at(1), nurse.user_id, "continue")]


def test_the_server_refuses_rounds_that_are_not_a_nurses_on_a_running_bag(server_engine, ward):
    nurse, doc = ward["nurse.card"], ward["doc.card"]
    refused = {
        "doctor": (doc, a_round(doc, ward["p"], ward["bag"], at(1))),
        "oral order": (nurse, a_round(nurse, ward["p"], ward["oral"], at(1))),
        "unknown order": (nurse, a_round(nurse, ward["p"], uuid7(), at(1))),
        "another patient's bag": (nurse, a_round(nurse, ward["other"], ward["bag"], at(1))),
        "before the order": (nurse, a_round(nurse, ward["p"], ward["bag"], at(0))),
    }
    for why, (author, event) in refused.items():
        assert send(server_engine, author, event) == ["rejected:forbidden"], why
    other_ward = a_round(nurse, ward["resp"], ward["resp_bag"], at(1))
    assert send(server_engine, nurse, other_ward) == ["rejected:out_of_scope"]


def test_a_round_after_the_stop_is_refused_one_looked_at_before_it_is_taken(server_engine, ward):
    nurse, doc = ward["nurse.card"], ward["doc.card"]
    offline = a_round(nurse, ward["p"], ward["bag"], at(1, 50))  # taken offline before the stop
    stop = wire(
        doc, "OrderDiscontinued", {"order_id": ward["bag"], "reason": "K 5.9"}, ward["p"], at(2)
    )
    assert send(server_engine, doc, stop) == ["accepted"]
    assert send(server_engine, nurse, offline) == ["accepted"]
    after = a_round(nurse, ward["p"], ward["bag"], at(2, 30))
    assert send(server_engine, nurse, after) == ["rejected:forbidden"]
