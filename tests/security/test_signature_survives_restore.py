"""A signature is made once, on the station, and is deterministic: a retry and a re-offer to a
server restored from an older backup send the same bytes, and the restored server verifies them
with the key it got back from the backup."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from tests.support.signing import ServerKeys
from tests.support.ward import admission, seed_ward
from workstation.clock import now_iso
from workstation.ids import uuid7
from workstation.server import auth, backup, sync
from workstation.server.db import make_engine, reader
from workstation.server.models import events
from workstation.server.setup import initialise


def _wire(author: str, seq: int, event_type: str, patient: str, payload: dict) -> dict:
    return {"event_id": uuid7(), "type": event_type, "patient_id": patient, "author_id": author,
            "device_id": "pc-1", "device_seq": seq, "recorded_at": now_iso(), "payload": payload}  # fmt: skip


def test_retry_and_reoffer_after_restore_keep_the_signature(tmp_path: Path) -> None:
    source = make_engine(str(tmp_path / "source.db"))
    initialise(source)
    seed_ward(source)
    with reader(source) as conn:
        doctor = next(u for u in auth.all_users(conn).values() if u.username == "doc.card")
    keys = ServerKeys(source)  # registered now, as at a login before the nightly backup
    patient = uuid7()
    before = keys.sign(_wire(doctor.user_id, 1, "PatientAdmitted", patient,
                             admission("吴十", "8", record_number="MRN-R1")))  # fmt: skip
    after = keys.sign(_wire(doctor.user_id, 2, "ProblemRecorded", patient,
                            {"description": "Heart failure", "status": "active"}))  # fmt: skip
    assert [r["status"] for r in sync.push(source, pusher=doctor, device_id="pc-1",
                                           wire_events=[before])["results"]] == ["accepted"]  # fmt: skip
    backup.backup(source, tmp_path / "nightly.backup")
    first = sync.push(source, pusher=doctor, device_id="pc-1", wire_events=[after])["results"]
    retry = sync.push(source, pusher=doctor, device_id="pc-1", wire_events=[after])["results"]
    assert [first[0]["status"], retry[0]["status"]] == ["accepted", "duplicate"]

    restored = make_engine(str(tmp_path / "restored.db"))
    backup.restore(restored, tmp_path / "nightly.backup")
    reoffer = sync.push(restored, pusher=doctor, device_id="pc-1", wire_events=[before, after])
    assert [r["status"] for r in reoffer["results"]] == ["duplicate", "accepted"]
    with reader(restored) as conn:
        stored = dict(conn.execute(select(events.c.event_id, events.c.signature)).all())
    assert stored == {
        before["event_id"]: before["signature"],
        after["event_id"]: after["signature"],
    }
    source.dispose()
    restored.dispose()
