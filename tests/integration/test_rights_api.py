"""The rights travel: the medical affairs office sets them over HTTP (a doctor may not), the
doctor's next login brings them to the station, and an offline login still has them, so order
entry knows them without the server (SQLite and PostgreSQL, the real server in a subprocess)."""

from __future__ import annotations

import pytest

from offline_cache.link import Refused
from offline_cache.user_rights import fetch_rights, save_rights
from offline_cache.workstation import Workstation
from tests.support.ward import PASSWORD, seed_ward
from workstation.server import auth
from workstation.server.db import writer

OFFICE = "office"
RIGHTS = {"title": "attending", "antibiotic_tier": "restricted", "narcotic_right": True,
          "antibiotic_approver": False}  # fmt: skip


def _station(tmp_path, name: str, url: str) -> Workstation:  # noqa: ANN001
    return Workstation.open(
        tmp_path / name, server_url=url, ward_id="CARD", attempts=2, base_delay=0.01
    )


def test_rights_set_by_the_office_reach_the_station_and_stay_offline(
    tmp_path, live_server, server_engine
):  # noqa: ANN001
    ward = seed_ward(server_engine)
    with writer(server_engine) as conn:
        auth.add_user(conn, username=OFFICE, password=PASSWORD, display_name="Office Wu",
                      role="admin", wards=[])  # fmt: skip
    doctor = _station(tmp_path, "card-pc", live_server.url)
    doctor.login(ward.doctor, PASSWORD)
    with pytest.raises(Refused) as refused:  # a doctor may not set rights
        save_rights(doctor, ward.doctor, RIGHTS | {"antibiotic_tier": "special"})
    assert refused.value.status == 403
    office = _station(tmp_path, "office-pc", live_server.url)
    office.login(OFFICE, PASSWORD)
    assert save_rights(office, ward.doctor, RIGHTS)["antibiotic_tier"] == "restricted"
    with pytest.raises(Refused) as refused:  # above an attending's title (Art. 24)
        save_rights(office, ward.doctor, RIGHTS | {"antibiotic_tier": "special"})
    assert refused.value.status == 422 and refused.value.code == "rights_tier_above_title"
    partial = {k: v for k, v in RIGHTS.items() if k != "narcotic_right"}
    with pytest.raises(Refused) as refused:  # a right left out is never taken as withdrawn
        save_rights(office, ward.doctor, partial)
    assert refused.value.status == 400 and "narcotic_right is required" in str(refused.value)
    listed = {u["username"]: u for u in fetch_rights(office)}
    assert listed[ward.doctor]["title"] == "attending"
    doctor.logout()
    doctor.login(ward.doctor, PASSWORD)
    assert doctor.sessions.current is not None
    assert doctor.sessions.current.rights == RIGHTS
    doctor.logout()
    doctor.close()
    offline = _station(tmp_path, "card-pc", "http://127.0.0.1:9")  # nothing listens there
    offline.login(ward.doctor, PASSWORD)
    assert offline.sessions.current is not None and not offline.sessions.current.online
    assert offline.sessions.current.rights == RIGHTS
    for ws in (offline, office):
        ws.close()
