"""Archived records on the server (SQLite and PostgreSQL): a locked record refuses changes with
`record_archived`; an approved unlock lets them in for its hours, each traceable to its request;
archiving again or the end of the hours locks it again; a fact recorded before the archive that
arrives late is kept and flagged; the requester cannot approve their own request."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

import orjson
import pytest
from sqlalchemy import Engine, select

from tests.support.signing import server_keys
from tests.support.ward import (
    PASSWORD,
    admission,
    amoxicillin_order,
    discharge_summary,
    front_sheet,
    given,
    seed_ward,
)
from workstation.clock import iso, now_iso, parse_iso
from workstation.events import Event
from workstation.ids import uuid7
from workstation.projections import archive_queries, queries
from workstation.server import auth, sync
from workstation.server.auth import User
from workstation.server.db import reader, writer
from workstation.server.models import audit_log
from workstation.server.sync import push

_seq = itertools.count(1)
BEFORE_ARCHIVE = "2024-03-01T08:00:00.000Z"  # an offline PC's recording time, long before


@pytest.fixture
def hospital(server_engine: Engine) -> dict[str, User]:
    """The test ward plus two medical-records office users (admin, hospital-wide)."""
    seed_ward(server_engine)
    with writer(server_engine) as conn:
        for name in ("records.wang", "records.li"):
            auth.add_user(conn, username=name, password=PASSWORD, display_name=name,
                          role="admin", wards=[])  # fmt: skip
        return {u.username: u for u in auth.all_users(conn).values()}


def wire(author: User, event_type: str, payload: dict[str, Any], patient_id: str,
         recorded_at: str | None = None) -> dict[str, Any]:  # fmt: skip
    """A wire event by `author`, recorded now unless told."""
    return Event(uuid7(), event_type, patient_id, author.user_id, "dev-1", next(_seq),
                 recorded_at or now_iso(), payload).to_wire()  # fmt: skip


def send(engine: Engine, author: User, *events: dict[str, Any]) -> list[str]:
    """Push as `author`; accepted / rejected:<code> per event."""
    signed = server_keys(engine).sign_all(list(events))
    results = push(engine, pusher=author, device_id="dev-1", wire_events=signed)["results"]
    return [r["status"] + (f":{r['code']}" if r["status"] == "rejected" else "") for r in results]


def archive(author: User, patient_id: str, record_number: str = "MRN-3") -> dict[str, Any]:
    """A RecordArchived naming the folder's record number."""
    return wire(author, "RecordArchived", {"record_number": record_number}, patient_id)


def note(author: User, patient_id: str, recorded_at: str | None = None) -> dict[str, Any]:
    """A progress note."""
    payload = {"note_type": "daily_progress_note", "text": "Seen at follow-up."}
    return wire(author, "NoteSigned", payload, patient_id, recorded_at)


@pytest.fixture
def archived(server_engine: Engine, hospital: dict[str, User]) -> dict[str, Any]:
    """A patient with an amoxicillin order, discharged and archived by the records office."""
    doc = hospital["doc.card"]
    patient = uuid7()
    order = wire(doc, "OrderPlaced", amoxicillin_order(), patient)
    assert send(server_engine, doc, wire(doc, "PatientAdmitted", admission("李四", "3", record_number="MRN-3"), patient),
                order) == ["accepted"] * 2  # fmt: skip
    discharge = {"base_version": 0, "discharged_at": now_iso()}
    complete = (wire(doc, "PatientDischarged", discharge, patient),
                wire(doc, "NoteSigned", discharge_summary(), patient),
                wire(doc, "FrontSheetSaved", front_sheet(), patient))  # fmt: skip
    assert send(server_engine, doc, *complete) == ["accepted"] * 3
    office = hospital["records.wang"]
    assert send(server_engine, office, archive(office, patient)) == ["accepted"]
    return {"patient": patient, "order_id": order["event_id"]}


def request_unlock(engine: Engine, author: User, patient: str) -> str:
    """Ask for an unlock; the request id."""
    request = wire(author, "RecordUnlockRequested", {"reason": "discharge summary typo"}, patient)
    assert send(engine, author, request) == ["accepted"]
    return str(request["event_id"])


