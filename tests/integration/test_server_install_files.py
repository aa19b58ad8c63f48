"""The server's installation files: the systemd units verify, and the shipped HAProxy configuration
keeps answering when one of the two server processes dies."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from tests.support.live_server import LiveServer
from tests.support.proxy import Proxy

SERVER_FILES = Path(__file__).resolve().parents[2] / "installer" / "server"
INSTALLED_COMMAND = "/opt/clinical-workstation-server/.venv/bin/workstation-server"
UNITS = (
    "clinical-workstation-server@.service", "clinical-workstation-backup.service",
    "clinical-workstation-backup.timer", "clinical-workstation-pgbackrest-full.service",
    "clinical-workstation-pgbackrest-full.timer", "clinical-workstation-pgbackrest-diff.service",
    "clinical-workstation-pgbackrest-diff.timer",
)  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_the_systemd_units_verify_without_a_warning(tmp_path: Path) -> None:
    command = str(Path(sys.executable).with_name("workstation-server"))
    checked = []
    for name in UNITS:
        text = (SERVER_FILES / name).read_text(encoding="utf-8")
        assert name.endswith(".timer") or "pgbackrest" in name or INSTALLED_COMMAND in text
        target = tmp_path / name.replace("@.", "@8765.")  # an instance of the template
        target.write_text(text.replace(INSTALLED_COMMAND, command), encoding="utf-8")
        checked.append(str(target))
    done = subprocess.run(["systemd-analyze", "verify", "--man=no", *checked],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr


@pytest.fixture
def two_servers(
    server_engine: Engine, database_url: str, tmp_path: Path
) -> Iterator[list[LiveServer]]:
    folders = [tmp_path / "s1", tmp_path / "s2"]
    for folder in folders:
        folder.mkdir()
    servers = [LiveServer(database_url, log_dir=folder).start() for folder in folders]
    yield servers
    for server in servers:
        server.stop()


@pytest.mark.skipif(
    shutil.which("haproxy") is None, reason="needs haproxy (installer/dev-setup.sh)"
)
def test_haproxy_keeps_answering_when_one_server_process_dies(
    two_servers: list[LiveServer], tmp_path: Path
) -> None:
    proxy = Proxy(tmp_path, _free_port(), (two_servers[0].port, two_servers[1].port)).start()
    try:
        with httpx.Client(base_url=proxy.url, timeout=5) as client:
            two_servers[0].kill()  # a crash: no goodbye, requests may be in flight
            answers = [client.get("/readyz").status_code for _ in range(40)]
    finally:
        proxy.stop()
    assert answers == [200] * 40
