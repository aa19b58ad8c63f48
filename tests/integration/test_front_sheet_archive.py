"""The archive gate on the server (SQLite and PostgreSQL): the records office may archive only a
complete record — a signed discharge summary, no note awaiting co-signature, and a front sheet
(住院病案首页) whose main diagnosis is coded by the 2016 规范 — whatever the station says."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.support.signing import server_keys
from tests.support.ward import PASSWORD, admission, discharge_summary, front_sheet, seed_ward
from workstation.clinical.icd10 import Icd10Error
from workstation.clock import now_iso
from workstation.events import Event
from workstation.ids import uuid7
from workstation.projections.ward_queries import archive_clock
from workstation.projections.ward_queries import front_sheet as stored_sheet
from workstation.server import auth, refdata
from workstation.server.auth import User
from workstation.server.cli_codes import SNAPSHOTS, check_rows, read_rows
from workstation.server.db import reader, writer
from workstation.server.sync import push

_seq = itertools.count(1)


@pytest.fixture
def hospital(server_engine: Engine) -> dict[str, User]:
    """The test ward plus a medical-records office user and a senior physician who cosigns."""
    seed_ward(server_engine)
    with writer(server_engine) as conn:
        auth.add_user(conn, username="records", password=PASSWORD, display_name="records",
                      role="admin", wards=[])  # fmt: skip
        auth.add_user(conn, username="senior.card", password=PASSWORD, display_name="senior.card",
                      role="physician", wards=["CARD"])  # fmt: skip
        return {u.username: u for u in auth.all_users(conn).values()}


def wire(author: User, event_type: str, payload: dict[str, Any], patient_id: str) -> dict[str, Any]:
    """A wire event by `author`, recorded now."""
    return Event(uuid7(), event_type, patient_id, author.user_id, "dev-1", next(_seq), now_iso(),
                 payload).to_wire()  # fmt: skip


def send(engine: Engine, author: User, *events: dict[str, Any]) -> list[str]:
    """Push as `author`; accepted / rejected:<code> per event."""
    results = push(engine, pusher=author, device_id="dev-1",
                   wire_events=server_keys(engine).sign_all(list(events)))["results"]  # fmt: skip
    return [r["status"] + (f":{r['code']}" if r["status"] == "rejected" else "") for r in results]


def discharged(engine: Engine, doc: User, *extra: dict[str, Any]) -> str:
    """A patient admitted and discharged by `doc`, with the extra events of the stay; their id."""
    patient = uuid7()
    events = [wire(doc, "PatientAdmitted", admission("李四", "3", record_number="MRN-3"), patient),
              wire(doc, "PatientDischarged", {"base_version": 0, "discharged_at": now_iso(),
                                              "disposition_code": "1"}, patient)]  # fmt: skip
    events += [{**e, "patient_id": patient} for e in extra]
    assert send(engine, doc, *events) == ["accepted"] * len(events)
    return patient


def archive(engine: Engine, office: User, patient: str) -> list[str]:
    """The records office archives folder MRN-3."""
    return send(engine, office, wire(office, "RecordArchived", {"record_number": "MRN-3"}, patient))


def test_archiving_without_a_main_diagnosis_is_refused(server_engine, hospital):
    doc, office = hospital["doc.card"], hospital["records"]
    no_main = front_sheet(discharge_diagnoses=[])
    patient = discharged(server_engine, doc, wire(doc, "NoteSigned", discharge_summary(), ""),
                         wire(doc, "FrontSheetSaved", no_main, ""))  # fmt: skip
    results = push(server_engine, pusher=office, device_id="dev-1", wire_events=server_keys(
        server_engine).sign_all([wire(office, "RecordArchived", {"record_number": "MRN-3"}, patient)]))  # fmt: skip
    [result] = results["results"]
    assert result["code"] == "record_incomplete" and "main diagnosis" in result["message"]
    assert send(server_engine, doc, wire(doc, "FrontSheetSaved", front_sheet(), patient)) == [
        "accepted"
    ]
    assert archive(server_engine, office, patient) == ["accepted"]


def test_no_front_sheet_or_unsigned_summary_or_pending_cosign_is_refused(server_engine, hospital):
    doc, office = hospital["doc.card"], hospital["records"]
    patient = discharged(server_engine, doc)
    assert archive(server_engine, office, patient) == ["rejected:record_incomplete"]
    sheet = wire(doc, "FrontSheetSaved", front_sheet(), patient)
    assert send(server_engine, doc, sheet) == ["accepted"]
    assert archive(server_engine, office, patient) == ["rejected:record_incomplete"]  # no summary
    unsigned = {**discharge_summary(), "needs_cosign": True}
    summary = wire(doc, "NoteSigned", unsigned, patient)
    assert send(server_engine, doc, summary) == ["accepted"]
    assert archive(server_engine, office, patient) == ["rejected:record_incomplete"]  # cosign
    own = wire(doc, "NoteCosigned", {"note_id": summary["event_id"]}, patient)
    assert send(server_engine, doc, own) == ["rejected:forbidden"]  # never the author's own
    senior = hospital["senior.card"]
    cosign = wire(senior, "NoteCosigned", {"note_id": summary["event_id"]}, patient)
    assert send(server_engine, senior, cosign) == ["accepted"]
    assert archive(server_engine, office, patient) == ["accepted"]


def test_the_gate_checks_codes_on_the_server_not_the_station(server_engine, hospital):
    doc, office = hospital["doc.card"], hospital["records"]
    bad = front_sheet(main_code="W19")  # an external cause is never the main diagnosis
    patient = discharged(server_engine, doc, wire(doc, "NoteSigned", discharge_summary(), ""),
                         wire(doc, "FrontSheetSaved", bad, ""))  # fmt: skip
    assert archive(server_engine, office, patient) == ["rejected:record_incomplete"]
    # the coder fixes the sheet and archives in one batch: the gate reads the batch's own sheet
    fixed = wire(office, "FrontSheetSaved", front_sheet(), patient)
    archived = wire(office, "RecordArchived", {"record_number": "MRN-3"}, patient)
    assert send(server_engine, office, fixed, archived) == ["accepted", "accepted"]
    with reader(server_engine) as conn:
        assert stored_sheet(conn, patient)["discharge_diagnoses"][0]["code"] == "J18.9"  # type: ignore[index]


def test_the_archive_clock_counts_the_hospital_days_from_discharge(server_engine, hospital):
    doc = hospital["doc.card"]
    patient = discharged(server_engine, doc)
    with reader(server_engine) as conn:
        [row] = archive_clock(conn, days=7, now=now_iso())
        [late] = archive_clock(conn, days=7, now="2999-01-01T00:00:00.000Z")
    assert row["patient_id"] == patient and row["overdue"] is False
    assert row["due_at"] > row["discharged_at"] and late["overdue"] is True


def test_a_hospital_clinical_edition_code_passes_the_gate_once_imported(
    server_engine, hospital, tmp_path
):
    doc, office = hospital["doc.card"], hospital["records"]
    local = front_sheet(discharge_diagnoses=[{"code": "I21.000x001", "name": "急性前壁心肌梗死",
                                              "admission_condition": "1"}])  # fmt: skip
    patient = discharged(server_engine, doc, wire(doc, "NoteSigned", discharge_summary(), ""),
                         wire(doc, "FrontSheetSaved", local, ""))  # fmt: skip
    assert archive(server_engine, office, patient) == ["rejected:record_incomplete"]
    listing = tmp_path / "clinical.tsv"
    listing.write_text("code\tname_zh\nI21.000x001\t急性前壁心肌梗死\n", encoding="utf-8")
    with writer(server_engine) as conn:
        refdata.publish(conn, SNAPSHOTS["icd10"], check_rows("icd10", read_rows(listing)))
    assert archive(server_engine, office, patient) == ["accepted"]
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name_zh\nU99.000,x\n", encoding="utf-8")
    with pytest.raises(Icd10Error, match="row 2"):
        check_rows("icd10", read_rows(bad))
