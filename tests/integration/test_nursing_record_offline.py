"""The nursing record holds offline (SQLite and PostgreSQL server): with the server down, a nurse
writes two rows of a 病危 patient's 危重患者护理记录 and corrects one; her station shows the rows
and totals at once from its replica; after the outage each row reaches the server exactly once
(syncing again sends nothing twice) and the server's record and another station's agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from offline_cache.nursing_record import correct_row, nursing_record, write_row
from offline_cache.workstation import Workstation
from tests.support.ward import PASSWORD, admission, seed_ward
from workstation.clock import now_iso
from workstation.projections import nursing_record_queries as nq
from workstation.server.db import reader
from workstation.server.models import events


def open_ws(tmp_path: Path, name: str, url: str) -> Workstation:
    """A workstation on ward CARD."""
    return Workstation.open(tmp_path / name, server_url=url, ward_id="CARD", attempts=2,
                            base_delay=0.01, timeout=5)  # fmt: skip


def _on_server(engine, patient: str) -> tuple[int, list[dict]]:  # noqa: ANN001
    with reader(engine) as conn:
        count = conn.execute(select(func.count()).select_from(events)
                             .where(events.c.type == "NursingRecordWritten")).scalar()  # fmt: skip
        return int(count or 0), nq.record_rows(conn, patient)


@pytest.mark.slow  # ~25 s a backend; test_ward_safety_offline writes and corrects a row offline too
def test_rows_written_offline_sync_once(tmp_path, live_server, server_engine) -> None:  # noqa: ANN001
    ward = seed_ward(server_engine)
    doctor, nurse = (open_ws(tmp_path, n, live_server.url) for n in ("doc", "nurse"))
    doctor.login(ward.doctor, PASSWORD)
    payload = admission("赵六", "6", record_number="MRN-6") | {"acuity": "critical"}
    patient = doctor.admit_patient(payload).patient_id
    doctor.sync()
    nurse.login(ward.nurse, PASSWORD)
    nurse.sync()

    live_server.stop()
    record = nursing_record(nurse, patient)
    assert record["form"] == "critical" and record["rows"] == []  # 病危: the 危重 form
    row = {"written_at": now_iso(), "observations": {"pulse_bpm": 120}, "intake": {"iv": 500}}
    first = write_row(nurse, patient, row=row | {"output": {"urine": 40}}, form="critical")
    write_row(nurse, patient, row={"written_at": now_iso(), "measures": "吸氧", "output": {"drain": 30}},
              form="critical")  # fmt: skip
    correct_row(nurse, patient, supersedes_id=first.event_id, row=row | {"output": {"urine": 90}},
                form="critical", reason="尿量记错")  # fmt: skip
    offline = nursing_record(nurse, patient)
    [today] = offline["days"]
    assert (today.intake_ml, today.output_ml) == (500, 120)  # the correction counts, not the row
    live_server.start()

    nurse.sync()
    nurse.sync()  # nothing is sent twice
    count, rows = _on_server(server_engine, patient)
    assert count == 3 and len(rows) == 3
    assert {r["row_id"]: r["superseded_by"] for r in rows}[first.event_id] is not None
    doctor.sync()
    [seen] = nursing_record(doctor, patient)["days"]
    assert (seen.intake, seen.output) == (today.intake, today.output)
