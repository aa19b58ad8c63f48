"""Device time (finding 4): no recorded_at later than the server's receipt plus the skew, none
earlier than the device's own device_seq history allows, and the archive judged by that bound:
a fact outside the bounds is refused with its reason, never let in flagged."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, select, update

from tests.security.scope_support import Station, api, sign_in
from tests.support.ward import discharge_summary, front_sheet
from workstation.clock import MAX_CLOCK_SKEW_S, iso, now_iso, utc_now
from workstation.server.db import writer
from workstation.server.models import device_sync_marks, events

__all__ = ["api"]  # the fixture, imported for pytest

NOTE = {"note_type": "daily_progress_note", "text": "Seen on the round."}


def ago(**delta: float) -> str:
    """A time that long before now, as the wire spells it."""
    return iso(utc_now() - timedelta(**delta))


def statuses(results: list[dict]) -> list[str]:
    """accepted / rejected:<code> per event."""
    return [r["status"] + (f":{r['code']}" if r["status"] == "rejected" else "") for r in results]


def _doctor_with_patient(api: TestClient) -> tuple[Station, str]:
    doctor = sign_in(api, "doc.card", "pc-card")
    assert doctor.register("CARD").status_code == 200
    return doctor, doctor.admit("CARD", "C-0001")


def test_a_future_dated_event_is_refused(api: TestClient) -> None:
    doctor, patient = _doctor_with_patient(api)
    ahead = iso(utc_now() + timedelta(days=4 * 365))
    slightly = iso(utc_now() + timedelta(seconds=MAX_CLOCK_SKEW_S // 2))
    results = doctor.push(doctor.event("NoteSigned", patient, NOTE, recorded_at=ahead),
                          doctor.event("NoteSigned", patient, NOTE, recorded_at=slightly))  # fmt: skip
    assert statuses(results) == ["rejected:future_dated", "accepted"]
    assert ahead in results[0]["message"]


def test_an_event_dated_before_an_earlier_sync_reached_the_server_is_refused(
    api: TestClient, server_engine: Engine
) -> None:  # fmt: skip
    doctor, patient = _doctor_with_patient(api)  # seq 1 in this run
    with writer(server_engine) as conn:  # that run reached the server three hours ago
        conn.execute(update(device_sync_marks).values(first_received_at=ago(hours=3)))
    doctor.new_sync()
    split = [doctor.event("NoteSigned", patient, NOTE, recorded_at=ago(hours=2)) for _ in range(2)]
    assert statuses(doctor.push(split[0])) == ["accepted"]  # recorded after that run: fine
    assert statuses(doctor.push(split[1])) == ["accepted"]  # a later batch of the same run
    doctor.new_sync()
    late = doctor.event("NoteSigned", patient, NOTE, recorded_at=ago(hours=2))
    results = doctor.push(late)
    assert statuses(results) == ["rejected:backdated"]
    assert late["recorded_at"] in results[0]["message"]
    within_skew = doctor.event(
        "NoteSigned", patient, NOTE, recorded_at=ago(seconds=MAX_CLOCK_SKEW_S // 2)
    )
    assert statuses(doctor.push(within_skew)) == ["accepted"]


def test_a_sync_run_older_than_fifteen_minutes_is_an_earlier_sync(
    api: TestClient, server_engine: Engine
) -> None:  # fmt: skip
    doctor, patient = _doctor_with_patient(api)
    with writer(server_engine) as conn:
        conn.execute(update(device_sync_marks).values(first_received_at=ago(minutes=20)))
    kept_run = doctor.event("NoteSigned", patient, NOTE, recorded_at=ago(hours=1))
    assert statuses(doctor.push(kept_run)) == ["rejected:backdated"]


def test_an_earlier_lower_seq_does_not_bound_a_later_one_sent_before(
    api: TestClient, server_engine: Engine
) -> None:  # fmt: skip
    """A mark bounds only events with a higher device_seq than the run's highest."""
    doctor, patient = _doctor_with_patient(api)
    with writer(server_engine) as conn:
        conn.execute(insert(device_sync_marks).values(device_id="pc-card", sync_id="later-run",
                                                      max_seq=50, first_received_at=now_iso()))  # fmt: skip
    doctor.new_sync()
    held = doctor.event("NoteSigned", patient, NOTE, recorded_at=ago(hours=1), seq=40)
    assert statuses(doctor.push(held)) == ["rejected:backdated"]  # the first run (seq 1) bounds it
    with writer(server_engine) as conn:
        conn.execute(update(device_sync_marks).where(device_sync_marks.c.sync_id != "later-run")
                     .values(first_received_at=ago(hours=3)))  # fmt: skip
    assert statuses(doctor.push(held)) == ["accepted"]  # a refused event was never stored


