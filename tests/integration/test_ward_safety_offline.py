"""The ward's safety systems hold offline (SQLite and PostgreSQL server): with the server down, the
nurse receives a critical value with read-back, records a round and writes and corrects a
nursing-record row (护理记录, once on the server), the doctor acknowledges the
value (its 病程 entry linked) and requests a consultation; each station shows it at once from its
replica, and after the outage the server's register and the other station agree."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from offline_cache import ward_safety
from offline_cache.nursing_record import correct_row, nursing_record, write_row
from offline_cache.workstation import Workstation
from tests.support.ward import PASSWORD, admission, seed_ward
from ui.screens.worklist.tasks import safety_items
from workstation.clinical.ward_safety import WardSafetySettings, critical_report
from workstation.clock import now_iso, utc_now
from workstation.projections import nursing_record_queries as nq
from workstation.projections import safety_queries as sq
from workstation.server import auth
from workstation.server.db import reader, writer

SETTINGS = WardSafetySettings.load()


def open_ws(tmp_path: Path, name: str, url: str) -> Workstation:
    """A workstation on ward CARD."""
    return Workstation.open(tmp_path / name, server_url=url, ward_id="CARD", attempts=2,
                            base_delay=0.01, timeout=5)  # fmt: skip


def test_receipt_acknowledgement_rounds_and_consultations_work_offline(tmp_path, live_server,
                                                                       server_engine):  # fmt: skip
    ward = seed_ward(server_engine)
    with writer(server_engine) as conn:
        auth.add_user(conn, username="lab.li", password=PASSWORD, display_name="lab.li",
                      role="lab", wards=[])  # fmt: skip
    doctor, nurse, lab = (open_ws(tmp_path, n, live_server.url) for n in ("doc", "nurse", "lab"))
    doctor.login(ward.doctor, PASSWORD)
    patient = doctor.admit_patient(admission("王五", "4", record_number="MRN-9")).patient_id
    doctor.record("NursingLevelOrdered", patient_id=patient,
                  payload={"level": "first", "ordered_at": now_iso()})  # fmt: skip
    doctor.sync()
    lab.login("lab.li", PASSWORD)
    lab.sync()
    result = lab.record("LabResulted", patient_id=patient, payload={
        "test_code": "K", "test_name": "钾", "value": "6.9", "numeric_value": 6.9, "flag": "HH",
        "unit": "mmol/L", "resulted_at": now_iso()})  # fmt: skip
    report = critical_report(result, SETTINGS, reporter="检验科 李")
    assert report is not None
    lab.record("CriticalValueReported", patient_id=patient, payload=report)
    lab.sync()
    nurse.login(ward.nurse, PASSWORD)
    nurse.sync()
    doctor.sync()

    live_server.stop()
    now_items = {(i.kind, i.state) for i in safety_items(nurse, "CARD", utc_now())}
    assert now_items == {("critical", "overdue"), ("round", "coming")}  # not yet received
    [value] = ward_safety.patient_safety(nurse, patient)["critical_values"]
    ward_safety.receive_critical(nurse, patient, critical_id=value["critical_id"],
                                 read_back_text="钾 6.9", doctor_id=doctor.user.user_id)  # fmt: skip
    ward_safety.record_round(nurse, patient)
    assert nursing_record(nurse, patient)["form"] == "critical"  # 一级护理: the 危重 form
    row = write_row(nurse, patient, row={"written_at": now_iso(), "intake": {"iv": 500}},
                    form="critical")  # fmt: skip
    correct_row(nurse, patient, supersedes_id=row.event_id, form="critical", reason="量记错",
                row={"written_at": row.payload["written_at"], "intake": {"iv": 250}})  # fmt: skip
    assert [d.intake_ml for d in nursing_record(nurse, patient)["days"]] == [250]
    later = [
        (i.kind, i.state) for i in safety_items(nurse, "CARD", utc_now() + timedelta(minutes=61))
    ]
    assert later == [
        ("round", "overdue")
    ]  # 一级护理, not seen for 61 minutes: like an overdue dose
    assert ward_safety.patient_safety(nurse, patient)["critical_values"][0]["received_at"]
    assert ward_safety.ward_safety(nurse, "CARD")[patient]["round_state"] == "due"
    [value] = ward_safety.patient_safety(doctor, patient)["critical_values"]
    note, _ack = ward_safety.acknowledge_critical(doctor, patient, value=value, action="复查血钾")
    ward_safety.request_consultation(doctor, patient, {"urgency": "emergency",
                                     "department": "ICU", "question": "特殊使用级抗菌药物会诊"})  # fmt: skip
    assert ward_safety.patient_safety(doctor, patient)["critical_values"] == []
    live_server.start()

    nurse.sync()
    doctor.sync()
    nurse.sync()
    with reader(server_engine) as conn:
        [row] = sq.critical_register(conn, now=utc_now(), settings=SETTINGS)
        [consult] = sq.consultations(conn, now=utc_now(), settings=SETTINGS)
    assert row["status"] == "acknowledged" and row["note_id"] == note.event_id
    assert row["received_by"] == nurse.user.user_id and row["read_back_text"] == "钾 6.9"
    assert consult["urgency"] == "emergency" and consult["question"] == "特殊使用级抗菌药物会诊"
    safety = ward_safety.patient_safety(nurse, patient)
    assert safety["critical_values"] == [] and len(safety["consultations"]) == 1
    assert safety["nursing"]["level"] == "first"
    with reader(server_engine) as conn:  # each row once, the first superseded by its correction
        rows = nq.record_rows(conn, patient)
    assert [r["superseded_by"] is None for r in rows] == [False, True]
    assert [d.intake_ml for d in nursing_record(doctor, patient)["days"]] == [250]
    for ws in (doctor, nurse, lab):
        ws.close()
