"""Fixtures of the security tests: the server app in this process (so a test can set its login
policy and trusted proxies), its staff, the chaos suite's fault proxy and workstations, the UI
fixtures (a real server over a small ward, stations on it) for the station's tests, and the API
in-process (Starlette's TestClient over ASGI) for the fuzzers, on SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from tests.chaos.conftest import make_proxy, open_workstation, site  # noqa: F401 - fixtures
from tests.security.fuzz_events import FuzzStation
from tests.support import ward as ward_support
from tests.support.ward import PASSWORD as WARD_PASSWORD
from tests.support.ward import seed_ward
from tests.ui.conftest import chinese, open_station, ward_server  # noqa: F401 - pytest fixtures
from workstation.security import signing
from workstation.server import refdata
from workstation.server.app import create_app
from workstation.server.app_settings import AppSettings
from workstation.server.auth import add_user
from workstation.server.db import writer
from workstation.server.embedded import EmbeddedServer
from workstation.server.login_throttle import LoginPolicy

PASSWORD = "ward-3-night-shift"
WRONG = "not-the-password"
PROXY = "127.0.0.1"  # the test client connects from here; trusted, it may name other addresses
NURSE, DOCTOR = "nurse_wang", "dr_li"


@pytest.fixture
def staff(server_engine: Engine) -> dict[str, str]:
    """Ward W3 with a nurse and a physician; their user ids by user name."""
    with writer(server_engine) as conn:
        refdata.add_ward(conn, ward_id="W3", name_en="Ward 3", name_zh="三病区", beds=["1"])
        ids = {
            name: add_user(
                conn, username=name, password=PASSWORD, display_name=name, role=role, wards=["W3"]
            )
            for name, role in ((NURSE, "nurse"), (DOCTOR, "physician"))
        }
        refdata.publish_directory(conn)
    return ids


@pytest.fixture
def serve(server_engine: Engine, database_url: str) -> Iterator[Callable[..., httpx.Client]]:
    """Start the app over this test's database with a login policy; an HTTP client to it."""
    running: list[tuple[EmbeddedServer, httpx.Client]] = []

    def start(
        policy: LoginPolicy | None = None, *, trusted: tuple[str, ...] = (PROXY,)
    ) -> httpx.Client:
        app = create_app(server_engine, AppSettings(trusted_proxies=trusted, login_policy=policy))
        server = EmbeddedServer(database_url, app=app).start()
        client = httpx.Client(base_url=server.url, timeout=60.0)
        running.append((server, client))
        return client

    yield start
    for server, client in running:
        client.close()
        server.stop()


def login(
    http: httpx.Client, username: str, password: str = PASSWORD, *, address: str | None = None
) -> httpx.Response:
    """POST /auth/login, from `address` as a trusted proxy names it (or from the test itself)."""
    headers = {"X-Forwarded-For": address} if address else {}
    body = {"username": username, "password": password, "device_id": "ws-1"}
    return http.post("/auth/login", json=body, headers=headers)


@pytest.fixture
def ward(server_engine: Engine) -> ward_support.TestWard:
    """Wards CARD and RESP with one user of each clinical role."""
    return seed_ward(server_engine)


@pytest.fixture
def api(server_engine: Engine, ward: ward_support.TestWard) -> Iterator[TestClient]:
    """The app over ASGI; a server error comes back as a 500 response, not as an exception."""
    with TestClient(create_app(server_engine), raise_server_exceptions=False) as client:
        yield client


def station(api: TestClient, username: str, device_id: str) -> FuzzStation:
    """Log username in on device_id (registering a signing key, as a station does), the device
    registered to the user's first ward."""
    private_key = signing.new_private_key()
    answer = api.post("/auth/login", json={
        "username": username, "password": WARD_PASSWORD, "device_id": device_id,
        "signing_key": signing.public_key_of(private_key),
    })  # fmt: skip
    assert answer.status_code == 200, answer.text
    body = answer.json()
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    ward_id = body["user"]["wards"][0]
    registered = api.post("/devices/register", json={"ward_id": ward_id}, headers=headers)
    assert registered.status_code == 200, registered.text
    return FuzzStation(body["user"]["user_id"], device_id, headers, private_key)
