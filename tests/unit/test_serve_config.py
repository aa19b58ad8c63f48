"""The server keeps a station's connection open longer than the station waits between syncs, so
a sync never goes out on a connection the server is closing."""

from __future__ import annotations

from ui.screens.shell.controller import SYNC_INTERVAL_MS
from workstation.server.config import ServerConfig
from workstation.server.serve import _uvicorn_config


def test_keep_alive_outlasts_the_stations_sync_interval() -> None:
    config = _uvicorn_config(object(), "127.0.0.1", 8765, "warning", ServerConfig())
    assert config.timeout_keep_alive > SYNC_INTERVAL_MS / 1000
    assert config.timeout_keep_alive > 5  # the load brief's 5 s polls, and uvicorn's default
