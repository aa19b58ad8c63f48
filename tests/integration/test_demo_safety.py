"""The demo ward's share of the core safety systems: open critical values on both wards, a
pending consultation, patients at each nursing level, and a 一级 patient whose round is overdue."""

from __future__ import annotations

from workstation.clinical.ward_safety import WardSafetySettings
from workstation.clock import utc_now
from workstation.projections import safety_queries as sq
from workstation.server.db import reader

SETTINGS = WardSafetySettings.load()


def test_the_demo_ward_has_each_safety_system_in_use(demo):
    engine, _ = demo
    now = utc_now()
    with reader(engine) as conn:
        register = sq.critical_register(conn, now=now, settings=SETTINGS)
        rounds = sq.nursing_rounds(conn, now=now, settings=SETTINGS)
        consults = sq.consultations(conn, now=now, settings=SETTINGS)
    open_wards = {r["ward_id"] for r in register if r["status"] != "acknowledged"}
    assert open_wards == {"CARD", "RESP"}
    assert any(r["status"] == "acknowledged" and r["note_id"] for r in register)
    assert {r["level"] for r in rounds} == {"special", "first", "second", "third"}
    assert any(r["level"] == "first" and r["round_state"] == "overdue" for r in rounds)
    assert any(c["status"] == "pending" for c in consults)
    assert any(c["status"] == "completed" for c in consults)
