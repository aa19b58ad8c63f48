"""The real server over HTTP, on SQLite and PostgreSQL: health, auth, push/pull, scope and audit."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import Engine, delete, func, select, update

from tests.support.live_server import LiveServer
from tests.support.signing import sign_wire
from workstation.clock import now_iso
from workstation.ids import uuid7
from workstation.security import signing
from workstation.server import audit, refdata
from workstation.server.auth import add_user
from workstation.server.db import writer
from workstation.server.models import alerts, audit_log

PASSWORD = "ward-3-night-shift"
HOME_WARD, OTHER_WARD = "W3", "W5"
STAFF = {  # username: (role, wards)
    "dr_li": ("physician", [HOME_WARD]),
    "nurse_wang": ("nurse", [HOME_WARD]),
    "dr_zhao": ("physician", [OTHER_WARD]),
}


@pytest.fixture
def staff(server_engine: Engine) -> dict[str, str]:
    """Two wards and their staff; returns user ids by user name."""
    with writer(server_engine) as conn:
        refdata.add_ward(
            conn, ward_id=HOME_WARD, name_en="Ward 3", name_zh="三病区", beds=["1", "2"]
        )
        refdata.add_ward(conn, ward_id=OTHER_WARD, name_en="Ward 5", name_zh="五病区", beds=["1"])
        ids = {
            name: add_user(
                conn, username=name, password=PASSWORD, display_name=name, role=role, wards=wards
            )
            for name, (role, wards) in STAFF.items()
        }
        refdata.publish_directory(conn)
    return ids


@pytest.fixture
def http(live_server: LiveServer) -> Iterator[httpx.Client]:
    """An HTTP client pointed at the live server."""
    with httpx.Client(base_url=live_server.url, timeout=30.0) as client:
        yield client


# device_seq is unique per device (the server refuses a taken one), whoever is logged in there
_DEVICE_SEQS: dict[str, Iterator[int]] = {}


@dataclass
class Workstation:
    """One logged-in user on one device, making events the way the desktop client does."""

    http: httpx.Client
    user_id: str
    device_id: str
    access_token: str
    refresh_token: str
    private_key: bytes = field(repr=False, default=b"")

    @property
    def headers(self) -> dict[str, str]:
        """The bearer header of this login."""
        return {"Authorization": f"Bearer {self.access_token}"}

    def event(
        self, event_type: str, patient_id: str | None, payload: dict[str, Any]
    ) -> dict[str, Any]:
        """A new well-formed event envelope authored by this user on this device."""
        return {
            "event_id": uuid7(), "type": event_type, "patient_id": patient_id, "author_id": self.user_id,
            "device_id": self.device_id, "device_seq": next(_DEVICE_SEQS.setdefault(self.device_id, itertools.count(1))), "recorded_at": now_iso(),
            "payload": payload,
        }  # fmt: skip

    def push(self, *events: dict[str, Any]) -> list[dict[str, Any]]:
        """Push events, signing with this login's key those not signed yet; the per-event results."""
        signed = [e if "signature" in e else sign_wire(self.private_key, e) for e in events]
        response = self.http.post("/sync/push", json={"events": signed}, headers=self.headers)
        assert response.status_code == 200, response.text
        return response.json()["results"]

    def pull(self, after: int = 0, limit: int = 1000) -> dict[str, Any]:
        """One page of the pull feed."""
        response = self.http.get(
            "/sync/pull", params={"after": after, "limit": limit}, headers=self.headers
        )
        assert response.status_code == 200, response.text
        return response.json()

    def admit(self, ward_id: str = HOME_WARD) -> str:
        """Admit a new patient to ward_id and return the patient id."""
        patient_id = uuid7()
        result = self.push(self.event("PatientAdmitted", patient_id, admission(ward_id)))
        assert result[0]["status"] == "accepted", result
        return patient_id


