"""The demo history's quality maker: its events are well-formed facts, and over a few weeks of
stays every quality indicator shows something real (on time and late, overridden and heeded,
scanned and unable, late and missed, answered in time, late and not at all)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import create_engine, insert

from workstation.clock import iso
from workstation.events.envelope import event_from_wire
from workstation.events.validation import event_problems
from workstation.ids import uuid7
from workstation.server.auth import User
from workstation.server.demo_events import DemoLog
from workstation.server.demo_history_types import Stay
from workstation.server.demo_quality import quality_stay_events
from workstation.server.manage_catchup import EventRow
from workstation.server.manage_quality_fold import fold
from workstation.server.manage_quality_queries import quality_indicators
from workstation.server.models import users
from workstation.server.quality_models import metadata as quality_metadata

NOW = datetime(2026, 12, 7, 4, 0, tzinfo=UTC)
STAFF = {"card.physician": "physician", "card.nurse": "nurse", "card.nurse2": "nurse",
         "pharmacist": "pharmacist", "card.director": "department_director"}  # fmt: skip


def _users() -> dict[str, User]:
    return {
        name: User(f"u-{name}", name, name, role, ("CARD",), True) for name, role in STAFF.items()
    }


def _history(stays: int) -> list[dict[str, Any]]:
    rng, log, staff = random.Random(7), DemoLog(NOW), _users()
    for n in range(stays):
        admitted = NOW - timedelta(days=40) + timedelta(hours=13 * n)
        stay = Stay(uuid7(), f"2026{70000 + n}", "CARD", "1", admitted,
                    admitted + timedelta(days=rng.uniform(2.5, 7)), "u-card.physician",
                    ("u-card.nurse", "u-card.nurse2"))  # fmt: skip
        log.add(admitted, "PatientAdmitted", author=stay.attending_id, patient_id=stay.patient_id,
                payload={"ward_id": "CARD", "admitted_at": iso(admitted),
                         "attending_id": stay.attending_id})  # fmt: skip
        quality_stay_events(stay, log, staff, rng)
        assert stay.discharged_at is not None
        log.add(stay.discharged_at, "PatientDischarged", author=stay.attending_id,
                patient_id=stay.patient_id,
                payload={"discharged_at": iso(stay.discharged_at), "base_version": 0})  # fmt: skip
    return log.wire_events()


def test_the_demo_quality_events_are_well_formed() -> None:
    wire = [e for e in _history(6) if e["type"] not in ("PatientAdmitted", "PatientDischarged")]
    assert {e["type"] for e in wire} >= {"NoteSigned", "OrderPlaced", "OrderVerified",
                                        "BedsideChecked", "MedicationAdministered"}  # fmt: skip
    problems = [(e["type"], event_problems(event_from_wire(e))) for e in wire]
    assert [p for p in problems if p[1]] == []


def test_every_indicator_shows_something_over_weeks_of_stays() -> None:
    engine = create_engine("sqlite://")
    quality_metadata.create_all(engine)
    users.create(engine)
    wire = _history(60)
    rows = [EventRow(seq, e["event_id"], e["type"], e["patient_id"], None, e["author_id"], "demo",
                     e["recorded_at"], e["recorded_at"], e["payload"])
            for seq, e in enumerate(wire, start=1)]  # fmt: skip
    with engine.begin() as conn:
        conn.execute(insert(users), [{"user_id": u.user_id, "username": u.username, "role": u.role,
                                      "display_name": u.username, "wards": "CARD",
                                      "password_hash": "x", "created_at": iso(NOW)}
                                     for u in _users().values()])  # fmt: skip
        fold(conn, rows)
        data = quality_indicators(
            conn, wards=None, start=NOW - timedelta(days=60), end=NOW, now=NOW
        )
    for row in data["notes"]["by_type"]:
        assert 0 < row["on_time"] < row["n"], row
    assert any(0 < r["overridden"] < r["n"] for r in data["alerts"]["by_rule"])
    scans = data["scans"]["by_ward"][0]
    assert scans["unable_to_scan"] > 0 and 0 < scans["scanned"] < scans["n"]
    doses = data["doses"][0]
    assert doses["late"] > 0 and doses["missed"] > 0
    verification = data["verification"]["all"]
    assert verification["median_min"] < verification["p90_min"]
    news2 = data["news2"]
    assert sum(r["in_time"] for r in news2) and sum(r["late"] for r in news2)
    assert sum(r["unanswered"] for r in news2)


def test_the_director_writes_some_of_cardiologys_ward_rounds() -> None:
    rounds = Counter(e["author_id"] for e in _history(30) if e["type"] == "NoteSigned"
                     and e["payload"]["note_type"] == "ward_round_note")  # fmt: skip
    assert rounds["u-card.director"] > 0 and rounds["u-card.physician"] > 0
