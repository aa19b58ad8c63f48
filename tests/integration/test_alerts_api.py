"""Finding 10: a break-the-glass alert reaches the privacy officer (role privacy_officer or admin),
who can mark it read; nobody else may read the alerts, and both calls are audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from offline_cache.alerts import acknowledge_alert, fetch_alerts
from offline_cache.link import Offline, Refused
from offline_cache.workstation import Workstation
from tests.support.ward import PASSWORD, admission, seed_ward
from workstation.domain.enums import Role
from workstation.security.policy import PERMISSIONS, permission_problem
from workstation.server import auth
from workstation.server.db import reader, writer
from workstation.server.models import audit_log

OFFICER = "privacy"


@pytest.fixture
def ward(server_engine):  # noqa: ANN001, ANN201
    return seed_ward(server_engine)


def _station(tmp_path, name: str, url: str, ward: str) -> Workstation:  # noqa: ANN001
    return Workstation.open(
        tmp_path / name, server_url=url, ward_id=ward, attempts=2, base_delay=0.01
    )


def test_the_privacy_officer_reads_and_acknowledges_a_break_the_glass_alert(
    tmp_path, live_server, server_engine, ward
):  # noqa: ANN001
    with writer(server_engine) as conn:
        auth.add_user(conn, username=OFFICER, password=PASSWORD, display_name="Officer Zheng",
                      role="privacy_officer", wards=[])  # fmt: skip
    resp = _station(tmp_path, "resp-pc", live_server.url, "RESP")
    card = _station(tmp_path, "card-pc", live_server.url, "CARD")
    resp.login(ward.other_doctor, PASSWORD)
    card.login(ward.doctor, PASSWORD)
    resp.admit_patient(admission("周九", "6", ward_id="RESP", record_number="2026000777"))
    resp.sync()
    patient = card.break_glass("2026000777", reason="cardiac arrest call on RESP", minutes=30)

    with pytest.raises(Refused) as refused:  # a physician may not read the alerts
        fetch_alerts(card)
    assert refused.value.status == 403

    office = _station(tmp_path, "office-pc", live_server.url, "CARD")
    office.login(OFFICER, PASSWORD)
    [alert] = fetch_alerts(office)
    assert alert["patient_id"] == patient and alert["record_number"] == "2026000777"
    assert alert["patient_name"] == "周九" and alert["user_name"] == ward.doctor
    assert alert["reason"] == "cardiac arrest call on RESP" and alert["minutes"] == 30
    assert alert["raised_at"] and alert["acknowledged_at"] is None

    read = acknowledge_alert(office, alert["alert_id"])
    assert read["acknowledged_at"] and read["acknowledged_by"] == office.user.user_id
    [after] = fetch_alerts(office)
    assert after["acknowledged_by"] == "Officer Zheng" and after["acknowledged_at"]
    with pytest.raises(Refused):
        acknowledge_alert(office, "no-such-alert")
    with reader(server_engine) as conn:
        actions = conn.execute(select(audit_log.c.action, audit_log.c.actor_id)).all()
    assert ("alerts_listed", office.user.user_id) in actions
    assert ("alert_acknowledged", office.user.user_id) in actions
    assert ("alerts_refused", card.user.user_id) in actions
    for ws in (resp, card, office):
        ws.close()


def test_the_privacy_officer_records_no_clinical_fact_and_reads_no_ward() -> None:
    assert PERMISSIONS[Role.PRIVACY_OFFICER] == frozenset()
    assert permission_problem("privacy_officer", "NoteSigned", {}) is not None


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_alerts_need_the_server(tmp_path, live_server, ward):  # noqa: ANN001
    offline = Workstation.open(tmp_path / "pc", server_url=None, ward_id="CARD")
    with pytest.raises(Offline):
        fetch_alerts(offline)
    offline.close()
