"""The test servers' port is theirs from the moment it is chosen (no "address already in use"
when another connection grabs it before the server process starts), and a stopped server refuses."""

from __future__ import annotations

import socket

import httpx
import pytest

from tests.support.live_server import LiveServer


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_chosen_port_is_held_until_the_server_listens_and_freed_when_it_stops(
    server_engine, database_url, tmp_path
) -> None:
    server = LiveServer(database_url, log_dir=tmp_path)
    try:
        with socket.socket() as intruder, pytest.raises(OSError):  # an outgoing connection's end
            intruder.bind(("127.0.0.1", server.port))
        with pytest.raises(httpx.ConnectError):  # held, yet nothing answers before it starts
            httpx.get(f"{server.url}/healthz", timeout=2)
        server.start()
        assert httpx.get(f"{server.url}/healthz", timeout=5).status_code == 200
        server.stop()
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"{server.url}/healthz", timeout=2)
        server.start()  # again on the same port
        assert httpx.get(f"{server.url}/healthz", timeout=5).status_code == 200
    finally:
        server.stop()
