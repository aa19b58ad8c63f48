"""Who may order what, decided by the server on push (SQLite and PostgreSQL): a trainee's order
waits for a co-signature off the MAR and the pharmacy queue (处方管理办法 2007 ch. 2); an order above
the author's antibiotic tier is refused unless it waits for a co-signature (抗菌药物临床应用管理办法
2012 Art. 24-26); a special-tier order waits for a designated consultant (Art. 27); an emergency
override (Art. 28) left open 24 hours is flagged."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.support.signing import LONG_AGO, ServerKeys
from workstation.clinical.formulary import default_formulary
from workstation.clinical.mar import mar_grid
from workstation.clinical.verification import verification_queue
from workstation.clock import iso, parse_iso
from workstation.events import Event
from workstation.ids import uuid7
from workstation.projections import queries, rights_queries
from workstation.server import auth, refdata, user_rights
from workstation.server.db import reader, writer
from workstation.server.sync import push

AT = "2026-03-01T08:00:00.000Z"
_seq = itertools.count(1)
STAFF = [  # username, role, title, antibiotic tier, narcotic right, approver
    ("trainee", "trainee_physician", "trainee", None, False, False),
    ("resident", "physician", "resident", "non_restricted", False, False),
    ("attending", "physician", "attending", "restricted", True, False),
    ("chief", "physician", "chief", "special", True, False),
    ("consultant", "physician", "associate_chief", "special", True, True),
    ("pharm", "pharmacist", None, None, False, False),
]


@pytest.fixture
def ward(server_engine: Engine) -> dict[str, Any]:
    """A ward with one doctor of each title, a pharmacist and one admitted patient."""
    with writer(server_engine) as conn:
        refdata.add_ward(conn, ward_id="W1", name_en="Medicine", name_zh="内科", beds=["1"])
        for username, role, title, tier, narcotic, approver in STAFF:
            auth.add_user(conn, username=username, password="long enough pw", display_name=username,
                          role=role, wards=["W1"], licensed=role != "trainee_physician")  # fmt: skip
            if title:
                user_rights.set_rights(conn, username, title=title, antibiotic_tier=tier,
                                       narcotic_right=narcotic, antibiotic_approver=approver)  # fmt: skip
        users = {u.username: u for u in auth.all_users(conn).values()}
    world = {"engine": server_engine, "users": users,
             "keys": ServerKeys(server_engine, registered_at=LONG_AGO), "patient": uuid7()}  # fmt: skip
    _send(world, "chief", "PatientAdmitted", {
        "record_number": "MRN1", "name": "张三", "sex": "male", "birth_date": "1950-01-01",
        "ward_id": "W1", "bed": "1", "admitted_at": AT,
    })  # fmt: skip
    return world


def _send(world: dict[str, Any], who: str, event_type: str, payload: dict[str, Any],
          at: str = AT) -> dict[str, Any]:  # fmt: skip
    author = world["users"][who]
    event = Event(uuid7(), event_type, world["patient"], author.user_id, "dev-1", next(_seq), at,
                  payload)  # fmt: skip
    wire = world["keys"].sign(event.to_wire())
    [result] = push(world["engine"], pusher=author, device_id="dev-1", wire_events=[wire])[
        "results"
    ]
    return result


def _order(drug: str, signoff: dict[str, Any] | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "order_kind": "medication", "description": f"{drug} 1g ivgtt q8h",
        "medication": {"drug_code": drug, "drug_name": drug, "dose_value": 1, "dose_unit": "g",
                       "route": "ivgtt", "frequency": "q8h"},
    }  # fmt: skip
    if signoff is not None:
        payload["signoff"] = signoff
    return payload


def _seen(world: dict[str, Any]) -> tuple[set[str], set[str], str | None]:
    """(order ids on the MAR, order ids in the pharmacy queue, status of the newest order)."""
    with reader(world["engine"]) as conn:
        chart = queries.chart(conn, world["patient"])
        queue = verification_queue(conn, today=date(2026, 3, 1))
    start = datetime(2026, 3, 1, tzinfo=parse_iso(AT).tzinfo)
    rows = mar_grid(chart, start=start, end=start + timedelta(days=1), now=start + timedelta(hours=1),
                    formulary=default_formulary())  # fmt: skip
    newest = max(chart["orders"], key=lambda o: o["placed_at"] + o["order_id"], default=None)
    return ({r.order["order_id"] for r in rows}, {w.order_id for w in queue},
            newest and newest["status"])  # fmt: skip


MEROPENEM_WAITS = {"missing": ["cosign", "antibiotic-tier"], "antibiotic_tier": "special",
                   "needs_approval": True, "culture_sent": True}  # fmt: skip


def test_a_trainees_meropenem_waits_for_cosignature_and_approval(ward: dict[str, Any]) -> None:
    placed = _send(ward, "trainee", "OrderPlaced", _order("meropenem", MEROPENEM_WAITS))
    order_id = placed["event_id"]
    assert placed["status"] == "accepted"
    assert _seen(ward) == (set(), set(), "awaiting_cosign")
    # the author cannot co-sign, an attending lacks the special tier, a non-consultant cannot approve
    assert _send(ward, "trainee", "OrderCosigned", {"order_id": order_id})["status"] == "rejected"
    assert _send(ward, "attending", "OrderCosigned", {"order_id": order_id})["code"] == "forbidden"
    assert _send(ward, "chief", "AntibioticApproved", {"order_id": order_id})["code"] == "forbidden"
    assert _send(ward, "chief", "OrderCosigned", {"order_id": order_id})["status"] == "accepted"
    assert _seen(ward) == (set(), set(), "awaiting_cosign")  # the approval is still missing
    approval = {"order_id": order_id, "consultation_id": "consult-7"}
    assert _send(ward, "consultant", "AntibioticApproved", approval)["status"] == "accepted"
    assert _seen(ward) == ({order_id}, {order_id}, "placed")
    with reader(ward["engine"]) as conn:
        assert rights_queries.awaiting_signoff(conn, ward_id="W1") == []
        [row] = rights_queries.antibiotic_indicators(conn, since="2026-03-01", until="2026-03-02",
                                                     tiers={"meropenem": "special"})  # fmt: skip
    assert (row.patients, row.on_antibiotics, row.special_orders, row.special_approved) == (
        1,
        1,
        1,
        1,
    )


def test_an_order_that_hides_the_missing_cosignature_is_refused(ward: dict[str, Any]) -> None:
    result = _send(ward, "trainee", "OrderPlaced", _order("ceftriaxone"))
    assert (result["status"], result["code"]) == ("rejected", "needs_cosign")
    assert _seen(ward) == (set(), set(), None)


def test_a_restricted_order_by_a_resident_without_the_right_is_blocked(
    ward: dict[str, Any],
) -> None:
    alone = _send(
        ward, "resident", "OrderPlaced", _order("ceftazidime", {"antibiotic_tier": "restricted"})
    )
    assert (alone["status"], alone["code"]) == ("rejected", "needs_cosign")
    waits = _send(
        ward,
        "resident",
        "OrderPlaced",
        _order(
            "ceftazidime",
            {
                "missing": ["antibiotic-tier"],
                "antibiotic_tier": "restricted",
                "culture_sent": False,
            },
        ),
    )
    assert waits["status"] == "accepted"
    assert _seen(ward) == (set(), set(), "awaiting_cosign")
    assert (
        _send(ward, "attending", "OrderCosigned", {"order_id": waits["event_id"]})["status"]
        == "accepted"
    )
    assert _seen(ward)[2] == "placed"


def test_a_special_order_must_wait_for_the_consultant(ward: dict[str, Any]) -> None:
    result = _send(
        ward, "chief", "OrderPlaced", _order("vancomycin", {"antibiotic_tier": "special"})
    )
    assert (result["status"], result["code"]) == ("rejected", "needs_approval")


def test_an_emergency_override_left_open_24_hours_is_flagged(ward: dict[str, Any]) -> None:
    override = {"missing": ["antibiotic-tier"], "antibiotic_tier": "special", "needs_approval": True,
                "emergency": {"indication": "septic shock, MDR suspected", "purpose": "treatment"}}  # fmt: skip
    placed = _send(ward, "attending", "OrderPlaced", _order("meropenem", override))
    assert placed["status"] == "accepted"
    order_id = placed["event_id"]
    assert _seen(ward)[2] == "placed"  # it goes ahead at once (Art. 28)
    later = iso(parse_iso(AT) + timedelta(hours=23))
    with reader(ward["engine"]) as conn:
        assert rights_queries.overdue_overrides(conn, now=later) == []
        day_after = iso(parse_iso(AT) + timedelta(hours=25))
        [flagged] = rights_queries.overdue_overrides(conn, now=day_after, ward_id="W1")
    assert flagged["order_id"] == order_id and flagged["completed_at"] is None
    assert flagged["override_purpose"] == "treatment"
    _send(ward, "chief", "OrderCosigned", {"order_id": order_id}, at=later)
    _send(ward, "consultant", "AntibioticApproved", {"order_id": order_id}, at=later)
    with reader(ward["engine"]) as conn:
        assert rights_queries.overdue_overrides(conn, now=day_after) == []


def test_a_trainee_cannot_claim_an_emergency_override(ward: dict[str, Any]) -> None:
    override = {"missing": ["antibiotic-tier"], "antibiotic_tier": "special", "needs_approval": True,
                "emergency": {"indication": "shock", "purpose": "treatment"}}  # fmt: skip
    result = _send(ward, "trainee", "OrderPlaced", _order("meropenem", override))
    assert (result["status"], result["code"]) == ("rejected", "needs_cosign")


def test_rights_beyond_the_title_are_refused(ward: dict[str, Any]) -> None:
    with writer(ward["engine"]) as conn, pytest.raises(ValueError, match="Art. 24"):
        user_rights.set_rights(conn, "resident", antibiotic_tier="special")
    with writer(ward["engine"]) as conn, pytest.raises(ValueError, match="Art. 27"):
        user_rights.set_rights(conn, "attending", antibiotic_approver=True)