def admission(ward_id: str) -> dict[str, Any]:
    """A PatientAdmitted payload for a made-up patient."""
    return {
        "record_number": f"MRN-{uuid7()[-8:]}", "name": "测试 患者", "sex": "female",
        "birth_date": "1948-03-02", "ward_id": ward_id, "bed": "1", "admitted_at": now_iso(),
    }  # fmt: skip


def vitals(pulse: int) -> dict[str, Any]:
    """A VitalsRecorded payload."""
    return {"taken_at": now_iso(), "pulse_bpm": pulse}


def login(
    http: httpx.Client, username: str, password: str = PASSWORD, device: str = "ws-1",
    signing_key: str | None = None,
) -> httpx.Response:  # fmt: skip
    """POST /auth/login (registering signing_key, a public key, when given)."""
    body = {"username": username, "password": password, "device_id": device}
    return http.post(
        "/auth/login", json=body | ({"signing_key": signing_key} if signing_key else {})
    )


def sign_in(http: httpx.Client, username: str, device: str = "ws-1") -> Workstation:
    """Log in as a station does (registering a fresh signing key) and return the session; like a
    station at an online login, the device is registered to the user's first ward (a device reads
    only its own ward)."""
    private_key = signing.new_private_key()
    response = login(http, username, device=device, signing_key=signing.public_key_of(private_key))
    assert response.status_code == 200, response.text
    body = response.json()
    station = Workstation(http, body["user"]["user_id"], device, body["access_token"],
                          body["refresh_token"], private_key)  # fmt: skip
    if body["user"]["wards"]:
        registered = http.post(
            "/devices/register", json={"ward_id": body["user"]["wards"][0]}, headers=station.headers
        )
        assert registered.status_code == 200, registered.text
    return station


def metric_samples(http: httpx.Client) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """GET /metrics and parse the Prometheus text into {(name, labels): value}."""
    response = http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def test_health_readiness_and_prometheus_metrics(http: httpx.Client, staff: dict[str, str]) -> None:
    healthz_count = ("cw_request_seconds_count", (("route", "/healthz"),))
    before = metric_samples(http)[healthz_count]  # the fixture's own readiness probes count too
    assert http.get("/healthz").json() == {"status": "ok"}
    ready = http.get("/readyz")
    assert (ready.status_code, ready.json()) == (200, {"status": "ready"})
    assert login(http, "dr_li", password="not-the-password").status_code == 401
    assert login(http, "dr_li").status_code == 200

    samples = metric_samples(http)
    assert samples[healthz_count] == before + 1
    assert samples[("cw_logins_total", (("outcome", "bad_credentials"),))] == 1.0
    assert samples[("cw_logins_total", (("outcome", "ok"),))] == 1.0


def test_login_push_pull_round_trip(http: httpx.Client, staff: dict[str, str]) -> None:
    doctor = sign_in(http, "dr_li", device="ws-doctor")
    patient_id = uuid7()
    admitted = doctor.event("PatientAdmitted", patient_id, admission(HOME_WARD))
    pulse = doctor.event("VitalsRecorded", patient_id, vitals(88))
    results = doctor.push(admitted, pulse)
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    assert [r["event_id"] for r in results] == [admitted["event_id"], pulse["event_id"]]
    assert results[0]["server_seq"] < results[1]["server_seq"]

    nurse = sign_in(http, "nurse_wang", device="ws-station")
    pulled = nurse.pull()["events"]
    assert [e["event_id"] for e in pulled] == [admitted["event_id"], pulse["event_id"]]
    assert pulled[1]["payload"] == pulse["payload"]
    assert pulled[1]["server_seq"] == results[1]["server_seq"]
    assert pulled[1]["received_at"]

    other_ward = sign_in(http, "dr_zhao", device="ws-w5")
    assert other_ward.pull()["events"] == []


