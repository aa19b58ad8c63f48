"""The ward's core safety systems on the server (SQLite and PostgreSQL), each rule of the
医疗质量安全核心制度要点 (2018) as a test: an HH potassium stays open past 24 h until a doctor
acknowledges it and the register keeps every time (危急值报告制度); only a doctor orders a nursing
level and a 一级 patient not seen for 61 minutes is overdue (分级护理制度, WS/T 431-2013); an
emergency consultation without arrival at 10 minutes escalates (会诊制度)."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.support.signing import server_keys
from tests.support.ward import PASSWORD, admission, seed_ward
from workstation.clinical.ward_safety import WardSafetySettings, critical_report
from workstation.clock import iso, now_iso, parse_iso
from workstation.events import Event
from workstation.ids import uuid7
from workstation.projections import safety_queries as sq
from workstation.server import auth
from workstation.server.auth import User
from workstation.server.cli import main
from workstation.server.db import reader, writer
from workstation.server.sync import push

_seq = itertools.count(1)
SETTINGS = WardSafetySettings.load()


@pytest.fixture
def ward(server_engine: Engine) -> dict[str, User]:
    """The test ward plus a laboratory user (hospital-wide)."""
    seed_ward(server_engine)
    with writer(server_engine) as conn:
        auth.add_user(conn, username="lab.li", password=PASSWORD, display_name="lab.li",
                      role="lab", wards=[])  # fmt: skip
        return {u.username: u for u in auth.all_users(conn).values()}


def event(author: User, event_type: str, payload: dict[str, Any], patient_id: str) -> Event:
    """An event by `author`, recorded now."""
    return Event(uuid7(), event_type, patient_id, author.user_id, "dev-1", next(_seq), now_iso(),
                 payload)  # fmt: skip


def send(engine: Engine, author: User, *events: Event) -> list[str]:
    """Push as `author`; accepted / rejected:<code> per event."""
    signed = server_keys(engine).sign_all([e.to_wire() for e in events])
    results = push(engine, pusher=author, device_id="dev-1", wire_events=signed)["results"]
    return [r["status"] + (f":{r['code']}" if r["status"] == "rejected" else "") for r in results]


@pytest.fixture
def patient(server_engine: Engine, ward: dict[str, User]) -> str:
    """An admitted CARD patient."""
    doc, patient_id = ward["doc.card"], uuid7()
    admitted = event(
        doc, "PatientAdmitted", admission("王芳", "4", record_number="MRN-4"), patient_id
    )
    assert send(server_engine, doc, admitted) == ["accepted"]
    return patient_id


def potassium(lab: User, patient_id: str, resulted_at: str, flag: str | None = "HH") -> Event:
    """A potassium result of 6.9 mmol/L."""
    payload = {"test_code": "K", "test_name": "钾", "value": "6.90", "numeric_value": 6.9,
               "unit": "mmol/L", "reference_low": 3.5, "reference_high": 5.3,
               "resulted_at": resulted_at} | ({"flag": flag} if flag else {})  # fmt: skip
    return event(lab, "LabResulted", payload, patient_id)


def report_potassium(engine: Engine, lab: User, patient_id: str) -> tuple[str, str]:
    """Result an HH potassium and report it through the entry point; (critical id, reported_at)."""
    resulted_at = now_iso()
    result = potassium(lab, patient_id, resulted_at)
    payload = critical_report(result, SETTINGS, reporter="检验科 李")
    assert payload is not None and payload["basis"] == "lab_flag"
    report = event(lab, "CriticalValueReported", payload, patient_id)
    assert send(engine, lab, result, report) == ["accepted", "accepted"]
    return report.event_id, resulted_at


def test_an_hh_potassium_stays_open_past_24_hours_until_acknowledged(server_engine, ward,
                                                                     patient, capsys):  # fmt: skip
    nurse, doc = ward["nurse.card"], ward["doc.card"]
    critical_id, reported_at = report_potassium(server_engine, ward["lab.li"], patient)
    at = now_iso()
    received = event(nurse, "CriticalValueReceived", {"critical_id": critical_id, "received_at": at,
                     "read_back": True, "read_back_text": "钾 6.90"}, patient)  # fmt: skip
    notified = event(nurse, "CriticalValueDoctorNotified", {"critical_id": critical_id,
                     "doctor_id": doc.user_id, "notified_at": at}, patient)  # fmt: skip
    assert send(server_engine, nurse, received, notified) == ["accepted", "accepted"]

    later = parse_iso(reported_at) + timedelta(hours=25)
    with reader(server_engine) as conn:
        [open_value] = sq.critical_register(conn, now=later, settings=SETTINGS, open_only=True)
        assert sq.open_critical_counts(conn, "CARD") == {patient: 1}
    assert open_value["status"] == "escalated" and open_value["received_by"] == nurse.user_id

    ack = {
        "critical_id": critical_id,
        "action": "复查血钾, 葡萄糖酸钙",
        "acknowledged_at": now_iso(),
    }
    assert send(server_engine, nurse, event(nurse, "CriticalValueAcknowledged", ack, patient)) == [
        "rejected:forbidden"
    ]
    assert send(server_engine, doc, event(doc, "CriticalValueAcknowledged", ack, patient)) == [
        "accepted"
    ]
    with reader(server_engine) as conn:
        [row] = sq.critical_register(conn, now=later, settings=SETTINGS)
        assert sq.critical_register(conn, now=later, settings=SETTINGS, open_only=True) == []
        assert sq.open_critical_counts(conn) == {}
    assert row["status"] == "acknowledged"
    assert (row["reported_at"], row["reporter"]) == (reported_at, "检验科 李")
    assert (row["received_at"], row["notified_at"], row["notified_doctor"]) == (at, at, doc.user_id)
    assert (row["acknowledged_by"], row["action"]) == (doc.user_id, ack["action"])
    assert row["acknowledged_at"] == ack["acknowledged_at"]


def test_the_register_command_prints_one_line_per_value(server_engine, ward, patient, capsys,
                                                        database_url):  # fmt: skip
    report_potassium(server_engine, ward["lab.li"], patient)
    assert main(["critical-values", "--database", database_url, "--open"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    record, test, value, reported, status = line.split("\t")
    assert (record, test, value, status) == ("MRN-4", "钾", "6.90 mmol/L (HH)", "reported")
    assert parse_iso(reported)


def test_receipt_without_read_back_is_refused(server_engine, ward, patient):
    nurse = ward["nurse.card"]
    critical_id, _ = report_potassium(server_engine, ward["lab.li"], patient)
    payload = {"critical_id": critical_id, "received_at": now_iso(), "read_back": False}
    [status] = send(server_engine, nurse, event(nurse, "CriticalValueReceived", payload, patient))
    assert status.startswith("rejected:")


def test_a_result_inside_the_panic_limits_is_no_critical_value(ward):
    no_list = WardSafetySettings()  # a hospital without critical limits: the lab's flag decides
    assert critical_report(potassium(ward["lab.li"], uuid7(), now_iso(), "H"), no_list,
                           reporter="lab") is None  # fmt: skip


def test_a_nurse_cannot_order_a_nursing_level(server_engine, ward, patient):
    nurse, doc = ward["nurse.card"], ward["doc.card"]
    order = {"level": "first", "ordered_at": now_iso()}
    assert send(server_engine, nurse, event(nurse, "NursingLevelOrdered", order, patient)) == [
        "rejected:forbidden"
    ]
    assert send(server_engine, doc, event(doc, "NursingLevelOrdered", order, patient)) == [
        "accepted"
    ]


def test_a_first_level_patient_not_seen_for_61_minutes_is_overdue(server_engine, ward, patient):
    nurse, doc = ward["nurse.card"], ward["doc.card"]
    seen = now_iso()
    level = event(doc, "NursingLevelOrdered", {"level": "first", "ordered_at": seen}, patient)
    round_ = event(nurse, "NursingRoundRecorded", {"seen_at": seen}, patient)
    assert send(server_engine, doc, level) == ["accepted"]
    assert send(server_engine, nurse, round_) == ["accepted"]
    with reader(server_engine) as conn:
        [at_59] = sq.nursing_rounds(conn, now=parse_iso(seen) + timedelta(minutes=59),
                                    settings=SETTINGS, ward_id="CARD")  # fmt: skip
        [at_61] = sq.nursing_rounds(conn, now=parse_iso(seen) + timedelta(minutes=61),
                                    settings=SETTINGS, ward_id="CARD")  # fmt: skip
    assert (at_59["level"], at_59["round_state"]) == ("first", "due")
    assert at_61["round_state"] == "overdue"
    assert at_61["round_due"] == parse_iso(seen) + timedelta(hours=1)


def test_the_barthel_total_must_be_the_sum_of_its_items(server_engine, ward, patient):
    nurse = ward["nurse.card"]
    items = {"feeding": 10, "bathing": 5, "grooming": 5, "dressing": 10, "bowels": 10,
             "bladder": 10, "toilet_use": 10, "transfers": 15, "mobility": 15, "stairs": 10}  # fmt: skip
    good = {"items": items, "total": 100, "assessed_at": now_iso()}
    bad = good | {"total": 90}
    assert send(server_engine, nurse, event(nurse, "BarthelAssessed", good, patient)) == [
        "accepted"
    ]
    [refused] = send(server_engine, nurse, event(nurse, "BarthelAssessed", bad, patient))
    assert refused.startswith("rejected:")
    with reader(server_engine) as conn:
        assert sq.latest_barthel(conn, patient)["total"] == 100  # type: ignore[index]


def test_an_emergency_consultation_without_arrival_at_10_minutes_escalates(server_engine, ward,
                                                                          patient):  # fmt: skip
    doc, nurse = ward["doc.card"], ward["nurse.card"]
    asked = now_iso()
    request = event(doc, "ConsultationRequested", {"urgency": "emergency", "department": "ICU",
                    "question": "特殊使用级抗菌药物会诊", "requested_at": asked}, patient)  # fmt: skip
    assert send(server_engine, doc, request) == ["accepted"]
    start = parse_iso(asked)
    with reader(server_engine) as conn:
        [at_9] = sq.consultations(conn, now=start + timedelta(minutes=9), settings=SETTINGS)
        [at_10] = sq.consultations(conn, now=start + timedelta(minutes=10), settings=SETTINGS)
    assert (at_9["status"], at_10["status"]) == ("pending", "overdue")

    arrived = {"consultation_id": request.event_id, "arrived_at": iso(start + timedelta(minutes=8)),
               "consultant": "ICU 值班医师"}  # fmt: skip
    assert send(server_engine, nurse, event(nurse, "ConsultantArrived", arrived, patient)) == [
        "accepted"
    ]
    note = event(doc, "NoteSigned", {"note_type": "consultation_note", "text": "会诊意见"}, patient)
    link = event(doc, "ConsultationRecorded", {"consultation_id": request.event_id,
                 "note_id": note.event_id}, patient)  # fmt: skip
    with reader(server_engine) as conn:
        [arrived_row] = sq.consultations(conn, now=start + timedelta(hours=1), settings=SETTINGS)
    assert arrived_row["status"] == "arrived"
    assert send(server_engine, doc, note, link) == ["accepted", "accepted"]
    with reader(server_engine) as conn:
        [done] = sq.consultations(conn, now=start + timedelta(hours=1), settings=SETTINGS)
        assert sq.consultations(conn, now=start, settings=SETTINGS, open_only=True) == []
    assert done["status"] == "completed" and done["note_id"] == note.event_id
