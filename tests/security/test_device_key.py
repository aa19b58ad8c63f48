"""Device ids are proven, not asserted (issue 10, finding 1's device half): a station claims its
device id with its device key at its first login (trust on first use); a user who logs in under
that id without the key is refused before any password is checked, so they can neither take the
station's next device_seq values nor add device-time marks that make its offline events look
backdated. A revoked device id never logs in again; an older replica gets its device key."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy import text as sql

from offline_cache.session import LoginRefused
from offline_cache.tables import device_key as replica_device_key
from offline_cache.workstation import Workstation
from tests.support.live_server import LiveServer
from tests.support.ward import PASSWORD, admission, seed_ward
from workstation.clock import iso, now_iso, utc_now
from workstation.security import signing
from workstation.server import cli
from workstation.server.models import audit_log, device_keys, device_sync_marks, events
from workstation.server.models import login_throttle as throttle_rows

FAST = {"attempts": 2, "base_delay": 0.01, "timeout": 5.0}
NOTE = {"note_type": "nursing_note", "text": "Settled overnight."}


@pytest.fixture
def station(
    server_engine: Engine, live_server: LiveServer, tmp_path: Path
) -> Iterator[Workstation]:
    """A CARD workstation of the seeded test ward."""
    seed_ward(server_engine)
    ws = Workstation.open(tmp_path / "station", server_url=live_server.url, ward_id="CARD", **FAST)
    yield ws
    ws.close()


def proof_fields(private_key: bytes, user: str, device_id: str, **override: str) -> dict[str, str]:
    """A device key's login proof, as a station sends it (fields overridable to spoil it)."""
    return signing.device_proof(
        private_key, user=user, device_id=device_id,
        issued_at=override.get("issued_at", now_iso()), nonce=secrets.token_urlsafe(24),
    )  # fmt: skip


def by_hand(url: str, username: str, device_id: str, password: str = PASSWORD,
            **extra: Any) -> httpx.Response:  # fmt: skip
    """POST /auth/login as a user's own tool would, naming any device id."""
    body = {"username": username, "password": password, "device_id": device_id} | extra
    return httpx.post(f"{url}/auth/login", json=body, timeout=30)