def approve(engine: Engine, office: User, patient: str, request_id: str, hours: int = 2) -> str:
    """Approve an unlock; the approval's status."""
    payload = {"request_id": request_id, "hours": hours}
    [status] = send(engine, office, wire(office, "RecordUnlockApproved", payload, patient))
    return status


def test_only_a_discharged_record_is_archived(server_engine, hospital):
    doc, office = hospital["doc.card"], hospital["records.wang"]
    patient = uuid7()
    send(
        server_engine,
        doc,
        wire(doc, "PatientAdmitted", admission("张三", "1", record_number="MRN-1"), patient),
    )
    assert send(server_engine, office, archive(office, patient, "MRN-1")) == [
        "rejected:not_discharged"
    ]
    assert send(server_engine, doc, archive(doc, patient)) == ["rejected:forbidden"]


def test_archived_record_refuses_changes_until_an_unlock_is_approved(server_engine, hospital,
                                                                    archived):  # fmt: skip
    doc, nurse = hospital["doc.card"], hospital["nurse.card"]
    patient = archived["patient"]
    refused = push(server_engine, pusher=doc, device_id="dev-1",
                   wire_events=server_keys(server_engine).sign_all([note(doc, patient)]))["results"][0]  # fmt: skip
    assert refused["code"] == "record_archived" and "unlock" in refused["message"]
    vitals = wire(nurse, "VitalsRecorded", {"taken_at": now_iso(), "pulse_bpm": 80}, patient)
    assert send(server_engine, nurse, vitals) == ["rejected:record_archived"]

    request_id = request_unlock(server_engine, doc, patient)
    assert send(server_engine, doc, note(doc, patient)) == ["rejected:record_archived"]  # pending
    assert approve(server_engine, hospital["records.wang"], patient, request_id) == "accepted"
    allowed = note(doc, patient)
    assert send(server_engine, doc, allowed) == ["accepted"]
    later_vitals = wire(nurse, "VitalsRecorded", {"taken_at": now_iso(), "pulse_bpm": 82}, patient)
    assert send(server_engine, nurse, later_vitals) == ["rejected:record_archived"]  # not hers

    with reader(server_engine) as conn:
        traced = archive_queries.unlocked_changes(conn, patient)
        state = archive_queries.archive_state(conn, patient, now=now_iso())
        [audit_row] = [d for d in conn.execute(select(audit_log.c.detail).where(
            audit_log.c.action == "event:NoteSigned", audit_log.c.patient_id == patient)).scalars()
            if orjson.loads(d)["event_id"] == allowed["event_id"]]  # fmt: skip
    assert [(c["event_id"], c["request_id"]) for c in traced] == [(allowed["event_id"], request_id)]
    assert orjson.loads(audit_row)["unlock_request_id"] == request_id
    assert (
        state["locked"] is False
        and state["unlock"]["decided_by"] == hospital["records.wang"].user_id
    )


def test_re_archiving_ends_the_unlock_early(server_engine, hospital, archived):
    doc, office = hospital["doc.card"], hospital["records.wang"]
    patient = archived["patient"]
    approve(server_engine, office, patient, request_unlock(server_engine, doc, patient), hours=24)
    assert send(server_engine, doc, note(doc, patient)) == ["accepted"]
    assert send(server_engine, office, archive(office, patient)) == ["accepted"]
    assert send(server_engine, doc, note(doc, patient)) == ["rejected:record_archived"]
    assert send(server_engine, office, archive(office, patient)) == ["rejected:already_archived"]


def test_an_expired_unlock_locks_the_record_again(server_engine, hospital, archived, monkeypatch):
    doc, office = hospital["doc.card"], hospital["records.wang"]
    patient = archived["patient"]
    approve(server_engine, office, patient, request_unlock(server_engine, doc, patient), hours=1)
    later = iso(parse_iso(now_iso()) + timedelta(hours=1, minutes=1))
    monkeypatch.setattr(sync, "now_iso", lambda: later)  # the server's clock, an hour on
    assert send(server_engine, doc, note(doc, patient, recorded_at=later)) == [
        "rejected:record_archived"
    ]


