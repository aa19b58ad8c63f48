"""Fixtures of the chaos suite: a ward with its staff on the live server, fault proxies,
workstations behind them, and the cursor log the invariants read."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from sqlalchemy import Engine

from offline_cache.workstation import Workstation
from tests.chaos.fault_proxy import FaultProxy
from tests.chaos.invariants import CursorLog
from tests.support.live_server import LiveServer
from workstation.security.passwords import hash_password
from workstation.server import auth, refdata
from workstation.server.db import writer

PASSWORD = "chaos-pass-1"
# Short timeouts and backoff so that a fault costs milliseconds, not the production seconds.
FAST_LINK = {"attempts": 3, "base_delay": 0.01, "timeout": 1.0}
SLOW_FAULT_SECONDS = 1.5  # longer than FAST_LINK["timeout"]


@dataclass(frozen=True)
class Site:
    """One ward and the usernames of its staff on the server."""

    ward_id: str
    physician: str
    nurse: str
    second_physician: str


@functools.cache
def _password_hash(password: str) -> str:
    return hash_password(password)


def add_site(engine: Engine, ward_id: str) -> Site:
    """Create a ward with two physicians and a nurse (all with PASSWORD).

    The argon2 hash of PASSWORD is made once per run and reused: hashing costs most of a second."""
    suffix = ward_id.lower()
    site = Site(ward_id, f"doc-{suffix}", f"nurse-{suffix}", f"doc2-{suffix}")
    with writer(engine) as conn, mock.patch.object(auth, "hash_password", _password_hash):
        refdata.add_ward(
            conn,
            ward_id=ward_id,
            name_en=f"Ward {ward_id}",
            name_zh=f"病区{ward_id}",
            beds=["1", "2"],
        )
        for username, role in (
            (site.physician, "physician"),
            (site.nurse, "nurse"),
            (site.second_physician, "physician"),
        ):
            auth.add_user(
                conn,
                username=username,
                password=PASSWORD,
                display_name=username,
                role=role,
                wards=[ward_id],
            )
        refdata.publish_directory(conn)
    return site


@pytest.fixture
def site(server_engine: Engine) -> Site:
    """Ward W1 with its staff."""
    return add_site(server_engine, "W1")


@pytest.fixture
def make_proxy(live_server: LiveServer) -> Iterator[Callable[..., FaultProxy]]:
    """Start fault proxies in front of the live server; all are stopped after the test."""
    proxies: list[FaultProxy] = []

    def make(seed: int = 0, **options: Any) -> FaultProxy:
        options.setdefault("slow_seconds", SLOW_FAULT_SECONDS)
        proxy = FaultProxy(live_server.port, seed=seed, **options).start()
        proxies.append(proxy)
        return proxy

    yield make
    for proxy in proxies:
        proxy.stop()


@pytest.fixture
def open_workstation(tmp_path: Path) -> Iterator[Callable[..., Workstation]]:
    """Open workstations with fast retry settings; all are closed after the test."""
    opened: list[Workstation] = []
    numbers = itertools.count(1)

    def open_ws(server_url: str, ward_id: str, *, data_dir: Path | None = None) -> Workstation:
        ws = Workstation.open(data_dir or tmp_path / f"ws{next(numbers)}", server_url=server_url,
                              ward_id=ward_id, **FAST_LINK)  # fmt: skip
        opened.append(ws)
        return ws

    yield open_ws
    for ws in opened:
        ws.close()


@pytest.fixture
def cursor_log() -> CursorLog:
    """Where every workstation's pull cursor was after each sync."""
    return CursorLog()
