"""The workstation replica against the real server on loopback (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from offline_cache.link import Offline
from offline_cache.session import LoginRefused
from offline_cache.tables import audit_outbox
from offline_cache.workstation import Workstation
from tests.support.ward import PASSWORD, admission, amoxicillin_order, given, seed_ward, vitals
from workstation.projections import tables as pt
from workstation.projections.tables import metadata as projection_metadata
from workstation.server import auth
from workstation.server.db import reader, writer
from workstation.server.models import events


def open_ws(tmp_path: Path, name: str, url: str, ward: str = "CARD") -> Workstation:
    return Workstation.open(
        tmp_path / name, server_url=url, ward_id=ward, attempts=2, base_delay=0.01, timeout=5
    )


def projection_rows(conn, patient_id: str) -> dict[str, list[tuple]]:
    rows = {}
    for table in projection_metadata.sorted_tables:
        if "patient_id" in table.c:
            found = conn.execute(select(table).where(table.c.patient_id == patient_id)).all()
            rows[table.name] = sorted(tuple(r) for r in found)
    return rows


@pytest.fixture
def ward(server_engine):
    return seed_ward(server_engine)


def test_offline_work_syncs_once_and_projections_agree(tmp_path, live_server, server_engine, ward):
    doctor = open_ws(tmp_path, "doctor-pc", live_server.url)
    nurse = open_ws(tmp_path, "nurse-pc", live_server.url)
    doctor.login(ward.doctor, PASSWORD)
    nurse.login(ward.nurse, PASSWORD)
    live_server.stop()

    patient = doctor.admit_patient(admission("张三", "12")).patient_id
    order = doctor.record("OrderPlaced", patient_id=patient, payload=amoxicillin_order())
    doctor.record("NoKnownAllergiesRecorded", patient_id=patient, payload={"source": "patient"})
    with pytest.raises(Offline):
        doctor.sync()
    assert doctor.status().online is False
    assert doctor.status().waiting == 3

    live_server.start()
    first = doctor.sync()
    assert (first.accepted, first.rejected) == (3, 0)
    nurse.sync()
    assert [p["name"] for p in nurse.find_patients("zs")] == ["张三"]
    nurse.record("MedicationAdministered", patient_id=patient, payload=given(order.event_id))
    nurse.record("VitalsRecorded", patient_id=patient, payload=vitals())
    nurse.sync()
    doctor.sync()

    with reader(server_engine) as conn:
        ids = [r.event_id for r in conn.execute(select(events.c.event_id))]
        server_rows = projection_rows(conn, patient)
    assert len(ids) == len(set(ids)) == 5
    for ws in (doctor, nurse):
        with ws.store.reading() as conn:
            assert projection_rows(conn, patient) == server_rows
        assert ws.status().waiting == 0


def test_rejected_event_is_kept_visible_until_voided_and_blocks_its_dependants(
    tmp_path, live_server, ward
):
    doctor = open_ws(tmp_path, "doctor-pc", live_server.url)
    nurse = open_ws(tmp_path, "nurse-pc", live_server.url)
    doctor.login(ward.doctor, PASSWORD)
    patient = doctor.admit_patient(admission("Mary Jones", "3")).patient_id
    doctor.sync()
    nurse.login(ward.nurse, PASSWORD)
    nurse.sync()

    refused = nurse.record(
        "OrderPlaced", patient_id=patient, payload=amoxicillin_order()
    )  # a nurse may not
    dependant = nurse.record(
        "MedicationAdministered", patient_id=patient, payload=given(refused.event_id)
    )
    report = nurse.sync()
    assert report.rejected == 1 and report.blocked == 1
    attention = nurse.needs_attention(patient)
    assert [a["event_id"] for a in attention] == [refused.event_id]
    assert "may not sign a medication order" in attention[0]["reject_message"]
    assert nurse.status().needs_attention == 1
    with nurse.store.reading() as conn:  # the refused order is not on the chart
        assert (
            conn.execute(select(pt.orders).where(pt.orders.c.order_id == refused.event_id)).first()
            is None
        )

    nurse.store.void_rejected(
        refused.event_id, reason="entered by mistake", user_id=nurse.user.user_id
    )
    assert nurse.needs_attention() == []
    assert nurse.sync().blocked == 1  # the dependant still waits for its author
    assert dependant.event_id in {r["event_id"] for r in _outbox(nurse)}


def test_a_dependant_read_ahead_in_the_next_batch_waits_for_its_refused_order(
    tmp_path, live_server, ward
):
    """The station reads the next batch while the server weighs this one: when this one comes
    back with a refusal, the dependant read ahead must be held, not sent."""
    doctor = open_ws(tmp_path, "doctor-pc", live_server.url)
    nurse = open_ws(tmp_path, "nurse-pc", live_server.url)
    doctor.login(ward.doctor, PASSWORD)
    patient = doctor.admit_patient(admission("Mary Jones", "3")).patient_id
    doctor.sync()
    nurse.login(ward.nurse, PASSWORD)
    nurse.sync()
    assert nurse.sync_client is not None
    nurse.sync_client.batch_size = 1  # the order and its dose travel in two batches

    refused = nurse.record("OrderPlaced", patient_id=patient, payload=amoxicillin_order())
    dependant = nurse.record(
        "MedicationAdministered", patient_id=patient, payload=given(refused.event_id)
    )
    report = nurse.sync()
    assert (report.rejected, report.blocked) == (1, 1)
    assert dependant.event_id in {r["event_id"] for r in _outbox(nurse)}
    assert [a["event_id"] for a in nurse.needs_attention(patient)] == [refused.event_id]


def _outbox(ws: Workstation) -> list[dict]:
    from offline_cache.tables import outbox

    with ws.store.reading() as conn:
        return [dict(r._mapping) for r in conn.execute(select(outbox))]


def test_stale_transfer_is_a_conflict_for_a_person_and_amend_resolves_it(
    tmp_path, live_server, ward
):
    first = open_ws(tmp_path, "pc-1", live_server.url)
    second = open_ws(tmp_path, "pc-2", live_server.url)
    first.login(ward.doctor, PASSWORD)
    second.login(ward.doctor, PASSWORD)
    patient = first.admit_patient(admission("李四", "5")).patient_id
    first.sync()
    second.sync()
    live_server.stop()  # both move the patient offline from version 0
    first.record(
        "PatientTransferred",
        patient_id=patient,
        payload={"ward_id": "CARD", "bed": "7", "base_version": 0},
    )
    late = second.record(
        "PatientTransferred",
        patient_id=patient,
        payload={"ward_id": "CARD", "bed": "9", "base_version": 0},
    )
    live_server.start()
    first.sync()
    assert second.sync().rejected == 1
    assert second.needs_attention()[0]["reject_code"] == "conflict"
    with (
        second.store.reading() as conn
    ):  # the replica shows the server's truth, not the refused move
        assert (
            conn.execute(
                select(pt.patients.c.bed).where(pt.patients.c.patient_id == patient)
            ).scalar()
            == "7"
        )
    second.store.amend_rejected(
        late.event_id,
        payload={"ward_id": "CARD", "bed": "9", "base_version": 1},
        author_id=second.user.user_id,
        signer=second.sessions.signer,
    )
    assert second.sync().accepted == 1
    first.sync()
    with first.store.reading() as conn:
        assert (
            conn.execute(
                select(pt.patients.c.bed).where(pt.patients.c.patient_id == patient)
            ).scalar()
            == "9"
        )


def test_offline_login_from_cached_verifier_with_grace_period(tmp_path, live_server, ward):
    ws = open_ws(tmp_path, "pc", live_server.url)
    ws.login(ward.nurse, PASSWORD)
    ws.logout()
    live_server.stop()
    session = ws.login(ward.nurse, PASSWORD)
    assert session.online is False and session.role == "nurse"
    with pytest.raises(LoginRefused):
        ws.login(ward.nurse, "wrong password!")
    with pytest.raises(LoginRefused, match="has not logged in online"):
        ws.login(ward.doctor, PASSWORD)
    ws.sessions.grace = ws.sessions.grace * 0
    with pytest.raises(LoginRefused, match="expired"):
        ws.login(ward.nurse, PASSWORD)


def test_offline_admission_takes_a_temporary_number_from_the_device_block(
    tmp_path, live_server, ward
):
    one = open_ws(tmp_path, "pc-1", live_server.url)
    two = open_ws(tmp_path, "pc-2", live_server.url)
    one.login(ward.doctor, PASSWORD)
    two.login(ward.doctor, PASSWORD)
    live_server.stop()
    numbers = {
        one.admit_patient(admission("王五", "1")).payload["record_number"],
        one.admit_patient(admission("赵六", "2")).payload["record_number"],
        two.admit_patient(admission("钱七", "3")).payload["record_number"],
    }
    assert len(numbers) == 3 and all(n.startswith("T") for n in numbers)
    live_server.start()
    assert one.sync().accepted == 2 and two.sync().accepted == 1


def test_transferred_in_patient_is_backfilled_with_whole_history(tmp_path, live_server, ward):
    resp = open_ws(tmp_path, "resp-pc", live_server.url, ward="RESP")
    card = open_ws(tmp_path, "card-pc", live_server.url, ward="CARD")
    resp.login(ward.other_doctor, PASSWORD)
    card.login(ward.doctor, PASSWORD)
    patient = resp.admit_patient(admission("孙八", "4", ward_id="RESP")).patient_id
    resp.record("VitalsRecorded", patient_id=patient, payload=vitals())
    resp.sync()
    card.sync()
    assert card.find_patients("sb") == []  # another ward's patient is not on this PC
    resp.record(
        "PatientTransferred",
        patient_id=patient,
        payload={"ward_id": "CARD", "bed": "11", "base_version": 0},
    )
    resp.sync()
    report = card.sync()
    assert patient in report.backfilled
    chart = card.open_chart(patient)
    assert chart["patient"]["bed"] == "11" and len(chart["vitals"]) == 1


def test_break_the_glass_opens_another_wards_patient_with_a_reason(
    tmp_path, live_server, server_engine, ward
):
    resp = open_ws(tmp_path, "resp-pc", live_server.url, ward="RESP")
    card = open_ws(tmp_path, "card-pc", live_server.url, ward="CARD")
    resp.login(ward.other_doctor, PASSWORD)
    card.login(ward.doctor, PASSWORD)
    resp.admit_patient(admission("周九", "6", ward_id="RESP", record_number="2026000777"))
    resp.sync()
    card.sync()
    assert card.find_patients("2026000777") == []

    patient = card.break_glass("2026000777", reason="cardiac arrest call on RESP", minutes=30)
    chart = card.open_chart(patient)
    assert chart["patient"]["name"] == "周九"
    card.sync()  # sends the chart opening
    from workstation.server.models import alerts, audit_log

    with reader(server_engine) as conn:
        actions = [
            r.action
            for r in conn.execute(
                select(audit_log.c.action).where(audit_log.c.patient_id == patient)
            )
        ]
        alert = conn.execute(select(alerts).where(alerts.c.patient_id == patient)).one()
    assert {"patient_lookup", "event:BreakGlassInvoked", "chart_backfill", "chart_opened"} <= set(
        actions
    )
    assert "cardiac arrest call on RESP" in alert.message


def test_switching_user_keeps_the_first_users_unsent_work_under_their_name(
    tmp_path, live_server, server_engine, ward
):
    pc = open_ws(tmp_path, "shared-pc", live_server.url)
    doctor = pc.login(ward.doctor, PASSWORD)
    patient = pc.admit_patient(admission("吴十", "8")).patient_id  # not synced yet
    with pytest.raises(LoginRefused):
        pc.login(ward.nurse, "not the password")
    assert pc.user.user_id == doctor.user_id  # a refused switch leaves the doctor logged in
    nurse = pc.login(ward.nurse, PASSWORD)
    pc.record("VitalsRecorded", patient_id=patient, payload=vitals())
    assert pc.sync().accepted == 2
    with reader(server_engine) as conn:
        authors = {
            r.type: r.author_id for r in conn.execute(select(events.c.type, events.c.author_id))
        }
    assert authors == {"PatientAdmitted": doctor.user_id, "VitalsRecorded": nurse.user_id}


def test_lock_and_unlock_by_password_are_audited(tmp_path, live_server, server_engine, ward):
    pc = open_ws(tmp_path, "pc", live_server.url)
    pc.login(ward.nurse, PASSWORD)
    pc.lock()
    with pytest.raises(LoginRefused):
        pc.unlock("wrong password")
    assert pc.user.username == ward.nurse  # still the nurse's session, still locked in the UI
    pc.unlock(PASSWORD)
    pc.sync()
    from workstation.server.models import audit_log

    with reader(server_engine) as conn:
        actions = [
            r.action
            for r in conn.execute(select(audit_log.c.action).order_by(audit_log.c.audit_id))
        ]
    assert actions[-2:] == ["lock", "unlock"]


def test_the_pharmacist_sees_every_ward(tmp_path, live_server, server_engine, ward):
    resp = open_ws(tmp_path, "resp-pc", live_server.url, ward="RESP")
    resp.login(ward.other_doctor, PASSWORD)
    patient = resp.admit_patient(admission("郑十一", "2", ward_id="RESP")).patient_id
    resp.sync()
    with writer(
        server_engine
    ) as conn:  # a pharmacist listed on CARD only still serves the hospital
        auth.add_user(
            conn,
            username="pharm.card",
            password=PASSWORD,
            display_name="Pharm",
            role="pharmacist",
            wards=["CARD"],
        )
    pharmacy = open_ws(tmp_path, "pharmacy-pc", live_server.url, ward="CARD")
    pharmacy.login("pharm.card", PASSWORD)
    pharmacy.sync()
    with pharmacy.store.reading() as conn:
        assert (
            conn.execute(
                select(pt.patients.c.ward_id).where(pt.patients.c.patient_id == patient)
            ).scalar()
            == "RESP"
        )


def test_a_refused_audit_entry_does_not_stop_clinical_sync(
    tmp_path, live_server, server_engine, ward
):
    pc = open_ws(tmp_path, "pc", live_server.url)
    pc.login(ward.nurse, PASSWORD)
    pc.record_access(
        "not_an_audit_action"
    )  # e.g. a newer client's action an older server does not know
    doctor = open_ws(tmp_path, "doctor-pc", live_server.url)
    doctor.login(ward.doctor, PASSWORD)
    patient = doctor.admit_patient(admission("冯十二", "9")).patient_id
    doctor.sync()
    report = pc.sync()
    assert report.audit_refused and "action must be one of" in report.audit_refused
    with pc.store.reading() as conn:  # refused, so kept on the PC (and shown), not dropped
        queued = conn.execute(select(audit_outbox.c.action)).scalars().all()
    assert "not_an_audit_action" in queued
    assert pc.find_patients("fse")[0]["patient_id"] == patient  # the pull still happened
    assert pc.status().online is True


def test_the_station_fails_over_to_the_hospitals_second_server_address(
    tmp_path, server_engine, database_url, ward
):
    """The station config names two server processes; one dies and the nurse's work still syncs,
    once."""
    from tests.support.live_server import LiveServer

    folders = [tmp_path / "server-a", tmp_path / "server-b"]
    for folder in folders:
        folder.mkdir()
    first, second = (LiveServer(database_url, log_dir=f).start() for f in folders)
    try:
        both = f"{first.url} {second.url}"
        doctor, nurse = open_ws(tmp_path, "doctor-pc", both), open_ws(tmp_path, "nurse-pc", both)
        doctor.login(ward.doctor, PASSWORD)
        patient = doctor.admit_patient(admission("王五", "7")).patient_id
        assert doctor.sync().accepted == 1
        nurse.login(ward.nurse, PASSWORD)
        nurse.sync()
        first.kill()
        nurse.record("VitalsRecorded", patient_id=patient, payload=vitals())
        report = nurse.sync()
        assert (report.accepted, report.rejected) == (1, 0)
        assert nurse.status().online is True and nurse.status().waiting == 0
    finally:
        first.stop()
        second.stop()
    with reader(server_engine) as conn:
        stored = conn.execute(select(events.c.type).where(events.c.patient_id == patient)).all()
    assert sorted(t for (t,) in stored) == ["PatientAdmitted", "VitalsRecorded"]