def test_only_the_office_decides_and_a_decided_request_stays_decided(
    server_engine, hospital, archived
):
    patient = archived["patient"]
    office, other = hospital["records.wang"], hospital["records.li"]
    # the office decides and never asks (the rule that a requester may not decide their own
    # request is unit-tested on record_lock, since no role may do both)
    asked = wire(office, "RecordUnlockRequested", {"reason": "own change"}, patient)
    assert send(server_engine, office, asked) == ["rejected:forbidden"]
    doc = hospital["doc.card"]
    request_id = request_unlock(server_engine, doc, patient)
    assert approve(server_engine, doc, patient, request_id) == "rejected:forbidden"
    denial = {"request_id": request_id, "reason": "use an addendum on paper"}
    assert send(server_engine, other, wire(other, "RecordUnlockDenied", denial, patient)) == [
        "accepted"
    ]
    assert approve(server_engine, office, patient, request_id) == "rejected:conflict"


def test_a_dose_recorded_offline_before_the_archive_is_kept_and_flagged(server_engine, hospital,
                                                                        archived):  # fmt: skip
    nurse, patient = hospital["nurse.card"], archived["patient"]
    dose = wire(nurse, "MedicationAdministered", given(archived["order_id"]), patient,
                recorded_at=BEFORE_ARCHIVE)  # fmt: skip
    reason = {"order_id": archived["order_id"], "step": "administration", "reason": "unconscious"}
    why = wire(nurse, "AllergyCheckOverridden", reason, patient, recorded_at=BEFORE_ARCHIVE)
    assert send(server_engine, nurse, why, dose) == ["accepted", "accepted"]
    with reader(server_engine) as conn:
        flags = {(f["event_id"], f["flag_kind"]) for f in queries.review_flags(conn, patient)}
        administered = queries.chart(conn, patient)["administrations"]
    assert (dose["event_id"], "late_after_archive") in flags
    assert [a["administration_id"] for a in administered] == [dose["event_id"]]


def test_a_lab_result_after_the_archive_is_kept_and_flagged(server_engine, hospital, archived):
    with writer(server_engine) as conn:
        auth.add_user(conn, username="lab.zhou", password=PASSWORD, display_name="lab.zhou",
                      role="lab", wards=[])  # fmt: skip
        lab = {u.username: u for u in auth.all_users(conn).values()}["lab.zhou"]
    patient = archived["patient"]
    result = wire(lab, "LabResulted", {
        "test_code": "K", "test_name": "Potassium", "value": "5.9", "numeric_value": 5.9,
        "unit": "mmol/L", "flag": "H", "resulted_at": now_iso(),
    }, patient)  # fmt: skip
    assert send(server_engine, lab, result) == ["accepted"]
    with reader(server_engine) as conn:
        flags = {(f["event_id"], f["flag_kind"]) for f in queries.review_flags(conn, patient)}
    assert (result["event_id"], "late_after_archive") in flags


