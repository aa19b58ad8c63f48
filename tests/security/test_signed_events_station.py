"""Signed events on the station: its keys are sealed under each user's password, a second user of
the PC cannot sign as the first, read-audit entries are signed, and a session begun offline resumes
sync with the key alone when the server answers again (until the server revokes the key)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from offline_cache import signing_keys as station_keys
from offline_cache.session import LoginRequired
from offline_cache.tables import audit_outbox, local_events
from offline_cache.workstation import Workstation
from tests.support.live_server import LiveServer
from tests.support.ward import PASSWORD, admission, seed_ward
from workstation.security import signing
from workstation.server import signing_keys
from workstation.server.db import writer
from workstation.server.models import events

FAST = {"attempts": 2, "base_delay": 0.01, "timeout": 2.0}


@pytest.fixture
def station(
    server_engine: Engine, live_server: LiveServer, tmp_path: Path
) -> Iterator[Workstation]:
    """A CARD workstation of the seeded test ward."""
    seed_ward(server_engine)
    ws = Workstation.open(tmp_path / "station", server_url=live_server.url, ward_id="CARD", **FAST)
    yield ws
    ws.close()


def test_a_second_user_on_the_same_pc_cannot_sign_as_the_first(station: Workstation) -> None:
    doctor = station.login("doc.card", PASSWORD)
    patient = station.record("PatientAdmitted", patient_id="0190b8e2-7c3a-7d1e-9f00-00000000c001",
                             payload=admission("赵六", "4", record_number="MRN-T1"))  # fmt: skip
    nurse = station.login("nurse.card", PASSWORD)
    assert station.sessions.signer is not None
    assert station.sessions.signer.user_id == nurse.user_id
    with pytest.raises(ValueError, match="its own user"):
        station.store.record("NoteSigned", patient_id=patient.patient_id, author_id=doctor.user_id,
                             payload={"note_type": "nursing_note", "text": "x"},
                             signer=station.sessions.signer)  # fmt: skip
    assert station_keys.unseal_newest(station.store, doctor.user_id, PASSWORD + "!") is None
    with station.store.reading() as conn:
        sealed = conn.execute(select(station_keys.signing_keys)).all()
    assert {row.user_id for row in sealed} == {doctor.user_id, nurse.user_id}
    assert all(doctor.user_id not in row.sealed for row in sealed)  # only ciphertext at rest


def test_events_and_read_audit_entries_are_signed_before_they_are_written(
    station: Workstation,
) -> None:
    station.login("doc.card", PASSWORD)
    signer = station.sessions.signer
    assert signer is not None
    admitted = station.record("PatientAdmitted", patient_id="0190b8e2-7c3a-7d1e-9f00-00000000c002",
                              payload=admission("钱七", "5", record_number="MRN-T2"))  # fmt: skip
    station.open_chart(admitted.patient_id or "")
    with station.store.reading() as conn:
        row = conn.execute(select(local_events).where(
            local_events.c.event_id == admitted.event_id)).one()  # fmt: skip
        entry = conn.execute(select(audit_outbox).where(
            audit_outbox.c.action == "chart_opened")).one()  # fmt: skip
    assert signing.verify(signer.public_key, signing.EVENT_PURPOSE, admitted.signing_bytes(),
                          row.signature)  # fmt: skip
    message = signing.audit_entry_message(
        entry_id=entry.entry_id, action="chart_opened", user_id=entry.user_id,
        patient_id=admitted.patient_id, at=entry.at, device_id=station.store.device_id,
    )  # fmt: skip
    assert signing.verify(signer.public_key, signing.AUDIT_PURPOSE, message, entry.signature)


def test_after_an_offline_login_sync_resumes_with_the_key_and_no_password(
    station: Workstation, live_server: LiveServer, server_engine: Engine
) -> None:
    station.login("doc.card", PASSWORD)  # online once: key registered, verifier cached
    station.logout()
    live_server.stop()
    session = station.login("doc.card", PASSWORD)
    assert not session.online and station.sessions.signer is not None
    admitted = station.record("PatientAdmitted", patient_id="0190b8e2-7c3a-7d1e-9f00-00000000c003",
                              payload=admission("孙八", "6", record_number="MRN-T3"))  # fmt: skip
    live_server.start()
    report = station.sync()  # no password typed
    assert [(r["reject_code"], r["reject_message"]) for r in station.needs_attention()] == []
    assert report.accepted == 1 and station.status().waiting == 0, station.needs_attention()
    with server_engine.connect() as conn:
        stored = conn.execute(select(events.c.signature).where(
            events.c.event_id == admitted.event_id)).scalar_one()  # fmt: skip
    assert stored == admitted.signature


def test_a_revoked_key_cannot_resume_and_the_user_is_asked_to_log_in(
    station: Workstation, live_server: LiveServer, server_engine: Engine
) -> None:
    station.login("doc.card", PASSWORD)
    station.logout()
    live_server.stop()
    station.login("doc.card", PASSWORD)
    station.record("PatientAdmitted", patient_id="0190b8e2-7c3a-7d1e-9f00-00000000c004",
                   payload=admission("周九", "7", record_number="MRN-T4"))  # fmt: skip
    with writer(server_engine) as conn:
        signing_keys.revoke_device(conn, station.store.device_id, reason="reported stolen")
    live_server.start()
    with pytest.raises(LoginRequired, match="log in"):
        station.sync()
    assert station.status().waiting == 1  # kept, nothing sent under a revoked key
