"""A push reads the users it names (its authors and witnesses), active ones only: not every user
of a hospital on every push."""

from __future__ import annotations

from sqlalchemy import Engine

from tests.support.ward import seed_ward
from workstation.server import auth
from workstation.server.db import reader, writer


def test_only_the_named_active_users_are_read(server_engine: Engine) -> None:
    seed_ward(server_engine)
    with reader(server_engine) as conn:
        everyone = {u.username: u.user_id for u in auth.all_users(conn).values()}
    with writer(server_engine) as conn:
        auth.set_active(conn, "doc.resp", False)
    named = [everyone["nurse.card"], everyone["doc.resp"], "no-such-user"]
    with reader(server_engine) as conn:
        found = auth.active_users(conn, named)
    assert set(found) == {everyone["nurse.card"]}
    assert found[everyone["nurse.card"]].role == "nurse"
