"""Finding 9: files 0600, SQL parameters never in an error or a log, /metrics behind a token or
loopback."""

from __future__ import annotations

import logging
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert
from sqlalchemy.exc import IntegrityError

from tests.security.support import run_cli, write_config
from tests.support.live_server import LiveServer
from workstation.server.app import create_app
from workstation.server.app_settings import AppSettings
from workstation.server.db import writer
from workstation.server.models import server_meta

SECRET = "王秀英-ID-110101195001011234"


def _open_to_others(folder: Path) -> list[str]:
    return [f"{p} {stat.S_IMODE(p.stat().st_mode):04o}" for p in folder.rglob("*")
            if p.is_file() and p.stat().st_mode & 0o077]  # fmt: skip


def test_every_file_written_by_init_serve_backup_and_print_is_0600(tmp_path: Path) -> None:
    data = tmp_path / "srv"
    config_file = write_config(data, f"sqlite:///{data / 'server.db'}")
    config_file.chmod(0o600)
    assert run_cli("init", "--config", str(config_file), "--demo").returncode == 0
    (data / "out").mkdir()
    backup = run_cli("backup", "--config", str(config_file), "--to", str(data / "out" / "b.gz"))
    assert backup.returncode == 0, backup.stderr
    printed = run_cli("print", "stock", "--config", str(config_file), "--out",
                      str(data / "out" / "stock.pdf"))  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    server = subprocess.Popen(
        [sys.executable, "-m", "workstation.server.cli", "serve", "--config", str(config_file),
         "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        preexec_fn=lambda: os.umask(0o022),
    )  # fmt: skip
    assert server.stdout is not None
    server.stdout.readline()  # "serving ...": the checkpoint at start is written before it
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
    written = {p.name for p in data.rglob("*") if p.is_file()}
    assert {"server.db", "audit.key", "checkpoint.key", "b.gz", "stock.pdf",
            "audit-checkpoints.jsonl"} <= written, written  # fmt: skip
    assert _open_to_others(data) == []


def test_sql_parameters_never_reach_an_error_or_the_log(
    server_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(IntegrityError) as raised, writer(server_engine) as conn:
        conn.execute(insert(server_meta).values(key="epoch", value=SECRET))  # a duplicate key
    assert SECRET not in str(raised.value) and SECRET not in repr(raised.value)
    assert SECRET not in caplog.text
    assert "hidden due to hide_parameters" in str(raised.value)


def test_metrics_need_the_token_when_one_is_set(server_engine: Engine) -> None:
    client = TestClient(create_app(server_engine, AppSettings(metrics_token="s3cret-token")))
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"authorization": "Bearer wrong"}).status_code == 401
    allowed = client.get("/metrics", headers={"authorization": "Bearer s3cret-token"})
    assert allowed.status_code == 200 and "cw_request_seconds" in allowed.text


def test_metrics_without_a_token_answer_only_a_loopback_peer(
    server_engine: Engine, live_server: LiveServer
) -> None:
    remote = TestClient(create_app(server_engine))  # its peer is "testclient", not loopback
    assert remote.get("/metrics").status_code == 404
    assert httpx.get(f"{live_server.url}/metrics").status_code == 200
    proxied = httpx.get(f"{live_server.url}/metrics", headers={"x-forwarded-for": "10.1.2.3"})
    assert proxied.status_code == 404
