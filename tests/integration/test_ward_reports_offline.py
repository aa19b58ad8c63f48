"""The front sheet and the ward reports offline, then synced, against the real server (SQLite,
PostgreSQL): saved on the station during an outage, accepted once when the server is back; the
anonymous report reaches neither a colleague's station nor their register with its reporter; the
station refuses to archive an incomplete record before it asks the server."""

from __future__ import annotations

from pathlib import Path

import pytest

from offline_cache.record_archive import ArchiveRefusal
from offline_cache.workstation import Workstation
from tests.support.ward import PASSWORD, admission, discharge_summary, front_sheet, seed_ward
from workstation.clock import now_iso
from workstation.projections import ward_queries
from workstation.server import auth
from workstation.server.db import reader, writer


def open_ws(tmp_path: Path, name: str, url: str) -> Workstation:
    """A workstation on ward CARD."""
    return Workstation.open(tmp_path / name, server_url=url, ward_id="CARD", attempts=2,
                            base_delay=0.01, timeout=5)  # fmt: skip


def test_reports_made_offline_sync_and_stay_private(tmp_path, live_server, server_engine):
    ward = seed_ward(server_engine)
    with writer(server_engine) as conn:
        auth.add_user(conn, username="nurse.two", password=PASSWORD, display_name="nurse two",
                      role="nurse", wards=["CARD"])  # fmt: skip
    doctor, nurse, colleague = (open_ws(tmp_path, n, live_server.url) for n in ("doc", "n1", "n2"))
    doctor.login(ward.doctor, PASSWORD)
    patient = doctor.admit_patient(admission("王五", "4")).patient_id
    doctor.sync()
    nurse.login(ward.nurse, PASSWORD)
    colleague.login("nurse.two", PASSWORD)

    live_server.stop()
    sheet = doctor.record("FrontSheetSaved", patient_id=patient, payload=front_sheet())
    report = nurse.record("AdverseEventReported", patient_id=None, payload={
        "ward_id": "CARD", "patient_id": patient, "category": "pressure_injury", "severity": "IV",
        "occurred_at": now_iso(), "description": "sacral redness, stage 1", "anonymous": True,
    })  # fmt: skip
    with doctor.store.reading() as conn:
        assert ward_queries.front_sheet(conn, patient) == front_sheet()  # shown before any sync
    live_server.start()

    assert doctor.sync().rejected == 0 and nurse.sync().rejected == 0
    colleague.sync()
    with reader(server_engine) as conn:
        assert ward_queries.front_sheet(conn, patient)["discharge_diagnoses"][0]["code"] == "J18.9"  # type: ignore[index]
        [row] = ward_queries.adverse_register(conn, viewer_id="x", viewer_role="admin", wards=None)
    assert row["report_id"] == report.event_id and row["reporter_id"] == nurse.user.user_id
    with nurse.store.reading() as conn:
        assert [r["report_id"] for r in ward_queries.adverse_register(
            conn, viewer_id=nurse.user.user_id, viewer_role="nurse", wards=["CARD"])] == [report.event_id]  # fmt: skip
    with colleague.store.reading() as conn:  # never pulled: the signed event names its author
        assert (
            ward_queries.adverse_register(conn, viewer_id="c", viewer_role="nurse", wards=["CARD"])
            == []
        )
    assert sheet.event_id


def test_the_station_refuses_to_archive_an_incomplete_record(tmp_path, live_server, server_engine):
    ward = seed_ward(server_engine)
    with writer(server_engine) as conn:
        auth.add_user(conn, username="records", password=PASSWORD, display_name="records",
                      role="admin", wards=[])  # fmt: skip
    doctor = open_ws(tmp_path, "doc", live_server.url)
    doctor.login(ward.doctor, PASSWORD)
    patient = doctor.admit_patient(admission("赵六", "5", record_number="MRN-6")).patient_id
    doctor.record("PatientDischarged", patient_id=patient,
                  payload={"base_version": 0, "discharged_at": now_iso()})  # fmt: skip
    doctor.sync()
    office = open_ws(tmp_path, "office", live_server.url)
    office.login("records", PASSWORD)
    with pytest.raises(ArchiveRefusal) as refused:
        office.archive_record(patient, record_number="MRN-6")
    assert refused.value.code == "record_incomplete" and "discharge summary" in str(refused.value)
    # the gaps come as notes, for the archive screen to word in the user's language
    assert "出院记录未签名" in [n.text("zh") for n in refused.value.notes]
    doctor.record("NoteSigned", patient_id=patient, payload=discharge_summary())
    doctor.record("FrontSheetSaved", patient_id=patient, payload=front_sheet())
    doctor.sync()
    office.archive_record(patient, record_number="MRN-6")
    assert office.sync().rejected == 0
    assert office.archive_state(patient)["locked"] is True
