"""The roster's scope over HTTP (SQLite and PostgreSQL, the real server in a subprocess): only a
head nurse edits, only her ward's; a stale version is refused; the ward's nurse station caches the
roster and finds her beds offline."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from offline_cache.link import Refused
from offline_cache.manage import fetch_manage
from offline_cache.roster import cached_roster, fetch_roster, my_beds, save_roster
from offline_cache.workstation import Workstation
from tests.support.ward import PASSWORD, seed_ward
from workstation.clinical.schedule import ward_clock
from workstation.server import auth
from workstation.server.db import reader, writer
from workstation.server.models import audit_log, users

HEAD = "hn.card"


def _station(tmp_path, name: str, url: str) -> Workstation:  # noqa: ANN001
    return Workstation.open(
        tmp_path / name, server_url=url, ward_id="CARD", attempts=2, base_delay=0.01
    )


def _cell(day: date, nurse_id: str, beds: list[str]) -> dict[str, object]:
    return {"date": day.isoformat(), "shift": "D",
            "assignments": [{"nurse_id": nurse_id, "beds": beds}]}  # fmt: skip


def test_roster_scope_version_and_the_cached_copy(tmp_path, live_server, server_engine) -> None:  # noqa: ANN001
    ward = seed_ward(server_engine)
    with writer(server_engine) as conn:
        auth.add_user(conn, username=HEAD, password=PASSWORD, display_name="护士长 周",
                      role="head_nurse", wards=["CARD"])  # fmt: skip
        nurse_id = conn.execute(
            select(users.c.user_id).where(users.c.username == ward.nurse)
        ).scalar()
    today = datetime.now(ward_clock()).date()
    head = _station(tmp_path, "office-pc", live_server.url)
    head.login(HEAD, PASSWORD)
    first = fetch_roster(head, "CARD", today.isoformat(), 7)
    assert first["version"] == 0 and [s["code"] for s in first["shifts"]] == ["D", "E", "N"]
    assert nurse_id in {n["user_id"] for n in first["nurses"]}
    edit = {"base_version": 0, "cells": [_cell(today, str(nurse_id), ["1", "2"])]}
    assert save_roster(head, "CARD", edit)["version"] == 1
    for refused_edit, status in (
        ({"base_version": 0, "cells": []}, 409),  # stale: another edit came first
        ({"base_version": 1, "cells": [_cell(today, str(nurse_id), ["99"])]}, 422),
        (
            {"base_version": 1, "cells": [_cell(today + timedelta(days=400), str(nurse_id), [])]},
            422,
        ),
    ):
        with pytest.raises(Refused) as refused:
            save_roster(head, "CARD", refused_edit)
        assert refused.value.status == status
    with pytest.raises(Refused) as refused:  # a head nurse of CARD does not edit RESP
        save_roster(head, "RESP", {"base_version": 0, "cells": []})
    assert refused.value.status == 403
    nurse = _station(tmp_path, "card-pc", live_server.url)
    nurse.login(ward.nurse, PASSWORD)
    with pytest.raises(Refused) as refused:  # a nurse reads her ward's roster, never edits it
        save_roster(nurse, "CARD", {"base_version": 1, "cells": []})
    assert refused.value.status == 403
    assert fetch_roster(nurse, "CARD", today.isoformat(), 1)["version"] == 1
    with pytest.raises(Refused):
        fetch_roster(nurse, "RESP", today.isoformat(), 1)
    nurse.sync()
    assert cached_roster(nurse, "CARD")["version"] == 1  # type: ignore[index]
    assert cached_roster(nurse, "RESP") is None
    morning = datetime.combine(today, time(9), ward_clock())
    assert my_beds(nurse, "CARD", morning) == {"1", "2"}
    board = fetch_manage(head, "/manage/staffing", {"ward": "CARD"})
    assert [w["ward_id"] for w in board["wards"]] == ["CARD"] and board["week"]["version"] == 1
    assert board["standard"]["patients_per_nurse"] == 8.0
    with pytest.raises(Refused) as refused:  # the staffing dashboard: her wards only
        fetch_manage(head, "/manage/staffing", {"ward": "RESP"})
    assert refused.value.status == 403
    with pytest.raises(Refused):  # a nurse reads no dashboard
        fetch_manage(nurse, "/manage/staffing", {"ward": "CARD"})
    with reader(server_engine) as conn:
        actions = [r.action for r in conn.execute(select(audit_log.c.action))]
    assert actions.count("roster_changed") == 1 and actions.count("roster_change_refused") == 5
