"""The demo ward's share of the core safety systems: open critical values on both wards, a
pending consultation, patients at each nursing level, and a 一级 patient whose round is overdue."""

from __future__ import annotations

from sqlalchemy import Engine, select

from workstation.clinical.roster import beds_of
from workstation.clinical.schedule import ward_clock
from workstation.clinical.ward_safety import WardSafetySettings
from workstation.clock import utc_now
from workstation.projections import safety_queries as sq
from workstation.server import refdata
from workstation.server.db import reader
from workstation.server.models import users
from workstation.server.staffing_report import ward_now

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


# The demo's rosters (排班, workstation.server.demo_staffing), on the same demo load.
def test_the_demo_rosters_this_week_with_something_to_warn_about(demo: tuple[Engine, str]) -> None:
    engine, _url = demo
    with reader(engine) as conn:
        card, resp = ward_now(conn, "CARD"), ward_now(conn, "RESP")
        snapshot = refdata.snapshot(conn, "roster.CARD")
        nurse = conn.execute(
            select(users.c.user_id).where(users.c.username == "card.nurse")
        ).scalar()
    assert card["establishment"] is None and card["rostered_nurses"] >= 7  # 16 beds x 0.4
    assert resp["establishment"]["code"] == "bed_nurse_ratio"
    assert snapshot is not None and len(snapshot["content"]["assignments"]) >= 21
    assert beds_of(snapshot["content"], str(nurse), utc_now(), ward_clock()) == {
        f"{b:02d}" for b in range(1, 9)
    }
