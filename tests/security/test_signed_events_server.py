"""Signed events on the server (SQLite and PostgreSQL): a push is accepted only with the author's
signature by a registered, unrevoked key for the event's own device, whoever pushes it."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, select, update

from tests.support.live_server import LiveServer
from tests.support.signing import sign_wire
from tests.support.ward import PASSWORD, admission, amoxicillin_order, seed_ward
from workstation.clock import now_iso
from workstation.events.envelope import canonical_json
from workstation.ids import uuid7
from workstation.security import signing
from workstation.server import auth, signing_keys
from workstation.server.db import writer
from workstation.server.models import auth_tokens, events
from workstation.server.models import signing_keys as key_table

_seq = itertools.count(1)


class Login:
    """One user logged in on one device over HTTP, with the key the login registered."""

    def __init__(self, http: httpx.Client, username: str, device_id: str):
        self.http, self.device_id = http, device_id
        self.private_key = signing.new_private_key()
        answer = http.post("/auth/login", json={
            "username": username, "password": PASSWORD, "device_id": device_id,
            "signing_key": signing.public_key_of(self.private_key),
        })  # fmt: skip
        assert answer.status_code == 200, answer.text
        self.user_id = answer.json()["user"]["user_id"]
        self.headers = {"Authorization": f"Bearer {answer.json()['access_token']}"}
        wards = answer.json()["user"]["wards"]
        if wards:  # as a station does at login: a device reads only the ward it is registered to
            registered = http.post("/devices/register", json={"ward_id": wards[0]},
                                   headers=self.headers)  # fmt: skip
            assert registered.status_code == 200, registered.text

    def event(self, event_type: str, patient_id: str, payload: dict[str, Any]) -> dict[str, Any]:
        """An unsigned wire event by this user on this device."""
        return {"event_id": uuid7(), "type": event_type, "patient_id": patient_id,
                "author_id": self.user_id, "device_id": self.device_id, "device_seq": next(_seq),
                "recorded_at": now_iso(), "payload": payload}  # fmt: skip

    def signed(self, wire: dict[str, Any]) -> dict[str, Any]:
        """The wire event signed with this login's key."""
        return sign_wire(self.private_key, wire)

    def push(self, *wire: dict[str, Any]) -> list[dict[str, Any]]:
        """Push as this login; the per-event results."""
        answer = self.http.post("/sync/push", json={"events": list(wire)}, headers=self.headers)
        assert answer.status_code == 200, answer.text
        return answer.json()["results"]


def outcome(result: dict[str, Any]) -> str:
    """accepted, duplicate or rejected:<code>."""
    return result["status"] + (f":{result['code']}" if result["status"] == "rejected" else "")


@pytest.fixture
def http(server_engine: Engine, live_server: LiveServer) -> Iterator[httpx.Client]:
    """The seeded test ward (CARD and RESP) on the live server."""
    seed_ward(server_engine)
    with httpx.Client(base_url=live_server.url, timeout=30.0) as client:
        yield client


@pytest.fixture
def ward(http: httpx.Client) -> dict[str, Any]:
    """A physician at their PC with an admitted patient, a nurse at the station, a pharmacist."""
    doctor = Login(http, "doc.card", "pc-doctor")
    patient = uuid7()
    admitted = doctor.signed(
        doctor.event("PatientAdmitted", patient, admission("王五", "2", record_number="MRN-S1"))
    )
    assert outcome(doctor.push(admitted)[0]) == "accepted"
    return {"doctor": doctor, "nurse": Login(http, "nurse.card", "pc-station"),
            "pharmacist": Login(http, "pharm", "pc-pharmacy"), "patient": patient}  # fmt: skip


def test_a_forged_author_with_a_stolen_device_id_is_refused(ward: dict[str, Any]) -> None:
    doctor, nurse, pharmacist = ward["doctor"], ward["nurse"], ward["pharmacist"]
    order = nurse.event("OrderPlaced", ward["patient"], amoxicillin_order())
    order |= {"author_id": doctor.user_id, "device_id": doctor.device_id}  # ids from any pull
    verified = nurse.event("OrderVerified", ward["patient"], {"order_id": order["event_id"]})
    verified |= {"author_id": pharmacist.user_id, "device_id": pharmacist.device_id}
    results = nurse.push(nurse.signed(order), nurse.signed(verified))
    assert [outcome(r) for r in results] == ["rejected:bad_signature", "blocked"]
    assert [outcome(r) for r in nurse.push(nurse.signed(verified))] == ["rejected:bad_signature"]


def test_an_unsigned_event_is_refused(ward: dict[str, Any]) -> None:
    doctor = ward["doctor"]
    [result] = doctor.push(doctor.event("OrderPlaced", ward["patient"], amoxicillin_order()))
    assert outcome(result) == "rejected:unsigned" and "signature" in result["message"]


def test_a_tampered_payload_with_the_original_signature_is_refused(ward: dict[str, Any]) -> None:
    doctor = ward["doctor"]
    order = doctor.signed(doctor.event("OrderPlaced", ward["patient"], amoxicillin_order()))
    order["payload"]["medication"]["dose_value"] = 5000  # tenfold, signature kept
    assert [outcome(r) for r in doctor.push(order)] == ["rejected:bad_signature"]


