"""A second person's check on a high-alert dose, against the verifiers cached on this PC."""

from __future__ import annotations

import pytest

from offline_cache.session import LoginRefused
from offline_cache.workstation import Workstation
from tests.support.ward import PASSWORD, seed_ward


def test_cosigner_is_checked_against_the_verifier_cached_on_this_pc(
    tmp_path, live_server, server_engine
):
    ward = seed_ward(server_engine)
    ws = Workstation.open(tmp_path / "pc", server_url=live_server.url, ward_id="CARD",
                          attempts=2, base_delay=0.01, timeout=5)  # fmt: skip
    try:
        ws.login(ward.pharmacist, PASSWORD)  # the second person has logged in here before
        ws.login(ward.nurse, PASSWORD)
        live_server.stop()  # checked locally: works offline
        witness = ws.sessions.verify_cosigner(ward.pharmacist, PASSWORD)
        assert witness.username == ward.pharmacist and witness.user_id != ws.user.user_id
        assert ws.user.username == ward.nurse  # the nurse stays logged in
        with pytest.raises(LoginRefused, match="wrong user name or password"):
            ws.sessions.verify_cosigner(ward.pharmacist, "not the password")
        with pytest.raises(LoginRefused, match="has not logged in online"):
            ws.sessions.verify_cosigner(ward.doctor, PASSWORD)
        with pytest.raises(LoginRefused, match="another person"):
            ws.sessions.verify_cosigner(ward.nurse, PASSWORD)
    finally:
        ws.close()
