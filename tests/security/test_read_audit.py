"""Read audit (findings 3, 8 and 11a): the actor comes from the token; an entry in another
user's name needs that user's signature for this device; entries are idempotent by id."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, update

from tests.security.scope_support import Station, api, audit_rows, sign_in
from workstation.clock import now_iso
from workstation.ids import uuid7
from workstation.security import signing
from workstation.server.db import writer
from workstation.server.models import signing_keys

__all__ = ["api"]  # the fixture, imported for pytest


def entry(user_id: str, action: str = "chart_opened", **extra: Any) -> dict[str, Any]:
    """One queued read as a station sends it."""
    return {"entry_id": uuid7(), "action": action, "user_id": user_id, "patient_id": uuid7(),
            "at": now_iso(), **extra}  # fmt: skip


def send(station: Station, *entries: dict[str, Any]) -> list[dict[str, Any]]:
    """POST /audit/reads; the per-entry results."""
    answer = station.api.post(
        "/audit/reads", json={"entries": list(entries)}, headers=station.headers
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]


def register_key(engine: Engine, user_id: str, device_id: str) -> bytes:
    """A signing key of `user_id` on `device_id`, registered on the server; the private key."""
    private = signing.new_private_key()
    public = signing.public_key_of(private)
    with writer(engine) as conn:
        conn.execute(insert(signing_keys).values(
            key_id=signing.key_id(public), user_id=user_id, device_id=device_id, public_key=public,
            registered_at=now_iso()))  # fmt: skip
    return private


def signed(private: bytes, item: dict[str, Any], device_id: str) -> dict[str, Any]:
    """The entry with its author's signature for this device."""
    message = signing.audit_entry_message(
        entry_id=item["entry_id"], action=item["action"], user_id=item["user_id"],
        patient_id=item["patient_id"], at=item["at"], device_id=device_id)  # fmt: skip
    return {**item, "signature": signing.sign(private, signing.AUDIT_PURPOSE, message)}


def test_a_forged_actor_is_refused(api: TestClient, server_engine: Engine) -> None:
    nurse = sign_in(api, "nurse.card", "pc-card")
    doctor_id = sign_in(api, "doc.card", "pc-card").user_id
    forged, own = entry(doctor_id), entry(nurse.user_id)
    results = send(nurse, forged, own)
    assert [r["status"] for r in results] == ["refused", "recorded"]
    assert results[0]["code"] == "unsigned_actor" and results[0]["entry_id"] == forged["entry_id"]
    actors = [r.actor_id for r in audit_rows(server_engine, "chart_opened")]
    assert actors == [nurse.user_id]


def test_an_entry_without_user_is_the_token_users(api: TestClient, server_engine: Engine) -> None:
    nurse = sign_in(api, "nurse.card", "pc-card")
    assert send(nurse, entry(None, "lock"))[0]["status"] == "recorded"  # type: ignore[arg-type]
    assert [r.actor_id for r in audit_rows(server_engine, "lock")] == [nurse.user_id]


def test_a_retry_after_a_lost_answer_records_nothing_twice(
    api: TestClient, server_engine: Engine
) -> None:
    nurse = sign_in(api, "nurse.card", "pc-card")
    batch = [entry(nurse.user_id), entry(nurse.user_id, "print")]
    assert [r["status"] for r in send(nurse, *batch)] == ["recorded", "recorded"]
    again = [entry(nurse.user_id), *batch, batch[0]]
    assert [r["status"] for r in send(nurse, *again)] == [
        "recorded",
        "duplicate",
        "duplicate",
        "duplicate",
    ]
    assert len(audit_rows(server_engine, "chart_opened")) == 2
    assert len(audit_rows(server_engine, "print")) == 1


def test_another_users_signed_entry_is_taken_and_unsigned_refused(
    api: TestClient, server_engine: Engine
) -> None:
    doctor = sign_in(api, "doc.card", "pc-card")
    private = register_key(server_engine, doctor.user_id, "pc-card")
    nurse = sign_in(
        api, "nurse.card", "pc-card"
    )  # the doctor left; the nurse's sync sends his reads
    good = signed(private, entry(doctor.user_id, "logout_offline"), "pc-card")
    wrong_device = signed(private, entry(doctor.user_id, "logout_offline"), "pc-other")
    altered = {
        **signed(private, entry(doctor.user_id, "logout_offline"), "pc-card"),
        "patient_id": uuid7(),
    }
    unsigned = entry(doctor.user_id, "logout_offline")
    results = send(nurse, good, wrong_device, altered, unsigned)
    assert [r["status"] for r in results] == ["recorded", "refused", "refused", "refused"]
    rows = audit_rows(server_engine, "logout_offline")
    assert [r.actor_id for r in rows] == [doctor.user_id]
    assert f'"reported_by":"{nurse.user_id}"' in rows[0].detail


def test_a_revoked_key_signs_nothing(api: TestClient, server_engine: Engine) -> None:
    doctor = sign_in(api, "doc.card", "pc-card")
    private = register_key(server_engine, doctor.user_id, "pc-card")
    with writer(server_engine) as conn:
        conn.execute(update(signing_keys).values(revoked_at=now_iso(), revoked_reason="left"))
    nurse = sign_in(api, "nurse.card", "pc-card")
    item = signed(private, entry(doctor.user_id), "pc-card")
    assert send(nurse, item)[0]["status"] == "refused"


@pytest.mark.parametrize("bad", [
    {"patient_id": {"$ne": None}}, {"patient_id": "x" * 37}, {"entry_id": 7}, {"entry_id": "x" * 65},
    {"action": "rm -rf"}, {"at": "yesterday"}, {"user_id": ["a"]}, {"signature": 12},
])  # fmt: skip
def test_a_malformed_entry_is_refused_not_a_server_error(
    api: TestClient, server_engine: Engine, bad: dict[str, Any]
) -> None:  # fmt: skip
    nurse = sign_in(api, "nurse.card", "pc-card")
    results = send(nurse, {**entry(nurse.user_id), **bad}, entry(nurse.user_id))
    assert [r["status"] for r in results] == ["refused", "recorded"]
    assert results[0]["code"] == "invalid"


def test_a_body_without_entries_is_a_400(api: TestClient) -> None:
    nurse = sign_in(api, "nurse.card", "pc-card")
    for body in ({"entries": {"a": 1}}, {"entries": "x"}, {}):
        assert api.post("/audit/reads", json=body, headers=nurse.headers).status_code == 400
    assert (
        api.post("/audit/reads", json={"entries": ["x"]}, headers=nurse.headers).status_code == 200
    )