def test_the_authors_key_on_another_device_does_not_sign_for_this_one(ward: dict[str, Any]) -> None:
    doctor = ward["doctor"]
    order = doctor.event("OrderPlaced", ward["patient"], amoxicillin_order())
    order["device_id"] = ward["nurse"].device_id  # the doctor has no key there
    assert [outcome(r) for r in doctor.push(doctor.signed(order))] == ["rejected:bad_signature"]


def test_a_signed_event_relayed_by_another_user_is_accepted_and_kept_verifiable(
    ward: dict[str, Any], server_engine: Engine
) -> None:
    doctor, nurse = ward["doctor"], ward["nurse"]
    order = doctor.signed(doctor.event("OrderPlaced", ward["patient"], amoxicillin_order()))
    assert [outcome(r) for r in nurse.push(order)] == ["accepted"]  # the nurse's token relays it
    assert [outcome(r) for r in nurse.push(order)] == ["duplicate"]  # a retry: same bytes
    pulled = doctor.http.get("/sync/pull", params={"after": 0}, headers=doctor.headers).json()
    wire = next(e for e in pulled["events"] if e["event_id"] == order["event_id"])
    assert wire["signature"] == order["signature"]
    with server_engine.connect() as conn:
        public = conn.execute(select(key_table.c.public_key).where(
            key_table.c.user_id == doctor.user_id, key_table.c.device_id == doctor.device_id)).scalar_one()  # fmt: skip
        stored = conn.execute(select(events.c.signature).where(
            events.c.event_id == order["event_id"])).scalar_one()  # fmt: skip
    content = {k: wire[k] for k in ("event_id", "type", "patient_id", "author_id", "device_id",
                                    "device_seq", "recorded_at", "payload")}  # fmt: skip
    assert stored == order["signature"]
    assert signing.verify(public, signing.EVENT_PURPOSE, canonical_json(content), stored)


def test_revoked_keys_are_refused_for_the_device_and_for_a_disabled_user(
    ward: dict[str, Any], server_engine: Engine
) -> None:
    doctor, nurse = ward["doctor"], ward["nurse"]
    vitals = nurse.signed(nurse.event("VitalsRecorded", ward["patient"],
                                      {"taken_at": now_iso(), "pulse_bpm": 80}))  # fmt: skip
    order = doctor.signed(doctor.event("OrderPlaced", ward["patient"], amoxicillin_order()))
    with writer(server_engine) as conn:
        assert signing_keys.revoke_device(conn, nurse.device_id, reason="stolen") == 1
    answer = nurse.http.post("/sync/push", json={"events": [vitals]}, headers=nurse.headers)
    assert answer.status_code == 401  # the device's sessions ended with its keys
    assert [outcome(r) for r in doctor.push(vitals)] == ["rejected:revoked_key"]
    with writer(server_engine) as conn:
        auth.set_active(conn, "doc.card", False)
        revoked = conn.execute(select(key_table.c.revoked_reason).where(
            key_table.c.user_id == doctor.user_id)).scalars().all()  # fmt: skip
    assert revoked == ["user disabled"]
    relay = Login(nurse.http, "pharm", "pc-pharmacy-2")
    assert [outcome(r) for r in relay.push(order)] == ["rejected:unknown_author"]


def test_an_event_dated_before_its_key_existed_is_refused_as_backdated(
    ward: dict[str, Any],
) -> None:
    doctor = ward["doctor"]
    note = doctor.event("NoteSigned", ward["patient"],
                        {"note_type": "daily_progress_note", "text": "Seen, stable."})  # fmt: skip
    note["recorded_at"] = "2020-01-06T09:00:00.000Z"
    [result] = doctor.push(doctor.signed(note))
    assert outcome(result) == "rejected:backdated" and "2020-01-06" in result["message"]


def test_a_key_is_registered_only_under_a_correct_password(
    http: httpx.Client, server_engine: Engine
) -> None:
    public = signing.public_key_of(signing.new_private_key())
    refused = http.post("/auth/login", json={"username": "doc.card", "password": "not it at all",
                                             "device_id": "pc-x", "signing_key": public})  # fmt: skip
    assert refused.status_code == 401
    garbage = http.post("/auth/login", json={"username": "doc.card", "password": PASSWORD,
                                             "device_id": "pc-x", "signing_key": "AAAA"})  # fmt: skip
    assert garbage.status_code == 400
    with server_engine.connect() as conn:
        assert conn.execute(select(key_table)).first() is None


def test_a_push_is_refused_at_once_when_another_process_revoked_its_token(
    ward: dict[str, Any], server_engine: Engine
) -> None:
    """The server's polls keep proven tokens for up to a second (auth_cache); a push, which
    writes, is proven again in its own transaction, so a logout elsewhere stops it at once."""
    doctor = ward["doctor"]
    polled = doctor.http.get("/sync/pull", params={"after": 0}, headers=doctor.headers)
    assert polled.status_code == 200  # the server now holds the doctor's token as proven
    with writer(server_engine) as conn:  # another process (this test's) ends the login
        conn.execute(update(auth_tokens).where(auth_tokens.c.user_id == doctor.user_id)
                     .values(revoked=True))  # fmt: skip
    order = doctor.signed(doctor.event("OrderPlaced", ward["patient"], amoxicillin_order()))
    answer = doctor.http.post("/sync/push", json={"events": [order]}, headers=doctor.headers)
    assert answer.status_code == 401 and answer.json()["error"] == "revoked"
    with server_engine.connect() as conn:
        kept = conn.execute(select(events.c.event_id).where(events.c.event_id == order["event_id"]))
        assert kept.first() is None
