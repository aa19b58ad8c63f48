"""The nursing record on the server (SQLite and PostgreSQL): a row is accepted only with its own
nurse's signature, only from a nurse, only on her ward; a correction by the same nurse supersedes
the row (the original kept, counted no more), anyone else's is refused."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.support.signing import server_keys, sign_wire
from tests.support.ward import PASSWORD, admission, seed_ward
from workstation.clinical.nursing_record import RecordSettings, day_totals
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import now_iso
from workstation.events import Event
from workstation.ids import uuid7
from workstation.projections import nursing_record_queries as nq
from workstation.server import auth
from workstation.server.auth import User
from workstation.server.db import reader, writer
from workstation.server.sync import push

_seq = itertools.count(1)


@pytest.fixture
def ward(server_engine: Engine) -> dict[str, User]:
    """The test ward plus a second CARD nurse."""
    seed_ward(server_engine)
    with writer(server_engine) as conn:
        auth.add_user(conn, username="nurse.card2", password=PASSWORD, display_name="nurse.card2",
                      role="nurse", wards=["CARD"])  # fmt: skip
        return {u.username: u for u in auth.all_users(conn).values()}


def event(author: User, event_type: str, payload: dict[str, Any], patient_id: str) -> Event:
    """An event by `author`, recorded now."""
    return Event(uuid7(), event_type, patient_id, author.user_id, "dev-1", next(_seq), now_iso(),
                 payload)  # fmt: skip


def send(
    engine: Engine, pusher: User, *events: Event, signed: list[Any] | None = None
) -> list[str]:
    """Push as `pusher` (each event signed by its author unless `signed` is given)."""
    wires = signed or server_keys(engine).sign_all([e.to_wire() for e in events])
    results = push(engine, pusher=pusher, device_id="dev-1", wire_events=wires)["results"]
    return [r["status"] + (f":{r['code']}" if r["status"] == "rejected" else "") for r in results]


def admit(engine: Engine, doc: User, ward_id: str, bed: str) -> str:
    patient_id = uuid7()
    payload = admission("王芳", bed, ward_id=ward_id, record_number=f"MRN-{ward_id}{bed}")
    assert send(engine, doc, event(doc, "PatientAdmitted", payload, patient_id)) == ["accepted"]
    return patient_id


def row(nurse: User, patient_id: str, **extra: Any) -> Event:
    """A 危重 row: pulse and blood pressure, an IV intake and urine output."""
    payload = {"form": "critical", "written_at": now_iso(),
               "observations": {"pulse_bpm": 112, "systolic_mmhg": 86, "diastolic_mmhg": 50},
               "measures": "加快补液, 报告医生", "intake": {"iv": 500}, "output": {"urine": 80}}  # fmt: skip
    return event(nurse, "NursingRecordWritten", payload | extra, patient_id)


def test_a_row_signed_with_another_nurses_key_is_refused(server_engine, ward) -> None:
    nurse, other = ward["nurse.card"], ward["nurse.card2"]
    patient = admit(server_engine, ward["doc.card"], "CARD", "3")
    written = row(nurse, patient)
    keys = server_keys(server_engine)
    forged = sign_wire(keys.key(other.user_id, "dev-1"), written.to_wire())
    assert send(server_engine, other, signed=[forged]) == ["rejected:bad_signature"]
    # her own signature proves her row, whoever pushes it (the station sends every user's events)
    assert send(server_engine, other, written) == ["accepted"]


def test_only_a_nurse_of_the_patients_ward_writes_a_row(server_engine, ward) -> None:
    doc, nurse = ward["doc.card"], ward["nurse.card"]
    patient = admit(server_engine, doc, "CARD", "4")
    other_ward = admit(server_engine, ward["doc.resp"], "RESP", "4")
    assert send(server_engine, doc, row(doc, patient)) == ["rejected:forbidden"]
    assert send(server_engine, nurse, row(nurse, other_ward)) == ["rejected:out_of_scope"]
    assert send(server_engine, nurse, row(nurse, patient)) == ["accepted"]


def test_a_correction_supersedes_the_row_and_only_its_nurse_corrects(server_engine, ward) -> None:
    nurse, other = ward["nurse.card"], ward["nurse.card2"]
    patient = admit(server_engine, ward["doc.card"], "CARD", "5")
    first = row(nurse, patient)
    fix = {
        "supersedes_id": first.event_id,
        "correction_reason": "尿量记错",
        "output": {"urine": 180},
    }
    by_other = row(other, patient, **fix)
    correction = row(nurse, patient, **fix | {"written_at": first.payload["written_at"]})
    assert send(server_engine, nurse, first) == ["accepted"]
    assert send(server_engine, other, by_other) == ["rejected:forbidden"]
    assert send(server_engine, nurse, correction) == ["accepted"]
    again = row(nurse, patient, **fix)
    assert send(server_engine, nurse, again) == ["rejected:forbidden"]  # correct the correction

    with reader(server_engine) as conn:
        rows = nq.record_rows(conn, patient)
    by_id = {r["row_id"]: r for r in rows}
    assert by_id[first.event_id]["superseded_by"] == correction.event_id
    assert by_id[first.event_id]["output"] == {"urine": 80}  # the original stays readable
    assert by_id[correction.event_id]["correction_reason"] == "尿量记错"
    [day] = day_totals(rows, AdministrationTimes.load().zone, RecordSettings.load())
    assert (day.intake_ml, day.output_ml) == (500, 180)
