"""The demo shows each ordering rule: a trainee's meropenem awaiting co-signature (处方管理办法
ch. 2), a vancomycin co-signed and approved by the designated consultant (抗菌药物临床应用管理办法
Art. 27), an emergency override open past 24 hours (Art. 28); the staff carry their titles."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from workstation.clock import now_iso
from workstation.projections.rights_queries import awaiting_signoff, overdue_overrides
from workstation.projections.rights_tables import order_signoffs
from workstation.server.db import make_engine, reader
from workstation.server.demo import load_demo
from workstation.server.demo_rights import CONSULTANT
from workstation.server.models import users
from workstation.server.setup import initialise


def test_the_demo_shows_every_rights_rule(tmp_path: Path) -> None:
    engine = make_engine(str(tmp_path / "server.db"))
    initialise(engine)
    passwords = load_demo(engine)
    assert CONSULTANT in passwords
    with reader(engine) as conn:
        titles = dict(conn.execute(select(users.c.username, users.c.title)).all())
        [waiting] = awaiting_signoff(conn, ward_id="RESP")
        [overdue] = overdue_overrides(conn, now=now_iso(), ward_id="RESP")
        approved = conn.execute(
            select(order_signoffs).where(order_signoffs.c.approved_by.is_not(None))
        ).all()
    engine.dispose()
    assert (titles["trainee"], titles["resp.physician"], titles[CONSULTANT]) == (
        "trainee",
        "attending",
        "associate_chief",
    )
    assert waiting["drug_code"] == "meropenem" and waiting["missing"] == "cosign,antibiotic-tier"
    assert overdue["emergency"] and overdue["completed_at"] is None
    assert [row.drug_code for row in approved] == ["vancomycin"]