def test_a_device_seq_taken_by_another_event_is_refused(
    api: TestClient, server_engine: Engine
) -> None:
    doctor, patient = _doctor_with_patient(api)
    with server_engine.connect() as conn:
        taken = conn.execute(
            select(events.c.device_seq).where(events.c.device_id == "pc-card")
        ).scalar()
    again = doctor.event("NoteSigned", patient, NOTE, seq=taken)
    results = doctor.push(again)
    assert statuses(results) == ["rejected:device_seq_taken"]
    twins = [doctor.event("NoteSigned", patient, NOTE, seq=900) for _ in range(2)]
    assert statuses(doctor.push(*twins)) == ["accepted", "rejected:device_seq_taken"]
    assert statuses(doctor.push(twins[0])) == ["duplicate"]


def _archived(api: TestClient) -> tuple[Station, str]:
    doctor, patient = _doctor_with_patient(api)
    discharge = doctor.event(
        "PatientDischarged", patient, {"base_version": 0, "discharged_at": now_iso()}
    )
    summary = doctor.event("NoteSigned", patient, discharge_summary())
    sheet = doctor.event("FrontSheetSaved", patient, front_sheet())
    assert statuses(doctor.push(discharge, summary, sheet)) == ["accepted"] * 3
    office = sign_in(api, "records", "pc-records")
    archive = office.event("RecordArchived", patient, {"record_number": "C-0001"})
    assert statuses(office.push(archive)) == ["accepted"]
    return doctor, patient


def test_a_backdated_note_does_not_enter_an_archived_record(
    api: TestClient, server_engine: Engine
) -> None:
    doctor, patient = _archived(api)
    with server_engine.connect() as conn:
        archived_at = conn.execute(
            select(events.c.received_at).where(events.c.type == "RecordArchived")
        ).scalar()
    doctor.new_sync()
    dated_2020 = doctor.event("NoteSigned", patient, NOTE, recorded_at="2020-01-01T08:00:00.000Z")
    assert statuses(doctor.push(dated_2020)) == ["rejected:backdated"]
    # within the skew of its bound, but the bound (its device's sync after the archive) says it
    # was recorded after the archive reached the server: refused, not let in flagged as late
    just_before = iso(utc_now() - timedelta(seconds=MAX_CLOCK_SKEW_S // 2))
    assert just_before < archived_at
    with writer(server_engine) as conn:  # the device's last sync came after the archive
        conn.execute(update(device_sync_marks).where(device_sync_marks.c.device_id == "pc-card")
                     .values(first_received_at=archived_at))  # fmt: skip
    doctor.new_sync()
    assert statuses(
        doctor.push(doctor.event("NoteSigned", patient, NOTE, recorded_at=just_before))
    ) == ["rejected:record_archived"]


def test_an_offline_fact_from_before_the_archive_is_still_flagged_late(api: TestClient) -> None:
    """Rule 3 holds where the bound allows it: a PC that had not synced since before the archive."""
    doctor, patient = _archived(api)
    offline = sign_in(api, "doc.card", "pc-offline")
    before = ago(minutes=1)
    assert statuses(
        offline.push(offline.event("NoteSigned", patient, NOTE, recorded_at=before))
    ) == ["accepted"]