def test_workstations_refuse_up_front_ask_offline_and_trace_the_unlocked_note(
    tmp_path, live_server, server_engine, hospital
):
    from offline_cache.link import Offline
    from offline_cache.record_archive import ArchiveRefusal
    from offline_cache.workstation import Workstation

    doctor = Workstation.open(tmp_path / "doc", server_url=live_server.url, ward_id="CARD",
                              attempts=2, base_delay=0.01, timeout=5)  # fmt: skip
    office = Workstation.open(tmp_path / "office", server_url=live_server.url, attempts=2,
                              base_delay=0.01, timeout=5)  # fmt: skip
    doctor.login("doc.card", PASSWORD)
    patient = doctor.admit_patient(admission("王五", "5", record_number="MRN-5")).patient_id
    doctor.record("PatientDischarged", patient_id=patient,
                  payload={"base_version": 0, "discharged_at": now_iso()})  # fmt: skip
    doctor.record("NoteSigned", patient_id=patient, payload=discharge_summary())
    doctor.record("FrontSheetSaved", patient_id=patient, payload=front_sheet())
    doctor.sync()
    office.login("records.wang", PASSWORD)  # an admin with no ward logs in and sees every ward
    with pytest.raises(ArchiveRefusal) as wrong:
        office.archive_record(patient, record_number="MRN-6")
    assert wrong.value.code == "wrong_record"
    office.archive_record(patient, record_number="MRN-5")
    doctor.sync()
    assert doctor.archive_state(patient)["locked"] is True

    note_payload = {"note_type": "daily_progress_note", "text": "Corrected the summary."}
    with pytest.raises(ArchiveRefusal, match="Request unlock") as refused:
        doctor.record("NoteSigned", patient_id=patient, payload=note_payload)
    assert refused.value.code == "record_archived" and doctor.store.pending_count() == 0

    live_server.stop()
    request = doctor.request_unlock(patient, reason="the summary names the wrong drug")
    with pytest.raises(Offline):  # deciding needs the server's state
        office.approve_unlock(patient, request_id=request.event_id, hours=2)
    assert office.store.pending_count() == 0
    live_server.start()
    assert doctor.sync().rejected == 0
    office.sync()
    assert [r["request_id"] for r in office.pending_unlocks()] == [request.event_id]
    office.approve_unlock(patient, request_id=request.event_id, hours=2)

    doctor.sync()
    assert doctor.archive_state(patient)["unlock_request_id"] == request.event_id
    corrected = doctor.record("NoteSigned", patient_id=patient, payload=note_payload)
    assert doctor.sync().rejected == 0
    with reader(server_engine) as conn:
        server_trace = archive_queries.unlocked_changes(conn, patient)
    with doctor.store.reading() as conn:
        local_trace = archive_queries.unlocked_changes(conn, patient)
    assert [(c["event_id"], c["request_id"]) for c in server_trace] == [
        (corrected.event_id, request.event_id)
    ]
    assert local_trace == server_trace
    assert doctor.archive_state(patient)["unlocked_changes"] == local_trace
    doctor.close()
    office.close()


def test_a_note_written_offline_after_the_archive_is_refused_and_amended_under_an_unlock(
    tmp_path, live_server, server_engine, hospital
):
    from offline_cache.record_archive import ArchiveRefusal
    from offline_cache.workstation import Workstation

    doctor = Workstation.open(tmp_path / "doc", server_url=live_server.url, ward_id="CARD",
                              attempts=2, base_delay=0.01, timeout=5)  # fmt: skip
    office = Workstation.open(tmp_path / "office", server_url=live_server.url, attempts=2,
                              base_delay=0.01, timeout=5)  # fmt: skip
    doctor.login("doc.card", PASSWORD)
    patient = doctor.admit_patient(admission("赵六", "6", record_number="MRN-6")).patient_id
    doctor.record("PatientDischarged", patient_id=patient,
                  payload={"base_version": 0, "discharged_at": now_iso()})  # fmt: skip
    doctor.record("NoteSigned", patient_id=patient, payload=discharge_summary())
    doctor.record("FrontSheetSaved", patient_id=patient, payload=front_sheet())
    doctor.sync()
    office.login("records.wang", PASSWORD)
    office.archive_record(patient, record_number="MRN-6")

    payload = {"note_type": "daily_progress_note", "text": "Written before this PC synced."}
    unaware = doctor.record("NoteSigned", patient_id=patient, payload=payload)  # not synced yet
    assert doctor.sync().rejected == 1
    [refused] = doctor.needs_attention(patient)
    assert refused["event_id"] == unaware.event_id and refused["reject_code"] == "record_archived"
    with pytest.raises(ArchiveRefusal):
        doctor.amend_rejected(unaware.event_id, payload=payload)

    request = doctor.request_unlock(patient, reason="the note of this morning was refused")
    doctor.sync()
    office.sync()
    office.approve_unlock(patient, request_id=request.event_id, hours=1)
    doctor.sync()
    amended = doctor.amend_rejected(unaware.event_id, payload=payload)
    assert doctor.sync().rejected == 0 and doctor.needs_attention(patient) == []
    with reader(server_engine) as conn:
        traced = archive_queries.unlocked_changes(conn, patient)
    assert [(c["event_id"], c["request_id"]) for c in traced] == [
        (amended.event_id, request.event_id)
    ]
    doctor.close()
    office.close()
