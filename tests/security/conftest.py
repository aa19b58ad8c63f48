"""Fixtures of the security tests: the server app in this process (so a test can set its login
policy and trusted proxies), its staff, the chaos suite's fault proxy and workstations, and the
UI fixtures (a real server over a small ward, stations on it) for the station's tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from sqlalchemy import Engine

from tests.chaos.conftest import make_proxy, open_workstation, site  # noqa: F401 - fixtures
from tests.ui.conftest import chinese, open_station, ward_server  # noqa: F401 - pytest fixtures
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
