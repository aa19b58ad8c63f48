"""The API in-process (Starlette's TestClient over ASGI) on the test's database, SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from tests.security.fuzz_events import FuzzStation
from tests.support import ward as ward_support
from tests.support.ward import PASSWORD, seed_ward
from workstation.server.app import create_app


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
    """Log username in on device_id, registered to the user's first ward."""
    answer = api.post(
        "/auth/login", json={"username": username, "password": PASSWORD, "device_id": device_id}
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    ward_id = body["user"]["wards"][0]
    registered = api.post("/devices/register", json={"ward_id": ward_id}, headers=headers)
    assert registered.status_code == 200, registered.text
    return FuzzStation(body["user"]["user_id"], device_id, headers)
