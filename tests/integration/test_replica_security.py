"""PIPL-grade protection of the workstation's own files (real SQLCipher, real keyring API)."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from offline_cache import keystore
from offline_cache.keystore import KeyringUnavailable, MissingReplicaKey
from offline_cache.replica import ReplicaUnreadable, open_replica
from offline_cache.workstation import Workstation
from tests.support.ward import PASSWORD, admission, seed_ward, vitals

PATIENT_NAME = "欧阳震华"
LATIN_NAME = "Theodora Quibblesworth"


def written_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


@pytest.fixture
def ward(server_engine):
    return seed_ward(server_engine)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_no_patient_name_in_any_file_the_workstation_wrote(tmp_path, live_server, ward):
    data_dir = tmp_path / "pc"
    ws = Workstation.open(data_dir, server_url=live_server.url, ward_id="CARD")
    ws.login(ward.doctor, PASSWORD)
    for name in (PATIENT_NAME, LATIN_NAME):
        patient = ws.admit_patient(admission(name, "1")).patient_id
        ws.record("VitalsRecorded", patient_id=patient, payload=vitals())
        ws.open_chart(patient)
    ws.sync()
    assert [p["name"] for p in ws.find_patients("oyzh")] == [PATIENT_NAME]  # the data is there...

    files = written_files(data_dir)
    assert any(p.name.endswith("-wal") for p in files), "the WAL must be checked too"
    replica = data_dir / "replica.db"
    assert not replica.read_bytes().startswith(b"SQLite format 3")
    needles = [n.encode(enc) for n in (PATIENT_NAME, LATIN_NAME) for enc in ("utf-8", "utf-16-le")]
    for path in files:  # ...but in no file in a readable form: database, WAL, logs, settings
        content = path.read_bytes()
        assert not any(needle in content for needle in needles), (
            f"patient name found in {path.name}"
        )
    ws.close()


def test_missing_key_is_refused_and_the_file_is_left_alone(tmp_path):
    path = tmp_path / "replica.db"
    open_replica(path, "device-1").dispose()
    before = path.read_bytes()
    keyring.delete_password(keystore.SERVICE, "replica-key:device-1")
    with pytest.raises(MissingReplicaKey, match="key is missing"):
        open_replica(path, "device-1")
    assert path.read_bytes() == before  # not recreated, not replaced, never unencrypted


def test_wrong_key_is_refused(tmp_path):
    path = tmp_path / "replica.db"
    open_replica(path, "device-1").dispose()
    keyring.set_password(keystore.SERVICE, "replica-key:device-1", "11" * 32)
    with pytest.raises(ReplicaUnreadable):
        open_replica(path, "device-1")


def test_no_secure_keyring_is_said_plainly(tmp_path, monkeypatch):
    keystore.forget_accepted_backends()
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(KeyringUnavailable, match="no secure password store"):
        open_replica(tmp_path / "replica.db", "device-1")
    assert not (tmp_path / "replica.db").exists()


def test_plaintext_keyring_is_not_used_unless_accepted_in_process(tmp_path, monkeypatch):
    keystore.forget_accepted_backends()  # the test's plaintext keyring is still the one in use
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))
    with pytest.raises(KeyringUnavailable, match="not secure"):
        keystore.check_backend()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_refresh_token_lives_in_the_keyring_not_in_files(tmp_path, live_server, ward):
    data_dir = tmp_path / "pc"
    ws = Workstation.open(data_dir, server_url=live_server.url, ward_id="CARD")
    session = ws.login(ward.nurse, PASSWORD)
    token = keystore.load_refresh_token(session.user_id)
    assert token
    for path in written_files(data_dir):
        assert token.encode() not in path.read_bytes()
    ws.logout()
    assert keystore.load_refresh_token(session.user_id) is None


def test_only_the_demo_falls_back_to_a_keyring_file_in_its_own_folder(tmp_path, monkeypatch):
    keystore.forget_accepted_backends()
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(KeyringUnavailable):  # a real station refuses
        open_replica(tmp_path / "station.db", "device-1")
    assert (
        keystore.use_demo_keyring(tmp_path / "demo") is True
    )  # `workstation demo` chooses the file
    (tmp_path / "demo").mkdir()
    open_replica(tmp_path / "demo" / "replica.db", "device-demo").dispose()
    assert (tmp_path / "demo" / "demo-keyring.cfg").exists()