def test_replay_is_a_duplicate_and_changed_content_is_tampering(
    http: httpx.Client, staff: dict[str, str]
) -> None:
    doctor = sign_in(http, "dr_li")
    patient_id = doctor.admit()
    pulse = doctor.event("VitalsRecorded", patient_id, vitals(72))
    [first] = doctor.push(pulse)
    assert first["status"] == "accepted"

    [again] = doctor.push(pulse)
    assert again == {
        "event_id": pulse["event_id"],
        "status": "duplicate",
        "server_seq": first["server_seq"],
    }

    [altered] = doctor.push({**pulse, "payload": vitals(140)})
    assert (altered["status"], altered["code"]) == ("rejected", "tampered")
    stored = [e for e in doctor.pull()["events"] if e["event_id"] == pulse["event_id"]]
    assert [e["payload"]["pulse_bpm"] for e in stored] == [72]


def test_malformed_json_body_is_a_clear_400(http: httpx.Client, staff: dict[str, str]) -> None:
    doctor = sign_in(http, "dr_li")
    headers = {**doctor.headers, "Content-Type": "application/json"}
    response = http.post("/sync/push", content=b'{"events": [', headers=headers)
    assert response.status_code == 400
    assert response.json()["error"] == "bad_json"
    assert "not valid JSON" in response.json()["message"]

    not_an_object = http.post(
        "/auth/login", content=b"[1, 2]", headers={"Content-Type": "application/json"}
    )
    assert not_an_object.status_code == 400
    assert "JSON object" in not_an_object.json()["message"]


def test_five_wrong_passwords_do_not_lock_the_account(
    http: httpx.Client, staff: dict[str, str]
) -> None:
    """Failures slow the address down (tests/security) but five of them lock nobody out."""
    for _attempt in range(5):
        wrong = login(http, "nurse_wang", password="wrong-password")
        assert (wrong.status_code, wrong.json()["error"]) == (401, "bad_credentials")
    assert login(http, "nurse_wang").status_code == 200
    assert login(http, "dr_li").status_code == 200  # other users are not affected


def test_refresh_rotates_and_a_replayed_refresh_token_ends_the_login(
    http: httpx.Client, staff: dict[str, str]
) -> None:
    doctor = sign_in(http, "dr_li")
    rotated = http.post("/auth/refresh", json={"refresh_token": doctor.refresh_token})
    assert rotated.status_code == 200, rotated.text
    fresh = rotated.json()
    assert fresh["refresh_token"] != doctor.refresh_token
    assert fresh["access_token"] != doctor.access_token
    new_headers = {"Authorization": f"Bearer {fresh['access_token']}"}
    assert http.get("/sync/hello", headers=new_headers).status_code == 200
    assert http.get("/sync/hello", headers=doctor.headers).status_code == 401  # old access revoked

    again = http.post("/auth/refresh", json={"refresh_token": fresh["refresh_token"]})
    assert again.status_code == 200, again.text
    newest = again.json()
    newest_headers = {"Authorization": f"Bearer {newest['access_token']}"}

    # the first token again, after its successor was used: that is no lost answer but a replay
    replay = http.post("/auth/refresh", json={"refresh_token": doctor.refresh_token})
    assert (replay.status_code, replay.json()["error"]) == (401, "revoked")
    # the replay looks like a stolen token: the whole login, including the rotated tokens, ends
    assert http.get("/sync/hello", headers=newest_headers).status_code == 401
    assert (
        http.post("/auth/refresh", json={"refresh_token": newest["refresh_token"]}).status_code
        == 401
    )


def test_logout_revokes_access_and_refresh_tokens(
    http: httpx.Client, staff: dict[str, str]
) -> None:
    doctor = sign_in(http, "dr_li")
    assert http.get("/sync/hello", headers=doctor.headers).status_code == 200
    assert http.post("/auth/logout", headers=doctor.headers).status_code == 200
    after = http.get("/sync/hello", headers=doctor.headers)
    assert (after.status_code, after.json()["error"]) == (401, "revoked")
    assert (
        http.post("/auth/refresh", json={"refresh_token": doctor.refresh_token}).status_code == 401
    )
    assert http.get("/sync/hello").json()["error"] == "no_token"


