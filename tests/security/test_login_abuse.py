"""Finding 6, login abuse: throttling with 429 and Retry-After, no user enumeration by timing,
a lock an attacker cannot turn against the real user, and argon2 work bounded under a flood."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx
import pytest
from argon2 import PasswordHasher, profiles
from sqlalchemy import Engine, select, update

from tests.security.conftest import DOCTOR, NURSE, PASSWORD, WRONG, login
from workstation.clock import iso, utc_now
from workstation.server import auth, cli
from workstation.server.db import writer
from workstation.server.login_throttle import LoginPolicy
from workstation.server.models import audit_log, login_throttle, users

ATTACKER, WARD_PC = "10.20.0.66", "10.20.0.12"
# the address brake off, the account lock at four failures: the tests of the lock
LOCK_AT_FOUR = LoginPolicy(address_free_failures=1_000, account_lock_failures=4)
NO_BRAKES = LoginPolicy(address_free_failures=10**6, account_lock_failures=10**6)


def _actions(engine: Engine) -> list[str]:
    with writer(engine) as conn:
        return list(
            conn.execute(select(audit_log.c.action).order_by(audit_log.c.audit_id)).scalars()
        )


def test_failures_from_one_address_answer_429_with_retry_after(
    serve: Callable[..., httpx.Client], staff: dict[str, str], server_engine: Engine
) -> None:
    http = serve(LoginPolicy(address_free_failures=3, address_first_delay_seconds=60))
    for _try in range(4):  # three free failures, the fourth makes the address wait a minute
        assert login(http, NURSE, WRONG, address=ATTACKER).status_code == 401
    throttled = login(http, NURSE, address=ATTACKER)  # even the right password waits
    assert (throttled.status_code, throttled.json()["error"]) == (429, "throttled")
    assert 1 <= int(throttled.headers["Retry-After"]) <= 60
    assert login(http, DOCTOR, address=ATTACKER).status_code == 429  # the address, any account
    assert _actions(server_engine).count("login_throttled") == 2


def test_the_attacker_cannot_choose_their_address(
    serve: Callable[..., httpx.Client], staff: dict[str, str]
) -> None:
    """X-Forwarded-For from a peer that is no trusted proxy is ignored."""
    http = serve(LoginPolicy(address_free_failures=2, address_first_delay_seconds=60), trusted=())
    for number in range(3):
        login(http, NURSE, WRONG, address=f"10.9.9.{number}")
    assert login(http, NURSE, address="10.9.9.200").status_code == 429


def test_an_attack_from_one_address_does_not_stop_the_nurse_at_her_ward_pc(
    serve: Callable[..., httpx.Client], staff: dict[str, str]
) -> None:
    http = serve(LoginPolicy(address_free_failures=3, address_first_delay_seconds=60))
    answers = [login(http, NURSE, WRONG, address=ATTACKER).status_code for _ in range(8)]
    assert answers[:4] == [401] * 4 and set(answers[4:]) == {429}
    assert login(http, NURSE, address=WARD_PC).status_code == 200


def test_account_lock_spares_other_addresses_and_is_lifted_by_an_admin(
    serve: Callable[..., httpx.Client], staff: dict[str, str], database_url: str
) -> None:
    http = serve(LOCK_AT_FOUR)
    for _try in range(4):
        assert login(http, NURSE, WRONG, address=ATTACKER).status_code == 401
    locked = login(http, NURSE, address=ATTACKER)
    assert (locked.status_code, locked.json()["error"]) == (429, "locked")
    assert int(locked.headers["Retry-After"]) > 60 * 25  # the lock lasts 30 minutes
    assert login(http, NURSE, address=WARD_PC).status_code == 200  # her own PC still gets in
    assert login(http, "nobody_here", WRONG, address=WARD_PC).status_code == 401

    assert cli.main(["user", "unlock", "--database", database_url, "--username", NURSE]) == 0
    assert login(http, NURSE, address=ATTACKER).status_code == 200


def test_account_lock_runs_out_and_a_password_reset_clears_it(
    serve: Callable[..., httpx.Client], staff: dict[str, str], server_engine: Engine
) -> None:
    http = serve(LOCK_AT_FOUR)
    for _try in range(4):
        login(http, NURSE, WRONG, address=ATTACKER)
    assert login(http, NURSE, address=ATTACKER).status_code == 429
    with writer(server_engine) as conn:  # half an hour passes
        conn.execute(update(login_throttle).where(login_throttle.c.blocked_until.is_not(None))
                     .values(blocked_until=iso(utc_now() - timedelta(seconds=1))))  # fmt: skip
    assert login(http, NURSE, address=ATTACKER).status_code == 200

    for _try in range(4):
        login(http, DOCTOR, WRONG, address=ATTACKER)
    assert login(http, DOCTOR, address=ATTACKER).status_code == 429
    with writer(server_engine) as conn:
        auth.reset_password(conn, DOCTOR, PASSWORD)
    assert login(http, DOCTOR, address=ATTACKER).status_code == 200


def test_unknown_and_known_users_take_the_same_time(
    serve: Callable[..., httpx.Client], staff: dict[str, str]
) -> None:
    http = serve(NO_BRAKES)
    timings: dict[str, list[float]] = {"unknown": [], "known": []}
    for attempt in range(60):
        for kind, name in (("unknown", "no_such_nurse"), ("known", NURSE)):
            started = time.perf_counter()
            assert login(http, name, WRONG).status_code == 401
            if attempt >= 5:  # warm-up
                timings[kind].append(time.perf_counter() - started)
    unknown, known = (statistics.median(timings[k]) for k in ("unknown", "known"))
    assert abs(unknown - known) / max(unknown, known) < 0.20, (unknown, known)


def test_a_login_flood_runs_at_most_two_argon2_checks_at_once(
    serve: Callable[..., httpx.Client], staff: dict[str, str], server_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """Twenty logins at once against a production-strength hash (64 MiB each)."""
    strong = PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY).hash(PASSWORD)
    with writer(server_engine) as conn:
        conn.execute(update(users).where(users.c.username == NURSE).values(password_hash=strong))
    running, peak, lock = [0], [0], threading.Lock()
    real_verify = auth.verify_password

    def counted(stored: str, password: str) -> bool:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        try:
            return real_verify(stored, password)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(auth, "verify_password", counted)
    http = serve(LoginPolicy(address_free_failures=10**6, account_lock_failures=10**6,
                             concurrent_verifications=2, slot_wait_seconds=0.2))  # fmt: skip
    with ThreadPoolExecutor(20) as pool:
        answers = list(
            pool.map(lambda n: login(http, NURSE, WRONG, address=f"10.1.0.{n}"), range(20))
        )
    statuses = [a.status_code for a in answers]
    assert peak[0] <= 2, peak
    assert set(statuses) <= {401, 503} and statuses.count(503) >= 1, statuses
    busy = next(a for a in answers if a.status_code == 503)
    assert busy.json()["error"] == "busy" and int(busy.headers["Retry-After"]) >= 1
    assert http.get("/healthz").status_code == 200
    assert login(http, DOCTOR).status_code == 200  # the server stays up and serves logins


def test_a_client_header_line_before_the_proxys_cannot_choose_the_address(
    serve: Callable[..., httpx.Client], staff: dict[str, str]
) -> None:
    """HAProxy's `option forwardfor` (installer/server/haproxy.cfg) adds its own X-Forwarded-For
    line after any the client sent; the lines are one list in order (RFC 9110 §5.3), so the
    address is the proxy's last hop, never the client's own first line."""
    http = serve(LoginPolicy(address_free_failures=2, address_first_delay_seconds=60))

    def behind_haproxy(spoofed: str) -> httpx.Response:
        headers = [("X-Forwarded-For", spoofed), ("X-Forwarded-For", ATTACKER)]
        body = {"username": NURSE, "password": WRONG, "device_id": "ws-1"}
        return http.post("/auth/login", json=body, headers=headers)

    answers = [behind_haproxy(f"10.9.9.{number}").status_code for number in range(4)]
    assert answers[:3] == [401] * 3 and answers[3] == 429
