"""Ward scope (finding 2 and the digest leak of finding 9): a device is registered only to its
user's wards, and pull, history, digest and lookup answer only for the wards that are both the
user's and the device's, plus break-the-glass; every bulk pull is audited (finding 5)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.security.scope_support import Station, api, audit_rows, sign_in
from workstation.clock import now_iso

__all__ = ["api"]  # the fixture, imported for pytest


def _resp_patient(api: TestClient) -> tuple[Station, str]:
    doctor = sign_in(api, "doc.resp", "pc-resp")
    assert doctor.register("RESP").status_code == 200
    patient = doctor.admit("RESP", "R-0001")
    resp = sign_in(api, "nurse.resp", "pc-resp")
    vitals = resp.event("VitalsRecorded", patient, {"taken_at": now_iso(), "pulse_bpm": 88})
    assert resp.push(vitals)[0]["status"] == "accepted"
    return doctor, patient


def test_registering_a_device_to_a_foreign_ward_is_refused_and_audited(
    api: TestClient, server_engine: Engine
) -> None:
    nurse = sign_in(api, "nurse.card", "pc-card")
    assert nurse.register("CARD").status_code == 200
    refused = nurse.register("RESP")
    assert (refused.status_code, refused.json()["error"]) == (403, "forbidden_ward")
    rows = audit_rows(server_engine, "device_register_refused")
    assert [(r.actor_id, r.device_id) for r in rows] == [(nurse.user_id, "pc-card")]
    assert '"RESP"' in rows[0].detail


def test_re_registering_a_device_needs_the_new_ward(api: TestClient) -> None:
    resp, _patient = _resp_patient(api)  # pc-resp registered to RESP, by its physician
    card_on_resp_pc = sign_in(api, "nurse.card", "pc-resp")
    assert card_on_resp_pc.register("RESP").status_code == 403  # not her ward
    assert card_on_resp_pc.register("CARD").status_code == 200  # the PC moves to her ward
    assert resp.register("CARD").status_code == 403  # and a RESP nurse cannot follow it there
    assert resp.register("RESP").status_code == 200
    pharmacist = sign_in(api, "pharm", "pc-pharmacy")
    assert pharmacist.register("RESP").status_code == 200  # hospital-wide
    records = sign_in(api, "records", "pc-records")
    assert records.register("NOWHERE").status_code == 403


def test_no_foreign_ward_event_in_any_pull_history_digest_or_lookup(api: TestClient) -> None:
    _resp, foreign = _resp_patient(api)
    card = sign_in(api, "nurse.card", "pc-card")
    assert card.register("CARD").status_code == 200
    own = sign_in(api, "doc.card", "pc-card").admit("CARD", "C-0001")
    assert card.register("RESP").status_code == 403

    on_card_pc = {e["patient_id"] for e in card.pull_all()}
    assert own in on_card_pc and foreign not in on_card_pc
    on_resp_pc = sign_in(api, "nurse.card", "pc-resp")  # the RESP ward's PC: neither ward is both
    assert {e["patient_id"] for e in on_resp_pc.pull_all()} <= {None}

    for station in (card, on_resp_pc):
        history = api.get(f"/sync/patients/{foreign}/history", headers=station.headers)
        assert history.status_code == 403
        digest = api.post(
            "/sync/digest", json={"patient_ids": [foreign, own]}, headers=station.headers
        )
        assert digest.status_code == 200 and foreign not in digest.json()
        found = api.get(
            "/patients/lookup", params={"record_number": "R-0001"}, headers=station.headers
        )
        assert found.status_code == 200
        assert found.json() == {"patient_id": foreign, "in_scope": False}  # nothing clinical
    assert own in api.post("/sync/digest", json={"patient_ids": [own]}, headers=card.headers).json()


def test_break_the_glass_opens_one_foreign_patient_on_every_read(api: TestClient) -> None:
    doctor, foreign = _resp_patient(api)
    _other_resp = doctor.admit("RESP", "R-0002")
    card = sign_in(api, "nurse.card", "pc-card")
    assert card.register("CARD").status_code == 200
    grant = card.event("BreakGlassInvoked", foreign, {"reason": "arrest call", "minutes": 30})
    assert card.push(grant)[0]["status"] == "accepted"
    assert {e["patient_id"] for e in card.pull_all()} == {foreign}
    assert api.get(f"/sync/patients/{foreign}/history", headers=card.headers).status_code == 200
    assert (
        foreign
        in api.post(
            "/sync/digest", json={"patient_ids": [foreign, _other_resp]}, headers=card.headers
        ).json()
    )
    assert (
        _other_resp
        not in api.post(
            "/sync/digest", json={"patient_ids": [_other_resp]}, headers=card.headers
        ).json()
    )


def test_a_hospital_wide_role_reads_every_ward(api: TestClient) -> None:
    _resp, foreign = _resp_patient(api)
    pharmacist = sign_in(api, "pharm", "pc-pharmacy")
    assert foreign in {e["patient_id"] for e in pharmacist.pull_all()}


def test_every_bulk_pull_with_events_is_audited(api: TestClient, server_engine: Engine) -> None:
    resp, _patient = _resp_patient(api)
    before = len(audit_rows(server_engine, "bulk_pull"))
    answer = api.get("/sync/pull", params={"after": 0}, headers=resp.headers).json()
    rows = audit_rows(server_engine, "bulk_pull")
    assert len(rows) == before + 1
    last = rows[-1]
    assert (last.actor_id, last.device_id) == (resp.user_id, "pc-resp")
    assert '"wards":["RESP"]' in last.detail and f'"events":{len(answer["events"])}' in last.detail
    empty = api.get("/sync/pull", params={"after": answer["next_after"]}, headers=resp.headers)
    assert empty.json()["events"] == []
    assert len(audit_rows(server_engine, "bulk_pull")) == before + 1  # an empty poll is not