def count(engine: Engine, table: Any, *where: Any) -> int:
    """Rows of a server table."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())


def test_another_users_login_under_a_claimed_device_id_is_refused_and_the_station_is_unharmed(
    station: Workstation, live_server: LiveServer, server_engine: Engine
) -> None:  # fmt: skip
    station.login("doc.card", PASSWORD)  # the station's first login claims its id
    device = station.store.device_id
    patient = station.record("PatientAdmitted", patient_id="0190b8e2-7c3a-7d1e-9f00-00000000d001",
                             payload=admission("孙八", "6", record_number="MRN-D1"))  # fmt: skip
    assert not station.sync().rejected
    with server_engine.connect() as conn:
        marks_before = conn.execute(select(device_sync_marks)).all()
    station.record("NoteSigned", patient_id=patient.patient_id, payload=NOTE)  # offline: in outbox

    stranger_key = signing.new_private_key()
    tries = [
        by_hand(live_server.url, "doc.resp", device),  # no device key at all
        by_hand(
            live_server.url, "doc.resp", device, **proof_fields(stranger_key, "doc.resp", device)
        ),  # her own key  # fmt: skip
        by_hand(live_server.url, "doc.resp", device, password="wrong-guess"),
    ]
    assert [t.status_code for t in tries] == [403, 403, 403]
    assert {t.json()["error"] for t in tries} == {"device_mismatch"}
    assert "another station" in tries[0].json()["message"]
    assert not any("access_token" in t.json() for t in tries)  # no token: she can push nothing
    assert count(server_engine, audit_log, audit_log.c.action == "login_device_refused") == 3
    # refused before the password: not checked, not counted against her, nothing issued
    assert count(server_engine, audit_log, audit_log.c.action.in_(["login", "login_failed"]),
                 audit_log.c.device_id == device) == 1  # the doctor's own login  # fmt: skip
    assert count(server_engine, throttle_rows) == 0
    with server_engine.connect() as conn:
        assert conn.execute(select(device_sync_marks)).all() == marks_before
    assert count(server_engine, device_keys, device_keys.c.device_id == device) == 1

    report = station.sync()  # the station's offline note goes in: no seq taken, not backdated
    assert not report.rejected
    assert count(server_engine, events, events.c.device_id == device) == 2
    assert station.login("nurse.card", PASSWORD).online  # the real station still logs in


def test_a_station_claims_an_unclaimed_id_only_with_a_proven_login(
    live_server: LiveServer, server_engine: Engine
) -> None:  # fmt: skip
    seed_ward(server_engine)
    key, url = signing.new_private_key(), live_server.url
    wrong = by_hand(url, "nurse.card", "pc-new", password="nope",
                    **proof_fields(key, "nurse.card", "pc-new"))  # fmt: skip
    assert wrong.status_code == 401  # a wrong password claims nothing
    assert count(server_engine, device_keys) == 0
    stale = proof_fields(key, "nurse.card", "pc-new", issued_at=iso(utc_now() - timedelta(days=8)))
    assert by_hand(url, "nurse.card", "pc-new", **stale).json()["error"] == "device_stale"
    other_user = proof_fields(key, "doc.card", "pc-new")  # signed for another login
    assert by_hand(url, "nurse.card", "pc-new", **other_user).json()["error"] == "device_mismatch"
    first = proof_fields(key, "nurse.card", "pc-new")
    assert by_hand(url, "nurse.card", "pc-new", **first).status_code == 200
    assert by_hand(url, "nurse.card", "pc-new", **first).json()["error"] == "replayed"
    assert count(server_engine, audit_log, audit_log.c.action == "device_key_registered") == 1
    assert by_hand(url, "doc.card", "pc-new", **proof_fields(key, "doc.card", "pc-new")).is_success
    assert by_hand(url, "doc.card", "pc-other").is_success  # ids nobody claimed: tools, tests


def test_a_revoked_device_never_logs_in_again(
    station: Workstation, live_server: LiveServer, database_url: str, server_engine: Engine
) -> None:  # fmt: skip
    station.login("doc.card", PASSWORD)
    device = station.store.device_id
    assert cli.main(["device", "revoke", "--database", database_url, "--device-id", device]) == 0
    with pytest.raises(LoginRefused, match="revoked"):
        station.login("doc.card", PASSWORD)
    assert by_hand(live_server.url, "doc.card", device).json()["error"] == "device_revoked"
    assert cli.main(["device", "revoke", "--database", database_url, "--device-id", "pc-x"]) == 0
    assert by_hand(live_server.url, "doc.card", "pc-x").status_code == 403  # never claimed
    with server_engine.connect() as conn:
        assert conn.execute(select(device_keys.c.revoked_at).where(
            device_keys.c.device_id == device)).scalar() is not None  # fmt: skip


def test_an_older_replica_gets_a_device_key_and_claims_its_id(
    server_engine: Engine, live_server: LiveServer, tmp_path: Path
) -> None:  # fmt: skip
    seed_ward(server_engine)
    folder = tmp_path / "old-station"
    ws = Workstation.open(folder, server_url=live_server.url, ward_id="CARD", **FAST)
    with ws.store.writing() as conn:  # as a replica made before device keys
        conn.execute(sql("DROP TABLE device_key"))
    ws.close()
    ws = Workstation.open(folder, server_url=live_server.url, ward_id="CARD", **FAST)
    try:
        with ws.store.reading() as conn:
            public_key = conn.execute(select(replica_device_key.c.public_key)).scalar_one()
        ws.login("nurse.card", PASSWORD)
        with server_engine.connect() as conn:
            claimed = conn.execute(select(device_keys.c.public_key).where(
                device_keys.c.device_id == ws.store.device_id)).scalar_one()  # fmt: skip
        assert claimed == public_key
    finally:
        ws.close()