def test_a_nurse_cannot_place_a_medication_order(http: httpx.Client, staff: dict[str, str]) -> None:
    patient_id = sign_in(http, "dr_li", device="ws-doctor").admit()
    nurse = sign_in(http, "nurse_wang", device="ws-station")
    medication = {
        "drug_code": "AMOX500", "drug_name": "amoxicillin", "dose_value": 500, "dose_unit": "mg",
        "route": "po", "frequency": "tid",
    }  # fmt: skip
    drug_order = {
        "order_kind": "medication",
        "description": "amoxicillin 500 mg po tid",
        "medication": medication,
    }
    nursing_order = {"order_kind": "nursing", "description": "turn every 2 hours"}
    refused, allowed = nurse.push(
        nurse.event("OrderPlaced", patient_id, drug_order),
        nurse.event("OrderPlaced", patient_id, nursing_order),
    )
    assert (refused["status"], refused["code"]) == ("rejected", "forbidden")
    assert allowed["status"] == "accepted"


def test_another_wards_patient_needs_break_the_glass(
    http: httpx.Client, staff: dict[str, str], server_engine: Engine
) -> None:
    patient_id = sign_in(http, "dr_li", device="ws-w3").admit(HOME_WARD)
    outsider = sign_in(http, "dr_zhao", device="ws-w5")
    history_url = f"/sync/patients/{patient_id}/history"

    refused = http.get(history_url, headers=outsider.headers)
    assert (refused.status_code, refused.json()["error"]) == (403, "out_of_scope")

    grant = outsider.event(
        "BreakGlassInvoked", patient_id, {"reason": "cardiac arrest call", "minutes": 30}
    )
    assert outsider.push(grant)[0]["status"] == "accepted"
    allowed = http.get(history_url, headers=outsider.headers)
    assert allowed.status_code == 200
    assert [e["type"] for e in allowed.json()["events"]] == ["PatientAdmitted", "BreakGlassInvoked"]

    with server_engine.connect() as conn:
        actions = conn.execute(
            select(audit_log.c.action)
            .where(audit_log.c.patient_id == patient_id)
            .order_by(audit_log.c.audit_id)
        ).scalars()
        assert [a for a in actions if a.startswith("chart_")] == ["chart_refused", "chart_backfill"]
        assert conn.execute(
            select(alerts.c.kind).where(alerts.c.patient_id == patient_id)
        ).scalars().all() == ["break_glass"]


def test_pull_paging_never_skips_or_repeats_an_event(
    http: httpx.Client, staff: dict[str, str]
) -> None:
    doctor = sign_in(http, "dr_li", device="ws-doctor")
    elsewhere = sign_in(http, "dr_zhao", device="ws-w5")
    patient_id, foreign_id = doctor.admit(), elsewhere.admit(OTHER_WARD)
    expected = [doctor.pull()["events"][0]["event_id"]]

    def record(count: int) -> None:
        for pulse in range(count):
            mine = doctor.event("VitalsRecorded", patient_id, vitals(60 + pulse))
            theirs = elsewhere.event("VitalsRecorded", foreign_id, vitals(90 + pulse))
            assert [r["status"] for r in doctor.push(mine) + elsewhere.push(theirs)] == [
                "accepted"
            ] * 2
            expected.append(mine["event_id"])

    record(10)
    seen: list[int] = []
    pulled: list[str] = []
    after, pages = 0, 0
    while True:
        page = doctor.pull(after=after, limit=3)
        seen += [e["server_seq"] for e in page["events"]]
        pulled += [e["event_id"] for e in page["events"]]
        after, pages = page["next_after"], pages + 1
        if pages <= 3:
            record(2)  # new events arrive while the workstation is paging
        elif not page["more"]:
            break
        assert pages < 50, "paging does not end"

    assert seen == sorted(set(seen)), "a server_seq was repeated or came out of order"
    assert pulled == expected
    assert doctor.pull(after=after)["events"] == []


