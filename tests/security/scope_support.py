"""An in-process server (FastAPI TestClient) over the test database, with the CARD and RESP
wards, their staff and a records office, and a station helper that records events as a
desktop station does (device_seq counting up per device, one sync_id per sync run, each event
signed by its author's key for the device). The keys are registered as of long ago
(tests.support.signing.ServerKeys), so that these tests judge the device-history bound alone,
not the key's own window."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from tests.support.signing import LONG_AGO, ServerKeys
from tests.support.ward import PASSWORD, admission, seed_ward
from workstation.clock import now_iso
from workstation.ids import uuid7
from workstation.server import auth
from workstation.server.app import create_app
from workstation.server.db import writer
from workstation.server.models import audit_log

# device_id -> its device_seq counter, so two logins on one PC never reuse a number
_SEQS: dict[str, Iterator[int]] = {}


@pytest.fixture
def api(server_engine: Engine) -> Iterator[TestClient]:
    """The server app in process, with the test wards, a RESP nurse and a records office."""
    seed_ward(server_engine)
    with writer(server_engine) as conn:
        auth.add_user(conn, username="nurse.resp", password=PASSWORD, display_name="nurse.resp",
                      role="nurse", wards=["RESP"])  # fmt: skip
        auth.add_user(conn, username="records", password=PASSWORD, display_name="records",
                      role="admin", wards=[])  # fmt: skip
    _SEQS.clear()
    with TestClient(create_app(server_engine)) as client:
        client.server_keys = ServerKeys(server_engine, registered_at=LONG_AGO)  # type: ignore[attr-defined]
        yield client


@dataclass
class Station:
    """One user logged in on one device."""

    api: TestClient
    user_id: str
    device_id: str
    token: str
    sync_id: str = field(default_factory=uuid7)

    @property
    def headers(self) -> dict[str, str]:
        """The bearer header of this login."""
        return {"Authorization": f"Bearer {self.token}"}

    def event(self, event_type: str, patient_id: str | None, payload: dict[str, Any],
              *, recorded_at: str | None = None, seq: int | None = None) -> dict[str, Any]:  # fmt: skip
        """A well-formed wire event by this user on this device, signed."""
        counter = _SEQS.setdefault(self.device_id, itertools.count(1))
        return self.api.server_keys.sign({  # type: ignore[attr-defined]
            "event_id": uuid7(), "type": event_type, "patient_id": patient_id, "author_id": self.user_id,
            "device_id": self.device_id, "device_seq": seq if seq is not None else next(counter),
            "recorded_at": recorded_at or now_iso(), "payload": payload,
        })  # fmt: skip

    def push(self, *events: dict[str, Any], sync_id: str | None = None) -> list[dict[str, Any]]:
        """Push in this station's current sync run (or `sync_id`); the per-event results."""
        body = {"events": list(events), "sync_id": sync_id or self.sync_id}
        answer = self.api.post("/sync/push", json=body, headers=self.headers)
        assert answer.status_code == 200, answer.text
        return answer.json()["results"]

    def new_sync(self) -> None:
        """Start a new sync run (the next station sync)."""
        self.sync_id = uuid7()

    def register(self, ward_id: str) -> Any:
        """POST /devices/register."""
        return self.api.post("/devices/register", json={"ward_id": ward_id}, headers=self.headers)

    def pull_all(self) -> list[dict[str, Any]]:
        """Every event the pull feed gives this login, page after page."""
        after, found = 0, []
        while True:
            answer = self.api.get(
                "/sync/pull", params={"after": after, "limit": 50}, headers=self.headers
            )
            assert answer.status_code == 200, answer.text
            page = answer.json()
            found += page["events"]
            after = page["next_after"]
            if not page["more"]:
                return found

    def admit(self, ward_id: str, record_number: str) -> str:
        """Admit a new patient; the patient id."""
        patient_id = uuid7()
        payload = admission("测试", "1", ward_id=ward_id, record_number=record_number)
        assert (
            self.push(self.event("PatientAdmitted", patient_id, payload))[0]["status"] == "accepted"
        )
        return patient_id


def sign_in(api: TestClient, username: str, device_id: str) -> Station:
    """Log in on a device."""
    answer = api.post(
        "/auth/login", json={"username": username, "password": PASSWORD, "device_id": device_id}
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return Station(api, body["user"]["user_id"], device_id, body["access_token"])


def audit_rows(engine: Engine, action: str) -> list[Any]:
    """The audit rows of one action, oldest first."""
    with engine.connect() as conn:
        return conn.execute(
            select(audit_log).where(audit_log.c.action == action).order_by(audit_log.c.audit_id)
        ).all()
