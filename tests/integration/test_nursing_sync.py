"""Nursing work on two stations through an outage, against the real server (SQLite, PostgreSQL):
the same dose given twice is kept twice and flagged; a dose given after the order was stopped is
kept and flagged; bedside checks, intake/output and assessments arrive once, projections agree."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from offline_cache.workstation import Workstation
from tests.support.ward import PASSWORD, admission, amoxicillin_order, given, seed_ward
from workstation.projections import queries
from workstation.projections.nursing_queries import nursing_chart
from workstation.server.db import reader
from workstation.server.models import events

SCHEDULED = "2024-03-01T00:00:00.000Z"


def open_ws(tmp_path: Path, name: str, url: str) -> Workstation:
    """A workstation on ward CARD."""
    return Workstation.open(tmp_path / name, server_url=url, ward_id="CARD", attempts=2,
                            base_delay=0.01, timeout=5)  # fmt: skip


def flag_kinds(ws_or_engine, patient_id: str) -> list[str]:
    """Sorted review-flag kinds of one patient on a workstation."""
    with ws_or_engine.store.reading() as conn:
        return sorted(f["flag_kind"] for f in queries.review_flags(conn, patient_id))


def test_offline_duplicate_dose_and_dose_after_stop_are_kept_and_flagged(
    tmp_path, live_server, server_engine
):
    ward = seed_ward(server_engine)
    doctor, first, second = (open_ws(tmp_path, n, live_server.url) for n in ("doc", "n1", "n2"))
    doctor.login(ward.doctor, PASSWORD)
    patient = doctor.admit_patient(admission("王五", "4")).patient_id
    order = doctor.record("OrderPlaced", patient_id=patient, payload=amoxicillin_order())
    doctor.record("NoKnownAllergiesRecorded", patient_id=patient, payload={"source": "patient"})
    doctor.sync()
    for nurse in (first, second):
        nurse.login(ward.nurse, PASSWORD)
        nurse.sync()

    live_server.stop()
    doctor.record("OrderDiscontinued", patient_id=patient,
                  payload={"order_id": order.event_id, "reason": "switched to iv"})  # fmt: skip
    first.record("BedsideChecked", patient_id=patient, payload={
        "order_id": order.event_id, "wristband_code": "WBX", "drug_code_scanned": "RX:a:1:mg:po",
        "result": "match", "scheduled_for": SCHEDULED})  # fmt: skip
    dose_one = first.record("MedicationAdministered", patient_id=patient,
                            payload=given(order.event_id, SCHEDULED))  # fmt: skip
    first.record("IntakeOutputRecorded", patient_id=patient, payload={
        "direction": "output", "category": "urine", "volume_ml": 300, "measured_at": SCHEDULED})  # fmt: skip
    dose_two = second.record("MedicationAdministered", patient_id=patient,
                             payload=given(order.event_id, SCHEDULED))  # fmt: skip
    live_server.start()

    doctor.sync()
    assert first.sync().rejected == 0
    assert second.sync().rejected == 0
    for ws in (doctor, first, second):
        ws.sync()

    with reader(server_engine) as conn:
        assert conn.execute(select(func.count()).select_from(events)).scalar() == 8
        server_flags = {
            (f["event_id"], f["flag_kind"]) for f in queries.review_flags(conn, patient)
        }
        server_chart = nursing_chart(conn, patient)
    assert (dose_two.event_id, "duplicate_dose") in server_flags
    assert (dose_one.event_id, "given_after_stop") in server_flags
    assert (dose_two.event_id, "given_after_stop") in server_flags
    assert len(server_chart["administrations"]) == 2
    for ws in (first, second):
        with ws.store.reading() as conn:
            local = nursing_chart(conn, patient)
        assert len(local["administrations"]) == 2
        assert [r["volume_ml"] for r in local["intake_output"]] == [300]
        assert [r["result"] for r in local["bedside_checks"]] == ["match"]
        assert flag_kinds(ws, patient) == sorted(k for _, k in server_flags)