def test_an_altered_audit_row_is_detected(
    http: httpx.Client, staff: dict[str, str], server_engine: Engine
) -> None:
    doctor = sign_in(http, "dr_li")
    doctor.admit()
    assert http.post("/auth/logout", headers=doctor.headers).status_code == 200
    assert audit.verify(server_engine) is None

    with writer(server_engine) as conn:
        login_row = conn.execute(
            select(audit_log.c.audit_id).where(audit_log.c.action == "login")
        ).scalar_one()
        conn.execute(
            update(audit_log)
            .where(audit_log.c.audit_id == login_row)
            .values(actor_id="someone-else")
        )
    broken = audit.verify(server_engine)
    assert broken is not None
    assert broken.audit_id == login_row


def test_accepted_events_survive_a_killed_server(
    http: httpx.Client, staff: dict[str, str], live_server: LiveServer
) -> None:
    doctor = sign_in(http, "dr_li")
    patient_id = doctor.admit()
    pulse = doctor.event("VitalsRecorded", patient_id, vitals(64))
    [accepted] = doctor.push(pulse)
    assert accepted["status"] == "accepted"

    live_server.kill()  # SIGKILL right after the answer: no clean shutdown
    assert not live_server.running
    with pytest.raises(httpx.TransportError):
        http.get("/healthz")
    live_server.start()  # same port, same database

    assert [r["status"] for r in doctor.push(pulse)] == ["duplicate"]
    assert pulse["event_id"] in [e["event_id"] for e in doctor.pull()["events"]]


def test_an_event_is_accepted_only_with_its_authors_signature_whoever_pushes_it(
    http: httpx.Client, staff: dict[str, str]
) -> None:
    doctor = sign_in(http, "dr_li", device="ws-doctor")
    patient_id = doctor.admit()
    nurse = sign_in(http, "nurse_wang", device="ws-station")
    forged = nurse.event(
        "NoteSigned", patient_id, {"note_type": "daily_progress_note", "text": "x"}
    )
    forged["author_id"] = doctor.user_id  # the nurse's token and key, the doctor's name
    (result,) = nurse.push(forged)
    assert (result["status"], result["code"]) == ("rejected", "bad_signature")

    at_station = sign_in(http, "dr_li", device="ws-station")  # the doctor works there too
    relayed = at_station.event(
        "NoteSigned", patient_id, {"note_type": "daily_progress_note", "text": "y"}
    )
    relayed = sign_wire(at_station.private_key, relayed)  # recorded by the doctor...
    (result,) = nurse.push(relayed)  # ...sent later under the nurse's login
    assert result["status"] == "accepted"


def test_only_the_author_may_void_an_event(http: httpx.Client, staff: dict[str, str]) -> None:
    doctor = sign_in(http, "dr_li", device="ws-doctor")
    patient_id = doctor.admit()
    nurse = sign_in(http, "nurse_wang", device="ws-station")
    (vitals_result,) = nurse.push(taken := nurse.event("VitalsRecorded", patient_id, vitals(90)))
    assert vitals_result["status"] == "accepted"
    void = {"target_event_id": taken["event_id"], "reason": "wrong patient"}
    (by_doctor,) = doctor.push(doctor.event("EventVoided", patient_id, void))
    assert (by_doctor["status"], by_doctor["code"]) == ("rejected", "forbidden")
    (by_nurse,) = nurse.push(nurse.event("EventVoided", patient_id, void))
    assert by_nurse["status"] == "accepted"


def test_rows_cut_from_the_end_of_the_audit_log_are_detected(
    http: httpx.Client, staff: dict[str, str], server_engine: Engine
) -> None:
    doctor = sign_in(http, "dr_li")
    doctor.admit()
    assert audit.verify(server_engine) is None
    with writer(server_engine) as conn:
        last = conn.execute(select(func.max(audit_log.c.audit_id))).scalar_one()
        conn.execute(delete(audit_log).where(audit_log.c.audit_id == last))
    broken = audit.verify(server_engine)
    assert broken is not None and broken.audit_id == last
    assert f"ends at row {last - 1}" in broken.reason
