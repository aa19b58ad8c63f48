"""Finding 11b: a refresh whose answer was lost is retried with the same (now used) token and
gets the same new tokens; a replay outside that narrow case still ends the whole login."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import Engine, select, update

from offline_cache import keystore
from offline_cache.workstation import Workstation
from tests.chaos.conftest import PASSWORD as CHAOS_PASSWORD
from tests.chaos.conftest import Site
from tests.chaos.fault_proxy import FaultProxy
from tests.security.conftest import DOCTOR, login
from tests.support.live_server import LiveServer
from workstation.clock import iso, utc_now
from workstation.server.db import writer
from workstation.server.models import auth_tokens, refresh_replies


def _refresh(http: httpx.Client, token: str) -> httpx.Response:
    return http.post("/auth/refresh", json={"refresh_token": token})


def _alive(http: httpx.Client, access: str) -> bool:
    return http.get("/sync/hello", headers={"Authorization": f"Bearer {access}"}).status_code == 200


@pytest.fixture
def http(serve: Callable[..., httpx.Client], staff: dict[str, str]) -> httpx.Client:
    """A client of the app over this test's database and staff."""
    return serve()


def test_the_same_used_token_again_gets_the_same_tokens(http: httpx.Client) -> None:
    first = login(http, DOCTOR).json()
    answer = _refresh(http, first["refresh_token"])
    retried = _refresh(http, first["refresh_token"])
    assert retried.status_code == 200, retried.text
    assert retried.json() == answer.json()
    assert _alive(http, answer.json()["access_token"])
    assert _refresh(http, answer.json()["refresh_token"]).status_code == 200  # and it rotates on


def test_the_tokens_are_not_kept_in_clear(http: httpx.Client, server_engine: Engine) -> None:
    first = login(http, DOCTOR).json()
    answer = _refresh(http, first["refresh_token"]).json()
    with writer(server_engine) as conn:
        [sealed] = conn.execute(select(refresh_replies.c.sealed)).scalars()
    for token in (answer["access_token"], answer["refresh_token"]):
        assert token.encode() not in sealed


def test_a_replay_after_the_window_ends_the_login(
    http: httpx.Client, server_engine: Engine
) -> None:
    first = login(http, DOCTOR).json()
    answer = _refresh(http, first["refresh_token"]).json()
    with writer(server_engine) as conn:  # a minute and more passes
        conn.execute(update(refresh_replies).values(used_at=iso(utc_now() - timedelta(seconds=61))))
    replay = _refresh(http, first["refresh_token"])
    assert (replay.status_code, replay.json()["error"]) == (401, "revoked")
    assert not _alive(http, answer["access_token"])
    assert _refresh(http, answer["refresh_token"]).status_code == 401


def test_a_stale_token_replayed_after_its_successor_was_used_ends_the_login(
    http: httpx.Client,
) -> None:
    first = login(http, DOCTOR).json()
    second = _refresh(http, first["refresh_token"]).json()
    third = _refresh(http, second["refresh_token"]).json()
    replay = _refresh(http, first["refresh_token"])  # within the minute, but no lost answer
    assert (replay.status_code, replay.json()["error"]) == (401, "revoked")
    assert not _alive(http, third["access_token"])
    assert _refresh(http, third["refresh_token"]).status_code == 401


def test_a_lost_refresh_answer_does_not_log_the_nurse_out(
    site: Site, server_engine: Engine, live_server: LiveServer,
    make_proxy: Callable[..., FaultProxy], open_workstation: Callable[..., Workstation],
) -> None:  # fmt: skip
    """The real fault proxy drops the answer after the server committed the refresh."""
    proxy = make_proxy(paths=("/auth/refresh",))
    ws = open_workstation(proxy.url, site.ward_id)
    ws.login(site.nurse, CHAOS_PASSWORD)
    used = keystore.load_refresh_token(ws.user.user_id)
    with writer(server_engine) as conn:  # the access token runs out: the next sync refreshes
        conn.execute(update(auth_tokens).where(auth_tokens.c.kind == "access")
                     .values(expires_at=iso(utc_now() - timedelta(seconds=1))))  # fmt: skip
    proxy.set_faults(None, script=["drop_response"])
    ws.sync()

    assert proxy.counts["drop_response POST /auth/refresh"] == 1, dict(proxy.counts)
    assert ws.user.online and keystore.load_refresh_token(ws.user.user_id) != used
    with httpx.Client(base_url=live_server.url) as http:
        assert _alive(http, ws.user.access or "")
    ws.sync()  # and it goes on syncing


def test_a_lost_login_answer_is_retried_with_a_fresh_device_proof(
    site: Site, make_proxy: Callable[..., FaultProxy], open_workstation: Callable[..., Workstation],
) -> None:  # fmt: skip
    """The server took the first proof's nonce, the answer was lost: the retry proves afresh."""
    proxy = make_proxy(paths=("/auth/login",))
    ws = open_workstation(proxy.url, site.ward_id)
    ws.login(site.nurse, CHAOS_PASSWORD)  # the first login claims the device id with its key
    ws.logout()
    proxy.set_faults(None, script=["drop_response"])
    session = ws.login(site.nurse, CHAOS_PASSWORD)

    assert proxy.counts["drop_response POST /auth/login"] == 1, dict(proxy.counts)
    assert session.online
